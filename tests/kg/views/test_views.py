"""kg.views over a small store: states of a resource, lists and their pages, mentions.

The store holds a few entities, a deleted record, a merged entity, an ingest activity, and the
sample interview of data/oral-history (mentions with quote selectors only, one accepted by a
curator).
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat

from kg.inference import install_ontology, materialise
from kg.iri import Minter
from kg.views import entities, mentions, records
from kg.views.describe import describe, modified
from kg.views.errors import BadParameter, Gone, NotFound, Replaced
from kg.views.listing import Filters, matching
from kg.views.paging import MAX_LIMIT, Paging, page_links, page_url
from sparql.embedded import EmbeddedStore
from sparql.remote import RemoteStore

BASE = "https://kg.jllib.cn/"
MINTER = Minter(BASE)
E = BASE + "entity/"
INTERVIEW = Path(__file__).resolve().parents[3] / "data" / "oral-history" / \
    "sample-interview.ttl"
KB = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix time: <http://www.w3.org/2006/time#> .
<entity/period/ming> a jl:Dynasty ; skos:prefLabel "明"@zh-Hans .
<entity/period/era-634> a jl:ReignEra ; skos:prefLabel "洪武"@zh-Hans ;
    time:intervalIn <entity/period/ming> .
<entity/period/song> a jl:Dynasty ; skos:prefLabel "宋"@zh-Hans .
<entity/person/zhu-yuanzhang> a jl:Person ; skos:prefLabel "朱元璋"@zh-Hans , "Zhu"@en ;
    jl:alias "洪武帝"@zh-Hans ; jl:activeIn <entity/period/era-634> ; jl:birthYear 1328 .
<entity/person/wang-anshi> a jl:Person ; skos:prefLabel "王安石"@zh-Hans ;
    jl:activeIn <entity/period/song> .
<entity/person/zhu-di> a jl:Person ; skos:prefLabel "朱棣"@zh-Hans ;
    jl:alias "永乐帝"@zh-Hans ; jl:activeIn <entity/period/ming> .
<entity/place/nanjing> a jl:Place ; skos:prefLabel "南京"@zh-Hans ; skos:altLabel "金陵"@zh-Hans .
<entity/place/qinhuai-he> a jl:Place ; skos:prefLabel "秦淮河"@zh-Hans ;
    jl:locatedIn <entity/place/nanjing> .
"""
CATALOGUE = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix bf: <http://id.loc.gov/ontologies/bibframe/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<works/cat/1> a jl:Work ; rdfs:label "金陵琐事"@zh-Hans ; jl:about <entity/place/nanjing> .
<works/cat/2> a jl:Tombstone ; jl:deletedAt "2026-01-02T03:04:05Z"^^xsd:dateTime .
<activities/ingest/cat-1> a prov:Activity ; prov:endedAtTime "2026-02-03T04:05:06Z"^^xsd:dateTime .
<entity/person/zhu-chongba> owl:sameAs <entity/person/zhu-yuanzhang> ;
    dcterms:isReplacedBy <entity/person/zhu-yuanzhang> .
"""


@pytest.fixture(scope="module", params=["memory", pytest.param("remote", marks=pytest.mark.remote)])
def store(request):
    """The store above, embedded or behind a real SPARQL server."""
    if request.param == "memory":
        store = EmbeddedStore()
    else:
        url = request.getfixturevalue("oxigraph_server")
        store = RemoteStore(f"{url}/query", f"{url}/update", f"{url}/store", timeout=30.0)
        store.update("DROP ALL")
    for graph, data in (("kb", KB), ("cat", CATALOGUE)):
        store.load(data.encode(), format=RdfFormat.TURTLE, graph=MINTER.graph(graph),
                   base_iri=BASE)
    store.load(INTERVIEW, graph=MINTER.graph("oral-history"), base_iri=BASE)
    install_ontology(store, MINTER)
    materialise(store, MINTER)
    yield store
    store.close()


@pytest.mark.parametrize("iri, error, fragment", [
    (E + "person/nobody", NotFound, "nothing is known"),
    (BASE + "works/cat/2", Gone, "deleted at 2026-01-02T03:04:05Z"),
    (E + "person/zhu-chongba", Replaced, "merged into " + E + "person/zhu-yuanzhang"),
])
def test_describe_tells_missing_deleted_and_merged_resources(store, iri, error, fragment):
    with pytest.raises(error, match=fragment):
        describe(store, MINTER, NamedNode(iri))


def test_modified_is_the_latest_ingest_run_of_the_graphs_or_unknown(store):
    cat, kb = MINTER.graph("cat").value, MINTER.graph("kb").value
    assert modified(store, [cat]) == datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert modified(store, [kb]) is None
    later = "2026-03-01T00:00:00Z"
    assert modified(store, [cat], later, None, "not a date") == datetime(2026, 3, 1, tzinfo=UTC)
    assert records.record(store, MINTER, "works", "cat", "1").modified is not None
    assert entities.entity(store, MINTER, "place", "nanjing").modified is None


def _names(store, **filters) -> list[str]:
    return [iri.removeprefix(E) for iri in matching(store, Filters(within=E, **filters))]


@pytest.mark.parametrize("filters, found", [
    ({"cls": "person"}, ["person/wang-anshi", "person/zhu-di", "person/zhu-yuanzhang"]),
    ({"cls": "person", "period": "ming"}, ["person/zhu-di", "person/zhu-yuanzhang"]),
    ({"cls": "period", "period": "ming"}, ["period/era-634"]),
    ({"q": "朱"}, ["person/zhu-di", "person/zhu-yuanzhang"]),
    ({"q": "洪武"}, ["period/era-634", "person/zhu-yuanzhang"]),  # a name, then an alias
    ({"q": "洪武", "match": "exact"}, ["period/era-634"]),
    ({"q": "武帝", "match": "prefix"}, []),
    ({"q": "  ZHU ", "match": "exact"}, ["person/zhu-yuanzhang"]),
    ({"q": "金陵"}, ["place/nanjing"]),
    ({"graph": "cat"}, []),  # a merged entity keeps no type, and is left out anyway
    ({"cls": "agent"}, ["person/wang-anshi", "person/zhu-di", "person/zhu-yuanzhang"]),
])
def test_list_filters(store, filters, found):
    filters = dict(filters)  # the same row runs on every backend
    if "cls" in filters:
        filters["cls"] = entities.type_class(filters["cls"])
    if "period" in filters:
        filters["period"] = MINTER.entity("period", filters["period"])
    if "graph" in filters:
        filters["graph"] = MINTER.graph(filters["graph"])
    assert _names(store, **filters) == found


@pytest.mark.parametrize("params, fragment", [
    ({"type": "dragon"}, "no type 'dragon'"),
    ({"period": "atlantis"}, "not a period"),
    ({"period": "https://kg.jllib.cn/entity/place/nanjing"}, "not a period"),
    ({"graph": "Bad/"}, "invalid graph name"),
    ({"graph": "nowhere"}, "there are: "),
])
def test_entity_filters_refuse_what_cannot_work(store, params, fragment):
    with pytest.raises(BadParameter, match=fragment):
        entities.entity_filters(store, MINTER, **params)
    with pytest.raises(BadParameter, match="match"):
        Filters(q="a", match="fuzzy").bindings()


@pytest.mark.parametrize("page, limit, total, links", [
    (1, 10, 25, {"first": 1, "prev": None, "next": 2, "last": 3}),
    (2, 10, 25, {"first": 1, "prev": 1, "next": 3, "last": 3}),
    (3, 10, 25, {"first": 1, "prev": 2, "next": None, "last": 3}),
    (9, 10, 25, {"first": 1, "prev": 3, "next": None, "last": 3}),
    (1, 10, 0, {"first": 1, "prev": None, "next": None, "last": 1}),
])
def test_page_links(page, limit, total, links):
    url = "http://x/api/v1/entities?type=person&page=4&q=%E7%A7%A6"
    expected = {rel: None if n is None else
                f"http://x/api/v1/entities?type=person&q=%E7%A7%A6&page={n}&limit={limit}"
                for rel, n in links.items()}
    assert page_links(url, Paging(page, limit), total) == expected


@pytest.mark.parametrize("page, limit", [(0, 10), (1, 0), (1, MAX_LIMIT + 1)])
def test_paging_refuses_bad_numbers(page, limit):
    with pytest.raises(BadParameter):
        Paging(page, limit)


def test_paging_slices_and_keeps_other_parameters():
    assert list(Paging(2, 3).slice(range(10))) == [3, 4, 5]
    assert page_url("http://x/a?limit=5&graph=kb", 2, 5) == "http://x/a?graph=kb&page=2&limit=5"


def test_mentions_with_only_a_quote_find_their_span_and_a_curators_status(store):
    segments = {BASE + f"segment/jinling-reader-sample-00{n}": text for n, text in (
        (2, "记得。那年我刚上初中，放学以后常和同学去金陵图书馆看书。"),
        (3, "看完书天也黑了，我们就沿着秦淮河慢慢走回家，一路上还在争刚读过的故事。"))}
    found, created = mentions.mentions_by_part(store, segments)
    library, river = found[BASE + "segment/jinling-reader-sample-002"][0], \
        found[BASE + "segment/jinling-reader-sample-003"][0]
    assert (library["start"], library["end"], library["quote"]) == (20, 25, "金陵图书馆")
    assert library["status"] == "machine" and library["confidence"] == 0.95
    assert river["status"] == "accepted" and river["entity"]["id"] == E + "place/qinhuai-he"
    text = segments[BASE + "segment/jinling-reader-sample-003"]
    assert text[river["start"]:river["end"]] == "秦淮河"
    assert created == [None, None]


def test_a_decision_wins_over_the_machine():
    m = mentions.Mention("m", "p", statuses={
        "https://kg.jllib.cn/ontology#machine", "https://kg.jllib.cn/ontology#rejected"})
    assert m.status().endswith("#rejected")
    assert mentions.Mention("m", "p").status() is None
