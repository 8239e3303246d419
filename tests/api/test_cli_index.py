"""`jinling index rebuild`, and the index refresh at the end of `jinling load` and the ingests,
run as real processes on a scratch store (its index is index.sqlite beside it)."""

import re
from pathlib import Path

import pytest
from support import jinling, jinling_env

from kg.iri import Minter
from kg.search import SearchIndex

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<entity/person/zhou-chu> a jl:Person ; skos:prefLabel "周处"@zh ; jl:alias "除三害"@zh .
<entity/place/gulou> a jl:Place ; skos:prefLabel "鼓楼"@zh .
"""


@pytest.fixture
def env(tmp_path):
    return jinling_env(tmp_path)


def _search(tmp_path, typed: str) -> list[str]:
    index = SearchIndex(tmp_path / "index.sqlite", Minter("https://kg.jllib.cn/"))
    try:
        return [hit.iri for hit in index.search(typed).hits]
    finally:
        index.close()


def _counts(line: str) -> tuple[int, ...]:
    return tuple(map(int, re.search(r"(\d+) resources \((\d+) names, (\d+) texts\)",
                                    line).groups()))


def test_cli_index_load_refreshes_and_rebuild_is_idempotent(env, tmp_path):
    (tmp_path / "people.ttl").write_text(PEOPLE, encoding="utf-8")
    loaded = jinling(env, "load", str(tmp_path / "people.ttl"), "--graph", "kb", "--no-infer")
    assert "search index: 2 resources" in loaded.stderr
    assert _search(tmp_path, "除三害") == ["https://kg.jllib.cn/entity/person/zhou-chu"]
    first = jinling(env, "index", "rebuild").stderr.splitlines()[-1]
    again = jinling(env, "index", "rebuild").stderr.splitlines()[-1]
    assert first.startswith("search index: ") and _counts(first) == _counts(again) == (2, 3, 0)
    assert _search(tmp_path, "gulou") == ["https://kg.jllib.cn/entity/place/gulou"]


def test_cli_index_ingest_refreshes_its_graph(env, tmp_path):
    documents = ROOT / "data" / "documents"
    ingested = jinling(env, "ingest", "document", str(documents), "--no-link", "--no-infer",
                       "--rejects", str(tmp_path / "rejects.jsonl"))
    assert "search index: " in ingested.stderr
    assert any(iri.endswith("ming-xiaoling#s1.2-p1") for iri in _search(tmp_path, "梅花山"))
    unchanged = jinling(env, "ingest", "document", str(documents), "--no-link", "--no-infer",
                        "--rejects", str(tmp_path / "rejects.jsonl"))
    assert "search index: " not in unchanged.stderr  # nothing changed, nothing to re-index
