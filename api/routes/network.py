"""``/api/v1/network/…``: the co-occurrence network of linked entities (`kg.analytics`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.examples import CENTRAL, NEIGHBOURS, PATH, ok
from api.state import state
from kg import analytics

router = APIRouter(prefix="/api/v1/network", tags=["network"])

GraphName = Annotated[str | None, Query(description="Only text parts of this graph "
                                        "(a collection such as documents or oral-history).")]


def _network(request: Request, graph: str | None):
    app = state(request)
    return analytics.load_network(app.store, app.minter, graph)


@router.get("/neighbours", summary="Entities mentioned in the same text parts as an entity",
            responses=ok(NEIGHBOURS))
async def neighbours(request: Request, entity: Annotated[str, Query(description="Entity IRI")],
                     graph: GraphName = None,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50) -> JSONResponse:
    """Most shared text first; ``weight`` is the number of text parts both are mentioned in."""
    net = await run_in_threadpool(_network, request, graph)
    found = analytics.neighbours(net, entity, limit)
    return JSONResponse({"entity": analytics.describe(net, entity), "neighbours": [
        {**analytics.describe(net, iri), "weight": weight} for iri, weight in found]})


@router.get("/path", summary="The shortest chain of co-occurrences between two entities",
            responses=ok(PATH))
async def path(request: Request, source: Annotated[str, Query(alias="from")],
               target: Annotated[str, Query(alias="to")],
               graph: GraphName = None) -> JSONResponse:
    """``path`` is null when the two are not connected."""
    net = await run_in_threadpool(_network, request, graph)
    found = analytics.shortest_connection(net, source, target)
    return JSONResponse({"path": None if found is None else [
        analytics.describe(net, iri) for iri in found]})


@router.get("/central", summary="The most central entities of a collection",
            responses=ok(CENTRAL))
async def central(request: Request, graph: GraphName = None,
                  top: Annotated[int, Query(ge=1, le=500)] = 20,
                  measure: Annotated[str, Query(pattern="^(degree|betweenness)$")] = "degree"
                  ) -> JSONResponse:
    """By weighted degree (shared text) or betweenness centrality."""
    net = await run_in_threadpool(_network, request, graph)
    return JSONResponse({"measure": measure, "entities": [
        {**analytics.describe(net, iri), "score": score}
        for iri, score in analytics.central(net, top, measure)]})
