"""Conversion cases, one folder each: tests/ingest/marc/cases/<flavour>/<field range>/<case>/.

A case holds ``input.xml`` (MARCXML, one record; or ``input.mrc``) and ``expected.ttl``: triples
that the conversion must contain. An optional ``absent.ttl`` lists triples it must not contain.
Turtle resolves against the base https://kg.jllib.cn/, records are keyed under the source 'test'.
"""

from pathlib import Path

import pyoxigraph as ox
import pytest

from ingest.marc.convert import CONVERTER_VERSION, convert
from ingest.marc.convert.context import Env
from ingest.marc.readers import read_marc
from ingest.protocol import Rejected
from kg.iri import Minter

CASES = Path(__file__).parent / "cases"
BASE = "https://kg.jllib.cn/"


def _cases():
    for folder in sorted(p.parent for p in CASES.rglob("expected.ttl")):
        yield pytest.param(folder, id=str(folder.relative_to(CASES)))


def _triples(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {str(ox.Triple(q.subject, q.predicate, q.object))
            for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE)}


def converted(folder: Path) -> set[str]:
    source = next(p for p in folder.iterdir() if p.name.startswith("input."))
    records = list(read_marc(source))
    assert records and not any(isinstance(r, Rejected) for r in records), records
    env = Env(Minter(BASE), "test", CONVERTER_VERSION)
    out = set()
    for record in records:
        out |= {str(ox.Triple(*t)) for t in convert(record, env).triples}
    return out


@pytest.mark.parametrize("folder", list(_cases()))
def test_convert_case(folder):
    output = converted(folder)
    missing = _triples(folder / "expected.ttl") - output
    unwanted = _triples(folder / "absent.ttl") & output
    assert not missing, "missing triples:\n" + "\n".join(sorted(missing)) + \
        "\n\noutput:\n" + "\n".join(sorted(output))
    assert not unwanted, "triples that must not be there:\n" + "\n".join(sorted(unwanted))
