"""``/iiif/``: IIIF Presentation 3.0 manifests of digitised ancient books, and a level-0 IIIF
Image API 3.0 over their page images. Every answer, errors included, allows any origin (CORS).

- ``/iiif/{source}/{key}/manifest``: the Manifest of ``{base}instances/{source}/{key}``.
- ``/iiif/{source}/{key}/canvas/{n}`` and the annotation pages and annotations below it
  (``…/page``, ``…/page/image``, ``…/text``, ``…/text/{i}``): each part of the manifest on its own.
- ``/iiif/image/{source}/{key}/{n}``: page ``n``'s image service: a 303 to ``…/info.json``;
  ``…/full/max/0/default.jpg`` and ``…/full/{w},{h}/0/default.jpg`` for the listed sizes.

Ids are built from the request's base URL, so every one dereferences on the server that made
it. A source named ``image`` would clash with the Image API paths; sources are never so named.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from pyoxigraph import Literal, NamedNode
from starlette.concurrency import run_in_threadpool

from api import images
from api.negotiation import choose
from api.problems import Problem
from api.state import state
from kg import iiif
from sparql import queries

router = APIRouter(prefix="/iiif", tags=["IIIF"])
CORS = {"Access-Control-Allow-Origin": "*"}
PREFLIGHT = {**CORS, "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
             "Access-Control-Max-Age": "86400"}
JSON_OFFERS = ["application/json", "application/ld+json"]
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
GZIP_FROM = 512  # bytes: smaller bodies are not worth compressing
IMAGE_CACHE = "public, max-age=86400"


def not_found(detail: str) -> Problem:
    """A 404 problem that a viewer on another origin can read."""
    return Problem(404, "Not found", detail, headers=CORS)


def _book(request: Request, source: str, key: str) -> NamedNode:
    return state(request).minter.record("instances", source, key)


def _urls(request: Request, source: str, key: str) -> iiif.Urls:
    app, base = state(request), str(request.base_url).rstrip("/")
    book = _book(request, source, key)
    return iiif.Urls(base, source, key, base + (app.minter.path_of(book.value) or "/"))


def _pages(request: Request, bindings: dict) -> list[iiif.Page]:
    rows = state(request).store.query(queries.load("book_pages"), bindings)
    try:
        return iiif.book_pages(rows)
    except iiif.PageDataError as err:
        raise Problem(500, "Bad page data", str(err), headers=CORS) from err


def _manifest(request: Request, source: str, key: str) -> dict:
    store, book = state(request).store, _book(request, source, key)
    fields = iiif.book_fields(store.query(queries.load("book_manifest"), {"book": book}))
    pages = _pages(request, {"book": book})
    if not fields or not pages:
        raise not_found(f"{book.value} is not a digitised ancient book (jl:AncientBook with "
                        "jl:Page images)")
    return iiif.manifest(_urls(request, source, key), fields, pages)


def _page(request: Request, source: str, key: str, n: str) -> iiif.Page:
    book = _book(request, source, key)
    if not (n.isascii() and n.isdigit()) or n.startswith("0"):
        raise not_found(f"page {n!r}: pages are numbered 1, 2, 3 …")
    pages = _pages(request, {"book": book, "order": Literal(n, datatype=XSD_INTEGER)})
    if not pages:
        raise not_found(f"{book.value} has no page {n} with an image")
    return pages[0]


def _gzip_accepted(request: Request) -> bool:
    for coding in request.headers.get("accept-encoding", "").split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() == "gzip" and params.replace(" ", "") not in ("q=0", "q=0.0"):
            return True
    return False


def _json(request: Request, doc: dict, context: str) -> Response:
    """A IIIF JSON document: JSON-LD with its profile when asked for, else plain JSON."""
    chosen = choose(request.headers.get("accept"), JSON_OFFERS)
    media = "application/json"
    if chosen and chosen[0] == "application/ld+json":
        media = f'application/ld+json;profile="{context}"'
    body = json.dumps(doc, ensure_ascii=False).encode()
    headers = {**CORS, "Vary": "Accept, Accept-Encoding"}
    if len(body) >= GZIP_FROM and _gzip_accepted(request):
        body, headers["Content-Encoding"] = gzip.compress(body, 6), "gzip"
    return Response(body, media_type=media, headers=headers)


def _original(request: Request, page: iiif.Page) -> None:
    """A 404 unless the page's image is there to serve (a path out of the media folder is not)."""
    try:
        images.original(state(request).settings.media, page.image_file)
    except images.ImageError as err:
        raise not_found(f"page {page.order} has no image to serve") from err


def _image_file(request: Request, page: iiif.Page, size: tuple[int, int]) -> Path:
    try:
        return images.jpeg(state(request).settings.media, page.image_file, size)
    except (images.UnsafeImagePath, images.ImageMissing) as err:
        raise not_found(f"page {page.order} has no image to serve") from err
    except images.ImageUnreadable as err:
        raise Problem(500, "Unreadable image", str(err), headers=CORS) from err


@router.api_route("/image/{source}/{key}/{n}/info.json", methods=["GET", "HEAD"],
                  summary="Image API 3.0 information of one page image (level 0)")
async def image_info(request: Request, source: str, key: str, n: str) -> Response:
    """The ``info.json`` of page ``n``: its size and the sizes this service makes."""
    page = await run_in_threadpool(_page, request, source, key, n)
    await run_in_threadpool(_original, request, page)
    service = _urls(request, source, key).image_service(page.order)
    doc = iiif.image_info(service, page.width, page.height)
    return _json(request, doc, iiif.IMAGE_CONTEXT)


@router.api_route("/image/{source}/{key}/{n}/{region}/{size}/{rotation}/{quality_format}",
                  methods=["GET", "HEAD"], summary="One page image, as JPEG (level 0)")
async def image(request: Request, source: str, key: str, n: str, region: str, size: str,
                rotation: str, quality_format: str) -> Response:
    """Region ``full``, size ``max`` or one listed in ``info.json``, rotation ``0``,
    ``default.jpg``; other syntax is a 400, other values a 404."""
    page = await run_in_threadpool(_page, request, source, key, n)
    try:
        wanted = iiif.image_request_size(region, size, rotation, quality_format, page.width,
                                         page.height)
    except iiif.ImageRequestError as err:
        raise Problem(err.status, "Bad image request" if err.status == 400 else "Not offered",
                      str(err), headers=CORS) from err
    path = await run_in_threadpool(_image_file, request, page, wanted)
    return FileResponse(path, media_type="image/jpeg",
                        headers={**CORS, "Cache-Control": IMAGE_CACHE})


@router.api_route("/image/{source}/{key}/{n}", methods=["GET", "HEAD"],
                  summary="An image service's base URI: see its info.json")
async def image_service(request: Request, source: str, key: str, n: str) -> Response:
    """303 See Other to ``info.json``, as the Image API asks of a service's base URI."""
    info = str(request.url.replace(query="")) + "/info.json"
    return RedirectResponse(info, status_code=303, headers=CORS)


@router.api_route("/{source}/{key}/manifest", methods=["GET", "HEAD"],
                  summary="IIIF Presentation 3.0 manifest of a digitised ancient book")
async def manifest(request: Request, source: str, key: str) -> Response:
    """The manifest of ``instances/{source}/{key}``: its pages as canvases, right to left."""
    doc = await run_in_threadpool(_manifest, request, source, key)
    return _json(request, doc, iiif.PRESENTATION_CONTEXT)


@router.api_route("/{source}/{key}/canvas/{part:path}", methods=["GET", "HEAD"],
                  summary="A canvas, annotation page or annotation of a manifest")
async def manifest_part(request: Request, source: str, key: str, part: str) -> Response:
    """The part of the manifest whose id is this URL."""
    doc = await run_in_threadpool(_manifest, request, source, key)
    found = iiif.find(doc, f"{_urls(request, source, key).canvases}/{part}")
    if found is None:
        raise not_found(f"the manifest of {source}/{key} has no part canvas/{part}")
    return _json(request, found, iiif.PRESENTATION_CONTEXT)


@router.options("/{path:path}", include_in_schema=False)
async def preflight(request: Request, path: str) -> Response:
    """CORS preflight: viewers send Accept with a profile, which needs one."""
    asked = request.headers.get("access-control-request-headers")
    headers = {**PREFLIGHT, **({"Access-Control-Allow-Headers": asked} if asked else {})}
    return Response(status_code=204, headers=headers)


@router.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def unknown(path: str) -> Response:
    """Anything else under /iiif/ (kept from the linked-data catch-all, with CORS)."""
    raise not_found(f"no IIIF resource at /iiif/{path}")
