"""kg.linking.store: link a store's text parts into graph ``links``, on every store backend.

Reruns replace the machine's own mentions and nothing else; curators' decisions stay and are
never contested; names the KB lacks link to one candidate entity per name and type.
"""

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat

from kg.iri import Minter
from kg.linking.store import link_store, locate_quote
from kg.loading import LoadJob, load_files

from .conftest import BASE, FIXTURE_KB

MINTER = Minter(BASE)
LINKS = MINTER.graph("links")
PREFIXES = """PREFIX jl: <https://kg.jllib.cn/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
DOCS = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<instance/d1#p1> a jl:Paragraph ; jl:order 1 ; jl:text "朱元璋葬于孝陵。"@zh-Hans .
<instance/d1#p2> a jl:Paragraph ; jl:order 2 ; jl:text "馆长焦翔到金陵图书馆。"@zh-Hans ,
    "The director went to the library."@en .
<segment/s1> a jl:TranscriptSegment ; jl:segmentOf <interview/i1> ;
    jl:text "我们沿着秦淮河走，遇到馆长焦翔。"@zh-Hans .
"""


def _load(store, graph: str, data: str) -> None:
    store.load(data.encode(), format=RdfFormat.TURTLE, graph=MINTER.graph(graph),
               base_iri=BASE)


@pytest.fixture
def filled(store, linker):
    load_files(store, MINTER, [LoadJob(p, "kb") for p in FIXTURE_KB], base_iri=BASE)
    _load(store, "docs", DOCS)
    return store


def _mentions(store) -> dict[tuple[str, int, int], dict]:
    rows = store.query(PREFIXES + """
        SELECT ?m ?body ?source ?start ?end ?exact ?status ?confidence WHERE {
          GRAPH ?g { ?m a jl:Mention ; oa:hasBody ?body ; jl:linkStatus ?status ;
                        jl:confidence ?confidence ; oa:hasTarget ?t .
                     ?t oa:hasSource ?source .
                     OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact }
                     OPTIONAL { ?t oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end } } }""")
    found = {}
    for r in rows:
        start = int(r["start"].value) if "start" in r else -1
        end = int(r["end"].value) if "end" in r else -1
        found[(r["source"].value.removeprefix(BASE), start, end)] = \
            {k: v.value for k, v in r.items()}
    return found


def _links_triples(store) -> set[str]:
    return {f"{t.subject} {t.predicate} {t.object}" for t in store.graph_triples(LINKS)
            if not t.predicate.value.endswith("/created")}


def test_store_links_every_text_part_with_the_annotation_shape(filled, linker):
    summary = link_store(filled, MINTER, linker=linker)
    assert (summary.parts, summary.documents) == (3, 2)
    found = _mentions(filled)
    assert {(k, v["exact"]) for k, v in found.items()} >= {
        (("instance/d1#p1", 0, 3), "朱元璋"), (("instance/d1#p1", 5, 7), "孝陵"),
        (("instance/d1#p2", 2, 4), "焦翔"), (("segment/s1", 4, 7), "秦淮河")}
    assert all(v["status"].endswith("#machine") for v in found.values())
    shape = filled.query(PREFIXES + """ASK { GRAPH ?links {
        ?m a jl:Mention ; rdfs:label ?label ; oa:motivatedBy oa:identifying ;
           dcterms:created ?created ; oa:hasTarget ?t .
        ?t a oa:SpecificResource ; oa:hasSelector ?p , ?q .
        ?p a oa:TextPositionSelector . ?q a oa:TextQuoteSelector ; oa:prefix ?pre .
        FILTER(DATATYPE(?created) = <http://www.w3.org/2001/XMLSchema#dateTime>) } }""",
                          {"links": LINKS})
    assert shape


def test_store_rerun_is_idempotent(filled, linker):
    link_store(filled, MINTER, linker=linker)
    before = _links_triples(filled)
    link_store(filled, MINTER, linker=linker)
    assert _links_triples(filled) == before


def test_store_unknown_names_share_one_candidate(filled, linker):
    link_store(filled, MINTER, linker=linker)
    found = _mentions(filled)
    bodies = {found[("instance/d1#p2", 2, 4)]["body"], found[("segment/s1", 13, 15)]["body"]}
    assert len(bodies) == 1 and "/entity/candidate/" in bodies.pop()
    labels = filled.query(PREFIXES + "SELECT ?c ?l WHERE { GRAPH ?links { ?c skos:prefLabel ?l "
                          "FILTER(CONTAINS(STR(?c), '/entity/candidate/')) } }",
                          {"links": LINKS})
    assert [r["l"].value for r in labels] == ["焦翔"]


def test_store_changed_text_replaces_old_mentions_and_prunes_candidates(filled, linker):
    link_store(filled, MINTER, linker=linker)
    filled.update(PREFIXES + """DELETE { GRAPH ?g { ?p jl:text ?t } }
        INSERT { GRAPH ?g { ?p jl:text "今天天气很好。"@zh-Hans } }
        WHERE { GRAPH ?g { ?p jl:text ?t } }""")
    summary = link_store(filled, MINTER, linker=linker)
    assert summary.mentions == 0 and _mentions(filled) == {}
    assert list(filled.graph_triples(LINKS)) == []


def test_store_curators_decisions_stay_and_are_not_contested(filled, linker):
    _load(filled, "curation", """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
<mention/c1> a jl:Mention ; jl:linkStatus jl:accepted ; jl:confidence 1.0 ;
    oa:hasBody <entity/place/nanjing> ; oa:hasTarget <mention/c1#t> .
<mention/c1#t> oa:hasSource <instance/d1#p1> ; oa:hasSelector <mention/c1#p> .
<mention/c1#p> a oa:TextPositionSelector ; oa:start 0 ; oa:end 3 .
<mention/c2> a jl:Mention ; jl:linkStatus jl:rejected ; jl:confidence 0.0 ;
    oa:hasBody <entity/place/qinhuai-he> ; oa:hasTarget <mention/c2#t> .
<mention/c2#t> oa:hasSource <segment/s1> ; oa:hasSelector <mention/c2#q> .
<mention/c2#q> a oa:TextQuoteSelector ; oa:exact "秦淮河" ; oa:prefix "沿着" .
""")
    curation = set(filled.graph_triples(MINTER.graph("curation")))
    summary = link_store(filled, MINTER, linker=linker)
    found = _mentions(filled)
    assert summary.curated == 2
    assert found[("instance/d1#p1", 0, 3)]["status"].endswith("#accepted")
    assert not any(k[0] == "segment/s1" and k[1:] == (4, 7) for k in found)
    assert set(filled.graph_triples(MINTER.graph("curation"))) == curation


def test_store_machine_mention_a_curator_accepted_is_kept(filled, linker):
    link_store(filled, MINTER, linker=linker)
    m = _mentions(filled)[("instance/d1#p1", 0, 3)]["m"]
    filled.update(PREFIXES + """DELETE { GRAPH ?links { ?m jl:linkStatus jl:machine } }
        INSERT { GRAPH ?links { ?m jl:linkStatus jl:accepted } } WHERE {}""",
                  {"links": LINKS, "m": NamedNode(m)})
    link_store(filled, MINTER, linker=linker)
    found = _mentions(filled)
    assert found[("instance/d1#p1", 0, 3)]["status"].endswith("#accepted")
    assert sum(1 for k in found if k == ("instance/d1#p1", 0, 3)) == 1


def test_store_graph_choice(filled, linker):
    _load(filled, "other", '<segment/x> <https://kg.jllib.cn/ontology#text> "秦淮河"@zh .')
    summary = link_store(filled, MINTER, ["other"], linker=linker)
    assert summary.parts == 1
    assert {k[0] for k in _mentions(filled)} == {"segment/x"}


def test_store_builds_its_linker_from_the_store(filled):
    summary = link_store(filled, MINTER)
    assert summary.linked >= 4


@pytest.mark.parametrize(("exact", "prefix", "suffix", "span"), [
    ("秦淮河", "", "", (0, 3)), ("秦淮河", "又见", "", (7, 10)), ("秦淮河", "", "。", (7, 10)),
    ("玄武湖", "", "", None)])
def test_store_locate_quote(exact, prefix, suffix, span):
    assert locate_quote("秦淮河边，又见秦淮河。", exact, prefix, suffix) == span


def test_store_literal_confidence_is_decimal(filled, linker):
    link_store(filled, MINTER, linker=linker)
    value = next(iter(_mentions(filled).values()))["confidence"]
    assert 0 < float(value) <= 1
    assert isinstance(Literal(value), Literal)


def test_store_mentions_conform_to_the_shapes(linker):
    from kg.inference import install_ontology, materialise
    from kg.validate import validate
    from sparql.embedded import EmbeddedStore

    store = EmbeddedStore()
    load_files(store, MINTER, [LoadJob(p, "kb") for p in FIXTURE_KB], base_iri=BASE)
    _load(store, "docs", DOCS)
    link_store(store, MINTER, linker=linker)
    install_ontology(store, MINTER)
    materialise(store, MINTER)
    report = validate(store, MINTER, LINKS)
    assert report.conforms, report.text()
