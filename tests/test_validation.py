"""Validation of data directories: one test per class of error, with the exact message.

Each bad case starts from a copy of ``tests/fixtures/good`` and breaks it in
one place. Lines of the good fixture: actors.csv 2 azerbaijan, 3 france,
4 russia, 5 osce, 6 minsk-group, 7 soviet-union; relationships.csv 2 r1,
3 r2, 4-6 r3 (a quote spanning three lines), 7 r4, 8 r5; sources.csv 2 paper,
3 maresca-1994.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES

from graph_loader.dates import PartialDate
from graph_loader.model import Dataset
from graph_loader.validation import (
    MAX_EVIDENCE_WORDS,
    DataValidationError,
    QuoteIndex,
    ValidationIssue,
    load_dataset,
    validate,
)

SOURCE_TXT = (FIXTURES / "source.txt").read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the single occurrence of ``old`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def issues_of(data: Path, source_text: str | None = None) -> list[str]:
    ds, issues = validate(data, source_text)
    assert (ds is None) == bool(issues)
    return [str(i) for i in issues]


# --------------------------------------------------------------------------- good data


def test_good_fixture_is_valid() -> None:
    ds, issues = validate(FIXTURES / "good", SOURCE_TXT)
    assert issues == []
    assert isinstance(ds, Dataset)
    assert list(ds.actors) == [
        "azerbaijan", "france", "russia", "osce", "minsk-group", "soviet-union",
    ]  # fmt: skip
    assert [r.id for r in ds.relationships] == ["r1", "r2", "r3", "r4", "r5"]
    # A quoted field with commas and newlines keeps the record's start line,
    # and the records after it are numbered by their physical lines.
    assert [r.line for r in ds.relationships] == [2, 3, 4, 7, 8]
    assert ds.actors["azerbaijan"].aliases == ("Republic of Azerbaijan", "AZ")
    assert ds.actors["france"].aliases == ()
    assert ds.actors["soviet-union"].iso3 == "SUN"  # historic ISO code accepted
    r1, _, r3, r4, r5 = ds.relationships
    assert r1.start == PartialDate(1992, 1, 30) and r1.end is None
    assert r3.evidence.startswith("The Minsk Group, co-chaired by France,\nRussia")
    assert r3.cites == "Maresca (1994)" and r3.cites_ref == "maresca-1994"
    assert r3.certainty == "implied"
    assert (r4.start, r4.end) == (PartialDate(1992, 3), PartialDate(1992, 3))
    assert r5.start is None and r5.end == PartialDate(1991)
    assert ds.sources["maresca-1994"].year == "1994"


def test_load_dataset_returns_dataset() -> None:
    ds = load_dataset(FIXTURES / "good")
    assert len(ds.actors) == 6


def test_load_dataset_raises_with_issues(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "relationships.csv", "r2,france", "r2,frnace")
    with pytest.raises(DataValidationError) as err:
        load_dataset(d)
    assert [str(i) for i in err.value.issues] == [
        "relationships.csv:3: source: unknown actor 'frnace' (did you mean 'france'?)"
    ]
    assert "1 error in the data" in str(err.value)


def test_missing_data_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="does not exist"):
        validate(tmp_path / "nope")


def test_issue_str() -> None:
    issue = ValidationIssue("actors.csv", 3, "kind", "unknown kind 'X'")
    assert str(issue) == "actors.csv:3: kind: unknown kind 'X'"


# --------------------------------------------------------------------------- one error each

SLUG_MSG = "is not a lowercase slug (a-z, 0-9 and single hyphens, e.g. 'minsk-group')"
KINDS = "State, Organization, Body, Person"
TYPES = "MEMBER_OF, CHAIRS, ALLY_OF, CONDEMNS"
LONG = " ".join(["word"] * (MAX_EVIDENCE_WORDS + 1))

# (file, old text, new text, expected issues); old=None appends new as a line.
CASES: dict[str, tuple[str, str | None, str, list[str]]] = {
    "actor name missing": (
        "actors.csv", "france,France,State", "france,,State",
        ["actors.csv:3: name: required value is empty"],
    ),
    "actor kind missing": (
        "actors.csv", "france,France,State,", "france,France,,",
        ["actors.csv:3: kind: required value is empty"],
    ),
    "actor id not a slug": (
        "actors.csv", None, "Bad_Id,Bad,Organization,,,",
        [f"actors.csv:8: id: 'Bad_Id' {SLUG_MSG}"],
    ),
    "actor id with double hyphen": (
        "actors.csv", None, "bad--id,Bad,Organization,,,",
        [f"actors.csv:8: id: 'bad--id' {SLUG_MSG}"],
    ),
    "unknown kind": (
        "actors.csv", None, "nato,NATO,Alliance,,,",
        [f"actors.csv:8: kind: unknown kind 'Alliance'; allowed: {KINDS}"],
    ),
    "unknown kind, near miss": (
        "actors.csv", None, "un,United Nations,Organisation,,,",
        [
            "actors.csv:8: kind: unknown kind 'Organisation' (did you mean 'Organization'?); "
            f"allowed: {KINDS}"
        ],
    ),
    "duplicate actor id": (
        "actors.csv", None, "france,France again,State,,FRA,",
        ["actors.csv:8: id: duplicate id 'france'; first defined at line 3"],
    ),
    "iso3 on a kind without codes": (
        "actors.csv", None, "un,United Nations,Organization,,UNO,",
        [
            "actors.csv:8: iso3: only State actors carry an ISO 3166-1 alpha-3 code, "
            "not Organization"
        ],
    ),
    "state without iso3": (
        "actors.csv", None, "italy,Italy,State,,,",
        ["actors.csv:8: iso3: missing: every State carries an ISO 3166-1 alpha-3 code"],
    ),
    "cites names no source": (
        "relationships.csv", "Maresca 1994", "Maresca 1995",
        [
            "relationships.csv:7: cites: 'Maresca 1995' names no source: "
            "add a row with id 'maresca-1995' to sources.csv"
        ],
    ),
    "iso3 not a code": (
        "actors.csv", "FRA", "XFR",
        ["actors.csv:3: iso3: 'XFR' is not an ISO 3166-1 alpha-3 code"],
    ),
    "iso3 lower case": (
        "actors.csv", "FRA", "fra",
        ["actors.csv:3: iso3: 'fra' is not an ISO 3166-1 alpha-3 code (use upper case: 'FRA')"],
    ),
    "relationship field missing": (
        "relationships.csv", "full-scale war,2,paper", "full-scale war,,paper",
        ["relationships.csv:7: section: required value is empty"],
    ),
    "evidence empty": (
        "relationships.csv", "The conflict erupted into full-scale war", "",
        ["relationships.csv:7: evidence: required value is empty"],
    ),
    "evidence only spaces": (
        "relationships.csv", "The conflict erupted into full-scale war", '"   "',
        ["relationships.csv:7: evidence: required value is empty"],
    ),
    "duplicate relationship id": (
        "relationships.csv", "r5,azerbaijan", "r4,azerbaijan",
        ["relationships.csv:8: id: duplicate id 'r4'; first defined at line 7"],
    ),
    "unknown type": (
        "relationships.csv", "CONDEMNS", "CONDEMN",
        [
            "relationships.csv:7: type: unknown relationship type 'CONDEMN' "
            f"(did you mean 'CONDEMNS'?); allowed: {TYPES}"
        ],
    ),
    "unknown type, no near miss": (
        "relationships.csv", "CONDEMNS", "PRAISES",
        [f"relationships.csv:7: type: unknown relationship type 'PRAISES'; allowed: {TYPES}"],
    ),
    "dangling source": (
        "relationships.csv", "r2,france", "r2,frnace",
        ["relationships.csv:3: source: unknown actor 'frnace' (did you mean 'france'?)"],
    ),
    "dangling target": (
        "relationships.csv", "ALLY_OF,soviet-union", "ALLY_OF,ussr",
        ["relationships.csv:8: target: unknown actor 'ussr'"],
    ),
    "source of the wrong kind": (
        "relationships.csv", "r2,france", "r2,osce",
        [
            "relationships.csv:3: source: actor 'osce' is an Organization; "
            "CHAIRS allows State, Person"
        ],
    ),
    "target of the wrong kind": (
        "relationships.csv", "MEMBER_OF,osce", "MEMBER_OF,russia",
        [
            "relationships.csv:2: target: actor 'russia' is a State; "
            "MEMBER_OF allows Organization, Body"
        ],
    ),
    "start not a date": (
        "relationships.csv", "minsk-group,1997,", "minsk-group,97,",
        [
            "relationships.csv:3: start: '97' is not an ISO 8601 date "
            "(YYYY, YYYY-MM or YYYY-MM-DD)"
        ],
    ),
    "start month out of range": (
        "relationships.csv", "minsk-group,1997,", "minsk-group,1997-13,",
        ["relationships.csv:3: start: '1997-13' has month 13, not 01-12"],
    ),
    "end day out of range": (
        "relationships.csv", "1992-03,1992-03", "1992-02,1992-02-30",
        ["relationships.csv:7: end: '1992-02-30' has day 30, not 01-29"],
    ),
    "end before start": (
        "relationships.csv", "1995,1996", "1995,1994",
        ["relationships.csv:4: end: end 1994 is before start 1995"],
    ),
    "end month before start month": (
        "relationships.csv", "1992-03,1992-03", "1992-04,1992-03",
        ["relationships.csv:7: end: end 1992-03 is before start 1992-04"],
    ),
    "bad certainty": (
        "relationships.csv", "1,paper,,stated,", "1,paper,,likely,",
        ["relationships.csv:2: certainty: 'likely' is not one of: stated, implied"],
    ),
    "unknown source_ref": (
        "relationships.csv", "1,paper", "1,papr",
        [
            "relationships.csv:2: source_ref: unknown source 'papr' (did you mean 'paper'?); "
            "not an id in sources.csv"
        ],
    ),
    "evidence too long": (
        "relationships.csv", "The conflict erupted into full-scale war", LONG,
        [
            f"relationships.csv:7: evidence: quote has {MAX_EVIDENCE_WORDS + 1} words; "
            f"at most {MAX_EVIDENCE_WORDS} allowed (quote the shortest passage that supports "
            "the claim)"
        ],
    ),
    "citation missing": (
        "sources.csv", "maresca-1994,Maresca (1994)", "maresca-1994,",
        ["sources.csv:3: citation: required value is empty"],
    ),
    "duplicate source id": (
        "sources.csv", None, "paper,Another paper,,,",
        ["sources.csv:4: id: duplicate id 'paper'; first defined at line 2"],
    ),
    "schema structure": (
        "schema.yaml", '    color: "#1f77b4"\n', "",
        ["schema.yaml:5: schema: kind State: missing 'color'"],
    ),
    "schema polarity": (
        "schema.yaml", "polarity: -1", "polarity: 2",
        ["schema.yaml:47: schema: relationship type CONDEMNS: polarity must be -1, 0 or 1"],
    ),
    "schema yaml syntax": (
        "schema.yaml", "kinds:\n", "kinds: [\n",
        ["schema.yaml:6: yaml: expected ',' or ']', but got ':'"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_single_error(case: str, fixture_copy: Callable[[str], Path]) -> None:
    file, old, new, expected = CASES[case]
    d = fixture_copy("good")
    if old is None:
        append(d / file, new)
    else:
        edit(d / file, old, new)
    assert issues_of(d) == expected


def test_evidence_at_the_word_limit_is_fine(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    words = " ".join(["word"] * MAX_EVIDENCE_WORDS)
    edit(d / "relationships.csv", "The conflict erupted into full-scale war", words)
    assert issues_of(d) == []


@pytest.mark.parametrize(
    ("start", "end"),
    [("1992", "1992"), ("1992-03-15", "1992-03"), ("1992-03", "1992"), ("1992", "1992-01")],
)
def test_partial_dates_overlapping_are_fine(
    start: str, end: str, fixture_copy: Callable[[str], Path]
) -> None:
    d = fixture_copy("good")
    edit(d / "relationships.csv", "1992-03,1992-03", f"{start},{end}")
    assert issues_of(d) == []


def test_all_errors_at_once(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "relationships.csv", "r2,france", "r2,frnace")
    edit(d / "actors.csv", "FRA", "XFR")
    edit(d / "sources.csv", "maresca-1994,Maresca (1994)", "maresca-1994,")
    assert issues_of(d) == [
        "actors.csv:3: iso3: 'XFR' is not an ISO 3166-1 alpha-3 code",
        "relationships.csv:3: source: unknown actor 'frnace' (did you mean 'france'?)",
        "sources.csv:3: citation: required value is empty",
    ]


def test_several_errors_on_one_row_keep_column_order(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "relationships.csv", "r2,france,CHAIRS,minsk-group,1997", "r2,fr,CHAIR,mg,1997-00")
    assert issues_of(d) == [
        "relationships.csv:3: type: unknown relationship type 'CHAIR' (did you mean 'CHAIRS'?); "
        f"allowed: {TYPES}",
        "relationships.csv:3: source: unknown actor 'fr'",
        "relationships.csv:3: target: unknown actor 'mg'",
        "relationships.csv:3: start: '1997-00' has month 00, not 01-12",
    ]


# --------------------------------------------------------------------------- CSV files


def test_non_utf8_names_line_of_first_bad_byte(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    path = d / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"France,State", b"Fr\xe4nce,State"))
    # Reference checks against an unreadable actors.csv are skipped, not reported.
    assert issues_of(d) == ["actors.csv:3: file: not valid UTF-8 (byte 0xe4 at line 3)"]


def test_bom_is_accepted(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    for name in ("actors.csv", "relationships.csv", "sources.csv"):
        path = d / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    ds, issues = validate(d)
    assert issues == [] and ds is not None
    assert "azerbaijan" in ds.actors  # the BOM did not stick to the first column's name


def test_crlf_is_accepted_and_lines_are_counted(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    for name in ("actors.csv", "relationships.csv", "sources.csv"):
        path = d / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    ds, issues = validate(d)
    assert issues == [] and ds is not None
    assert [r.line for r in ds.relationships] == [2, 3, 4, 7, 8]
    assert "\r" not in ds.relationships[2].evidence.replace("\r\n", "")
    edit(d / "relationships.csv", "r5,azerbaijan", "r5,azerbaijn")
    assert issues_of(d) == [
        "relationships.csv:8: source: unknown actor 'azerbaijn' (did you mean 'azerbaijan'?)"
    ]


def test_line_numbers_after_multiline_quote(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    # r3 spans lines 4-6: a quote with commas and newlines.
    edit(d / "relationships.csv", "r4,osce", "r4,osc")
    assert issues_of(d) == [
        "relationships.csv:7: source: unknown actor 'osc' (did you mean 'osce'?)"
    ]


def test_values_are_stripped(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "relationships.csv", "r2,france,CHAIRS", " r2 , france ,  CHAIRS ")
    ds, issues = validate(d)
    assert issues == [] and ds is not None
    assert (ds.relationships[1].id, ds.relationships[1].source) == ("r2", "france")


def test_blank_lines_are_skipped(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    append(d / "actors.csv", "")
    append(d / "actors.csv", "un,United Nations,Organization,,,")
    ds, issues = validate(d)
    assert issues == [] and ds is not None
    assert ds.actors["un"].line == 9


def test_empty_file(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    (d / "sources.csv").write_text("", encoding="utf-8")
    assert issues_of(d) == [
        "sources.csv:1: file: file is empty; expected header: id,citation,kind,year,url"
    ]


def test_missing_file(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    (d / "sources.csv").unlink()
    assert issues_of(d) == [
        "sources.csv:0: file: file not found; expected header: id,citation,kind,year,url"
    ]


def test_missing_schema(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    (d / "schema.yaml").unlink()
    # Kind and type checks need the schema; everything else is still checked.
    edit(d / "relationships.csv", "r2,france", "r2,frnace")
    assert issues_of(d) == [
        "relationships.csv:3: source: unknown actor 'frnace' (did you mean 'france'?)",
        "schema.yaml:0: file: file not found",
    ]


def test_header_missing_columns(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "actors.csv", "id,name,kind,aliases,iso3,description", "id,name,aliases,description")
    assert issues_of(d) == ["actors.csv:1: header: missing column(s): kind, iso3"]


def test_header_unknown_column(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "sources.csv", "id,citation,kind,year,url", "id,citation,kind,year,url,doi")
    assert issues_of(d) == [
        "sources.csv:1: header: unknown column(s): 'doi'; allowed: id, citation, kind, year, url",
    ]


def test_header_in_any_order(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    (d / "sources.csv").write_text(
        "citation,id,url,year,kind\nThe paper,paper,,2024,article\nMaresca,maresca-1994,,,\n",
        encoding="utf-8",
    )
    ds, issues = validate(d)
    assert issues == [] and ds is not None
    assert ds.sources["paper"].citation == "The paper"


def test_ragged_row(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "relationships.csv", "Maresca 1994,implied,", "Maresca 1994,implied,,extra")
    edit(d / "actors.csv", "russia,Russia,State,Russian Federation,RUS,", "russia,Russia,State")
    assert issues_of(d) == [
        "actors.csv:4: row: row has 3 fields, header has 6",
        "relationships.csv:7: row: row has 13 fields, header has 12",
    ]


def test_unterminated_quote(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    append(d / "relationships.csv", 'r6,france,ALLY_OF,russia,,,"no closing quote,1,paper,,stated,')
    assert issues_of(d) == [
        "relationships.csv:9: row: unterminated quoted field; the rest of the file is unread"
    ]


def test_bad_quoting(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    append(d / "sources.csv", 'x,"Smith" (2000),,,')
    assert issues_of(d) == [
        "sources.csv:4: row: bad CSV quoting (',' expected after '\"'); "
        "the rest of the file is unread"
    ]


# --------------------------------------------------------------------------- quotes


@pytest.fixture(scope="module")
def quotes() -> QuoteIndex:
    return QuoteIndex(SOURCE_TXT)


@pytest.mark.parametrize(
    "quote",
    [
        # whitespace runs and line breaks collapse, case folds
        "has been actively involved",
        "has\n  been   actively\tinvolved",
        "THE MINSK GROUP, CO-CHAIRED BY FRANCE",
        # a word broken at a line end: joined or with its hyphen, both match
        "erupted into full-scale war",
        "erupted into fullscale war",
        "erupted into full-\nscale war",
        "the CSCE Chairman-inOffice organized",
        "the CSCE ChairmaninOffice organized",
        # curly and straight quotes and apostrophes; the OCR's ™ as a closing quote
        "Azerbaijan's membership",
        "Azerbaijan\u2019s membership",
        'a "turning point"',
        "a \u201cturning point\u201d",
        'dependent on the "Troika" of the OSCE',
        "dependent on the \u201cTroika\u201d of the OSCE",
        # dashes
        "began in 1992 - a",
        "began in 1992 \u2013 a",
        "began in 1992 \u2014 a",
    ],
)
def test_quote_found(quotes: QuoteIndex, quote: str) -> None:
    assert quotes.contains(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "co chaired",  # a hyphen inside a line is not optional
        "cochaired",
        "full scale war",
        "The Minsk Group, chaired by France",
        "",
    ],
)
def test_quote_not_found(quotes: QuoteIndex, quote: str) -> None:
    assert not quotes.contains(quote)


def test_quote_not_found_message(quotes: QuoteIndex) -> None:
    assert quotes.explain_missing("The Minsk Group, chaired by France") == (
        "quote not found in source text (its first 18 of 34 characters match, "
        'up to "the minsk group, c")'
    )
    assert quotes.explain_missing("\u00a7 12") == (
        "quote not found in source text (not even its first character matches)"
    )


def test_quotes_checked_against_source_text(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    edit(d / "relationships.csv", "erupted into full-scale war", "erupted into a full-scale war")
    assert issues_of(d) == []  # without the text, quotes are not checked
    assert issues_of(d, SOURCE_TXT) == [
        "relationships.csv:7: evidence: quote not found in source text "
        '(its first 26 of 42 characters match, up to "the conflict erupted into ")'
    ]


# --------------------------------------------------------------------------- shipped data


def test_shipped_data_validates_with_quotes(data_dir: Path, source_text_path: Path) -> None:
    ds, issues = validate(data_dir, source_text_path.read_text(encoding="utf-8"))
    assert [str(i) for i in issues] == []
    assert ds is not None and ds.relationships


def test_minsk_conference_chairs(dataset: Dataset) -> None:
    """The paper's chronology of the Minsk Conference chairs, rebuilt from the data alone.

    Section 3: "Italy in 1992-1993, Sweden in 1994, Russia, Finland in
    1995-1996, Russia, USA, France - since 1997 till now".
    """
    periods: dict[tuple[int | None, int | None], set[str]] = defaultdict(set)
    for r in dataset.relationships:
        if r.type == "CHAIRS" and r.target == "minsk-conference":
            periods[(r.start_year, r.end_year)].add(dataset.actor(r.source).name)
    assert dict(periods) == {
        (1992, 1993): {"Italy"},
        (1994, 1994): {"Sweden"},
        (1995, 1996): {"Russia", "Finland"},
        (1997, None): {"Russia", "United States", "France"},
    }


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_require_fails_only_under_ci(
    ci: str, outcome: type[BaseException], monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import require

    monkeypatch.setenv("CI", ci)
    require(True, "present")  # no effect
    with pytest.raises(outcome, match="missing thing"):
        require(False, "missing thing")


def test_find_and_between_on_shipped_data(dataset: Dataset) -> None:
    assert dataset.find("CSCE").id == "osce"  # an alias
    assert dataset.find("  european union ").id == "eu"  # a name, any case and spacing
    with pytest.raises(KeyError, match="names 0 actors"):
        dataset.find("Atlantis")
    with pytest.raises(KeyError, match="names 3 actors"):
        dataset.find("PCA")  # the three Partnership and Cooperation Agreements
    both = dataset.between("Turkey", "Azerbaijan")
    assert both and all({r.source, r.target} == {"turkey", "azerbaijan"} for r in both)
    assert both == dataset.between("azerbaijan", "turkey")
