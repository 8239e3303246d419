"""Works, instances and items of the JSON-LD API (``{base}works|instances|items/{source}/{key}``).

A record document has ``id``, ``type`` and ``name``, then every property of the record by its
key, with the nodes the record owns (titles, contributions, provision activities, notes,
shelf marks) embedded, and ``graphs`` last.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.iri import Minter
from kg.views.describe import View, describe, modified
from kg.views.listing import Filters, basic_item, display_name, graph_iri, listing, type_class
from kg.views.paging import Paging
from kg.views.render import Description
from kg.vocab import BF, JL
from sparql import Store

KINDS = {"works": JL.Work, "instances": BF.Instance, "items": BF.Item}


def record_doc(found: Description, skip: frozenset[str] = frozenset()) -> dict:
    """The document of the description's root (see the module)."""
    node = found.node(found.root, skip)
    head = {"id": node.pop("id"), "type": node.pop("type", []),
            "name": display_name(found, found.root)}
    return {**head, **node, "graphs": found.graphs()}


def record(store: Store, minter: Minter, kind: str, source: str, key: str) -> View:
    """The document of ``{kind}/{source}/{key}`` (NotFound, Gone: see `describe`)."""
    found = describe(store, minter, minter.record(kind, source, key))
    return View(record_doc(found), modified(store, found.graphs()))


def record_filters(store: Store, minter: Minter, kind: str, *, type: str | None = None,
                   graph: str | None = None, q: str | None = None,
                   match: str = "contains") -> Filters:
    """The filters of a list of works, instances or items (``kind``), from its parameters."""
    base: NamedNode = KINDS[kind]
    return Filters(cls=type_class(type) if type else base, kind=base if type else None,
                   graph=graph_iri(store, minter, graph) if graph else None, q=q, match=match)


def records(store: Store, minter: Minter, filters: Filters, paging: Paging, url: str) -> View:
    """One page of the records that match."""
    return listing(store, minter, filters, paging, url, basic_item)
