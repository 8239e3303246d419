"""Keep a copy of the graph current from the change feed (`kg.feed`).

`sync` follows the feed's pages from a change number, applies each activity to the copy
(its removed quads deleted, then its added quads inserted, in one update per activity) and
returns the number of the last change applied, which the caller keeps to resume from.
A page is fetched through ``fetch`` (a URL -> JSON callable), so any HTTP client will do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from pyoxigraph import RdfFormat, parse

from kg.changes import update_operations
from sparql import Store


@dataclass
class SyncResult:
    """What one `sync` did."""

    applied: int = 0
    pages: int = 0
    last: int = 0


def sync(store: Store, fetch: Callable[[str], dict], feed_url: str, after: int = 0,
         page_size: int | None = None) -> SyncResult:
    """Apply every change after number ``after`` from the feed at ``feed_url`` to ``store``,
    asking for pages of ``page_size`` changes (default: the server's). A page is applied as
    one update (its changes' operations in order, one transaction): a copy never holds half
    a page, and the next sync resumes after the last page applied."""
    result = SyncResult(last=after)
    query = {"after": after, **({"size": page_size} if page_size else {})}
    url: str | None = f"{feed_url}/page?{urlencode(query)}"
    while url:
        page = fetch(url)
        items = page.get("orderedItems", [])
        operations = [op for item in items for op in _operations(item)]
        if operations:
            store.update(" ;\n".join(operations))
        if items:
            result.applied += len(items)
            result.last = int(items[-1]["id"].rsplit("/", 1)[-1])
        result.pages += 1
        url = page.get("next")
    return result


def _operations(item: dict) -> list[str]:
    return update_operations(
        removed=list(parse(item.get("jl:removed", "").encode(), RdfFormat.N_QUADS)),
        added=list(parse(item.get("jl:added", "").encode(), RdfFormat.N_QUADS)))
