"""CORS for the public read paths only: Starlette's CORSMiddleware, applied by path prefix.

Any origin may read (GET, HEAD, and the OPTIONS preflight); the ETag, Last-Modified and Link
headers are exposed to scripts. Other paths (the IIIF routes, which answer their own CORS; the
SPARQL endpoint, whose writes need a token) are passed through untouched.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

PUBLIC_READ_PATHS = ("/api/v1/", "/ontology", "/reconcile")
EXPOSED = ("ETag", "Last-Modified", "Link", "Location")


class PathCORS:
    """CORSMiddleware for requests whose path starts with one of ``prefixes``."""

    def __init__(self, app: ASGIApp, prefixes: Sequence[str] = PUBLIC_READ_PATHS):
        self.app, self.prefixes = app, tuple(prefixes)
        self.cors = CORSMiddleware(app, allow_origins=["*"],
                                   allow_methods=["GET", "HEAD", "OPTIONS"], allow_headers=["*"],
                                   expose_headers=list(EXPOSED), max_age=86400)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def install(app: FastAPI, prefixes: Sequence[str] = PUBLIC_READ_PATHS) -> None:
    """Add CORS for the public read paths to the app."""
    app.add_middleware(PathCORS, prefixes=prefixes)
