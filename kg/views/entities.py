"""Entities of the JSON-LD API: one entity, lists of them, and an entity's neighbours.

An entity document has ``id``, ``type``, ``name`` (its display name), ``prefLabel`` (a language
map), then its statements grouped: ``aliases`` (other names by kind, language maps),
``dates`` (years), ``relations`` (references to related resources, by property),
``identifiers`` (``sameAs`` IRIs elsewhere), the rest by their keys, and ``graphs``. The groups
are JSON-LD ``@nest`` keys: they expand to statements of the entity itself.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg import analytics
from kg.graphs import INFERRED
from kg.iri import Minter
from kg.linking.store import LINKS
from kg.views.context import Vocabulary, vocabulary
from kg.views.describe import View, describe, modified
from kg.views.errors import NotFound
from kg.views.listing import (
    Filters,
    basic_item,
    display_name,
    graph_iri,
    listing,
    period_iri,
    summarise,
    type_class,
)
from kg.views.paging import Paging
from kg.views.render import Description
from sparql import Store, queries
from sparql.text import substitute

GROUPS = {
    "aliases": ("altLabel", "alias", "courtesyName", "artName", "hiddenLabel"),
    "dates": ("birthYear", "deathYear", "startYear", "endYear", "periodStart", "periodEnd"),
    "identifiers": ("sameAs",),
}


def entity_iri(minter: Minter, kind: str, key: str) -> NamedNode:
    """The IRI of ``entity/{kind}/{key}`` (NotFound for a kind that cannot be in an IRI)."""
    try:
        return minter.entity(kind, key)
    except ValueError as err:
        raise NotFound(f"no entity kind {kind!r}") from err


def entity(store: Store, minter: Minter, kind: str, key: str) -> View:
    """The document of ``entity/{kind}/{key}`` (NotFound, Gone, Replaced: see `describe`)."""
    iri = entity_iri(minter, kind, key)
    found = describe(store, minter, iri)
    doc = arrange(found.node(iri.value), display_name(found, iri.value), found.graphs())
    return View(doc, modified(store, found.graphs()))


def arrange(node: dict, name: str | None, graphs: list[str]) -> dict:
    """An entity's node with its keys grouped (see the module)."""
    head = {"id": node.pop("id"), "type": node.pop("type", []), "name": name,
            "prefLabel": node.pop("prefLabel", {})}
    groups = {group: {k: node.pop(k) for k in keys if k in node}
              for group, keys in GROUPS.items()}
    groups["identifiers"] = {k: [v["id"] for v in refs if "id" in v]
                             for k, refs in groups["identifiers"].items()}
    relations = {k: node.pop(k) for k in sorted(node) if _references(node[k])}
    return {**head, "aliases": groups["aliases"], "dates": groups["dates"],
            "relations": relations, "identifiers": groups["identifiers"], **node,
            "graphs": graphs}


def _references(values: object) -> bool:
    return isinstance(values, list) and all(isinstance(v, dict) and "id" in v for v in values)


def entity_item(found: Description, iri: str) -> dict:
    """A list item: ``id``, ``type``, ``name`` and ``dates``."""
    node = found.node(iri)
    return {**basic_item(found, iri), "dates": {k: node[k] for k in GROUPS["dates"] if k in node}}


def entity_filters(store: Store, minter: Minter, *, type: str | None = None,
                   q: str | None = None, match: str = "contains", period: str | None = None,
                   graph: str | None = None) -> Filters:
    """The filters of an entity list, from its parameters (BadParameter when one cannot work)."""
    return Filters(cls=type_class(type) if type else None, within=minter.base + "entity/",
                   graph=graph_iri(store, minter, graph) if graph else None,
                   period=period_iri(store, minter, period) if period else None,
                   q=q, match=match)


def entities(store: Store, minter: Minter, filters: Filters, paging: Paging, url: str) -> View:
    """One page of the entities that match."""
    return listing(store, minter, filters, paging, url, entity_item)


def neighbours(store: Store, minter: Minter, kind: str, key: str, *, graph: str | None = None,
               limit: int = 50) -> View:
    """The entities mentioned with ``entity/{kind}/{key}`` (most shared text parts first,
    within graph ``graph`` if given) and the resources it is directly related to."""
    iri = entity_iri(minter, kind, key)
    found = describe(store, minter, iri)
    cooccurring = _cooccurring(store, minter, iri.value, graph, limit)
    related = _related(store, minter, iri)[:limit]
    about = summarise(store, minter, sorted({iri for iri, _ in cooccurring + related}))
    doc = {"id": iri.value, "type": found.node(iri.value).get("type", []),
           "name": display_name(found, iri.value),
           "cooccurring": [{**basic_item(about, i), "weight": w} for i, w in cooccurring],
           "related": [{**basic_item(about, i), **how} for i, how in related]}
    return View(doc)


def _cooccurring(store: Store, minter: Minter, iri: str, graph: str | None,
                 limit: int) -> list[tuple[str, int]]:
    if graph:
        graph_iri(store, minter, graph)  # a graph that is not there is a bad parameter
    net = analytics.load_network(store, minter, graph)
    return analytics.neighbours(net, iri, limit) if iri in net else []


def _related(store: Store, minter: Minter, iri: NamedNode) -> list[tuple[str, dict]]:
    rows = store.query(substitute(queries.load("api_related"), {
        "iri": iri, "base": Literal(minter.base), "inferred": minter.graph(INFERRED),
        "links": minter.graph(LINKS)}))
    vocab = vocabulary()
    return [(r["other"].value, {"property": _property_key(vocab, r["p"].value),
                                "direction": r["direction"].value}) for r in rows]


def _property_key(vocab: Vocabulary, predicate: str) -> str:
    term = vocab.term_for(predicate, "ref")
    return term.name if term else vocab.compact(predicate)
