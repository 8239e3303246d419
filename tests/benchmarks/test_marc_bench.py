"""Smoke tests of benchmarks/marc.py: the generated file is valid MARC, coverage counts sanely.

No timings are asserted; the benchmark itself measures those.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

from ingest.marc.iso2709 import read_iso2709
from ingest.marc.record import Record

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))  # marc.py imports its sibling `common`
    try:
        spec = importlib.util.spec_from_file_location("marc_bench", BENCHMARKS / "marc.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    if not module.CORPUS.exists():
        pytest.skip(f"MARC corpus not found at {module.CORPUS}")
    return module


def test_generate_writes_valid_records_with_unique_control_numbers(bench, tmp_path):
    out = tmp_path / "gen.mrc"
    size = bench.generate(50, out)
    data = out.read_bytes()
    assert size == len(data) and data.count(b"\x1d") == 50
    records = list(read_iso2709(out))
    assert len(records) == 50 and all(isinstance(r, Record) for r in records)
    for chunk in data.split(b"\x1d")[:-1]:
        assert int(chunk[:5]) == len(chunk) + 1  # leader length counts the terminator
        assert chunk[int(chunk[12:17]) - 1] == 0x1E  # base address follows the directory
    controls = [r.control("001") for r in records]
    assert len(set(controls)) == 50
    assert all(r.leader[9] == "a" for r in records if r.flavour == "marc21")
    assert bench.generate(50, tmp_path / "again.mrc") == size
    assert (tmp_path / "again.mrc").read_bytes() == data  # deterministic


def test_coverage_counts_shares_between_0_and_1(bench, tmp_path):
    source = tmp_path / "two.mrc"
    bench.generate(2, source)  # the first two corpus records (MARC21, with titles and agents)
    report = bench.coverage([source])
    assert report.records == 2
    assert report.tallies["titles"].found >= 2
    for tally in report.tallies.values():
        assert 0 <= tally.present <= tally.found
        assert 0.0 <= tally.share <= 1.0
        assert all(0.0 <= s <= 1.0 for s in tally.record_shares)
