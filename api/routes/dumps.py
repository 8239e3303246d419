"""``/dumps``: N-Quads dumps per named graph, gzipped, with SHA-256 checksums (`kg.dumps`).

A dump is made on the first request and kept in ``var/dumps/`` beside the store; it is made
again when its graph's change stamp differs (how that is told, and what it misses, is in
`kg.dumps`). Reads need no token.
"""

from __future__ import annotations

import base64
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from api.problems import Problem
from api.state import AppState, state
from kg import dumps

router = APIRouter(prefix="/dumps", tags=["dumps"])
MEDIA_TYPE = "application/gzip"

_MANIFEST_EXAMPLE = {"graphs": [{
    "graph": "https://kg.jllib.cn/graphs/kb", "name": "kb", "href": "/dumps/kb.nq.gz",
    "file": "kb.nq.gz", "media_type": "application/n-quads", "compression": "gzip",
    "triples": 31350, "bytes": 347974, "created": "2025-01-01T00:00:00+00:00",
    "sha256": "b84534f7b4a138f43fca5d199dbaf90efe469f7c06f62ce8b5613abc56c2ed1c"}]}


def cache_folder(app: AppState) -> Path:
    """Where the server keeps its dumps: ``dumps/`` beside the store folder."""
    return app.settings.store.parent / "dumps"


def _listing(app: AppState) -> dict:
    names = dumps.dumpable(app.store, app.minter)
    current = dumps.stamps(app.store, [app.minter.graph(n) for n in names])
    made = dumps.read_manifest(cache_folder(app))
    return {"graphs": [_entry(app, name, current, made) for name in names]}


def _entry(app: AppState, name: str, current: dict[str, str], made: dict) -> dict:
    iri = app.minter.graph(name).value
    dump = made.get(iri)
    fresh = dump is not None and dump.stamp == current[iri]
    return {"graph": iri, "name": name, "href": f"/dumps/{name}{dumps.SUFFIX}",
            "file": dumps.file_name(name), "media_type": "application/n-quads",
            "compression": "gzip", "triples": int(current[iri].split("|")[0]),
            "bytes": dump.bytes if fresh else None, "created": dump.created if fresh else None,
            "sha256": dump.sha256 if fresh else None}


@router.get("", summary="The dumps: one gzipped N-Quads file per named graph",
            responses={200: {"content": {"application/json": {"example": _MANIFEST_EXAMPLE}}}})
async def manifest(request: Request) -> JSONResponse:
    """Each graph's IRI, link, file and triple count; ``bytes``, ``sha256`` and ``created``
    describe the file made last, and are null until the graph's dump is (re)made by its first
    download."""
    return JSONResponse(await run_in_threadpool(_listing, state(request)))


@router.api_route("/{file:path}", methods=["GET", "HEAD"],
                  summary="One graph's dump: gzipped N-Quads",
                  responses={200: {"content": {MEDIA_TYPE: {}},
                                   "description": "The file; ETag and Digest carry its SHA-256."},
                             304: {"description": "If-None-Match named the current file."},
                             404: {"description": "No such graph."}})
async def download(request: Request, file: str) -> Response:
    """``/dumps/{graph name}.nq.gz``, e.g. ``/dumps/kb.nq.gz`` or
    ``/dumps/district/xuanwu.nq.gz``: a file download (``application/gzip``, not a
    Content-Encoding: the bytes saved are the .gz file whose SHA-256 the manifest lists)."""
    if not file.endswith(dumps.SUFFIX) or len(file) == len(dumps.SUFFIX):
        raise Problem(404, "Not found", f"dumps are named {{graph}}{dumps.SUFFIX}, not {file}")
    app = state(request)
    folder = cache_folder(app)
    dump = await run_in_threadpool(dumps.fresh_dump, app.store, app.minter,
                                   file[:-len(dumps.SUFFIX)], folder)
    etag = f'"{dump.sha256}"'
    digest = base64.b64encode(bytes.fromhex(dump.sha256)).decode()
    headers = {"ETag": etag, "Digest": f"SHA-256={digest}", "Repr-Digest": f"sha-256=:{digest}:",
               "Cache-Control": "no-cache"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return FileResponse(folder / dump.file, media_type=MEDIA_TYPE, headers=headers,
                        filename=dump.file)
