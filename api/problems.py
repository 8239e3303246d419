"""One error shape everywhere: RFC 9457 ``application/problem+json``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ingest.uploads import UploadNotFound, UploadRefused
from kg.analytics import NotInNetwork
from kg.changes import ChangeConflict, ChangeNotFound
from kg.curation import CurationError, EntityNotFound
from kg.errors import AuthError, InvalidGraphName, KgError
from sparql.errors import (
    EndpointError,
    EndpointUnreachable,
    GraphNotFound,
    QuerySyntaxError,
    QueryTimeout,
    RdfSyntaxError,
    ResultLimitExceeded,
    StoreError,
    StoreLocked,
    StoreUnavailable,
    UnsupportedFormat,
)

PROBLEM_TYPE = "application/problem+json"

# (status, title) for each error class; the most specific class wins.
STATUS: list[tuple[type[Exception], int, str]] = [
    (QuerySyntaxError, 400, "Malformed SPARQL"),
    (RdfSyntaxError, 400, "Malformed RDF"),
    (InvalidGraphName, 400, "Invalid graph name"),
    (UnsupportedFormat, 415, "Unsupported format"),
    (GraphNotFound, 404, "No such graph"),
    (NotInNetwork, 404, "Not in the network"),
    (EntityNotFound, 404, "No such entity"),
    (ChangeNotFound, 404, "No such change"),
    (ChangeConflict, 409, "Conflicting change"),
    (CurationError, 400, "Curation refused"),
    (UploadNotFound, 404, "No such upload"),
    (UploadRefused, 400, "Upload refused"),
    (QueryTimeout, 503, "Query timed out"),
    (ResultLimitExceeded, 413, "Too many results"),
    (StoreLocked, 503, "Store unavailable"),
    (StoreUnavailable, 503, "Store unavailable"),
    (EndpointUnreachable, 502, "Endpoint unreachable"),
    (EndpointError, 502, "Endpoint error"),
    (StoreError, 500, "Store error"),
]


class Problem(Exception):
    """An HTTP error raised by a route, rendered as a problem document."""

    def __init__(self, status: int, title: str, detail: str, headers: dict | None = None):
        super().__init__(detail)
        self.status, self.title, self.detail, self.headers = status, title, detail, headers


def problem_response(status: int, title: str, detail: str, instance: str = "",
                     headers: dict | None = None) -> JSONResponse:
    """A problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def _for_error(request: Request, err: Exception) -> JSONResponse:
    path = request.url.path
    if isinstance(err, Problem):
        return problem_response(err.status, err.title, err.detail, path, err.headers)
    if isinstance(err, AuthError):
        headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
        title = "Unauthorized" if err.status == 401 else "Forbidden"
        return problem_response(err.status, title, str(err), path, headers)
    for cls, status, title in STATUS:
        if isinstance(err, cls):
            return problem_response(status, title, str(err), path)
    return problem_response(500, "Internal error", "unexpected error; see the server log", path)


def install(app: FastAPI) -> None:
    """Route every error through the one shape."""

    async def on_error(request: Request, err: Exception) -> JSONResponse:
        return _for_error(request, err)

    async def on_http(request: Request, err: HTTPException) -> JSONResponse:
        detail = err.detail if isinstance(err.detail, str) else str(err.detail)
        return problem_response(err.status_code, detail, detail, request.url.path,
                                getattr(err, "headers", None))

    async def on_validation(request: Request, err: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        return problem_response(422, "Invalid request", detail, request.url.path)

    for cls in (Problem, StoreError, KgError):  # AuthError is a KgError
        app.add_exception_handler(cls, on_error)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
