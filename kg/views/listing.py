"""Lists of the JSON-LD API: which resources match the filters, one page of them, summarised.

A list is a Hydra collection page: ``items`` with ``id``, ``type`` and ``name`` (and the years
of entities), ``totalItems``, and the URLs of the ``first``, ``prev``, ``next`` and ``last``
pages (null where there is none). Matches by name come best first (the name itself, then names
that start with the text, then names that contain it); otherwise items are in IRI order, which
for knowledge-base entities is the order of their pinyin keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kg.errors import InvalidGraphName
from kg.graphs import INFERRED, graph_names
from kg.iri import Minter
from kg.views.context import vocabulary
from kg.views.describe import View
from kg.views.errors import BadParameter
from kg.views.labels import best_label
from kg.views.paging import Paging, page_links, page_url
from kg.views.render import Description, statements
from kg.vocab import JL, RDFS, SKOS
from sparql import Store, queries
from sparql.text import bind_rows, substitute

MATCH_RANK = {"exact": 1, "prefix": 2, "contains": 3}


@dataclass(frozen=True)
class Filters:
    """What the resources of a list must be: all optional."""

    cls: NamedNode | None = None
    kind: NamedNode | None = None
    within: str | None = None
    graph: NamedNode | None = None
    period: NamedNode | None = None
    q: str | None = None
    match: str = "contains"

    def bindings(self) -> dict:
        """The values of ``api_list.rq``; unset filters stay unbound."""
        if self.match not in MATCH_RANK:
            raise BadParameter("match", f"one of {', '.join(MATCH_RANK)}, not {self.match!r}")
        given = {"class": self.cls, "kind": self.kind, "graph": self.graph,
                 "period": self.period, "within": _text(self.within)}
        if self.name:
            given |= {"q": Literal(self.name), "maxRank": Literal(MATCH_RANK[self.match])}
        return {k: v for k, v in given.items() if v is not None}

    @property
    def name(self) -> str | None:
        """The name to match, folded to lower case; None when there is none."""
        return self.q.strip().lower() if self.q and self.q.strip() else None


def _text(value: str | None) -> Literal | None:
    return None if value is None else Literal(value)


def matching(store: Store, filters: Filters) -> list[str]:
    """The IRIs that match, best match first, then by IRI."""
    query = queries.load("api_list_named" if filters.name else "api_list")
    rows = store.query(query, filters.bindings())
    ranked = sorted((int(row["rank"].value) if "rank" in row else 0, row["s"].value)
                    for row in rows)
    return [iri for _, iri in ranked]


def listing(store: Store, minter: Minter, filters: Filters, paging: Paging, url: str,
            item: Callable[[Description, str], dict]) -> View:
    """One page of a list as a JSON-LD collection page; ``url`` is the request's URL."""
    found = matching(store, filters)
    iris = list(paging.slice(found))
    summaries = summarise(store, minter, iris)
    doc = {"id": page_url(url, paging.page, paging.limit), "type": ["Collection"],
           "totalItems": len(found), "pageNumber": paging.page, "limit": paging.limit,
           **page_links(url, paging, len(found)), "items": [item(summaries, i) for i in iris]}
    return View(doc)


def summarise(store: Store, minter: Minter, iris: list[str]) -> Description:
    """The types, names and years of some resources, to make list items of."""
    if not iris:
        return Description("", [])
    text = substitute(queries.load("api_summaries"), {"inferred": minter.graph(INFERRED)})
    rows = store.query(bind_rows(text, "s", [NamedNode(i) for i in iris]))
    return Description("", statements(rows))


def display_name(found: Description, subject: str) -> str | None:
    """The name an app shows for a subject of a description."""
    pairs = [(v, rank) for rank, p in enumerate((SKOS.prefLabel, RDFS.label))
             for v in found.values(subject, p.value) if isinstance(v, Literal)]
    return best_label(pairs)


def basic_item(found: Description, iri: str) -> dict:
    """``id``, ``type`` and ``name`` of a list item."""
    return {"id": iri, "type": found.node(iri).get("type", []), "name": display_name(found, iri)}


def type_class(name: str) -> NamedNode:
    """The class a ``type`` parameter names (a context class term in any case, or jl:Person).

    Raises:
        BadParameter: no class of that name.
    """
    found = vocabulary().class_named(name)
    if found is None:
        known = ", ".join(sorted(t.lower() for t in vocabulary().classes))
        raise BadParameter("type", f"no type {name!r}; use one of {known} or a compact IRI")
    return found


def graph_iri(store: Store, minter: Minter, name: str) -> NamedNode:
    """The IRI of an existing graph named by a ``graph`` parameter (BadParameter otherwise)."""
    try:
        iri = minter.graph(name)
    except InvalidGraphName as err:
        raise BadParameter("graph", str(err)) from err
    if not store.has_graph(iri):
        known = ", ".join(sorted(graph_names(store, minter)))
        raise BadParameter("graph", f"no graph {name!r}; there are: {known}")
    return iri


def period_iri(store: Store, minter: Minter, value: str) -> NamedNode:
    """The period a ``period`` parameter names: its key (``ming``, ``era-634``) or its IRI."""
    try:
        iri = NamedNode(value) if value.startswith(("http://", "https://")) else \
            minter.entity("period", value)
    except ValueError as err:
        raise BadParameter("period", f"not an IRI: {value!r}") from err
    if not store.query(queries.load("api_is_a"), {"s": iri, "class": JL.Period}):
        raise BadParameter("period", f"{iri.value} is not a period of the knowledge base")
    return iri
