"""Keeping the index current: refresh after writes, refresh a graph, what is left out."""

import pytest
from pyoxigraph import NamedNode

KG = "https://kg.jllib.cn/"
PERSON = KG + "entity/person/zhou-chu"
DOC = KG + "instances/documents/note"
ENTITIES = """
<entity/person/zhou-chu> a jl:Person ; skos:prefLabel "周处"@zh-Hans , "周處"@zh-Hant .
<entity/place/gulou> a jl:Place ; skos:prefLabel "鼓楼"@zh-Hans .
"""
DOCUMENT = """
<instances/documents/note> a jl:Instance ; rdfs:label "笔记"@zh-Hans ;
    jl:fullText "鸡鸣寺的钟声。台城柳色。"@zh-Hans .
<instances/documents/note#p1> a jl:Paragraph ; dcterms:isPartOf <instances/documents/note> ;
    jl:text "鸡鸣寺的钟声。"@zh-Hans .
<instances/documents/note#p2> a jl:Paragraph ; dcterms:isPartOf <instances/documents/note> ;
    jl:text "台城柳色。"@zh-Hans .
"""


def _found(small, typed, **filters):
    return [h.iri for h in small.search.search(typed, **filters).hits]


def test_refresh_makes_a_new_label_findable_and_a_removed_one_vanish(small):
    small.load(ENTITIES)
    small.search.rebuild(small.store)
    assert _found(small, "除三害") == []
    small.update('INSERT DATA { GRAPH <graphs/kb> { <entity/person/zhou-chu> jl:alias "除三害"@zh } }')
    summary = small.search.refresh(small.store, [PERSON])
    assert (summary.resources, summary.removed) == (1, 1)
    assert _found(small, "除三害") == [PERSON]
    assert [s.iri for s in small.search.suggest("chusan")] == [PERSON]
    small.update('DELETE WHERE { GRAPH ?g { <entity/person/zhou-chu> ?p ?o } }')
    small.search.refresh(small.store, [NamedNode(PERSON)])
    assert _found(small, "周处") == _found(small, "除三害") == []
    assert small.search.counts()["resource"] == 1  # 鼓楼 stays


@pytest.mark.parametrize("refresh", [
    lambda search, store: search.refresh(store, [PERSON]),
    lambda search, store: search.refresh_graph(store, "kb"),
    lambda search, store: search.ensure(store),
])
def test_refresh_builds_an_index_that_is_not_built(small, refresh):
    small.load(ENTITIES)
    assert not small.search.is_built()
    refresh(small.search, small.store)
    assert small.search.is_built() and small.search.counts()["resource"] == 2


def test_refresh_of_a_record_takes_its_parts(small):
    small.load(DOCUMENT, graph="documents")
    small.search.rebuild(small.store)
    # its paragraphs are searched, so the full text is not: each text is found once
    assert _found(small, "钟声") == [DOC + "#p1"]
    small.update('DELETE WHERE { GRAPH ?g { <instances/documents/note#p2> ?p ?o } }')
    small.update('INSERT DATA { GRAPH <graphs/documents> { <instances/documents/note#p1> '
                 'jl:text "鸡鸣寺的晨钟。"@zh-Hans } }')
    small.search.refresh(small.store, [DOC])
    assert _found(small, "台城") == []  # p2 is gone; the record still has parts
    assert _found(small, "晨钟") == [DOC + "#p1"]


def test_refresh_graph_adds_and_removes_what_the_graph_holds(small):
    small.load(ENTITIES)
    small.search.rebuild(small.store)
    small.load('<entity/place/xuanwu-hu> a jl:Place ; skos:prefLabel "玄武湖"@zh-Hans .',
               graph="district/xuanwu")
    small.search.refresh_graph(small.store, "district/xuanwu")
    hit = small.search.search("玄武湖").hits[0]
    assert hit.graphs == (KG + "graphs/district/xuanwu",)
    small.store.drop_graph(NamedNode(KG + "graphs/district/xuanwu"))
    small.search.refresh_graph(small.store, NamedNode(KG + "graphs/district/xuanwu"))
    assert _found(small, "玄武湖") == []
    assert _found(small, "鼓楼") == [KG + "entity/place/gulou"]


@pytest.mark.parametrize("turtle, typed", [
    # a tombstone answers 410: it is not a search result
    ('<entity/place/old> a jl:Place , jl:Tombstone ; skos:prefLabel "旧址"@zh .', "旧址"),
    # an untyped resource is not one of the index's classes
    ('<thing/x> skos:prefLabel "无类"@zh .', "无类"),
    # the ontology graph defines terms; it holds no knowledge to search
    ('<entity/place/def> a jl:Place ; skos:prefLabel "定义"@zh .', "定义"),
])
def test_refresh_leaves_out(small, turtle, typed):
    small.load(turtle, graph="ontology" if "定义" in typed else "kb")
    small.search.rebuild(small.store)
    assert _found(small, typed) == []


def test_refresh_snippets_escape_markup_in_data(small):
    small.load('<entity/place/x> a jl:Place ; skos:prefLabel "<script>alert(1)</script>南京"@zh .')
    small.search.rebuild(small.store)
    hit = small.search.search("南京").hits[0]
    assert hit.snippet == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>南京</mark>"
    assert "<script>" not in small.search.search("script").hits[0].snippet
