"""Shared pytest fixtures.

Store fixtures (used by ``tests/sparql``):

- ``oxigraph_server``: a real ``oxigraph serve`` process for the whole session, on a free local
  port with ``--union-default-graph``; its base URL. Skips when the binary is missing.
- ``store``: one empty store per test, in each backend (ids in brackets):
  ``[memory]`` EmbeddedStore in memory, ``[disk]`` EmbeddedStore in a temporary folder,
  ``[remote]`` RemoteStore on the server with its Graph Store endpoint, and
  ``[remote-update]`` RemoteStore with no Graph Store endpoint (loads as SPARQL Update).
  Remote variants are marked ``remote`` (``-m "not remote"`` skips them) and start from
  ``DROP ALL``, so tests stay independent.
- ``closed_port_url``: an http URL on a local port that nobody listens on.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import free_port, stop, wait_until_up

from sparql.embedded import EmbeddedStore
from sparql.remote import RemoteStore
from sparql.store import Store

_SERVER_START_SECONDS = 30.0


def _oxigraph_binary() -> Path | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.is_file():
        return beside_python
    found = shutil.which("oxigraph")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of an ``oxigraph serve`` process shared by the session."""
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("no oxigraph binary beside the interpreter or on PATH")
    folder = tmp_path_factory.mktemp("oxigraph")
    url = f"http://127.0.0.1:{free_port()}"
    command = [str(binary), "serve", "--location", str(folder / "store"),
               "--bind", url.removeprefix("http://"), "--union-default-graph"]
    log = folder / "server.log"  # a file, not a pipe: a full pipe would stall the server
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"{url}/query?query=ASK%7B%7D", process, log, _SERVER_START_SECONDS)
        yield url
    finally:
        stop(process, 10)


def _remote_store(url: str, *, graph_store: bool) -> RemoteStore:
    store = RemoteStore(f"{url}/query", f"{url}/update",
                        f"{url}/store" if graph_store else None, timeout=30.0)
    store.update("DROP ALL")
    return store


@pytest.fixture(params=[
    "memory",
    "disk",
    pytest.param("remote", marks=pytest.mark.remote),
    pytest.param("remote-update", marks=pytest.mark.remote),
])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store; see the module docstring for the backends."""
    if request.param == "memory":
        backend: Store = EmbeddedStore()
    elif request.param == "disk":
        backend = EmbeddedStore(tmp_path / "store")
    else:
        url = request.getfixturevalue("oxigraph_server")
        backend = _remote_store(url, graph_store=request.param == "remote")
    yield backend
    backend.close()


@pytest.fixture
def closed_port_url() -> str:
    """An endpoint URL on a local port with no server behind it."""
    return f"http://127.0.0.1:{free_port()}/query"
