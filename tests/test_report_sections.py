"""The report's rankings, arenas and balance sections on tiny graphs with known answers."""

from __future__ import annotations

from _graphs import SCHEMA, rel

from graph_loader.analyses import run_all
from graph_loader.graph import build_graph
from graph_loader.model import Actor, Dataset
from graph_loader.report import Section, build_sections


def _graph():
    actors = {x: Actor(x, x.upper(), "State") for x in ("arm", "aze", "rus")}
    actors["nato"] = Actor("nato", "NATO", "Organization")
    actors["p"] = Actor("p", "Peace process", "Process")
    rels = [
        rel("c1", "arm", "IN_CONFLICT_WITH", "aze", "1988", "2023"),
        rel("n1", "arm", "COOPERATES_WITH", "nato", "1994"),
        rel("n2", "aze", "ALIGNS_WITH", "nato"),
        rel("r1", "arm", "ALLY_OF", "rus", "1992"),
        rel("x1", "rus", "SEEKS_TO_EXCLUDE", "nato"),
        *(rel(f"m{x}", x, "PARTICIPATES_IN", "p") for x in ("arm", "aze", "rus", "nato")),
        rel("mp", "nato", "MEMBER_OF", "nato"),  # a self-loop is never a tie
    ]
    G = build_graph(Dataset(SCHEMA, actors=actors, relationships=rels))
    return G, run_all(G, SCHEMA, years=[])


def _section(sections: list[Section], title: str) -> Section:
    return next(s for s in sections if s.title == title)


def test_balance_names_each_unbalanced_triad_with_ties_dates_and_quotes() -> None:
    G, a = _graph()
    assert a.balance["triangles"] == 2 and a.balance["unbalanced"] == 2
    sec = _section(build_sections(G, a), "Structural balance")
    text = " ".join(sec.paragraphs)
    assert ("Unbalanced: ARM / AZE / NATO (++-). "
            "NATO has positive ties with both ARM and AZE") in text
    assert ("Unbalanced: ARM / NATO / RUS (++-). "
            "ARM has positive ties with both NATO and RUS") in text
    assert "Caught between two agents at odds: ARM, NATO." in text
    ties = next(t for t in sec.tables if t.header[:2] == ["Triangle", "Tie"])
    rows = {(r[0], r[3]): r for r in ties.rows}
    assert len(ties.rows) == 6  # three ties per triangle, one relationship each
    conflict = rows[("ARM / AZE / NATO", "ARM IN_CONFLICT_WITH AZE")]
    assert conflict[1:] == ["ARM – AZE", "−", "ARM IN_CONFLICT_WITH AZE", "1988–2023",
                            "“evidence for c1” (section 1)"]
    assert rows[("ARM / NATO / RUS", "ARM ALLY_OF RUS")][4] == "1992–"
    assert rows[("ARM / AZE / NATO", "AZE ALIGNS_WITH NATO")][4] == "undated"


def test_rankings_and_arenas_sections() -> None:
    G, a = _graph()
    sections = build_sections(G, a)
    cent = _section(sections, "Who matters: centrality")
    for table in cent.tables:
        assert "Peace process" not in {r[1] for r in table.rows}
        assert {r[2] for r in table.rows} <= {"State", "Organization"}
    degree = next(t for t in cent.tables if t.header[-3:] == ["in", "out", "symmetric"])
    for row in degree.rows:
        assert row[3] == row[4] + row[5] + row[6]
    nato = next(r for r in degree.rows if r[1] == "NATO")
    assert nato[3:] == [6, 3, 2, 1]  # in: n2, x1, mp; out: mnato, mp (the loop); sym: n1
    arenas = _section(sections, "Arenas and instruments")
    assert [r[1:7] for r in arenas.tables[0].rows] == [
        ["Peace process", "Process", 4, 4, 4, "participation 4"]]  # by family
