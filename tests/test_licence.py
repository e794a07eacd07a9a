"""Licence and citation files exist, parse, and name the paper the data comes from."""

from __future__ import annotations

import tomllib
import yaml
from conftest import REPO_ROOT


def test_citation_cff_cites_the_dataset_and_the_paper() -> None:
    cff = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert cff["version"] == version["version"]
    paper = cff["references"][0]
    assert {a["family-names"] for a in paper["authors"]} == {"Hasanoglu", "Süleymanlı"}
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert paper["title"] in " ".join(readme.split())
    assert (paper["volume"], paper["issue"], paper["start"], paper["end"]) == (11, "6", 3968, 3982)


def test_licences_exist_and_pyproject_uses_the_spdx_form() -> None:
    assert "MIT License" in (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    data = (REPO_ROOT / "data" / "LICENSE.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in data and "citation and verification" in data
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert isinstance(project["license"], str)  # the table form makes setuptools warn
    assert set(project["license-files"]) == {"LICENSE", "data/LICENSE.md"}
