"""Fixtures of the linker's tests: a small KB (fixtures/kb/), its gazetteer and a linker."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.linking.linker import Linker
from kg.linking.source import from_files

HERE = Path(__file__).parent
FIXTURE_KB = sorted((HERE / "fixtures" / "kb").glob("*.ttl"))
BASE = "https://kg.jllib.cn/"


@pytest.fixture(scope="session")
def gazetteer():
    """The gazetteer of the fixture KB."""
    return from_files(FIXTURE_KB, BASE)


@pytest.fixture(scope="session")
def linker(gazetteer):
    """A linker over the fixture KB with the shipped config."""
    return Linker(gazetteer)


def read_cases(name: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of cases/<name>.tsv ('#' comment lines skipped), split on tabs."""
    lines = (HERE / "cases" / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return rows[0], rows[1:]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "cases(name): parametrize the test with the rows of cases/<name>.tsv, one "
        "argument per column of its header")


def pytest_generate_tests(metafunc):
    """A test marked ``cases(name)`` runs once per row of cases/<name>.tsv."""
    marker = metafunc.definition.get_closest_marker("cases")
    if marker is not None:
        header, rows = read_cases(marker.args[0])
        ids = [row[0][:20] for row in rows]
        metafunc.parametrize(header, rows, ids=ids)
