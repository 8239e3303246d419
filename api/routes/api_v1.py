"""``/api/v1``: the JSON-LD REST API that front-end apps build on (views made by `kg.views`).

Every document names the published context ``/api/v1/context.jsonld`` and comes with a
strong ETag (``If-None-Match`` → 304), Last-Modified where the data says when it changed, and
CORS for any origin (`api.cors`). Lists are pages with ``first``/``prev``/``next``/``last`` in
the body and in an RFC 8288 ``Link`` header. Errors are problem documents: 400 for a bad
parameter, 404 for an unknown resource, 410 for a deleted one; a merged entity answers 301
with the URL of the entity it was merged into.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from api import cors
from api import models_v1 as m
from api.conditional import JSONLD, ResponseCache, cached, jsonld_response
from api.problems import PROBLEM_TYPE, Problem
from api.state import AppState, state
from kg.views import entities, records, texts
from kg.views.context import api_context
from kg.views.describe import View
from kg.views.errors import BadParameter, Gone, NotFound, Replaced, ViewError
from kg.views.paging import DEFAULT_LIMIT, MAX_LIMIT, Paging

PREFIX = "/api/v1"
CONTEXT_CACHE = "public, max-age=86400"
STATUS: list[tuple[type[ViewError], int, str]] = [
    (BadParameter, 400, "Bad request"), (NotFound, 404, "Not found"), (Gone, 410, "Gone")]


def _problem_detail(err: RequestValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in err.errors())


class ViewRoute(APIRoute):
    """A route whose bad parameters are 400 problems and whose view errors get their status."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as err:
                raise Problem(400, "Bad request", _problem_detail(err)) from err
            except Replaced as moved:
                return _moved(request, moved)
            except ViewError as err:
                status, title = next((s, t) for cls, s, t in STATUS if isinstance(err, cls))
                raise Problem(status, title, str(err)) from err

        return guarded


router = APIRouter(prefix=PREFIX, tags=["JSON-LD API"], route_class=ViewRoute)


def install_cors(app: FastAPI) -> None:
    """CORS for the API and the other public read paths (the router is included as usual)."""
    cors.install(app)


def api_path(app: AppState, iri: str) -> str | None:
    """The API path of a resource minted under the base (``entity/`` → ``/entities/``)."""
    path = app.minter.path_of(iri)
    if path is None:
        return None
    return PREFIX + ("/entities/" + path[len("/entity/"):] if path.startswith("/entity/") else path)


def _moved(request: Request, moved: Replaced) -> Response:
    app = state(request)
    old, new = api_path(app, moved.iri), api_path(app, moved.target)
    path = request.url.path
    target = path.replace(old, new, 1) if old and new and path.startswith(old) else moved.target
    query = f"?{request.url.query}" if request.url.query and target.startswith("/") else ""
    return RedirectResponse(target + query, status_code=301)


def context_url(request: Request) -> str:
    """The published context, on the answering server."""
    return str(request.base_url).rstrip("/") + PREFIX + "/context.jsonld"


def respond(request: Request, view: View) -> Response:
    """A view as JSON-LD; a collection page also gets its ``Link`` header."""
    doc = {"@context": context_url(request), **view.doc}
    links = ", ".join(f'<{doc[rel]}>; rel="{rel}"' for rel in ("first", "prev", "next", "last")
                      if doc.get(rel))
    return jsonld_response(request, doc, modified=view.modified,
                           headers={"Link": links} if links else None)


class JsonLdResponse(Response):
    """A JSON-LD document (the API's media type, for the OpenAPI description)."""

    media_type = JSONLD


def _problem(description: str, example: dict) -> dict:
    return {"description": description, "content": {PROBLEM_TYPE: {
        "schema": m.Problem.model_json_schema(), "example": example}}}


def _responses(example: dict, model: type, gone: bool = False) -> dict:
    """The OpenAPI responses of a route: its document, 304 and the problems it may answer."""
    found = {200: {"model": model, "content": {JSONLD: {"example": example}}},
             304: {"description": "Not Modified: the ETag (or date) the client sent still holds"},
             400: _problem("A bad parameter", m.BAD),
             404: _problem("No such resource", m.NOT_FOUND),
             "default": _problem("Any other error", m.UNAVAILABLE)}
    if gone:
        found[410] = _problem("Deleted at its source (a tombstone)", m.GONE)
        found[301] = {"description": "Merged into another resource: see Location"}
    return found


def _get(path: str, summary: str, example: dict, model: type, gone: bool = True):
    """GET (documented) and HEAD (the same answer without its body) of one route."""
    documented = router.get(path, summary=summary, response_class=JsonLdResponse,
                            responses=_responses(example, model, gone))
    head = router.head(path, include_in_schema=False)
    return lambda handler: documented(head(cached(_cache_of)(handler)))


def _cache_of(request: Request) -> tuple[ResponseCache, int | None]:
    """The app's answer cache and the store's current write count (None: do not cache)."""
    app = state(request)
    return app.answers, app.generation


Page = Annotated[int, Query(ge=1, description="Page number, from 1", examples=[1])]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (most {MAX_LIMIT})")]
Graph = Annotated[str | None, Query(description="Only resources a named graph describes "
                                    "(short name: kb, catalogue, documents …)", examples=["kb"])]
Name = Annotated[str | None, Query(description="A name (label, alias, courtesy or art name) "
                                   "to match, any case", examples=["秦淮"])]
Match = Annotated[str, Query(pattern="^(contains|prefix|exact)$",
                             description="How a name must match q: contains, prefix or exact")]


@router.head("/context.jsonld", include_in_schema=False)
@router.get("/context.jsonld", response_class=JsonLdResponse,
            summary="The JSON-LD context of the API",
            responses={200: {"content": {JSONLD: {"example": {"@context": {
                "name": "jlapi:name", "Person": "jl:Person"}}}}}})
def context(request: Request) -> Response:
    """The ontology's context (``/ontology/context.jsonld``) with the API's own terms: every
    document of ``/api/v1`` names this URL as its ``@context``. Versioned with the API: a term
    keeps its meaning within v1."""
    return jsonld_response(request, {"@context": api_context()}, cache=CONTEXT_CACHE)


@_get("/entities", "List entities by type, name, period and graph", m.ENTITY_LIST,
      m.Collection, gone=False)
def entity_list(request: Request, type: Annotated[str | None, Query(
        description="A type: person, place, placename, organization, event, period, dynasty, "
        "reignera, concept, agent … (any class term of the context, or a compact IRI)",
        examples=["person"])] = None,
        q: Name = None, match: Match = "contains",
        period: Annotated[str | None, Query(
            description="Related to this period or to one within it (activeIn, duringPeriod, "
            "usedDuring, capitalOf, intervalIn): a key such as ming or era-634, or an IRI",
            examples=["ming"])] = None,
        graph: Graph = None, page: Page = 1, limit: Limit = DEFAULT_LIMIT) -> Response:
    """Entities of the knowledge base and of the ingests (``{base}entity/…``), best name
    matches first, else in IRI order (pinyin keys). Follow ``next`` for the other pages."""
    app = state(request)
    filters = entities.entity_filters(app.store, app.minter, type=type, q=q, match=match,
                                      period=period, graph=graph)
    view = entities.entities(app.store, app.minter, filters, Paging(page, limit),
                             str(request.url))
    return respond(request, view)


@_get("/entities/{kind}/{key}", "One entity", m.PERSON, m.Entity)
def entity(request: Request, kind: str, key: str) -> Response:
    """The entity ``{base}entity/{kind}/{key}`` (kind: person, place, placename, organization,
    event, period …): names with their language tags, years, relations with the related
    resource's name, identifiers elsewhere, and the graphs that describe it."""
    app = state(request)
    return respond(request, entities.entity(app.store, app.minter, kind, key))


@_get("/entities/{kind}/{key}/neighbours", "An entity's neighbours", m.NEIGHBOURS,
      m.Neighbours)
def neighbours(request: Request, kind: str, key: str, graph: Graph = None,
               limit: Annotated[int, Query(ge=1, le=500, description="Most of each list")] = 50
               ) -> Response:
    """``cooccurring``: the entities mentioned in the same text parts (the co-occurrence
    network of ``/api/v1/network``), most shared parts first, within ``graph`` if given;
    ``related``: the resources the entity is directly related to, either way."""
    app = state(request)
    view = entities.neighbours(app.store, app.minter, kind, key, graph=graph, limit=limit)
    return respond(request, view)


def _record_list(kind: str, example: dict, what: str) -> None:
    @_get(f"/{kind}", f"List {what}", example, m.Collection, gone=False)
    def listed(request: Request, type: Annotated[str | None, Query(
            description="A narrower type: a class term (localdocument, oralhistoryinterview, "
            "ancientbook …) or a compact IRI (bf:Text)", examples=["localdocument"])] = None,
            graph: Graph = None, q: Name = None, match: Match = "contains", page: Page = 1,
            limit: Limit = DEFAULT_LIMIT) -> Response:
        app = state(request)
        filters = records.record_filters(app.store, app.minter, kind, type=type, graph=graph,
                                         q=q, match=match)
        view = records.records(app.store, app.minter, filters, Paging(page, limit),
                               str(request.url))
        return respond(request, view)

    listed.__doc__ = (f"{what.capitalize()} of every source, in IRI order (best name matches "
                      "first with q). Follow ``next`` for the other pages.")


def _record(kind: str, example: dict, what: str) -> None:
    @_get(f"/{kind}/{{source}}/{{key}}", f"One {what}", example, m.Record)
    def one(request: Request, source: str, key: str) -> Response:
        app = state(request)
        return respond(request, records.record(app.store, app.minter, kind, source, key))

    one.__doc__ = (f"The {what} ``{{base}}{kind}/{{source}}/{{key}}`` as its ingest wrote it: "
                   "every property, the nodes it owns (titles, contributions, notes …) "
                   "embedded, related resources with their names.")


for _kind, _example, _list_example, _what in (
        ("works", m.WORK, m.WORK_LIST, "work"), ("instances", m.BOOK, m.WORK_LIST, "instance"),
        ("items", m.ITEM, m.WORK_LIST, "item")):
    _record_list(_kind, _list_example, _kind)
    _record(_kind, _example, _what)


@_get("/documents/{source}/{key}", "A local document with its text and mentions", m.DOCUMENT,
      m.LocalDocument)
def document(request: Request, source: str, key: str) -> Response:
    """The local document ``{base}works/{source}/{key}`` with its instance's sections and
    paragraphs (text, offsets) and, in each paragraph, the linked mentions of entities."""
    app = state(request)
    return respond(request, texts.document(app.store, app.minter, source, key))


@_get("/books/{source}/{key}", "An ancient book with its pages", m.BOOK, m.Book)
def book(request: Request, source: str, key: str) -> Response:
    """The ancient book ``{base}instances/{source}/{key}``: edition, juan, provision, its
    pages (OCR text, mentions, IIIF image service) and its IIIF manifest."""
    app = state(request)
    server = str(request.base_url)
    return respond(request, texts.book(app.store, app.minter, source, key, server))


@_get("/interviews/{source}/{key}", "An oral-history interview with its transcript",
      m.INTERVIEW, m.Interview)
def interview(request: Request, source: str, key: str) -> Response:
    """The interview ``{base}works/{source}/{key}`` and its transcript segments in order:
    speaker, time codes in seconds, text and linked mentions."""
    app = state(request)
    return respond(request, texts.interview(app.store, app.minter, source, key))
