"""A small store made for reconciliation (namesakes, aliases, a merged and a deleted entity)
with its own search index, and the service over it."""

import pytest
from pyoxigraph import RdfFormat

from kg.inference import install_ontology, materialise
from kg.iri import Minter
from kg.reconcile import Reconciler
from kg.search import SearchIndex
from sparql.embedded import EmbeddedStore

BASE = "https://kg.jllib.cn/"
MINTER = Minter(BASE)
KB = """
@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

<entity/person/li-bai> a jl:Person ; skos:prefLabel "李白"@zh-Hans , "Li Bai"@en ;
    jl:courtesyName "太白"@zh-Hans ; jl:birthYear 701 ; jl:deathYear 762 ;
    jl:activeIn <entity/period/tang> .
<entity/person/li-bai-1950> a jl:Person ; skos:prefLabel "李白"@zh-Hans ; jl:birthYear 1950 ;
    skos:note "A namesake, born in Nanjing."@en .
<entity/person/wu-jingzi> a jl:Person ; skos:prefLabel "吴敬梓"@zh-Hans , "吳敬梓"@zh-Hant ;
    jl:courtesyName "敏轩"@zh-Hans ; jl:artName "文木老人"@zh-Hans ;
    jl:birthYear 1701 ; jl:deathYear 1754 ; jl:activeIn <entity/period/qing> ;
    skos:note "Author of <i>The Scholars</i> & other works."@en .
<entity/person/wu-jingzi-old> a jl:Person ; skos:prefLabel "吴敏轩"@zh-Hans ;
    dcterms:isReplacedBy <entity/person/wu-jingzi> .
<entity/person/gone> a jl:Tombstone ; jl:deletedAt "2026-01-02T03:04:05Z"^^xsd:dateTime .
<entity/period/tang> a jl:Dynasty ; skos:prefLabel "唐"@zh-Hans ; skos:altLabel "唐朝"@zh-Hans ;
    jl:periodStart 618 ; jl:periodEnd 907 .
<entity/period/qing> a jl:Dynasty ; skos:prefLabel "清"@zh-Hans ; jl:periodStart 1644 ;
    jl:periodEnd 1912 .
<entity/place/nanjing> a jl:Place ; skos:prefLabel "南京"@zh-Hans , "Nanjing"@en ;
    skos:altLabel "金陵"@zh-Hans ; schema:latitude 32.06 ; schema:longitude 118.79 ;
    owl:sameAs <http://www.wikidata.org/entity/Q16666> .
<entity/placename/nanjing-1368> a jl:PlaceName ; skos:prefLabel "南京"@zh-Hans ;
    jl:nameOf <entity/place/nanjing> ; jl:startYear 1368 ; jl:endYear 1377 .
<entity/place/qinhuai-he> a jl:Place ; skos:prefLabel "秦淮河"@zh-Hans ; jl:alias "淮水"@zh-Hans ;
    jl:locatedIn <entity/place/nanjing> .
<entity/organization/jinling-library> a jl:Organization ;
    skos:prefLabel "金陵图书馆"@zh-Hans , "金陵圖書館"@zh-Hant , "Jinling Library"@en ;
    jl:alias "金图"@zh-Hans ; jl:locatedIn <entity/place/nanjing> .
<entity/event/taiping> a jl:Event ; skos:prefLabel "太平天国定都天京"@zh-Hans ;
    jl:startYear 1853 ; jl:endYear 1853 ; jl:tookPlaceAt <entity/place/nanjing> .
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """The service over the small store (read only: tests must not write)."""
    store = EmbeddedStore()
    store.load(KB.encode(), format=RdfFormat.TURTLE, graph=MINTER.graph("kb"), base_iri=BASE)
    install_ontology(store, MINTER)
    materialise(store, MINTER)
    index = SearchIndex(tmp_path_factory.mktemp("reconcile") / "index.sqlite", MINTER)
    index.rebuild(store)
    yield Reconciler(store, index, MINTER)
    index.close()
    store.close()
