"""The W3C Entity Reconciliation Service API (0.2, as OpenRefine speaks it) over the store and
its search index.

    service = Reconciler(store, open_index(settings), Minter(settings.base_iri))
    service.manifest("http://127.0.0.1:8000/")                # what GET /reconcile answers
    service.reconcile('{"q0": {"query": "南京", "type": "jl:Place"}}')
    service.suggest("entity", "nanj")                          # also "type", "property"
    service.propose("jl:Person")                               # properties to extend with
    service.extend({"ids": ["entity/person/zhu-yuanzhang"], "properties": [{"id": "jl:deathYear"}]})
    service.preview("entity/person/zhu-yuanzhang")             # a Card

Entity ids are IRIs under the base written as their path (`ids`); types and properties are
CURIEs from two tables (`terms`). How candidates are found and scored is in `match`; how
conditions compare in `compare`; data extension in `extend`; suggest in `suggest`; preview
cards in `preview`; the batches and extension requests OpenRefine sends are read by `batch`.
Errors: `ReconcileError` for a request the service cannot read; the search index's
`IndexUnavailable` and the views' `NotFound`/`Gone` pass through.
"""

from __future__ import annotations

from kg.iri import Minter
from kg.reconcile.batch import read_batch, read_extension
from kg.reconcile.errors import ReconcileError
from kg.reconcile.extend import Extender, propose
from kg.reconcile.ids import Ids
from kg.reconcile.manifest import manifest
from kg.reconcile.match import Matcher
from kg.reconcile.preview import Card, card
from kg.reconcile.suggest import EntitySuggest, properties_by_prefix, types_by_prefix
from kg.search import SearchIndex
from sparql import Store

__all__ = ["Card", "ReconcileError", "Reconciler", "SUGGEST_KINDS"]

SUGGEST_KINDS = ("entity", "type", "property")


class Reconciler:
    """The reconciliation service over one store, its search index and base IRI."""

    def __init__(self, store: Store, index: SearchIndex, minter: Minter):
        self.store, self.index, self.ids = store, index, Ids(minter)

    def manifest(self, root: str) -> dict:
        """The service manifest, with URLs under the server root ``root``."""
        return manifest(self.ids.minter.base, root)

    def reconcile(self, queries: str | dict) -> dict:
        """The results of a batch of queries (JSON text or parsed), by query key.

        Raises:
            ReconcileError: a batch the service cannot read.
            IndexUnavailable: the search index is missing and cannot be built.
        """
        batch = read_batch(queries)
        self.index.ensure(self.store)
        return Matcher(self.store, self.index, self.ids).reconcile(batch)

    def extend(self, request: str | dict) -> dict:
        """The values of the properties asked for, for each entity id asked for.

        Raises:
            ReconcileError: a request the service cannot read, or an unknown property.
        """
        return Extender(self.store, self.ids).extend(read_extension(request))

    def propose(self, type_id: str | None, limit: int | None = None) -> dict:
        """The properties to extend members of a type with (ReconcileError: unknown type)."""
        return propose(type_id, limit)

    def suggest(self, kind: str, prefix: str, type_id: str | None = None, cursor: int = 0,
                limit: int = 10) -> dict:
        """Entities, types or properties (``kind``) by the start of their names.

        Raises:
            ReconcileError: an unknown kind or entity type.
        """
        if kind == "type":
            return types_by_prefix(prefix, cursor, limit)
        if kind == "property":
            return properties_by_prefix(prefix, cursor, limit)
        if kind != "entity":
            raise ReconcileError(f"suggest: one of {', '.join(SUGGEST_KINDS)}, not {kind!r}")
        self.index.ensure(self.store)
        return EntitySuggest(self.index, self.ids).suggest(prefix, type_id, cursor, limit)

    def preview(self, id_: str) -> Card:
        """The preview card of an entity (NotFound, Gone from `kg.views`)."""
        return card(self.store, self.ids, id_)
