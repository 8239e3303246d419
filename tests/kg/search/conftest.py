"""The sample store and its search index, built once for the tests of this folder; tests that
write make their own small store (`small`)."""

from dataclasses import dataclass

import pytest
from pyoxigraph import RdfFormat
from search_support import BASE, SEARCH_MINTER, sample_store

from kg.search import SearchIndex
from sparql.embedded import EmbeddedStore

MINTER = SEARCH_MINTER
PREFIXES = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    store = sample_store(tmp_path_factory.mktemp("sample"))
    yield store
    store.close()


@pytest.fixture(scope="session")
def index(sample, tmp_path_factory):
    built = SearchIndex(tmp_path_factory.mktemp("index") / "index.sqlite", MINTER)
    built.rebuild(sample)
    yield built
    built.close()


@dataclass
class Small:
    """An in-memory store and an index file of its own."""

    store: EmbeddedStore
    search: SearchIndex

    def load(self, turtle: str, graph: str = "kb") -> None:
        self.store.load((PREFIXES + turtle).encode(), format=RdfFormat.TURTLE,
                        graph=MINTER.graph(graph), base_iri=BASE)

    def update(self, update: str) -> None:
        prologue = PREFIXES.replace("@prefix", "PREFIX").replace(" .\n", "\n")
        self.store.update(f"BASE <{BASE}>\n{prologue}{update}")


@pytest.fixture
def small(tmp_path):
    made = Small(EmbeddedStore(), SearchIndex(tmp_path / "index.sqlite", MINTER))
    yield made
    made.search.close()
    made.store.close()
