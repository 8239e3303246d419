"""The co-occurrence network of linked entities, and what researchers ask of it.

Two entities are neighbours when a text part (a paragraph, a transcript segment, a page) has
mentions of both in the links graph (rejected mentions do not count); the edge's weight is the
number of text parts they share. A collection is a named graph of text parts (``documents``,
``oral-history`` …), or all of them.

>>> net = network([{"part": "p1", "entity": "a"}, {"part": "p1", "entity": "b"},
...                {"part": "p2", "entity": "b"}, {"part": "p2", "entity": "c"}])
>>> neighbours(net, "b")
[('a', 1), ('c', 1)]
>>> shortest_connection(net, "a", "c")
['a', 'b', 'c']
>>> [iri for iri, _ in central(net, top=1)]
['b']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations

import networkx as nx
from pyoxigraph import NamedNode

from kg.errors import KgError
from kg.iri import Minter
from sparql import Store, queries
from sparql.text import substitute


class NotInNetwork(KgError, LookupError):
    """An entity that no linked mention in the collection names."""


def mention_rows(store: Store, links: NamedNode, graph: NamedNode | None = None
                 ) -> list[dict[str, str]]:
    """(part, entity, label, type) rows of the links graph, as plain strings."""
    text = substitute(queries.load("cooccurrence"), {"links": links, **(
        {"g": graph} if graph is not None else {})})
    return [{k: v.value for k, v in row.items()} for row in store.query(text)]


def load_network(store: Store, minter: Minter, graph: str | None = None) -> nx.Graph:
    """The network of the links graph, over the text parts of graph ``graph`` (or all)."""
    return network(mention_rows(store, minter.graph("links"),
                                minter.graph(graph) if graph else None))


def network(rows: Iterable[Mapping[str, str]]) -> nx.Graph:
    """The weighted co-occurrence graph of the rows' entities."""
    parts: dict[str, set[str]] = defaultdict(set)
    net = nx.Graph()
    for row in rows:
        parts[row["part"]].add(row["entity"])
        attributes = {k: row[k] for k in ("label", "type") if row.get(k)}
        net.add_node(row["entity"], **attributes)
    for entities in parts.values():
        for a, b in combinations(sorted(entities), 2):
            weight = net.edges[a, b]["weight"] + 1 if net.has_edge(a, b) else 1
            net.add_edge(a, b, weight=weight)
    return net


def neighbours(net: nx.Graph, entity: str, limit: int = 50) -> list[tuple[str, int]]:
    """The entities that share text with ``entity``, most shared first."""
    _known(net, entity)
    found = [(n, net.edges[entity, n]["weight"]) for n in net.neighbors(entity)]
    return sorted(found, key=lambda x: (-x[1], x[0]))[:limit]


def shortest_connection(net: nx.Graph, a: str, b: str) -> list[str] | None:
    """The fewest co-occurrence steps from ``a`` to ``b`` (None: not connected)."""
    _known(net, a)
    _known(net, b)
    try:
        return nx.shortest_path(net, a, b)
    except nx.NetworkXNoPath:
        return None


def central(net: nx.Graph, top: int = 20, measure: str = "degree") -> list[tuple[str, float]]:
    """The most central entities: by weighted degree (how much shared text), or by
    betweenness (how often they lie between others)."""
    if measure == "betweenness":
        scores = nx.betweenness_centrality(net)
    elif measure == "degree":
        scores = dict(net.degree(weight="weight"))
    else:
        raise ValueError(f"no centrality measure {measure!r}: degree or betweenness")
    return sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:top]


def describe(net: nx.Graph, iri: str) -> dict[str, str | None]:
    node = net.nodes[iri]
    return {"entity": iri, "label": node.get("label"), "type": node.get("type")}


def _known(net: nx.Graph, entity: str) -> None:
    if entity not in net:
        raise NotInNetwork(f"{entity} is not mentioned in any linked text of this collection")
