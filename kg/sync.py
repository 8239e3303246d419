"""Keep a copy of the graph current from the change feed (`kg.feed`).

`sync` follows the feed's pages from a change number, applies each activity to the copy
(its removed quads deleted, then its added quads inserted, in one update per activity) and
returns the number of the last change applied, which the caller keeps to resume from.
A page is fetched through ``fetch`` (a URL -> JSON callable), so any HTTP client will do.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from pyoxigraph import NamedNode, RdfFormat, parse

from kg.changes import update_operations
from sparql import Store


@dataclass
class SyncResult:
    """What one `sync` did."""

    applied: int = 0
    pages: int = 0
    last: int = 0


def sync(store: Store, fetch: Callable[[str], dict], feed_url: str, after: int = 0,
         page_size: int | None = None, fetch_bytes: Callable[[str], bytes] | None = None
         ) -> SyncResult:
    """Apply every change after number ``after`` from the feed at ``feed_url`` to ``store``,
    asking for pages of ``page_size`` changes (default: the server's). A page's changes are
    applied as one update (one transaction); a reload replaces its graphs with their dumps,
    fetched with ``fetch_bytes`` (needed only when the feed has a reload)."""
    result = SyncResult(last=after)
    query = {"after": after, **({"size": page_size} if page_size else {})}
    url: str | None = f"{feed_url}/page?{urlencode(query)}"
    while url:
        page = fetch(url)
        items = page.get("orderedItems", [])
        _apply_page(store, items, fetch_bytes)
        if items:
            result.applied += len(items)
            result.last = int(items[-1]["id"].rsplit("/", 1)[-1])
        result.pages += 1
        url = page.get("next")
    return result


def _apply_page(store: Store, items: list[dict], fetch_bytes) -> None:
    pending: list[str] = []
    for item in items:
        if item.get("type") == "jl:Reload":
            _flush(store, pending)
            _reload(store, item, fetch_bytes)
        else:
            pending += _operations(item)
    _flush(store, pending)


def _flush(store: Store, operations: list[str]) -> None:
    if operations:
        store.update(" ;\n".join(operations))
        operations.clear()


def _reload(store: Store, item: dict, fetch_bytes) -> None:
    if fetch_bytes is None:
        raise ValueError(f"{item['id']} reloads graphs from dumps: give sync a fetch_bytes")
    for graph, dump in zip(item["jl:graphs"], item["jl:dumps"], strict=True):
        store.load(gzip.decompress(fetch_bytes(dump)), format=RdfFormat.N_QUADS,
                   graph=NamedNode(graph), replace=True, name=dump)


def _operations(item: dict) -> list[str]:
    return update_operations(
        removed=list(parse(item.get("jl:removed", "").encode(), RdfFormat.N_QUADS)),
        added=list(parse(item.get("jl:added", "").encode(), RdfFormat.N_QUADS)))
