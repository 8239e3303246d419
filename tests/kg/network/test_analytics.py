"""The co-occurrence network over a small fixture of linked mentions (mentions.trig)."""

from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

from kg import analytics
from kg.iri import Minter
from sparql.embedded import EmbeddedStore

MINTER = Minter("https://kg.jllib.cn/")
FIXTURE = Path(__file__).with_name("mentions.trig")
E = "https://kg.jllib.cn/entity/"
ZHU, XIAOLING, ZHONGSHAN, SUN = (E + "person/zhu-yuanzhang", E + "place/ming-xiaoling",
                                 E + "place/zhongshan", E + "person/sun-quan")


@pytest.fixture(scope="module")
def store():
    store = EmbeddedStore()
    store.load(FIXTURE.read_bytes(), format=RdfFormat.TRIG)
    return store


def net(store, graph=None):
    return analytics.network(analytics.mention_rows(
        store, MINTER.graph("links"), MINTER.graph(graph) if graph else None))


def test_entities_sharing_a_paragraph_are_neighbours(store):
    documents = net(store, "documents")
    assert analytics.neighbours(documents, XIAOLING) == [(ZHU, 1), (ZHONGSHAN, 1)]  # ties by IRI
    assert analytics.neighbours(documents, SUN) == []  # its only partner was rejected
    assert analytics.describe(documents, ZHU) == {
        "entity": ZHU, "label": "朱元璋", "type": "https://kg.jllib.cn/ontology#Person"}


def test_the_collection_decides_which_text_counts(store):
    everything = net(store)
    assert analytics.neighbours(everything, SUN) == [(ZHU, 1)]
    assert analytics.shortest_connection(everything, SUN, ZHONGSHAN) == [
        SUN, ZHU, XIAOLING, ZHONGSHAN]
    assert analytics.shortest_connection(net(store, "documents"), SUN, ZHONGSHAN) is None


def test_weights_count_shared_text_parts_and_rank_the_centre(store):
    everything = net(store)
    assert everything.edges[ZHU, XIAOLING]["weight"] == 1
    assert [iri for iri, _ in analytics.central(everything, top=3)] == [ZHU, XIAOLING, SUN]
    by_betweenness = analytics.central(everything, top=1, measure="betweenness")
    assert by_betweenness[0][0] in {XIAOLING, ZHU}
    with pytest.raises(ValueError, match="no centrality measure"):
        analytics.central(everything, measure="pagerank")


def test_an_entity_without_mentions_is_a_clear_error(store):
    with pytest.raises(analytics.NotInNetwork, match="not mentioned"):
        analytics.neighbours(net(store), E + "person/nobody")
