"""The change feed (``/feed``): ActivityStreams 2.0 pages of the change log (`kg.feed`)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.examples import FEED, FEED_PAGE, ok
from api.state import state
from kg import feed as changes_feed

router = APIRouter(tags=["change feed"])
MEDIA = "application/activity+json"


@router.get("/feed", summary="The change feed", response_class=JSONResponse,
            responses=ok(FEED, media=MEDIA))
async def collection(request: Request, since: str | None = Query(
        None, description="ISO 8601 UTC time: only changes from then on",
        examples=["2026-11-01T00:00:00Z"])) -> JSONResponse:
    """An OrderedCollection of every recorded change; follow ``first`` and then ``next``."""
    app, url = state(request), str(request.url_for("collection"))
    body = await run_in_threadpool(changes_feed.collection, app.changes, url, since)
    return JSONResponse(body, media_type=MEDIA)


@router.get("/feed/page", summary="A page of the change feed", response_class=JSONResponse,
            responses=ok(FEED_PAGE, media=MEDIA))
async def feed_page(request: Request, after: int = Query(0, ge=0, description=(
        "the number of the last change already applied")), since: str | None = None,
        size: int = Query(changes_feed.PAGE_SIZE, ge=1, le=1000)) -> JSONResponse:
    """Up to ``size`` changes after number ``after``, oldest first, each with the N-Quads it
    removed and added; ``next`` names the following page."""
    app, url = state(request), str(request.url_for("feed_page"))
    dumps = str(request.base_url) + "dumps/"
    body = await run_in_threadpool(changes_feed.page, app.changes, url, app.minter.base,
                                   after, since, size, dumps)
    return JSONResponse(body, media_type=MEDIA)
