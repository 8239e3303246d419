"""Suggest: entities, types and properties by the start of what a user types.

Entities come from the search index's suggest (labels and aliases as written, in traditional or
simplified characters, as pinyin or its initials: 金陵, jinl, jl), one per resource, shorter
names first; a ``type`` keeps those of that type. Types and properties are few: their id, local
name, Chinese or English name starts with the prefix (case does not matter), or any of them
contains it, in that order. ``cursor`` skips that many results (the protocol's paging).

>>> [r["id"] for r in types_by_prefix("peri")["result"]]
['jl:Period']
>>> [r["id"] for r in properties_by_prefix("生")["result"]]
['jl:birthYear', 'jl:tookPlaceAt']
"""

from __future__ import annotations

from kg.reconcile.errors import ReconcileError
from kg.reconcile.ids import Ids
from kg.reconcile.terms import Type, broader, find_type, properties, type_of_index, types
from kg.search import BadQuery, SearchIndex, Suggestion
from kg.search.text import squeeze

DEFAULT_LIMIT = 10


def _rank(prefix: str, keys: list[str]) -> int | None:
    """0 when a key starts with the prefix, 1 when one contains it, None otherwise."""
    wanted, words = squeeze(prefix).lower(), [k.lower() for k in keys if k]
    if any(k.startswith(wanted) for k in words):
        return 0
    return 1 if any(wanted in k for k in words) else None


def _page(ranked: list[tuple[int, dict]], cursor: int, limit: int) -> dict:
    ordered = [item for _, item in sorted(ranked, key=lambda pair: pair[0])]
    return {"result": ordered[cursor:cursor + limit]}


def types_by_prefix(prefix: str, cursor: int = 0, limit: int = DEFAULT_LIMIT) -> dict:
    """The types whose id or name starts with (or contains) the prefix."""
    ranked = []
    for kind in types():
        rank = _rank(prefix, [kind.id, kind.id.partition(":")[2], kind.name, kind.en])
        if rank is not None:
            ranked.append((rank, _type_item(kind)))
    return _page(ranked, cursor, limit)


def _type_item(kind: Type) -> dict:
    item = {**kind.reference(), "description": kind.en}
    above = broader(kind)
    if above:
        item["broader"] = [t.reference() for t in above]
    return item


def properties_by_prefix(prefix: str, cursor: int = 0, limit: int = DEFAULT_LIMIT) -> dict:
    """The properties whose id or name starts with (or contains) the prefix."""
    ranked = []
    for prop in properties():
        rank = _rank(prefix, [prop.id, prop.id.partition(":")[2], prop.name, prop.en])
        if rank is not None:
            ranked.append((rank, prop.describe()))
    return _page(ranked, cursor, limit)


class EntitySuggest:
    """Entity suggest over a search index."""

    def __init__(self, index: SearchIndex, ids: Ids):
        self.index, self.ids = index, ids

    def suggest(self, prefix: str, type_id: str | None = None, cursor: int = 0,
                limit: int = DEFAULT_LIMIT) -> dict:
        """``{"result": [{"id", "name", "description", "notable"}]}``; nothing for an empty
        prefix.

        Raises:
            ReconcileError: a type the service does not know.
        """
        kind = find_type(type_id) if type_id else None
        if type_id and kind is None:
            raise ReconcileError(f"type: unknown type {type_id!r}; suggest/type lists them")
        wanted = cursor + limit
        try:
            found = self._found(prefix, kind, wanted)
        except BadQuery:  # an empty prefix
            return {"result": []}
        return {"result": [self._item(s) for s in found[cursor:wanted]]}

    def _found(self, prefix: str, kind: Type | None, wanted: int) -> list[Suggestion]:
        if kind is None:
            return self.index.suggest(prefix, limit=wanted)
        found = [s for t in kind.index_types
                 for s in self.index.suggest(prefix, type=t, limit=wanted)]
        # several index types: merge their lists as the index orders one, shorter names first
        return sorted(found, key=lambda s: len(s.match))[:wanted]

    def _item(self, found: Suggestion) -> dict:
        kind = type_of_index(found.type)
        notable = kind.reference() if kind else {"id": found.type, "name": found.type}
        description = notable["name"] + (f" · {found.match}" if found.match != found.label
                                         else "")
        return {"id": self.ids.of(found.iri), "name": found.label,
                "description": description, "notable": [notable]}
