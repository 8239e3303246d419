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

from kg.changes import write_quads
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
    asking for pages of ``page_size`` changes (default: the server's)."""
    result = SyncResult(last=after)
    query = {"after": after, **({"size": page_size} if page_size else {})}
    url: str | None = f"{feed_url}/page?{urlencode(query)}"
    while url:
        page = fetch(url)
        for item in page.get("orderedItems", []):
            _apply(store, item)
            result.applied += 1
            result.last = int(item["id"].rsplit("/", 1)[-1])
        result.pages += 1
        url = page.get("next")
    return result


def _apply(store: Store, item: dict) -> None:
    write_quads(store, removed=list(parse(item.get("jl:removed", "").encode(), RdfFormat.N_QUADS)),
                added=list(parse(item.get("jl:added", "").encode(), RdfFormat.N_QUADS)))
