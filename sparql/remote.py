"""`RemoteStore`: any SPARQL 1.1 endpoint, over one pooled HTTP client.

The endpoints it has been written for::

    server             query_url      update_url     gsp_url (Graph Store)
    oxigraph serve     /query         /update        /store
    Fuseki             /ds/query      /ds/update     /ds/data
    jinling serve      /sparql        /sparql        /graphs

Values reach the server only in the escaped N-Triples form of pyoxigraph terms: bindings as a
``VALUES`` block (`sparql.text.bind_values`), graph names and ``INSERT DATA`` bodies from the
terms' ``str()``. Responses are parsed by pyoxigraph into the result types the embedded store
returns, so callers cannot tell the two apart.

Without a `Dataset`, a query's default graph is whatever the server makes it; run Oxigraph with
``--union-default-graph`` to get the union of all graphs, as the embedded store does.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import httpx
import pyoxigraph as ox
from anyio import to_thread

from sparql import queries
from sparql.errors import (
    EndpointError,
    EndpointUnreachable,
    QuerySyntaxError,
    QueryTimeout,
    UpdateSentAsQuery,
)
from sparql.formats import RDF_MEDIA_TYPES, RESULT_MEDIA_TYPES, rdf_format_for_path
from sparql.loading import check_syntax
from sparql.results import QueryResult, Serialized, collect, serialize_result
from sparql.store import Bindings, Dataset, LoadReport, Term
from sparql.text import (
    bind_block,
    bind_rows,
    bind_values,
    insert_data,
    looks_like_update,
    substitute,
    values_rows,
)

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
# JSON results for SELECT/ASK and N-Triples for CONSTRUCT/DESCRIBE; the rest are fallbacks.
RESULT_ACCEPT = ("application/sparql-results+json, application/n-triples, "
                 "application/sparql-results+xml;q=0.8, text/turtle;q=0.8")
TRIPLES_ACCEPT = "application/n-triples, text/turtle;q=0.8"

_SPOOL_BYTES = 8 << 20   # response bodies past this go to a temporary file
_DETAIL_CHARS = 2000     # how much of an error body goes into the exception
_CONNECT_SECONDS = 10.0
_RDF_BATCH = 10_000      # quads per re-serialized chunk of an upload
_INSERT_BATCH = 5_000    # quads per INSERT DATA update when there is no Graph Store endpoint


@dataclass
class _Reply:
    """A response whose body has been read into a spooled temporary file."""

    url: str
    status: int
    media_type: str
    body: BinaryIO

    def detail(self) -> str:
        text = self.body.read(_DETAIL_CHARS).decode("utf-8", "replace").strip()
        return text or "(no message)"


class RemoteStore:
    """A store behind SPARQL 1.1 Query, Update and (optionally) Graph Store endpoints.

    Args:
        query_url: the query endpoint.
        update_url: the update endpoint; the query endpoint when not given.
        gsp_url: the Graph Store endpoint; without one, loads are ``INSERT DATA`` updates and
            graph reads are queries.
        token: sent as ``Authorization: Bearer <token>``.
        timeout: seconds allowed for a request (a query's default time budget).
        auth: any httpx authentication (a ``(user, password)`` tuple for basic auth).
        transport: an httpx transport, for tests (``httpx.MockTransport``).

    Loads and dumps are not time-limited: they run as long as the data takes.

    >>> store = RemoteStore("http://localhost:7878/query", "http://localhost:7878/update",
    ...                     "http://localhost:7878/store")
    >>> store.update_url
    'http://localhost:7878/update'
    >>> store.close()
    """

    def __init__(self, query_url: str, update_url: str | None = None,
                 gsp_url: str | None = None, *, token: str | None = None,
                 timeout: float = 30.0, auth: httpx.Auth | tuple[str, str] | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.gsp_url = gsp_url
        self.timeout = timeout
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._client = httpx.Client(
            headers=headers, auth=auth, transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, _CONNECT_SECONDS)),
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=8),
        )

    # -- HTTP ----------------------------------------------------------------------------

    def _exchange(self, method: str, url: str, *, seconds: float | None,
                  **request: object) -> _Reply:
        """Send one request and spool its response.

        ``seconds`` bounds the whole exchange (QueryTimeout past it); None lets the server
        take as long as it needs to answer (loads, dumps).
        """
        deadline = None if seconds is None else time.monotonic() + seconds
        timeout = httpx.Timeout(seconds or self.timeout, read=seconds,
                                connect=min(self.timeout, _CONNECT_SECONDS))
        body = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)
        try:
            with _transport_errors(url, seconds or self.timeout), \
                    self._client.stream(method, url, timeout=timeout, **request) as response:
                _spool(response, body, deadline, seconds)
        except BaseException:
            body.close()
            raise
        body.seek(0)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return _Reply(str(response.url), response.status_code, media_type, body)

    def _post_query(self, text: str, *, seconds: float | None, accept: str = RESULT_ACCEPT,
                    dataset: Dataset | None = None) -> _Reply:
        reply = self._exchange("POST", self.query_url, seconds=seconds, content=text.encode(),
                               params=_dataset_params(dataset),
                               headers={"Content-Type": QUERY_TYPE, "Accept": accept})
        return _check(reply, syntax=lambda detail: _query_syntax_error(text, detail))

    # -- queries -------------------------------------------------------------------------

    def query(self, query: str, bindings: Bindings | None = None, *,
              dataset: Dataset | None = None, timeout: float | None = None,
              limit: int | None = None) -> QueryResult:
        """Evaluate a query at the query endpoint.

        ``dataset`` travels as default-graph-uri / named-graph-uri. One with named graphs only
        leaves the default graph to the server (empty on Oxigraph), where the embedded store
        uses its own default graph.

        Raises:
            QuerySyntaxError: the server rejected the query (400); `UpdateSentAsQuery` when
                the text is an update.
            QueryTimeout: no complete answer within ``timeout`` (default: the store's).
            ResultLimitExceeded: more than ``limit`` rows or triples.
            EndpointUnreachable, EndpointError: the server could not be reached, or failed.
        """
        text = bind_values(query, bindings) if bindings else query
        seconds = self.timeout if timeout is None else timeout
        reply = self._post_query(text, seconds=seconds, dataset=dataset)
        return _read_result(reply, limit)

    def query_serialized(self, query: str, results_format: ox.QueryResultsFormat, *,
                         dataset: Dataset | None = None, timeout: float | None = None,
                         limit: int | None = None, max_bytes: int | None = None
                         ) -> Serialized:
        """`query`, written out; responses are already spooled, so ``max_bytes`` is unused."""
        result = self.query(query, dataset=dataset, timeout=timeout, limit=limit)
        return serialize_result(result, results_format)

    async def aquery_serialized(self, query: str, results_format: ox.QueryResultsFormat, *,
                                dataset: Dataset | None = None, timeout: float | None = None,
                                limit: int | None = None, max_bytes: int | None = None
                                ) -> Serialized:
        """`query_serialized` in a thread, for the event loop."""
        return await to_thread.run_sync(partial(
            self.query_serialized, query, results_format, dataset=dataset, timeout=timeout,
            limit=limit, max_bytes=max_bytes))

    def update(self, update: str, bindings: Bindings | None = None) -> None:
        """Apply an update at the update endpoint (one transaction on Oxigraph and Fuseki).

        Raises:
            QuerySyntaxError: the server rejected the update (400).
        """
        text = bind_values(update, bindings) if bindings else update
        reply = self._exchange("POST", self.update_url, seconds=self.timeout,
                               content=text.encode(), headers={"Content-Type": UPDATE_TYPE})
        _check(reply, syntax=lambda detail: QuerySyntaxError(
            f"malformed SPARQL update, says {self.update_url}: {detail}"))

    # -- data ----------------------------------------------------------------------------

    def load(self, source: Path | bytes, *, format: ox.RdfFormat | None = None,
             graph: ox.NamedNode | None = None, base_iri: str | None = None,
             replace: bool = False, name: str | None = None) -> LoadReport:
        """Check the input here, then send it: to the Graph Store endpoint, or as updates.

        Malformed input sends nothing. Triples go to ``graph`` (the default graph when None);
        quads of a dataset format keep their graph, except default-graph ones, which go to
        ``graph``. A file is streamed, never read whole into memory.

        ``replace`` is one request for triple formats (a Graph Store PUT); for dataset formats,
        and without a Graph Store endpoint, the graph is dropped first, then filled. Without a
        Graph Store endpoint, a blank node shared by quads that fall in different
        ``INSERT DATA`` batches becomes two nodes.

        Raises:
            RdfSyntaxError: naming the source, line and column; the store is unchanged.
        """
        started = time.perf_counter()
        label = name or (str(source) if isinstance(source, Path) else "request body")
        fmt = format or rdf_format_for_path(source)  # type: ignore[arg-type]
        path, data = (source, None) if isinstance(source, Path) else (None, source)
        count = check_syntax(fmt, path=path, data=data, base_iri=base_iri, label=label)
        if self.gsp_url is None:
            self._load_as_updates(source, fmt, graph, base_iri, replace)
        else:
            self._load_to_graph_store(source, fmt, graph, base_iri, replace)
        return LoadReport(label, fmt.name, graph.value if graph else None, count,
                          time.perf_counter() - started)

    def add_batch(self, ntriples: bytes, graph: ox.NamedNode) -> int:
        """One Graph Store POST of the triples (or INSERT DATA updates without one)."""
        return self.load(ntriples, format=ox.RdfFormat.N_TRIPLES, graph=graph,
                         name="ingest batch").quads

    def _load_to_graph_store(self, source: Path | bytes, fmt: ox.RdfFormat,
                             graph: ox.NamedNode | None, base_iri: str | None,
                             replace: bool) -> None:
        dataset = fmt.supports_datasets
        if dataset and replace:  # a dataset body cannot be PUT to one graph
            self._clear(graph)
        method = "PUT" if replace and not dataset else "POST"
        params = {} if dataset else _graph_params(graph)
        with _upload_body(source, fmt, graph, base_iri) as (content, media_type):
            reply = self._exchange(method, self.gsp_url, seconds=None, params=params,
                                   content=content, headers={"Content-Type": media_type})
        _check(reply)

    def _load_as_updates(self, source: Path | bytes, fmt: ox.RdfFormat,
                         graph: ox.NamedNode | None, base_iri: str | None,
                         replace: bool) -> None:
        if replace:
            self._clear(graph)
        quads = _retarget(_parse(source, fmt, base_iri), graph)
        for batch in _batched(quads, _INSERT_BATCH):
            self.update(insert_data(batch))

    def _clear(self, graph: ox.NamedNode | None) -> None:
        if graph is None:
            self.update("CLEAR SILENT DEFAULT")
        else:
            self.update(f"DROP SILENT GRAPH {_iri(graph)}")

    def create_graph(self, graph: ox.NamedNode) -> None:
        """Register an empty named graph; nothing happens when it exists."""
        self.update(f"CREATE SILENT GRAPH {_iri(graph)}")

    def graphs(self) -> list[ox.NamedNode]:
        """The named graphs, empty ones included, sorted by IRI."""
        result = self.query(queries.load("graphs"))
        found = {row["g"] for row in result if isinstance(row.get("g"), ox.NamedNode)}
        return sorted(found, key=lambda g: g.value)

    def held(self, quads: Sequence[ox.Quad]) -> set[ox.Quad]:
        found: set[ox.Quad] = set()
        for start in range(0, len(quads), 1000):  # a VALUES block of bounded size per query
            rows = [(q.subject, q.predicate, q.object, q.graph_name)
                    for q in quads[start:start + 1000]]
            text = bind_block(queries.load("quads_present"),
                              values_rows(("s", "p", "o", "g"), rows))
            found |= {ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in self.query(text)}
        return found

    def values_of(self, subjects: Sequence[ox.NamedNode], predicate: ox.NamedNode,
                  graph: ox.NamedNode) -> dict[str, Term]:
        if not subjects:
            return {}
        text = bind_rows(substitute(queries.load("subject_values"), {"g": graph,
                                                                      "p": predicate}),
                         "s", subjects)
        return {row["s"].value: row["o"] for row in self.query(text)}

    def has_graph(self, graph: ox.NamedNode) -> bool:
        """True when the store holds this named graph, even empty."""
        return bool(self.query(queries.load("has_graph"), {"g": graph}))

    def graph_triples(self, graph: ox.NamedNode | None) -> list[ox.Triple]:
        """The triples of a named graph ([] when there is none), or of the default graph."""
        return list(self._triples(graph))

    def _triples(self, graph: ox.NamedNode | None) -> Iterator[ox.Triple]:
        if self.gsp_url is not None:
            reply = self._exchange("GET", self.gsp_url, seconds=None, params=_graph_params(graph),
                                   headers={"Accept": TRIPLES_ACCEPT})
            if reply.status == 404:
                return iter(())
            return (q.triple for q in _parse_reply_rdf(_check(reply)))
        if graph is None:
            reply = self._post_query(queries.load("default_triples"), seconds=None)
        else:
            text = bind_values(queries.load("graph_triples"), {"g": graph})
            reply = self._post_query(text, seconds=None)
        return (q.triple for q in _parse_reply_rdf(reply))

    def drop_graph(self, graph: ox.NamedNode) -> bool:
        """Remove a named graph; False when there was none."""
        if self.gsp_url is not None:
            reply = self._exchange("DELETE", self.gsp_url, seconds=self.timeout,
                                   params=_graph_params(graph))
            if reply.status == 404:
                return False
            _check(reply)
            return True
        if not self.has_graph(graph):
            return False
        self.update(f"DROP SILENT GRAPH {_iri(graph)}")
        return True

    def dump(self, output: BinaryIO, *, format: ox.RdfFormat = ox.RdfFormat.N_QUADS,
             graph: ox.NamedNode | None = None) -> None:
        """Write all graphs, or one, as N-Quads or TriG, streaming through a temporary file."""
        if graph is None:
            quads = self._all_quads()
        else:
            quads = (ox.Quad(t.subject, t.predicate, t.object, graph)
                     for t in self._triples(graph))
        ox.serialize(quads, output, format=format)

    def _all_quads(self) -> Iterator[ox.Quad]:
        reply = self._post_query(queries.load("dump_quads"), seconds=None,
                                 accept="application/sparql-results+json")
        for row in ox.parse_query_results(reply.body, _result_format(reply)):
            g = row["g"]
            yield ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph() if g is None else g)

    def close(self) -> None:
        """Close the pooled connections."""
        self._client.close()


# -- helpers -------------------------------------------------------------------------------


@contextmanager
def _transport_errors(url: str, seconds: float) -> Iterator[None]:
    """Turn httpx's transport exceptions into ours."""
    try:
        yield
    except httpx.ConnectTimeout:
        raise EndpointUnreachable(url, "the connection attempt timed out") from None
    except httpx.TimeoutException:
        raise QueryTimeout(seconds) from None
    except httpx.TransportError as err:
        raise EndpointUnreachable(url, str(err) or type(err).__name__) from None


def _spool(response: httpx.Response, body: BinaryIO, deadline: float | None,
           seconds: float | None) -> None:
    for chunk in response.iter_bytes():
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(seconds or 0)
        body.write(chunk)


def _check(reply: _Reply, *, syntax: Callable[[str], Exception] | None = None) -> _Reply:
    """The reply when its status is a success; our error otherwise."""
    if reply.status == 400 and syntax is not None:
        raise syntax(reply.detail())
    if reply.status >= 400:
        raise EndpointError(reply.url, reply.status, reply.detail())
    return reply


def _query_syntax_error(text: str, detail: str) -> QuerySyntaxError:
    if looks_like_update(text):
        return UpdateSentAsQuery()
    return QuerySyntaxError(f"malformed SPARQL query: {detail}")


def _dataset_params(dataset: Dataset | None) -> list[tuple[str, str]]:
    if dataset is None:
        return []
    return ([("default-graph-uri", g.value) for g in dataset.default_graphs]
            + [("named-graph-uri", g.value) for g in dataset.named_graphs])


def _graph_params(graph: ox.NamedNode | None) -> dict[str, str]:
    return {"default": ""} if graph is None else {"graph": _named(graph).value}


def _named(graph: ox.NamedNode) -> ox.NamedNode:
    """The graph name, checked: a plain string must never reach request text."""
    if not isinstance(graph, ox.NamedNode):
        raise TypeError(f"a graph name must be a pyoxigraph NamedNode, not {type(graph).__name__}")
    return graph


def _iri(graph: ox.NamedNode) -> str:
    """``<iri>`` for update text, written by the term itself."""
    return str(_named(graph))


def _result_format(reply: _Reply) -> ox.QueryResultsFormat:
    if reply.media_type not in RESULT_MEDIA_TYPES:
        raise EndpointError(reply.url, reply.status,
                            f"expected SPARQL results, got {reply.media_type or 'no type'}")
    return RESULT_MEDIA_TYPES[reply.media_type]


def _read_result(reply: _Reply, limit: int | None) -> QueryResult:
    """Our result for a query response: solutions, a boolean or triples."""
    try:
        if reply.media_type in RESULT_MEDIA_TYPES:
            native = ox.parse_query_results(reply.body, _result_format(reply))
            return collect(native, limit=limit)
        return collect((q.triple for q in _parse_reply_rdf(reply)), limit=limit)
    except (SyntaxError, ValueError) as err:
        raise EndpointError(reply.url, reply.status,
                            f"unreadable {reply.media_type} response: {err}") from None


def _parse_reply_rdf(reply: _Reply) -> Iterator[ox.Quad]:
    fmt = RDF_MEDIA_TYPES.get(reply.media_type)
    if fmt is None:
        raise EndpointError(reply.url, reply.status,
                            f"expected RDF, got {reply.media_type or 'no type'}")
    return ox.parse(reply.body, fmt)


def _parse(source: Path | bytes, fmt: ox.RdfFormat, base_iri: str | None) -> Iterator[ox.Quad]:
    if isinstance(source, Path):
        return ox.parse(path=source, format=fmt, base_iri=base_iri)
    return ox.parse(source, fmt, base_iri=base_iri)


def _retarget(quads: Iterable[ox.Quad], graph: ox.NamedNode | None) -> Iterator[ox.Quad]:
    """The quads, with those of the default graph moved to ``graph`` when one is given."""
    for q in quads:
        if graph is not None and isinstance(q.graph_name, ox.DefaultGraph):
            yield ox.Quad(q.subject, q.predicate, q.object, graph)
        else:
            yield q


def _batched(items: Iterable[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def _upload_body(source: Path | bytes, fmt: ox.RdfFormat, graph: ox.NamedNode | None,
                 base_iri: str | None) -> Iterator[tuple[Iterable[bytes] | bytes, str]]:
    """The request body and its media type.

    The input goes as it is unless the server would read it differently from us: relative
    IRIs to resolve against ``base_iri``, or default-graph quads of a dataset to move into
    ``graph``. Then it is re-serialized, chunk by chunk, as N-Triples or N-Quads.
    """
    if base_iri is not None or (fmt.supports_datasets and graph is not None):
        out = ox.RdfFormat.N_QUADS if fmt.supports_datasets else ox.RdfFormat.N_TRIPLES
        yield _serialized(_retarget(_parse(source, fmt, base_iri), graph), out), out.media_type
    elif isinstance(source, Path):
        with source.open("rb") as body:
            yield body, fmt.media_type
    else:
        yield source, fmt.media_type


def _serialized(quads: Iterable[ox.Quad], fmt: ox.RdfFormat) -> Iterator[bytes]:
    for batch in _batched(quads, _RDF_BATCH):
        items = batch if fmt.supports_datasets else [q.triple for q in batch]
        yield ox.serialize(items, format=fmt) or b""

