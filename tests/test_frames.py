"""``graph_loader.frames()``: the dataset as DataFrames, columns and dtypes from the fields."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA_DIR

import graph_loader
from graph_loader.model import fields
from graph_loader.validation import DataValidationError, load_dataset


@pytest.fixture(scope="module")
def shipped() -> tuple:
    return load_dataset(DATA_DIR), graph_loader.frames(DATA_DIR)


def test_columns_are_the_declared_fields(shipped) -> None:
    ds, f = shipped
    for record, df in (("actor", f.actors), ("relationship", f.relationships),
                       ("source", f.sources)):  # fmt: skip
        assert list(df.columns) == [x.name for x in fields(ds.schema, record)], record
    assert (len(f.actors), len(f.relationships), len(f.sources)) == (
        len(ds.actors), len(ds.relationships), len(ds.sources))
    assert f.actors["id"].tolist() == list(ds.actors)  # file order, RangeIndex
    assert isinstance(f.relationships.index, pd.RangeIndex)


def test_dtypes(shipped) -> None:
    ds, f = shipped
    r = f.relationships
    dtypes = r.dtypes.astype(str).to_dict()
    for name in ("id", "source", "target", "start", "end", "evidence", "cites", "cites_ref"):
        assert dtypes[name] == "string", name
    assert dtypes["start_year"] == dtypes["end_year"] == dtypes["polarity"] == "Int64"
    assert dtypes["symmetric"] == "boolean"
    assert dtypes["contradicts"] == "object"
    assert list(r["type"].cat.categories) == list(ds.schema.relationship_types)
    assert list(r["certainty"].cat.categories) == ["stated", "implied"]
    assert list(r["date_basis"].cat.categories) == ["stated", "context", "endpoint"]
    assert list(f.actors["kind"].cat.categories) == list(ds.schema.kinds)
    assert f.actors["aliases"].map(type).eq(list).all()


def test_values_agree_with_the_model(shipped) -> None:
    ds, f = shipped
    r = f.relationships.set_index("id")
    for rel in ds.relationships:
        row = r.loc[rel.id]
        assert pd.isna(row["start"]) if rel.start is None else row["start"] == str(rel.start)
        assert (pd.isna(row["start_year"]) if rel.start_year is None
                else row["start_year"] == rel.start_year)  # fmt: skip
        assert row["type"] == rel.type and row["certainty"] == rel.certainty
        assert row["contradicts"] == list(rel.contradicts)
        assert bool(row["symmetric"]) == ds.schema.relationship_types[rel.type].symmetric
    dated = r["start_year"].notna()
    years = r.loc[dated, "start"].str.slice(0, 4).astype("Int64")
    assert (years == r.loc[dated, "start_year"]).all()
    aze = f.actors.set_index("id").loc["azerbaijan"]
    assert "Baku" in aze["aliases"] and aze["iso3"] == "AZE"


def test_lifespans(shipped) -> None:
    ds, f = shipped
    dated = {a.id: (a.start, a.end) for a in ds.actors.values() if a.start or a.end}
    assert f.lifespans["actor"].tolist() == list(dated)
    for row in f.lifespans.itertuples():
        start, end = dated[row.actor]
        assert (row.start if pd.notna(row.start) else "") == start
        assert (row.end if pd.notna(row.end) else "") == end
        assert pd.isna(row.end_year) if not end else row.end_year == int(end[:4])
    assert f.lifespans.dtypes.astype(str).tolist() == ["string"] * 3 + ["Int64"] * 2


def test_default_data_dir() -> None:
    assert len(graph_loader.frames().actors) == len(load_dataset(DATA_DIR).actors)


def test_a_declared_field_becomes_a_typed_column(fixture_copy) -> None:
    """A field schema.yaml adds (``fields:``) is a column with its type's dtype."""
    from test_fields import with_confidence

    data = with_confidence(fixture_copy("good"), {"r1": "4"})
    f = graph_loader.frames(data)
    assert f.relationships.columns[-1] == "confidence"
    assert str(f.relationships["confidence"].dtype) == "Int64"
    by_id = f.relationships.set_index("id")["confidence"]
    assert by_id["r1"] == 4 and by_id.drop("r1").isna().all()


def test_invalid_data_raises(tmp_path) -> None:
    with pytest.raises(DataValidationError):
        graph_loader.frames(tmp_path)


def test_a_columnar_dataset_gives_the_same_frames_without_records(shipped) -> None:
    """The fast CSV path's dataset (relationships as columns) gives the same frames,
    dtypes included, and makes no record for them."""
    import dataclasses

    from graph_loader.dataframes import dataset_frames
    from graph_loader.model import Dataset, Relationship

    ds, expected = shipped
    lazy = Dataset.from_columns(
        ds.schema, ds.actors,
        {f.name: [getattr(r, f.name) for r in ds.relationships]
         for f in dataclasses.fields(Relationship)},
        ds.sources)  # fmt: skip
    got = dataset_frames(lazy)
    assert lazy.relationship_columns() is not None
    for name, frame in expected._asdict().items():
        pd.testing.assert_frame_equal(getattr(got, name), frame)


def test_list_cells_are_lists_of_their_own_and_made_without_the_collector(
    shipped, monkeypatch
) -> None:
    """Each list cell is a fresh list (changing one changes no other row), and the rows
    are made with the cycle collector paused (at 1M relationships it doubled the time)."""
    import gc

    from graph_loader import dataframes

    ds, f = shipped
    cells = list(f.relationships["contradicts"]) + list(f.actors["aliases"])
    assert all(type(c) is list for c in cells) and len({id(c) for c in cells}) == len(cells)
    seen: list[bool] = []
    real = dataframes._frame
    monkeypatch.setattr(dataframes, "_frame",
                        lambda *a: (seen.append(gc.isenabled()), real(*a))[1])
    dataframes.dataset_frames(ds)
    assert seen and not any(seen) and gc.isenabled()
