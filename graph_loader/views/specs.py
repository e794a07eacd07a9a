"""The theme views: which relationship types each shows, under what title."""

from __future__ import annotations

from dataclasses import dataclass

from graph_loader.schema import Schema


@dataclass(frozen=True)
class ViewSpec:
    """Which relationships a view shows and how it colours them.

    Attributes
    ----------
    slug : str
        File name stem (``views/<slug>.html``).
    title : str
        Heading of the view.
    description : str
        One sentence under the heading (and on the index page).
    types : tuple of str or None
        Relationship types shown; ``None`` means all. Types missing from the schema
        are ignored.
    polarities : tuple of int or None
        Only types with these schema polarities (applied after ``types``).
    signed : bool
        Colour edges green (polarity +1) or red (-1) instead of by type.
    """

    slug: str
    title: str
    description: str
    types: tuple[str, ...] | None = None
    polarities: tuple[int, ...] | None = None
    signed: bool = False

    def type_names(self, schema: Schema) -> list[str]:
        """The schema's relationship types selected by this spec, in schema order."""
        out = []
        for name, rt in schema.relationship_types.items():
            if self.types is not None and name not in self.types:
                continue
            if self.polarities is not None and rt.polarity not in self.polarities:
                continue
            out.append(name)
        return out


#: The thematic views. The type lists are view configuration; colours and labels
#: come from the schema.
VIEW_SPECS: dict[str, ViewSpec] = {
    "full": ViewSpec(
        "full-network",
        "Full network",
        "Every actor and every relationship documented in the paper.",
    ),
    "mediation": ViewSpec(
        "mediation-membership",
        "Mediation and membership",
        "Who belongs to, chairs, leads or mediates through the OSCE (Minsk Group and "
        "Conference), the UN, the EU and the other organizations, and who brokered what.",
        types=(
            "MEMBER_OF", "PARTNER_OF", "CHAIRS", "CO_CHAIRS", "LEADS", "HOLDS_OFFICE",
            "APPOINTED", "MANDATES", "ESTABLISHED", "CONVENED", "PART_OF", "REPORTS_TO",
            "OVERSEES", "PARTICIPATES_IN", "REFUSED_TO_PARTICIPATE", "MEDIATES",
            "OFFERED_ASSISTANCE", "MONITORS", "BROKERED", "SIGNED", "DEFERS_TO",
            "FAVOURS_FORUM", "DEPLOYS_PEACEKEEPERS", "LEFT",
        ),
    ),
    "alliances": ViewSpec(
        "alliances-support",
        "Alliances and support",
        "Alliances, support, alignment, cooperation and aid between the actors.",
        types=(
            "ALLY_OF", "SUPPORTS", "ALIGNS_WITH", "COOPERATES_WITH", "PROVIDES_AID",
            "OFFERED_ASSISTANCE", "FAVOURS_FORUM", "PARTNER_OF",
        ),
    ),
    "signed": ViewSpec(
        "signed",
        "Signed network: cooperation and conflict",
        "Relationships with a polarity in the schema: cooperative ones (+1) in green, "
        "conflictual ones (-1) in red.",
        polarities=(1, -1),
        signed=True,
    ),
}
