"""The fast CSV path (graph_loader.fastcsv) against the line-exact reader.

The fast path may only ever accept data, and then must build the very dataset the
line-exact reader builds: every actor, relationship and source equal field by field,
types included. On anything else it declines and ``validate`` reports what the line-exact
reader reports. Each good dataset here is checked to be *accepted* by the fast path (else
the comparison would compare the line-exact reader with itself), and each bad one to be
declined. tests/test_fastcsv_forced.py runs the validation tests with the path forced on.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA_DIR, FIXTURES, hostile_data
from test_validation import CASES, SOURCE_TXT, append, edit

from graph_loader import fastcsv
from graph_loader.model import Actor, Dataset, Relationship, Source
from graph_loader.schema import load_schema
from graph_loader.validation import MAX_EVIDENCE_WORDS, validate

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # benchmarks/ is a top-level package of the checkout
    sys.path.insert(0, _ROOT)

from benchmarks.generate import generate  # noqa: E402

#: r3's quote in the good fixture, over three lines; on one line the fast path accepts it.
R3 = "France,\nRussia, and the United States, has been\nactively involved"


def same(a: Any, b: Any, where: str = "dataset") -> None:
    """Assert ``a`` and ``b`` are equal field by field, with the same types throughout."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{where}: {len(a)} != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{where}: other keys or order"
        for k in a:
            same(a[k], b[k], f"{where}[{k!r}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def fast_read(data: Path, source_text: str | None = None) -> Dataset:
    """The fast path's dataset; fails the test if it declines."""
    from graph_loader.validation import QuoteIndex

    quotes = QuoteIndex(source_text) if source_text is not None else None
    try:
        return fastcsv.read_dataset(data, load_schema(data / "schema.yaml"), quotes)
    except fastcsv.Declined as exc:
        pytest.fail(f"the fast path declined: {exc}")


def declined(data: Path) -> str:
    """The fast path's reason to decline ``data``; fails the test if it accepts it."""
    with pytest.raises(fastcsv.Declined) as info:
        fastcsv.read_dataset(data, load_schema(data / "schema.yaml"), None)
    return str(info.value)


def both_paths(data: Path, source_text: str | None = None) -> tuple[Any, list[str]]:
    """validate with the fast path forced on and off: the same dataset and issues."""
    on, on_issues = validate(data, source_text, fast=True)
    off, off_issues = validate(data, source_text, fast=False)
    assert [str(i) for i in on_issues] == [str(i) for i in off_issues]
    same(on, off)
    return on, [str(i) for i in on_issues]


@pytest.fixture()
def flat(fixture_copy: Callable[[str], Path]) -> Path:
    """The good fixture with r3's quote on one line (r4 on line 5, r5 on 6)."""
    d = fixture_copy("good")
    edit(d / "relationships.csv", R3, R3.replace("\n", " "))
    return d


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated data of size S (1,000 actors, 5,000 relationships)."""
    return generate(tmp_path_factory.mktemp("S"), 1_000, 5_000, seed=3)


# --------------------------------------------------------------------------- the same dataset


def test_shipped_data(data_dir: Path) -> None:
    same(fast_read(data_dir), validate(data_dir, fast=False)[0])


def test_shipped_data_with_the_quote_check(data_dir: Path) -> None:
    text = FIXTURES / "source.txt"  # not the paper: every quote fails the check
    ds, issues = both_paths(data_dir, text.read_text(encoding="utf-8"))
    assert ds is None and issues


def test_generated_data(small: Path) -> None:
    ds = fast_read(small)
    same(ds, validate(small, fast=False)[0])
    assert len(ds.relationships) == 5_000


def test_hostile_fixture(tmp_path: Path) -> None:
    d = hostile_data(tmp_path / "hostile")
    assert "several lines" in declined(d)  # a note over two lines
    ds, issues = both_paths(d)
    assert issues == [] and ds is not None
    edit(d / "relationships.csv", '"line one\nline two"', '"line one, line two"')
    ds = fast_read(d)
    same(ds, validate(d, fast=False)[0])
    assert any("<" in a.name for a in ds.actors.values())
    assert any('""' not in r.evidence and '"' in r.evidence for r in ds.relationships)


def test_good_fixture_on_one_line(flat: Path) -> None:
    same(fast_read(flat, SOURCE_TXT), validate(flat, SOURCE_TXT, fast=False)[0])


def test_good_fixture_is_read_line_by_line(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    assert "several lines" in declined(d)
    ds, issues = both_paths(d, SOURCE_TXT)
    assert issues == [] and [r.line for r in ds.relationships] == [2, 3, 4, 7, 8]


def test_the_records_are_the_models(small: Path) -> None:
    ds = fast_read(small)
    a, r, s = next(iter(ds.actors.values())), ds.relationships[0], next(iter(ds.sources.values()))
    for record in (a, r, s):  # built from columns: the same as from keywords
        same(record, type(record)(**{f.name: getattr(record, f.name)
                                     for f in dataclasses.fields(record)}))
    assert (type(a), type(r), type(s)) == (Actor, Relationship, Source)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.id = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------- unusual, valid


@pytest.mark.parametrize(
    ("change", "accepted"),
    [
        # Declined, read line by line.
        (lambda d: (d / "actors.csv").write_bytes(b"\xef\xbb\xbf" + (d / "actors.csv")
                                                  .read_bytes()), False),
        (lambda d: (d / "sources.csv").write_bytes((d / "sources.csv").read_bytes()
                                                   .replace(b"\n", b"\r\n")), False),
        (lambda d: append(d / "actors.csv", "\nun,United Nations,Organization,,,"), False),
        (lambda d: edit(d / "relationships.csv", "full-scale war", "full-scale\twar"), False),
        # A quote inside an unquoted cell: polars reads it as Python does (then Python's
        # reader confirms the line) or fails (declined), by version.
        (lambda d: edit(d / "actors.csv", "Russian Federation", 'Russian "Federation"'), None),
        (lambda d: edit(d / "relationships.csv", "id,source", " id ,source"), False),
        # Accepted, with the line-exact reader's values.
        (lambda d: edit(d / "relationships.csv", "r2,france,CHAIRS", " r2 , france ,  CHAIRS "),
         True),
        (lambda d: edit(d / "actors.csv", "Russia,State", "\u00a0Russia\u3000,State"), True),
        (lambda d: edit(d / "actors.csv", "russia,Russia", '"russia","Russia"'), True),
        (lambda d: edit(d / "actors.csv", "Russian Federation", '"Russian ""Federation"""'),
         True),
        (lambda d: (d / "sources.csv").write_text(
            "citation,id,url,year,kind\nThe paper,paper,,2024,article\nMaresca,maresca-1994,,,\n",
            encoding="utf-8"), True),
        (lambda d: (d / "sources.csv").write_bytes((d / "sources.csv").read_bytes()
                                                   .rstrip(b"\n")), True),
    ],
    ids=["bom", "crlf", "blank line", "tab", "quote in an unquoted cell", "header spaces",
         "spaces", "unicode spaces", "needless quotes", "escaped quotes", "header order",
         "no final newline"],
)
def test_unusual_but_valid(
    flat: Path, change: Callable[[Path], Any], accepted: bool | None
) -> None:
    change(flat)
    if accepted:
        fast_read(flat)
    elif accepted is not None:
        declined(flat)
    ds, issues = both_paths(flat)
    assert issues == [] and ds is not None


def test_stripping_is_pythons(flat: Path) -> None:
    edit(flat / "actors.csv", "Russia,State", "\u00a0Russia\u3000,State")
    assert fast_read(flat).actors["russia"].name == "Russia"


# --------------------------------------------------------------------------- the same errors


@pytest.mark.parametrize("case", list(CASES))
def test_each_error_on_both_paths(case: str, fixture_copy: Callable[[str], Path]) -> None:
    """The bad cases of tests/test_validation.py: the same issues with the path on and off."""
    file, old, new, expected = CASES[case]
    d = fixture_copy("good")
    append(d / file, new) if old is None else edit(d / file, old, new)
    assert both_paths(d)[1] == expected


@pytest.mark.parametrize("case", list(CASES))
def test_each_error_is_declined_by_its_check(case: str, flat: Path) -> None:
    """The same cases on data the fast path otherwise accepts: its own check declines."""
    file, old, new, _ = CASES[case]
    append(flat / file, new) if old is None else edit(flat / file, old, new)
    if file != "schema.yaml":  # a broken schema: the fast path is not tried
        declined(flat)
    ds, issues = both_paths(flat)
    assert ds is None and issues


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: edit(d / "relationships.csv", "Maresca 1994,implied,",
                        "Maresca 1994,implied,,extra"), "polars cannot read it"),
        (lambda d: edit(d / "actors.csv", "russia,Russia,State,Russian Federation,RUS,",
                        "russia,Russia,State"), "number of fields"),
        (lambda d: edit(d / "actors.csv", "russia,Russia,State,Russian Federation,RUS,",
                        'russia,Russia,State,"Russian Federation,RUS,'), ""),
        (lambda d: append(d / "sources.csv", 'x,"Smith" (2000),,,'), ""),
        (lambda d: (d / "actors.csv").write_bytes((d / "actors.csv").read_bytes()
                                                  .replace(b"France,State", b"Fr\xe4nce,State")),
         "utf-8"),
        (lambda d: (d / "sources.csv").write_text("", encoding="utf-8"), ""),
        (lambda d: (d / "sources.csv").unlink(), "cannot be read"),
        (lambda d: edit(d / "actors.csv", "France,State", "Fr\x1bance,State"), "control"),
        (lambda d: edit(d / "actors.csv", "France,State", "Fr\ufffeance,State"), "control"),
        (lambda d: edit(d / "actors.csv", "France,State", "France" + "x" * 10_001 + ",State"),
         "longer than"),
        (lambda d: edit(d / "relationships.csv", "The conflict erupted into full-scale war",
                        "\u00a0".join(["word"] * (MAX_EVIDENCE_WORDS + 1))), "too long"),
        (lambda d: edit(d / "sources.csv", "id,citation,kind,year,url",
                        "id,citation,kind,year,url,doi"), "header"),
        (lambda d: edit(d / "actors.csv", "id,name,kind,aliases,iso3,description",
                        "id,name,aliases,description"), "header"),
    ],
    ids=["too many fields", "too few fields", "unterminated quote", "bad quoting", "not utf-8",
         "empty file", "missing file", "control character", "U+FFFE", "long cell",
         "too many words (other spaces)", "unknown column", "missing columns"],
)
def test_bad_files_on_both_paths(flat: Path, change: Callable[[Path], Any], reason: str) -> None:
    change(flat)
    assert reason in declined(flat)
    ds, issues = both_paths(flat)
    assert ds is None and issues


@pytest.mark.parametrize("words", [MAX_EVIDENCE_WORDS, MAX_EVIDENCE_WORDS + 1])
def test_the_shortest_quote_with_too_many_words(flat: Path, words: int) -> None:
    """Words of one letter, one space apart: the fewest characters that many words take
    (the fast path counts the words of the quotes at least that long only)."""
    edit(flat / "relationships.csv", "The conflict erupted into full-scale war",
         " ".join(["w"] * words))
    if words > MAX_EVIDENCE_WORDS:
        assert "too long" in declined(flat)
        assert both_paths(flat)[1]
    else:
        same(fast_read(flat), validate(flat, fast=False)[0])


def test_time_fields_on_both_paths(flat: Path) -> None:
    """date_basis, contradicts and lifespans.csv (tests/test_validation_time.py): the fast
    path accepts good values, declines bad ones; the issues are the line-exact reader's."""
    from test_validation_time import set_columns

    values = {r: {"date_basis": "stated"} for r in ("r1", "r2", "r3", "r4", "r5")}
    values["r2"]["contradicts"] = "r3"
    set_columns(flat, values, ("date_basis", "contradicts"))
    (flat / "lifespans.csv").write_text(
        "actor,bound,date,evidence,section,source_ref,certainty,note\n"
        "soviet-union,end,1991,The Soviet Union ended,1,paper,stated,\n", encoding="utf-8")
    ds = fast_read(flat)
    same(ds, validate(flat, fast=False)[0])
    assert ds.actors["soviet-union"].end == "1991" and ds.relationships[1].contradicts == ("r3",)
    for bad in ({"r2": {"contradicts": "r2"}}, {"r2": {"date_basis": "guessed"}},
                {"r5": {"date_basis": ""}}, {"r3": {"date_basis": "context"}},
                {"r2": {"contradicts": "r9"}}):
        set_columns(flat, {r: {**values[r], **bad.get(r, {})} for r in values},
                    ("date_basis", "contradicts"))
        declined(flat)
        assert both_paths(flat)[1]
    set_columns(flat, values, ("date_basis", "contradicts"))
    edit(flat / "relationships.csv", "r4,osce,CONDEMNS,russia,1992-03,1992-03",
         "r4,osce,CONDEMNS,soviet-union,1992-03,1992-03")
    assert "2 issue(s) in all" in declined(flat)  # dated after the Soviet Union's end
    assert both_paths(flat)[1] == [
        "relationships.csv:5: start: start 1992-03 is after 'soviet-union' ends (its lifespan "
        "ends 1991, lifespans.csv:2)",
        "relationships.csv:5: end: end 1992-03 is after 'soviet-union' ends (its lifespan "
        "ends 1991, lifespans.csv:2)",
    ]


# --------------------------------------------------------------------------- choosing


def test_wanted(monkeypatch: pytest.MonkeyPatch, small: Path) -> None:
    monkeypatch.delenv(fastcsv.ENV, raising=False)
    assert not fastcsv.wanted(DATA_DIR) and fastcsv.wanted(DATA_DIR, True)
    assert not fastcsv.wanted(small)  # 1.3 MB
    monkeypatch.setattr(fastcsv, "MIN_BYTES", 1 << 20)
    assert fastcsv.wanted(small) and not fastcsv.wanted(small, False)
    monkeypatch.setenv(fastcsv.ENV, "0")
    assert not fastcsv.wanted(small) and fastcsv.wanted(small, True)
    monkeypatch.setenv(fastcsv.ENV, "1")
    assert fastcsv.wanted(DATA_DIR) and not fastcsv.wanted(DATA_DIR, False)
    monkeypatch.setenv(fastcsv.ENV, "yes")
    with pytest.warns(UserWarning, match="GRAPH_LOADER_FAST_CSV is 0, 1 or auto, not 'yes'"):
        assert fastcsv.wanted(small)  # auto: above the (lowered) threshold


def test_validate_without_polars_below_the_threshold(data_dir: Path) -> None:
    code = ("import sys; from graph_loader.validation import validate; "
            f"ds, _ = validate({str(data_dir)!r}); assert ds is not None; "
            "assert 'polars' not in sys.modules, 'polars imported'")
    env = {k: v for k, v in os.environ.items() if k != fastcsv.ENV}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=_ROOT, env={**env, "PYTHONPATH": _ROOT})
    assert done.returncode == 0, done.stderr


def test_fields_the_schema_adds(flat: Path) -> None:
    """A column schema.yaml's ``fields:`` adds (tests/test_fields.py): typed the same."""
    from test_fields import with_confidence

    with_confidence(flat, {"r1": "5", "r3": "2"})
    ds = fast_read(flat)
    same(ds, validate(flat, fast=False)[0])
    assert [r.extra for r in ds.relationships][:3] == [
        {"confidence": 5}, {"confidence": None}, {"confidence": 2}]
    with_confidence(flat, {"r1": "sure"})
    assert "'sure' is not a whole number" in declined(flat)
    assert both_paths(flat)[1] == ["relationships.csv:2: confidence: 'sure' is not a whole number"]
