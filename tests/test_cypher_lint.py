"""Every .cypher file and every Cypher text the loader generates passes Neo4j's own linter.

Uses ``lintCypherQuery`` from @neo4j-cypher/language-support (tools/cypher-lint, installed
by ``make test`` with ``npm ci``). Severity-1 diagnostics are errors; unknown labels,
relationship types or undeclared parameters also fail. Without node or node_modules the
tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from graph_loader import cypher as cg
from graph_loader.model import Dataset
from graph_loader.schema import load_schema
from graph_loader.validation import load_dataset

ROOT = Path(__file__).resolve().parent.parent
LINT_DIR = ROOT / "tools" / "cypher-lint"
CYPHER_FILES = sorted((ROOT / "cypher").rglob("*.cypher"))
SCHEMA = load_schema(ROOT / "data" / "schema.yaml")
LABELS = [*SCHEMA.kinds, *cg.META_LABELS]
TYPES = list(SCHEMA.relationship_types)


def _node() -> str:
    node = shutil.which("node")
    ready = node and (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir()
    if not ready:
        msg = "node or tools/cypher-lint/node_modules missing (run: make node-deps)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg + " - required under CI")
        pytest.skip(msg)
    assert node
    return node


def _lint(queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    payload = {"labels": LABELS, "relationshipTypes": TYPES, "queries": queries}
    proc = subprocess.run(
        [_node(), str(LINT_DIR / "lint.mjs"), "--stdin"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(proc.stdout)


def _problems(results: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in results:
        for d in r["diagnostics"]:
            serious = d["severity"] == 1 or "is not present in the database" in d["message"]
            if serious:
                out.append(f"{r['name']}:{d['line']}:{d['column']}: {d['message']}")
    return out


def test_the_linter_catches_errors() -> None:
    results = _lint([
        {"name": "bad", "text": "MATCH (n) WHERE exists(n.x) RETURN n"},
        {"name": "typo", "text": "MATCH (n:Actr)-[:MEMBER_FO]->() RETURN n"},
        {"name": "param", "text": "RETURN $undeclared"},
        {"name": "ok", "text": "MATCH (n:Actor) RETURN n.id"},
    ])
    problems = _problems(results)
    assert any(p.startswith("bad:") for p in problems)
    assert sum(p.startswith("typo:") for p in problems) == 2
    assert any(p.startswith("param:") for p in problems)
    assert not any(p.startswith("ok:") for p in problems)


def test_cypher_files_pass_the_linter() -> None:
    assert CYPHER_FILES
    queries = [
        {"name": str(p.relative_to(ROOT)), "text": p.read_text(encoding="utf-8")}
        for p in CYPHER_FILES
    ]
    assert _problems(_lint(queries)) == []


def test_generated_cypher_passes_the_linter() -> None:
    """Every distinct text the loader runs (load_csv.cypher and schema.cypher are linted as
    files, and test_cypher_gen checks they equal the generated text)."""
    ds: Dataset = load_dataset(ROOT / "data")
    texts = dict(cg.all_cypher_texts(SCHEMA))
    # The statements of a real load use only those texts (with their parameters).
    assert {s.cypher for s in cg.all_write_statements(ds)} <= set(texts.values())
    params = {"rows": [], "ids": [], "keys": [], "dataset": "", "id": "", "props": {}}
    queries = [{"name": n, "text": t, "parameters": params} for n, t in texts.items()]
    assert _problems(_lint(queries)) == []
