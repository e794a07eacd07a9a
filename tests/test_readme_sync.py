"""README.md's data-model section is generated from data/schema.yaml and must not drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO_ROOT

from graph_loader.docs import BEGIN, END, data_model_markdown, extract_block, replace_block
from graph_loader.schema import load_schema

README = REPO_ROOT / "README.md"


def test_readme_block_matches_schema(data_dir: Path) -> None:
    expected = data_model_markdown(load_schema(data_dir / "schema.yaml"))
    assert extract_block(README.read_text(encoding="utf-8")) == expected, (
        "README.md is stale: run `graph-loader dev docs`"
    )


def test_readme_has_the_sections_others_fill() -> None:
    text = README.read_text(encoding="utf-8")
    for heading in (
        "## Quick start",
        "## Validate and export",
        "## Data model",
        "## Views, report and exports (`graph-loader build`)",
        "## The graph in Neo4j (or the embedded engine)",
        "## Notebooks",
        "## Benchmarks",
        "## Layout",
    ):
        assert f"\n{heading}\n" in text, heading
    assert "make demo" in text and "make test" in text
    assert "Akademik Tarih ve Düşünce Dergisi*, 11(6), 3968–3982" in text


def test_markdown_lists_every_kind_and_type(data_dir: Path) -> None:
    schema = load_schema(data_dir / "schema.yaml")
    md = data_model_markdown(schema)
    for name in (*schema.kinds, *schema.relationship_types):
        assert f"| `{name}` |" in md
    assert "| `ALLY_OF` | The two ends are allies. | State, Group, Organization | " in md
    assert "| symmetric | +1 | yes | both (1.5) |" in md  # ALLY_OF: a signed tie
    assert "| `MEMBER_OF` |" in md and "| directed | +1 |  | target (1) |" in md
    assert "| directed | \u22121 | yes | none |" in md  # CONDEMNS
    assert "| directed | \u22121 |  | none |" in md  # LEFT: -1, but not a signed tie


def test_replace_block_keeps_the_rest() -> None:
    readme = f"# T\n\nintro\n\n{BEGIN}\nold\n{END}\n\nafter\n"
    assert replace_block(readme, "new\n") == f"# T\n\nintro\n\n{BEGIN}\nnew\n{END}\n\nafter\n"
    with pytest.raises(ValueError, match="no data-model block"):
        replace_block("# T\n", "x\n")


def test_cli_check_and_rewrite(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# T\n{BEGIN}\nstale\n{END}\n", encoding="utf-8")
    schema = FIXTURES / "good" / "schema.yaml"
    cmd = [sys.executable, "-m", "graph_loader", "dev", "docs", "--schema", str(schema)]
    cmd += ["--readme", str(readme)]
    check = subprocess.run([*cmd, "--check"], capture_output=True, text=True, check=False)
    assert check.returncode == 1
    assert "stale" in check.stdout
    write = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert write.returncode == 0, write.stderr
    assert extract_block(readme.read_text(encoding="utf-8")) == data_model_markdown(
        load_schema(schema)
    )
    again = subprocess.run([*cmd, "--check"], capture_output=True, text=True, check=False)
    assert again.returncode == 0
