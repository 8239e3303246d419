"""JSON-LD responses with validators: a strong ETag from the body, Last-Modified where the data
says when it changed, and 304 Not Modified for a client that already has them (RFC 9110 §13).

``If-None-Match`` wins over ``If-Modified-Since``, which is only looked at without it. A HEAD
gets the headers of the GET, with no body.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import Request, Response

JSONLD = "application/ld+json"
REVALIDATE = "public, no-cache"  # keep a copy, but ask (cheaply, with the ETag) before using it


def strong_etag(body: bytes) -> str:
    """A strong entity tag: the start of the body's SHA-256.

    >>> strong_etag(b"{}")
    '"44136fa355b3678a1146ad16f7e8649e"'
    """
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def http_date(moment: datetime) -> str:
    """An IMF-fixdate (``Sun, 06 Nov 1994 08:49:37 GMT``)."""
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _tags(header: str) -> set[str]:
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}


def not_modified(request: Request, etag: str, modified: datetime | None) -> bool:
    """Whether the client's validators say it has this very representation."""
    if request.method not in ("GET", "HEAD"):
        return False
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = _tags(match)
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since is None or modified is None:
        return False
    try:
        client = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # an unreadable date is ignored (RFC 9110 §13.1.3)
    return client.tzinfo is not None and modified.replace(microsecond=0) <= client


def jsonld_response(request: Request, doc: dict, *, modified: datetime | None = None,
                    headers: dict[str, str] | None = None, cache: str = REVALIDATE) -> Response:
    """The document as ``application/ld+json`` with its validators, or a 304 without a body."""
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    validators = {"ETag": strong_etag(body), "Cache-Control": cache}
    if modified is not None:
        validators["Last-Modified"] = http_date(modified)
    if not_modified(request, validators["ETag"], modified):
        return Response(status_code=304, headers=validators)
    all_headers = {**(headers or {}), **validators}
    if request.method == "HEAD":
        all_headers["Content-Length"] = str(len(body))
        return Response(b"", media_type=JSONLD, headers=all_headers)
    return Response(body, media_type=JSONLD, headers=all_headers)


class ResponseCache:
    """Recent GET answers by URL, each kept with the store's write count (its generation) when
    it was made: a write anywhere makes every older answer stale. A store that counts no
    writes (a remote one) is never cached."""

    def __init__(self, size: int = 20_000):
        self.size = size
        self._items: OrderedDict[str, tuple[int, Response]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, generation: int | None) -> Response | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None or generation is None or hit[0] != generation:
                return None
            self._items.move_to_end(key)
            return hit[1]

    def put(self, key: str, generation: int | None, response: Response) -> None:
        if generation is None:
            return
        with self._lock:
            self._items[key] = (generation, response)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def cached(cache_of: Callable[[Request], tuple[ResponseCache, int | None]]) -> Callable:
    """A route decorator: a GET answered 200 is kept in the cache and served again (with 304
    for a client that has it, no body for a HEAD) until the store changes."""
    def decorate(handler: Callable[..., Response]) -> Callable[..., Response]:
        @functools.wraps(handler)
        def route(request: Request, *args, **kwargs) -> Response:
            cache, generation = cache_of(request)
            key = str(request.url)
            hit = cache.get(key, generation)
            if hit is not None:
                return _replay(request, hit)
            response = handler(request, *args, **kwargs)
            if request.method == "GET" and response.status_code == 200:
                cache.put(key, generation, response)
            return response
        return route
    return decorate


def _replay(request: Request, kept: Response) -> Response:
    headers = {k: v for k, v in kept.headers.items() if k.lower() != "content-length"}
    modified = kept.headers.get("last-modified")
    moment = parsedate_to_datetime(modified) if modified else None
    if not_modified(request, kept.headers["etag"], moment):
        return Response(status_code=304, headers={k: v for k, v in headers.items()
                                                  if k.lower() != "content-type"})
    if request.method == "HEAD":
        return Response(b"", headers={**headers, "Content-Length": str(len(kept.body))})
    return Response(kept.body, headers=headers)
