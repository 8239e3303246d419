"""``/``: where to start, and ``/health``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.html import render
from api.state import state
from kg.graphs import graph_names
from sparql import queries

router = APIRouter(tags=["service"])


def _home(request: Request) -> Response:
    app = state(request)
    names = graph_names(app.store, app.minter)
    graphs = [{"name": n, "href": app.minter.path_of(app.graph_iri(n)) or "#"} for n in names
              if "://" not in n]
    count = next(iter(app.store.query(queries.load("count_triples"))))["n"].value
    examples = [{"href": app.minter.path_of(r["s"].value) or r["s"].value,
                 "text": r["label"].value}
                for r in app.store.query(queries.load("sample_entities"))]
    return render(request, "index.html", {
        "graphs": graphs, "triples": int(count), "examples": examples,
        "statistics": _statistics(app)})


def _statistics(app) -> list[dict]:
    """How many resources of each kind the graphs hold, the most first."""
    counts = {row["class"].value.rsplit("#", 1)[-1]: int(row["n"].value)
              for row in app.store.query(queries.load("page_statistics"))}
    return [{"key": key, "n": n} for key, n in counts.items() if n]


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    """A landing page with the graphs and some entities."""
    return await run_in_threadpool(_home, request)


@router.get("/health", summary="Is the server up and its store answering?")
async def health(request: Request) -> JSONResponse:
    """200 with the store kind when the store answers an ASK."""
    app = state(request)
    await run_in_threadpool(app.store.query, "ASK {}")
    kind = type(app.store).__name__
    return JSONResponse({"status": "ok", "store": kind, "base": app.settings.base_iri})
