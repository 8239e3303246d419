"""``/graphs``: the SPARQL 1.1 Graph Store HTTP Protocol, direct and indirect identification.

A graph minted here is named ``{base}graphs/{name}``, so its IRI is also its Graph Store URL:
``/graphs/kb`` (direct) and ``/graphs?graph={base}graphs/kb`` (indirect) are the same graph.
"""

from __future__ import annotations

import uuid
from urllib.parse import unquote

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pyoxigraph import NamedNode
from starlette.concurrency import run_in_threadpool

from api.problems import Problem
from api.rdf_response import RDF_OFFERS, graph_body, negotiate
from api.state import AppState, logged_addition, logged_write, require_write, state
from kg.auth import Targets
from kg.graphs import graph_names
from sparql.errors import UnsupportedFormat
from sparql.formats import rdf_format_for_media_type
from sparql.loading import parse_error

router = APIRouter(tags=["graph store"])
METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


def _target(request: Request, path: str | None) -> NamedNode | None:
    """The graph a request names; None for the default graph."""
    app = state(request)
    if path:
        return app.minter.from_path("graphs/" + path)
    query = request.url.query
    params = dict(part.partition("=")[::2] for part in query.split("&") if part)
    if "default" in params and "graph" not in params:
        return None
    if "graph" in params and "default" not in params:
        try:
            return NamedNode(unquote(params["graph"]))
        except ValueError as err:
            raise Problem(400, "Invalid graph IRI", f"graph= is not an IRI: {err}") from None
    raise Problem(400, "No graph named", "name the graph: ?graph=<IRI> or ?default")


def _targets(graph: NamedNode | None) -> Targets:
    return Targets(default=True) if graph is None else Targets(frozenset({graph.value}))


async def _payload(request: Request) -> list[tuple[bytes, str]]:
    """(body, content type) of a plain body, or of each part of a multipart form."""
    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("multipart/form-data"):
        form = await request.form()
        parts = [(await part.read(), part.content_type or "")
                 for _, part in form.multi_items() if hasattr(part, "read")]
        return parts
    return [(await request.body(), content_type)]


def _exists(app: AppState, graph: NamedNode | None) -> bool:
    return graph is None or app.store.has_graph(graph)


def _read(request: Request, graph: NamedNode | None) -> Response:
    app = state(request)
    if not _exists(app, graph):
        raise Problem(404, "No such graph", f"no graph {graph.value} in the store")
    media, params = negotiate(request.headers.get("accept"), list(RDF_OFFERS))
    body = graph_body(app.store.graph_triples(graph), media, params)
    media_type = media if media.endswith("json") else f"{media}; charset=utf-8"
    return Response(b"" if request.method == "HEAD" else body, media_type=media_type,
                    headers={"Vary": "Accept"})


def _write(request: Request, graph: NamedNode | None, parts: list[tuple[bytes, str]],
           replace: bool) -> Response:
    app = state(request)
    require_write(request, _targets(graph))
    existed = _exists(app, graph)
    base = graph.value if graph is not None else str(request.url)
    formats = [rdf_format_for_media_type(content_type) for _, content_type in parts]
    if any(fmt.supports_datasets for fmt in formats):
        raise UnsupportedFormat("send triples (Turtle, N-Triples, RDF/XML, JSON-LD) to one "
                                "graph; POST N-Quads or TriG to /graphs itself")

    def write() -> None:
        for index, ((body, _), fmt) in enumerate(zip(parts, formats, strict=True)):
            app.store.load(body, format=fmt, graph=graph, base_iri=base,
                           replace=replace and index == 0, name="request body")
        if graph is not None and not existed and not parts:
            app.store.create_graph(graph)

    summary = f"Graph Store {request.method}"
    if replace or graph is None:
        logged_write(request, _targets(graph), write, "Update" if existed else "Create", summary)
    else:
        quads = [q for (body, _), fmt in zip(parts, formats, strict=True)
                 for q in _quads(body, fmt, base, graph)]
        logged_addition(request, _targets(graph), quads, write, summary)
    return Response(status_code=204 if existed else 201)


def _quads(body: bytes, fmt: ox.RdfFormat, base: str, graph: NamedNode) -> list[ox.Quad]:
    try:
        return [ox.Quad(t.subject, t.predicate, t.object, graph)
                for t in ox.parse(body, fmt, base_iri=base)]
    except SyntaxError as err:
        raise parse_error("request body", err, fmt=fmt, data=body) from None


def _delete(request: Request, graph: NamedNode | None) -> Response:
    app = state(request)
    if graph is None:
        logged_write(request, _targets(graph), lambda: app.store.update("CLEAR DEFAULT"),
                     "Delete", "Graph Store DELETE of the default graph")
        return Response(status_code=204)
    if not logged_write(request, _targets(graph), lambda: app.store.drop_graph(graph),
                        "Delete", "Graph Store DELETE"):
        raise Problem(404, "No such graph", f"no graph {graph.value} in the store")
    return Response(status_code=204)


async def _dispatch(request: Request, graph: NamedNode | None) -> Response:
    method = request.method
    if method in ("GET", "HEAD"):
        return await run_in_threadpool(_read, request, graph)
    if method == "DELETE":
        return await run_in_threadpool(_delete, request, graph)
    parts = await _payload(request)
    return await run_in_threadpool(_write, request, graph, parts, method == "PUT")


@router.api_route("/graphs/{path:path}", methods=METHODS, summary="Graph Store: direct")
async def graph_direct(request: Request, path: str) -> Response:
    """Read, replace, add to or delete the graph named by this URL."""
    return await _dispatch(request, _target(request, path))


@router.api_route("/graphs", methods=METHODS, summary="Graph Store: indirect")
async def graph_indirect(request: Request) -> Response:
    """``?graph=IRI`` or ``?default``; a bare GET lists graphs, a bare POST creates one."""
    if request.url.query:
        return await _dispatch(request, _target(request, None))
    if request.method in ("GET", "HEAD"):
        app = state(request)
        names = await run_in_threadpool(graph_names, app.store, app.minter)
        return _graph_list(app, names)
    if request.method == "POST":
        return await _post_new(request)
    raise Problem(405, "Method not allowed", "name a graph with ?graph=<IRI> to PUT or DELETE")


def _graph_list(app: AppState, names: list[str]) -> Response:
    rows = [{"name": n, "iri": n if "://" in n else app.graph_iri(n)} for n in names]
    return JSONResponse({"graphs": rows})


async def _post_new(request: Request) -> Response:
    """Create a graph with a fresh name (201 + Location), or load a dataset (quads)."""
    app = state(request)
    parts = await _payload(request)
    if parts and rdf_format_for_media_type(parts[0][1]).supports_datasets:
        return await run_in_threadpool(_load_dataset, request, parts[0])
    graph = app.minter.graph(f"new/{uuid.uuid4().hex[:12]}")
    await run_in_threadpool(_write, request, graph, parts, False)
    return Response(status_code=201, headers={"Location": graph.value})


def _dataset_graphs(body: bytes, fmt: ox.RdfFormat) -> set:
    try:
        return {q.graph_name for q in ox.parse(body, fmt)}
    except SyntaxError as err:
        raise parse_error("request body", err) from None


def _load_dataset(request: Request, part: tuple[bytes, str]) -> Response:
    app = state(request)
    body, content_type = part
    fmt = rdf_format_for_media_type(content_type)
    graphs = _dataset_graphs(body, fmt)
    targets = Targets(frozenset(g.value for g in graphs if isinstance(g, NamedNode)),
                      default=any(not isinstance(g, NamedNode) for g in graphs))
    logged_write(request, targets, lambda: app.store.load(body, format=fmt, name="request body"),
                 "Update", "Graph Store POST of a dataset")
    return Response(status_code=204)
