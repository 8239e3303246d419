"""Open the store the settings name: remote endpoint, embedded folder, or the running server."""

from __future__ import annotations

from kg.runtime import ServerNote
from kg.settings import Settings
from sparql import Store, StoreLocked
from sparql.open import open_store as open_backend


def open_store(settings: Settings, *, via_server: bool = False, serving: bool = False) -> Store:
    """The store to work on.

    Args:
        via_server: when the embedded store is held by a running ``jinling serve``, talk to
            that server instead (the CLI does; the server itself does not).
        serving: the store backs the HTTP server: time-limited queries get worker processes
            (``JINLING_QUERY_PROCESSES``), so a timeout can stop any query.

    Raises:
        StoreLocked: the folder is held by a process that is not our server.
    """
    token = settings.endpoint_token.get_secret_value() if settings.endpoint_token else None
    try:
        return open_backend(location=settings.store, endpoint=settings.endpoint,
                            update_endpoint=settings.update_endpoint,
                            gsp_endpoint=settings.gsp_endpoint, token=token,
                            timeout=settings.query_timeout,
                            query_processes=settings.query_processes if serving else 0)
    except StoreLocked:
        note = ServerNote.read(settings.runtime_file) if via_server else None
        if note is None:
            raise
    return open_backend(endpoint=f"{note.url}/sparql", gsp_endpoint=f"{note.url}/graphs",
                        token=note.token, timeout=settings.query_timeout)
