"""Typed errors of the store layer.

The tree::

    StoreError
     ├── QuerySyntaxError (ValueError)      a query or update does not parse
     │    └── UpdateSentAsQuery             an update arrived where a query was expected
     ├── RdfSyntaxError (ValueError)        a data file or body does not parse; carries line/column
     ├── UnsupportedFormat (ValueError)     no parser or serializer for a media type or extension
     ├── QueryTimeout (TimeoutError)        a query ran past its time budget
     ├── ResultLimitExceeded                a query returned more rows than allowed
     │    └── ResultTooLarge                 … or more bytes
     ├── GraphNotFound (LookupError)        a named graph that the store does not hold
     ├── StoreLocked (OSError)              another process holds the embedded store
     ├── StoreUnavailable                   a query process could not read the store just now
     ├── EndpointUnreachable (ConnectionError)  a remote endpoint did not answer
     └── EndpointError                      a remote endpoint answered with an error status

Every message says what went wrong, where, and what to do about it.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base of every error raised by the store layer."""


class QuerySyntaxError(StoreError, ValueError):
    """A SPARQL query or update that does not parse."""


class UpdateSentAsQuery(QuerySyntaxError):
    """A SPARQL update sent to the query operation."""

    def __init__(self) -> None:
        super().__init__(
            "this is a SPARQL update, not a query: send it as an update "
            "(POST with update= or Content-Type application/sparql-update)"
        )


class RdfSyntaxError(StoreError, ValueError):
    """RDF data that does not parse.

    Args:
        source: the file path or a short name of the request body.
        line: 1-based line of the error, when the parser knows it.
        column: 1-based column of the error, when the parser knows it.
        reason: the parser's message.
    """

    def __init__(self, source: str | Path, line: int | None, column: int | None, reason: str):
        self.source, self.line, self.column, self.reason = str(source), line, column, reason
        where = self.source if line is None else f"{self.source}:{line}:{column}"
        super().__init__(f"{where}: malformed RDF: {reason}; nothing was loaded")


class UnsupportedFormat(StoreError, ValueError):
    """No parser or serializer for a requested media type or file extension."""


class QueryTimeout(StoreError, TimeoutError):
    """A query ran past its time budget and was stopped."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(
            f"query stopped after {seconds:g} s, the time limit: narrow the patterns, "
            "add a LIMIT, or run it on a local copy of a dump"
        )


class ResultLimitExceeded(StoreError):
    """A query returned more results than the configured limit."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(
            f"query returned more than {limit} results, the limit: add LIMIT/OFFSET to page "
            "through them, or download a dump"
        )


class ResultTooLarge(ResultLimitExceeded):
    """A query's written-out results grew past the byte budget."""

    def __init__(self, max_bytes: int):
        self.limit = self.max_bytes = max_bytes
        StoreError.__init__(
            self, f"query results grew past {_size(max_bytes)}, the limit: add "
            "LIMIT/OFFSET to page through them, select fewer columns, or download a dump")


def _size(n: int) -> str:
    return f"{n / 2**20:g} MiB" if n >= 2**20 else f"{n} bytes"


class GraphNotFound(StoreError, LookupError):
    """A named graph that the store does not hold."""

    def __init__(self, graph: str, known: list[str] | None = None):
        self.graph = graph
        hint = f"; known graphs: {', '.join(known)}" if known else ""
        super().__init__(f"no graph {graph} in the store{hint}")


class StoreLocked(StoreError, OSError):
    """The embedded store folder is held by another process."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        super().__init__(
            f"the store {self.path} is held by another process: stop it, or send the "
            "command through the running server (jinling serve), or set JINLING_ENDPOINT"
        )


class StoreUnavailable(StoreError):
    """A query process failed to read the store; the request may simply be tried again."""


class EndpointUnreachable(StoreError, ConnectionError):
    """A remote SPARQL endpoint that cannot be reached."""

    def __init__(self, url: str, reason: str):
        self.url = url
        super().__init__(
            f"cannot reach the SPARQL endpoint {url}: {reason}; check that the server runs "
            "and that JINLING_ENDPOINT is right"
        )


class EndpointError(StoreError):
    """A remote endpoint answered a request with an error status."""

    def __init__(self, url: str, status: int, detail: str):
        self.url, self.status, self.detail = url, status, detail
        super().__init__(f"{url} answered {status}: {detail}")
