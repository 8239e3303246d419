"""Pages of a list: which slice, and the links to the first, previous, next and last pages.

Links keep every other parameter of the request URL and set ``page`` (and ``limit``), so a
client follows ``next`` until there is none.

>>> links = page_links("http://x/e?type=person&page=2", Paging(2, 10), 25)
>>> links["prev"], links["next"], links["last"]
('http://x/e?type=person&page=1&limit=10', 'http://x/e?type=person&page=3&limit=10', \
'http://x/e?type=person&page=3&limit=10')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kg.views.errors import BadParameter

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
RELATIONS = ("first", "prev", "next", "last")


@dataclass(frozen=True)
class Paging:
    """Page ``page`` (from 1) of ``limit`` items."""

    page: int = 1
    limit: int = DEFAULT_LIMIT

    def __post_init__(self):
        if self.page < 1:
            raise BadParameter("page", f"pages are numbered from 1, not {self.page}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise BadParameter("limit", f"between 1 and {MAX_LIMIT}, not {self.limit}")

    def slice(self, items: Sequence) -> Sequence:
        """The items of this page."""
        start = (self.page - 1) * self.limit
        return items[start:start + self.limit]

    def last(self, total: int) -> int:
        """The number of the last page (1 for an empty list)."""
        return max(1, -(-total // self.limit))


def page_url(url: str, page: int, limit: int) -> str:
    """The URL with its ``page`` and ``limit`` parameters set, the others kept in order."""
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k not in ("page", "limit")]
    query = urlencode([*kept, ("page", str(page)), ("limit", str(limit))])
    return urlunsplit(parts._replace(query=query))


def page_links(url: str, paging: Paging, total: int) -> dict[str, str | None]:
    """first, prev, next and last page URLs (None where there is no such page)."""
    last = paging.last(total)
    numbers = {"first": 1, "prev": min(paging.page - 1, last) if paging.page > 1 else None,
               "next": paging.page + 1 if paging.page < last else None, "last": last}
    return {rel: None if n is None else page_url(url, n, paging.limit)
            for rel, n in numbers.items()}
