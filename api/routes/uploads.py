"""``/api/v1/uploads``: district libraries send files to be ingested into their own graph.

``POST /api/v1/uploads?kind=marc`` with the file as the body (or several as multipart form
parts) answers 202 with the upload's status and its URL; the ingest runs in the background
and ``GET /api/v1/uploads/{id}`` tells how far it got, then its summary; the rejects report is
at ``/api/v1/uploads/{id}/rejects``. A district token writes only its own graph (``graph``
defaults to it); curators and admins name the graph. The run is recorded in the change log,
so the change feed carries what it wrote. Uploads are not linked to the knowledge base here
(the shared ``links`` graph is no district's): ``jinling link --store`` does that later.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from pathlib import Path

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, JSONResponse

from api.examples import REJECT, UPLOAD, ok
from api.problems import Problem
from api.state import AppState, principal, require_write, state
from ingest.jobs import follow_up, run_files
from ingest.registry import source as source_kind
from ingest.run import RunOptions
from ingest.uploads import KINDS, Uploads, UploadStatus
from kg.auth import Principal, Role, Targets
from kg.changes import Draft, record_effect
from kg.errors import Forbidden, Unauthenticated

router = APIRouter(prefix="/api/v1", tags=["uploads"])


def _uploads(app: AppState) -> Uploads:
    return Uploads(app.settings.uploads_folder)


def _caller(request: Request) -> Principal:
    who = principal(request)
    if who is None:
        raise Unauthenticated("uploads need a token: send Authorization: Bearer <token>")
    return who


@router.post("/uploads", status_code=202, summary="Upload a file to ingest into a graph",
             responses=ok(UPLOAD, 202))
async def upload(request: Request, kind: str = Query(..., description=f"one of {KINDS}"),
                 graph: str | None = Query(None, description="graph short name (default: "
                                           "the district token's own graph)"),
                 name: str = Query("upload", description="file name, for a plain body")
                 ) -> JSONResponse:
    app, who = state(request), _caller(request)
    graph = graph or who.graph
    if graph is None:
        raise Problem(400, "No graph", "name the graph to write: ?graph=district/xxx")
    require_write(request, Targets(frozenset({app.graph_iri(graph)})))
    files = await _files(request, name)
    status = _uploads(app).create(kind, graph, who.token_id, files)
    _uploads(app).start(status.id, lambda progress: _work(app, status, progress))
    location = f"/api/v1/uploads/{status.id}"
    return JSONResponse(_show(status), status_code=202, headers={"Location": location})


@router.get("/uploads/{upload_id}", summary="An upload's status", responses=ok(UPLOAD))
async def upload_status(request: Request, upload_id: str) -> dict:
    status = _readable(request, upload_id)
    return _show(status)


@router.get("/uploads/{upload_id}/rejects", summary="An upload's rejects report (JSON lines)",
            responses=ok(REJECT, media="application/x-ndjson"))
async def upload_rejects(request: Request, upload_id: str) -> FileResponse:
    status = _readable(request, upload_id)
    path = _uploads(state(request)).rejects(status.id)
    if not path.is_file():
        raise Problem(404, "No rejects", "this upload set nothing aside (or has not run yet)")
    return FileResponse(path, media_type="application/x-ndjson")


def _readable(request: Request, upload_id: str) -> UploadStatus:
    """The status, for the uploader's graph's tokens, curators and admins."""
    who, status = _caller(request), _uploads(state(request)).status(upload_id)
    if who.role is Role.DISTRICT and who.graph != status.graph:
        raise Forbidden(f"upload {upload_id} belongs to another graph")
    return status


async def _files(request: Request, name: str) -> list[tuple[str, bytes]]:
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        form = await request.form()
        return [(part.filename or name, await part.read())
                for _, part in form.multi_items() if hasattr(part, "read")]
    return [(name, await request.body())]


def _show(status: UploadStatus) -> dict:
    out = asdict(status)
    out["url"] = f"/api/v1/uploads/{status.id}"
    out["rejects"] = f"/api/v1/uploads/{status.id}/rejects"
    return out


def _work(app: AppState, status: UploadStatus, progress) -> str:
    """The background job: ingest (or load) the files, recording the change."""
    graph = app.minter.graph(status.graph)
    folder = _uploads(app).inputs(status.id)
    draft = Draft("Update", (graph.value,), actor=status.actor, summary=f"upload {status.id}")
    write = (partial(_load_rdf, app, graph, folder) if status.kind == "rdf"
             else partial(_ingest, app, status, folder, progress))
    summary, change = record_effect(app.store, app.changes, [graph], write, draft)
    app.changed(change)
    return summary


def _load_rdf(app: AppState, graph, folder: Path) -> str:
    reports = [app.store.load(path, graph=graph) for path in sorted(folder.iterdir())]
    return f"loaded {sum(r.quads for r in reports)} triples from {len(reports)} files"


def _ingest(app: AppState, status: UploadStatus, folder: Path, progress) -> str:
    kind = source_kind(status.kind)
    options = RunOptions(graph=status.graph, source=status.graph.replace("/", "-"),
                         rejects=_uploads(app).rejects(status.id), kind=status.kind,
                         version=kind.version)
    files = list(kind.files(folder))
    if not files:
        raise ValueError(f"the upload holds no {status.kind} input files")
    summary = run_files(app.store, app.minter, files, options, media=app.settings.media,
                        progress=progress)
    lines = [summary.line()]
    follow_up(app.store, app.minter, options, summary, False, lines.append)
    return "; ".join(lines)
