"""Search and suggest over the index of the sample store (tests/search_support.py)."""

import html
import re
from collections import Counter

import pytest
from search_support import SEARCH_MINTER as MINTER

from kg.search import BadQuery, SearchIndex, source
from kg.search.text import fold
from sparql import ResultLimitExceeded

KG = "https://kg.jllib.cn/"
BOOK = KG + "instances/ancient-books/320100-0000-0000001"


def _iris(index, typed, limit=20, **filters):
    return [hit.iri for hit in index.search(typed, limit=limit, **filters).hits]


@pytest.mark.parametrize("typed, iri, within", [
    ("宁", KG + "entity/place/nanjing", 1),                # 宁 is an alias of 南京
    ("南京", KG + "entity/place/nanjing", 1),
    ("李煜", KG + "entity/person/li-yu", 1),
    ("金陵圖書館", KG + "entity/organization/jinling-tushuguan", 1),  # traditional
    ("nanjing", KG + "entity/place/nanjing", 1),
    ("nan jing", KG + "entity/place/nanjing", 1),
    ("NanJing", KG + "entity/place/nanjing", 1),
    ("仲谋", KG + "entity/person/sun-quan", 2),           # a courtesy name
    ("孫權", KG + "entity/person/sun-quan", 1),
    ("梅花山", KG + "instances/documents/ming-xiaoling#s1.2-p1", 5),  # paragraph text
    ("春花秋月", BOOK + "#page-3", 3),                     # ancient-book page text
    ("贡院街", KG + "works/oral-history/JL-OH-SAMPLE-002#seg-4", 3),  # transcript
    ("儒林外史", KG + "work/rulin-waishi", 5),              # catalogue title
])
def test_index_finds(index, typed, iri, within):
    assert iri in _iris(index, typed)[:within]


def test_index_one_character_finds_names_that_contain_it(index):
    labels = [hit.label for hit in index.search("宁", limit=200).hits]
    assert labels[0] == "南京"
    assert {"江宁区", "江宁县", "江宁府"} <= set(labels)


def _matched(hit) -> str:
    return html.unescape(re.sub("</?mark>", "", hit.snippet))


@pytest.mark.parametrize("typed", ["南京", "宁", "明孝陵", "钟山", "金陵", "李煜"])
def test_index_ranks_exact_then_prefix_then_infix_then_text(index, typed):
    """The tiers never go back, and within a tier of names shorter names come first."""
    hits = index.search(typed, limit=200).hits
    query = fold(typed)

    def tier(hit) -> int:
        if hit.field == "text":
            return 3
        name = fold(_matched(hit))
        return 0 if name == query else 1 if name.startswith(query) else 2

    tiers = [tier(h) for h in hits]
    assert tiers == sorted(tiers)
    for level in (0, 1, 2):
        lengths = [len(_matched(h)) for h in hits if tier(h) == level]
        assert lengths == sorted(lengths)


def test_index_snippets_mark_the_match(index):
    hit = next(h for h in index.search("钟山", limit=20).hits if h.field == "text")
    assert "<mark>钟山</mark>" in hit.snippet
    assert hit.owner == KG + "instances/documents/ming-xiaoling"
    assert hit.label == hit.owner_label == "明孝陵简介"
    spoken = index.search("nanjing", limit=1).hits[0]
    assert spoken.snippet == "<mark>南京</mark>"


def test_index_parts_carry_their_records_periods(index):
    page = next(h for h in index.search("春花秋月", limit=5).hits if h.iri.endswith("#page-3"))
    assert page.type == "Page" and page.owner == BOOK
    assert (KG + "entity/period/ming", "明") in page.periods


_NAMES = """
SELECT ?s ?g ?name WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel jl:alias jl:courtesyName jl:artName rdfs:label }
  GRAPH ?g { ?s ?p ?name } FILTER(isLiteral(?name))
}"""
_TITLES = "SELECT ?s ?g ?name WHERE { GRAPH ?g { ?s bf:title ?t . ?t bf:mainTitle|bf:subtitle ?name } }"
_TEXTS = "SELECT ?s ?g ?name WHERE { GRAPH ?g { ?s jl:text ?name } }"
_PREFIXES = """PREFIX jl: <https://kg.jllib.cn/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
"""
_KINDS = {"Person": "jl:Person", "ReignEra": "jl:ReignEra", "PlaceName": "jl:PlaceName"}


def _matches(store, char: str) -> set[tuple[str, str]]:
    """(resource, graph) of every name or text that contains the character once folded,
    outside the graphs that copy names (inferred) or define terms (ontology)."""
    skip = {MINTER.graph("inferred").value, MINTER.graph("ontology").value}
    found = set()
    for query in (_NAMES, _TITLES, _TEXTS):
        for row in store.query(_PREFIXES + query):
            if row["g"].value not in skip and char in fold(row["name"].value):
                found.add((row["s"].value, row["g"].value))
    return found


def _typed(store, kind: str) -> set[str]:
    return {r["s"].value for r in store.query(f"{_PREFIXES} SELECT ?s WHERE {{ ?s a {kind} }}")}


def test_index_facets_count_all_matches_as_the_store_does(sample, index):
    matched = _matches(sample, "宁")
    results = index.search("宁", limit=1)
    resources = {s for s, _ in matched}
    assert results.total == len(resources) and len(results.hits) == 1
    graphs = Counter(g for _, g in matched)
    assert {f.value: f.count for f in results.facets["graph"]} == dict(graphs)
    types = {f.value: f.count for f in results.facets["type"]}
    for kind, cls in _KINDS.items():
        assert types.get(kind, 0) == len(resources & _typed(sample, cls)), kind


def test_index_period_facet_of_persons_as_the_store_says(sample, index):
    persons = {s for s, _ in _matches(sample, "宁")} & _typed(sample, "jl:Person")
    active = Counter()
    for row in sample.query(_PREFIXES + "SELECT ?s ?p WHERE { ?s jl:activeIn ?p }"):
        if row["s"].value in persons:
            active[row["p"].value] += 1
    results = index.search("宁", type="Person", limit=1)
    assert {f.value: f.count for f in results.facets["period"]} == dict(active)


@pytest.mark.parametrize("typed, filters, allowed", [
    ("宁", {"type": "person"}, {"Person"}),
    ("宁", {"type": ["Place", "PlaceName"]}, {"Place", "PlaceName"}),
    ("宁", {"period": "明"}, None),
    ("金陵图书馆", {"graph": "oral-history"}, None),
])
def test_index_filters_narrow_results_and_facets(index, typed, filters, allowed):
    narrowed = index.search(typed, limit=200, **filters)
    assert 0 < narrowed.total < index.search(typed, limit=1).total
    if allowed:
        assert {h.type for h in narrowed.hits} == allowed
        assert {f.value for f in narrowed.facets["type"]} == allowed
    if "period" in filters:
        ming = KG + "entity/period/ming"
        assert all(ming in dict(h.periods) for h in narrowed.hits)
        assert next(f.count for f in narrowed.facets["period"] if f.value == ming) == \
            narrowed.total
    if "graph" in filters:
        graph = MINTER.graph(filters["graph"]).value
        assert all(graph in h.graphs for h in narrowed.hits)
        assert [f.value for f in narrowed.facets["graph"]] == [graph]


def test_index_pages_do_not_overlap(index):
    everything = _iris(index, "南京", limit=1000)
    pages = [h.iri for offset in range(0, len(everything), 7)
             for h in index.search("南京", limit=7, offset=offset).hits]
    assert pages == everything and len(set(pages)) == len(pages)
    assert not index.search("南京", limit=7, offset=len(everything) - 7).more


@pytest.mark.parametrize("call", [
    lambda ix: ix.search("   "),
    lambda ix: ix.search("南京", type="Dragon"),
    lambda ix: ix.search("南京", limit=0),
    lambda ix: ix.suggest(""),
])
def test_index_bad_queries(index, call):
    with pytest.raises(BadQuery):
        call(index)


@pytest.mark.parametrize("typed, label, within", [
    ("金陵", "金陵", 1),
    ("金陵圖", "金陵图书馆", 3),        # traditional prefix
    ("nanj", "南京", 1),                # pinyin prefix
    ("nan jing", "南京", 1),
    ("Nan-Jing", "南京", 1),
    ("jinl", "金陵", 1),
    ("nj", "南京", 5),                  # initials
    ("Jinling Lib", "金陵图书馆", 3),    # an English name
])
def test_index_suggest(index, typed, label, within):
    found = index.suggest(typed, limit=10)
    assert label in [s.label for s in found][:within]
    assert len({s.iri for s in found}) == len(found)  # one per resource


def test_index_suggest_by_type_and_the_name_that_matched(index):
    found = index.suggest("li", type="Dynasty")
    assert found and {s.type for s in found} == {"Dynasty"}
    alias = next(s for s in index.suggest("仲谋") if s.iri.endswith("/sun-quan"))
    assert (alias.label, alias.match) == ("孙权", "仲谋")


def _dump(search: SearchIndex) -> list:
    conn = search._reader()
    return [sorted(conn.execute(sql).fetchall()) for sql in (
        "SELECT iri, owner, type, label FROM resource",
        "SELECT r.iri, n.kind, n.rank, n.text, n.norm, n.tokens, n.pinyin FROM name n "
        "JOIN resource r ON r.id = n.resource",
        "SELECT r.iri, f.kind, f.value FROM facet f JOIN resource r ON r.id = f.resource",
        "SELECT r.iri, b.text FROM body b JOIN resource r ON r.id = b.resource",
        "SELECT s.key, s.kind, n.text FROM spell s JOIN name n ON n.id = s.name")]


def test_index_rebuild_is_idempotent(sample, tmp_path):
    search = SearchIndex(tmp_path / "index.sqlite", MINTER)
    first = search.rebuild(sample)
    before, results = _dump(search), search.search("宁", limit=50)
    again = search.rebuild(sample)
    assert (first.resources, first.names, first.texts) == \
        (again.resources, again.names, again.texts)
    assert _dump(search) == before
    assert search.search("宁", limit=50) == results
    search.close()


class _Capped:
    """A store that refuses queries without LIMIT, as a server with a result limit does."""

    def __init__(self, store):
        self.store = store

    def query(self, text, bindings=None):
        if "LIMIT" not in text and "VALUES ?s" not in text:
            raise ResultLimitExceeded(10)
        return self.store.query(text, bindings)


def test_index_reads_a_capped_store_a_page_at_a_time(sample):
    assert source.types(_Capped(sample)) == source.types(sample)
    kb = MINTER.graph("kb")
    assert source.subjects(_Capped(sample), kb) == source.subjects(sample, kb)
    assert len(source.types(sample)) > 2 * source.PAGE
