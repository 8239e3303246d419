"""``jinling serve``: own the store, leave a note for the CLI, run uvicorn."""

from __future__ import annotations

import os
from collections.abc import Callable

import uvicorn

from api.app import create_app
from kg.auth import Role, TokenFile
from kg.runtime import ServerNote
from kg.session import open_store
from kg.settings import Settings


def run(settings: Settings, echo: Callable[[str], None]) -> None:
    """Serve until interrupted; the store and the note are released on the way out."""
    store = open_store(settings, serving=True)
    tokens = TokenFile(settings.tokens)
    url = f"http://{settings.host}:{settings.port}"
    note_path = settings.runtime_file
    if not settings.endpoint:
        ServerNote(url, os.getpid(), tokens.add_ephemeral(Role.ADMIN)).write(note_path)
    app = create_app(settings, store, tokens)
    echo(f"serving {settings.endpoint or settings.store} on {url}")
    echo(f"  home      {url}/\n  SPARQL    {url}/sparql\n  graphs    {url}/graphs\n"
         f"  ontology  {url}/ontology\n  API docs  {url}/docs\n  health    {url}/health")
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    finally:
        note_path.unlink(missing_ok=True)
        store.close()
