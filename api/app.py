"""The FastAPI application: SPARQL protocol, Graph Store, ontology and linked-data pages."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import openapi, problems
from api.routes import (
    api_v1,
    curation,
    curator,
    dumps,
    feed,
    graphs,
    home,
    iiif,
    network,
    oai,
    ontology,
    query,
    reconcile,
    resources,
    search,
    sparql,
    uploads,
)
from api.sessions import Sessions
from api.state import AppState
from kg.auth import TokenFile
from kg.iri import Minter
from kg.session import open_store
from kg.settings import Settings
from sparql import Store

VERSION = "0.1.0"
STATIC = Path(__file__).parent / "static"
NODE = Path(__file__).parent / "node_modules"
YASGUI = NODE / "@zazuko" / "yasgui" / "build"
SEADRAGON = NODE / "openseadragon" / "build" / "openseadragon"


def create_app(settings: Settings | None = None, store: Store | None = None,
               tokens: TokenFile | None = None) -> FastAPI:
    """An app over a store; it opens the configured store when none is given, and closes
    only a store it opened itself."""
    settings = settings or Settings()
    owned = store is None
    if store is None:  # not `store or …`: an empty store is falsy (it has a length)
        store = open_store(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        if owned:
            store.close()

    app = FastAPI(title="Jinling Knowledge Graph", version=VERSION, lifespan=lifespan,
                  description="SPARQL 1.1 Protocol, Graph Store Protocol and linked data of "
                  "Jinling Library's knowledge graph. Errors are application/problem+json.")
    app.state.jinling = AppState(settings, store, Minter(settings.base_iri),
                                 tokens or TokenFile(settings.tokens))
    problems.install(app)
    openapi.install(app)
    api_v1.install_cors(app)  # CORS on /api/v1 and the other public read paths
    # the query editor, when `make web` has installed it: the SPARQL page works without it
    app.state.editor, app.state.viewer = YASGUI.is_dir(), SEADRAGON.is_dir()
    if app.state.editor:
        app.mount("/static/yasgui", StaticFiles(directory=YASGUI), name="yasgui")
    if app.state.viewer:  # the ancient-book viewer: without it, the pages' images as they are
        app.mount("/static/openseadragon", StaticFiles(directory=SEADRAGON), name="seadragon")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.sessions = Sessions()
    app.include_router(search.pages)
    app.include_router(query.router)
    app.include_router(curator.router)
    # resources last: it answers every other path under the base
    routers = (home, sparql, graphs, ontology, iiif, network,
               curation, feed, uploads, dumps, oai, search, reconcile, api_v1, resources)
    for module in routers:
        app.include_router(module.router)
    return app
