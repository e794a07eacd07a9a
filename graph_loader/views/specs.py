"""The theme views: which relationship types each shows, under what title.

The views between the full and the signed network are declared in schema.yaml
(``views:``); :func:`view_specs` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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


#: The views every build draws: the whole network first, the signed network last.
FULL = ViewSpec(
    "full-network",
    "Full network",
    "Every actor and every relationship documented in the paper.",
)
SIGNED = ViewSpec(
    "signed",
    "Signed network: cooperation and conflict",
    "The signed ties between agents (the types the schema declares signed: alliance, "
    "support, cooperation, alignment in green; conflict, rivalry, pressure, exclusion, "
    "condemnation in red). Memberships and participation are not signed ties.",
    polarities=(1, -1),
    signed=True,
)


def view_specs(schema: Schema) -> dict[str, ViewSpec]:
    """The theme views of a build, by name: the full network, the schema's ``views:``
    (the relationship types each shows), then the signed network.

    Parameters
    ----------
    schema : Schema
        Its ``views`` give the views between the full and the signed network.

    Returns
    -------
    dict of str to ViewSpec
        ``full``, the schema's views in file order, ``signed``.
    """
    declared = {
        name: ViewSpec(v.slug, v.title, v.description, types=v.types)
        for name, v in schema.views.items()
    }
    signed = replace(SIGNED, types=tuple(schema.signed_types()))
    return {"full": FULL, **declared, "signed": signed}
