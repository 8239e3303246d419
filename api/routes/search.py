"""``/api/v1/search`` and ``/api/v1/suggest``: Chinese full-text search and label suggest over
the search index (`kg.search`), which the first request builds from the store when it is missing;
``/search``: the same search as a page, with its facets as filters.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pyoxigraph import NamedNode

from api.examples import SEARCH, SUGGEST, ok
from api.html import render
from api.problems import Problem
from api.state import AppState, state
from kg.search import BadQuery, Hit, IndexUnavailable, Results, SearchIndex, open_index

router = APIRouter(prefix="/api/v1", tags=["search"])
pages = APIRouter(tags=["pages"])
PAGE_SIZE = 20

Words = Annotated[str, Query(description="What to search for: Chinese (simplified or "
                             "traditional), pinyin (nanjing, nan jing) or other words.")]
Values = Annotated[list[str] | None, Query()]


def _index(app: AppState) -> SearchIndex:
    index = open_index(app.settings)
    try:
        index.ensure(app.store)
    except IndexUnavailable as err:
        raise Problem(503, "Search index unavailable", str(err)) from None
    return index


def _asked(q: str) -> str:
    if not q.strip():
        raise Problem(400, "Invalid search", "q: give the words to search for")
    return q


@router.get("/search", summary="Search labels, titles and texts", responses=ok(SEARCH))
def search(request: Request, q: Words = "",
           type: Annotated[list[str] | None, Query(
               description="Only resources of this type (Person, Place, Paragraph …); "
               "repeat for any of several.")] = None,
           period: Annotated[list[str] | None, Query(
               description="Only resources of this period: its IRI or its name (明).")] = None,
           graph: Annotated[list[str] | None, Query(
               description="Only resources from this graph (its short name).")] = None,
           page: Annotated[int, Query(ge=1)] = 1,
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> JSONResponse:
    """Resources whose names, titles or texts match, best first: names that are the query,
    then names that start with it, then names that contain it, then texts. ``snippet`` is
    HTML (matches in ``<mark>``, the rest escaped). ``facets`` count all matches; ``next``
    links the following page."""
    app = state(request)
    try:
        results = _index(app).search(_asked(q), type=type, period=period, graph=graph,
                                     limit=limit, offset=(page - 1) * limit)
    except BadQuery as err:
        raise Problem(400, "Invalid search", str(err)) from None
    return JSONResponse(_results(request, app, q, page, results))


@router.get("/suggest", summary="Suggest resources by the start of a name",
            responses=ok(SUGGEST))
def suggest(request: Request, q: Words = "",
            type: Annotated[str | None, Query(
                description="Only resources of this type.")] = None,
            limit: Annotated[int, Query(ge=1, le=50)] = 10) -> JSONResponse:
    """Resources with a name that starts with ``q`` (金陵, 金陵圖), or whose name's pinyin
    or initials do (jinl, jl); one per resource, shorter names first. ``match`` is the name
    that matched, ``label`` the resource's own."""
    app = state(request)
    try:
        found = _index(app).suggest(_asked(q), type=type, limit=limit)
    except BadQuery as err:
        raise Problem(400, "Invalid search", str(err)) from None
    return JSONResponse({"query": q, "suggestions": [
        {"@id": s.iri, "type": s.type, "label": s.label, "match": s.match} for s in found]})


def _results(request: Request, app: AppState, q: str, page: int, results: Results) -> dict:
    def link(to: int) -> str:
        return str(request.url.include_query_params(page=to))

    return {
        "query": q, "total": results.total, "page": page, "limit": results.limit,
        "results": [_hit(app, hit) for hit in results.hits],
        "facets": {
            "type": [{"value": f.value, "count": f.count} for f in results.facets["type"]],
            "period": [{"value": f.value, "label": f.label, "count": f.count}
                       for f in results.facets["period"]],
            "graph": [{"value": _graph_name(app, f.value), "@id": f.value, "count": f.count}
                      for f in results.facets["graph"]],
        },
        "next": link(page + 1) if results.more else None,
        "prev": link(page - 1) if page > 1 else None,
    }


def _hit(app: AppState, hit: Hit) -> dict:
    body = {"@id": hit.iri, "type": hit.type, "label": hit.label, "snippet": hit.snippet,
            "score": hit.score, "matched": hit.field,
            "graphs": [_graph_name(app, g) for g in hit.graphs],
            "periods": [{"@id": iri, "label": label} for iri, label in hit.periods]}
    if hit.owner:
        body["partOf"] = {"@id": hit.owner, "label": hit.owner_label, "type": hit.owner_type}
    return body


def _graph_name(app: AppState, iri: str) -> str:
    return app.minter.graph_name(NamedNode(iri)) or iri


@pages.get("/search", response_class=HTMLResponse, summary="The search page")
def search_page(request: Request, q: str = "", type: Values = None, period: Values = None,
                graph: Values = None, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    """Names, titles and texts that match ``q``, with the facets as filters to tick."""
    app, chosen = state(request), {"type": type or [], "period": period or [],
                                   "graph": graph or []}
    results = None
    if q.strip():
        try:
            results = _index(app).search(q, type=type, period=period, graph=graph,
                                         limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        except BadQuery as err:
            raise Problem(400, "Invalid search", str(err)) from None
    found = _results(request, app, q, page, results) if results else None
    return render(request, "search.html", {
        "q": q, "found": found, "chosen": chosen,
        "hits": [{**hit, "href": app.minter.path_of(hit["@id"]) or hit["@id"]}
                 for hit in (found or {}).get("results", [])]})
