"""``/reconcile``: the W3C Entity Reconciliation Service API (0.2) that OpenRefine speaks, over
`kg.reconcile`.

``GET /reconcile`` is the manifest; ``queries=`` (a JSON batch) reconciles and ``extend=`` (a
JSON request) fetches property values, as a query parameter, a form field (how OpenRefine posts
them) or a member of a JSON body. ``/preview?id=`` is an HTML card, ``/suggest/{entity,type,
property}?prefix=`` the suggest services, ``/propose_properties?type=`` the properties to extend
with. Browsers may call every route from any origin (`api.cors`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from api.html import TEMPLATES
from api.problems import Problem
from api.state import state
from kg.reconcile import SUGGEST_KINDS, Card, ReconcileError, Reconciler
from kg.reconcile.manifest import PREVIEW_HEIGHT, PREVIEW_WIDTH
from kg.search import IndexUnavailable, open_index
from kg.views.errors import Gone, NotFound

router = APIRouter(prefix="/reconcile", tags=["reconciliation"])

Batch = Annotated[str | None, Query(description="A batch of reconciliation queries (JSON): "
                                    '{"q0": {"query": "南京", "type": "jl:Place", "limit": 3, '
                                    '"properties": [{"pid": "jl:locatedIn", "v": "江苏"}]}}')]
Extend = Annotated[str | None, Query(description="A data extension request (JSON): "
                                     '{"ids": ["entity/person/zhu-yuanzhang"], '
                                     '"properties": [{"id": "jl:birthYear"}]}')]

PREVIEW = TEMPLATES.env.from_string("""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ card.name }}</title>
<style>
body { margin: 0; font: 13px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif;
       color: #222; }
.card { box-sizing: border-box; width: {{ width }}px; height: {{ height }}px; overflow: hidden;
        padding: 8px 10px; }
h1 { font-size: 16px; margin: 0 0 2px; }
.quiet { color: #666; }
p { margin: 4px 0; color: #444; }
</style></head>
<body><div class="card">
<h1><a href="{{ view }}" target="_blank" rel="noopener">{{ card.name }}</a></h1>
<div class="quiet">{{ card.types | join("、") }}{% for label, year in card.dates %}
 · {{ label }} {{ year }}{% endfor %}</div>
{% if card.names %}
<div><span class="quiet">又名</span> {{ card.names | join("、") }}</div>{% endif %}
{% for label, values in card.facts %}
<div><span class="quiet">{{ label }}</span> {{ values | join("、") }}</div>{% endfor %}
{% if card.note %}<p>{{ card.note }}</p>{% endif %}
<div class="quiet"><small>{{ card.iri }}</small></div>
</div></body></html>
""")


def _service(request: Request) -> Reconciler:
    app = state(request)
    return Reconciler(app.store, open_index(app.settings), app.minter)


def _answer(request: Request, queries: str | dict | None, extend: str | dict | None,
            *, asked: bool) -> JSONResponse:
    """Reconcile, extend, or (nothing asked) the manifest."""
    service = _service(request)
    try:
        if queries is not None:
            return JSONResponse(service.reconcile(queries))
        if extend is not None:
            return JSONResponse(service.extend(extend))
    except ReconcileError as err:
        raise Problem(400, "Invalid reconciliation request", str(err)) from None
    except IndexUnavailable as err:
        raise Problem(503, "Search index unavailable", str(err)) from None
    if asked:
        raise Problem(400, "Invalid reconciliation request", "give queries or extend")
    return JSONResponse(service.manifest(str(request.base_url)))


@router.get("", summary="Service manifest, or reconcile / extend by query parameter")
@router.get("/", include_in_schema=False)
def service_get(request: Request, queries: Batch = None, extend: Extend = None) -> JSONResponse:
    """Without parameters the manifest (versions, identifierSpace, defaultTypes, view, preview,
    suggest and extend settings); with ``queries`` the candidates of each query by its key;
    with ``extend`` the values of each property for each id."""
    return _answer(request, queries, extend, asked=False)


@router.post("", summary="Reconcile or extend (form fields, as OpenRefine sends them)")
@router.post("/", include_in_schema=False)
async def service_post(request: Request) -> JSONResponse:
    """``queries`` or ``extend`` as form fields (``application/x-www-form-urlencoded`` or
    multipart), or as members of a JSON object body."""
    fields = await _fields(request)
    return await run_in_threadpool(_answer, request, fields.get("queries"),
                                   fields.get("extend"), asked=True)


async def _fields(request: Request) -> dict:
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise Problem(400, "Invalid reconciliation request", "the body is not JSON") from None
        if not isinstance(body, dict):
            raise Problem(400, "Invalid reconciliation request", "give a JSON object")
        return body
    form = await request.form()
    found = {k: form[k] for k in ("queries", "extend") if k in form}
    if not all(isinstance(v, str) for v in found.values()):
        raise Problem(400, "Invalid reconciliation request", "queries and extend are text")
    return found


@router.get("/preview", summary="An HTML card of an entity, for OpenRefine's preview",
            response_class=HTMLResponse)
def preview(request: Request, id: Annotated[str, Query(
        description="An entity id (entity/person/zhu-yuanzhang) or IRI.")]) -> HTMLResponse:
    try:
        card = _service(request).preview(id)
    except NotFound as err:
        raise Problem(404, "Not found", str(err)) from None
    except Gone as err:
        raise Problem(410, "Gone", str(err)) from None
    return HTMLResponse(_render(request, card))


def _render(request: Request, card: Card) -> str:
    return PREVIEW.render(card=card, view=str(request.base_url) + card.id,
                          width=PREVIEW_WIDTH, height=PREVIEW_HEIGHT)


@router.get("/suggest/{kind}", summary="Suggest entities, types or properties")
def suggest(request: Request, kind: str,
            prefix: Annotated[str, Query(description="What the user has typed: Chinese "
                                         "(simplified or traditional), pinyin or initials.")] = "",
            type: Annotated[str | None, Query(description="Entities of this type only.")] = None,
            cursor: Annotated[int, Query(ge=0, description="Results to skip.")] = 0,
            limit: Annotated[int, Query(ge=1, le=100)] = 10) -> JSONResponse:
    """``kind`` is entity, type or property; ``{"result": [{"id", "name", …}]}``."""
    if kind not in SUGGEST_KINDS:
        raise Problem(404, "Not found", f"suggest: one of {', '.join(SUGGEST_KINDS)}")
    try:
        return JSONResponse(_service(request).suggest(kind, prefix, type, cursor, limit))
    except ReconcileError as err:
        raise Problem(400, "Invalid suggest request", str(err)) from None
    except IndexUnavailable as err:
        raise Problem(503, "Search index unavailable", str(err)) from None


@router.get("/propose_properties", summary="Properties to extend the entities of a type with")
def propose_properties(
        request: Request,
        type: Annotated[str | None, Query(description="A type id (jl:Person).")] = None,
        limit: Annotated[int | None, Query(ge=1)] = None) -> JSONResponse:
    try:
        return JSONResponse(_service(request).propose(type, limit))
    except ReconcileError as err:
        raise Problem(400, "Invalid property proposal request", str(err)) from None
