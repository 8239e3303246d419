"""Imports point one way: ontology <- sparql <- kg <- ingest <- api."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["ontology", "sparql", "kg", "ingest", "api"]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("package", LAYERS)
def test_layers_imports_point_down(package):
    rank = LAYERS.index(package)
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in (ROOT / package).rglob("*.py")
        for line, target in _imports(path)
        if target in LAYERS and LAYERS.index(target) > rank
    ]
    assert not upward, "imports that point up a layer:\n" + "\n".join(upward)


def test_layers_checker_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from api.cli import main\n")
    assert _imports(bad) == [(1, "api")]
