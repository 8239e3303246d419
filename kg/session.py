"""Open the store the settings name: remote endpoint, embedded folder, or the running server."""

from __future__ import annotations

from kg.runtime import ServerNote
from kg.settings import Settings
from sparql import Store, StoreLocked


def remote_store(settings: Settings) -> Store:
    """The remote endpoint named by JINLING_ENDPOINT."""
    from sparql.remote import RemoteStore

    token = settings.endpoint_token.get_secret_value() if settings.endpoint_token else None
    return RemoteStore(settings.endpoint, settings.update_endpoint, settings.gsp_endpoint,
                       token=token, timeout=settings.query_timeout)


def open_store(settings: Settings, *, via_server: bool = False) -> Store:
    """The store to work on.

    Args:
        via_server: when the embedded store is held by a running ``jinling serve``, talk to
            that server instead (the CLI does; the server itself does not).

    Raises:
        StoreLocked: the folder is held by a process that is not our server.
    """
    if settings.endpoint:
        return remote_store(settings)
    from sparql.embedded import EmbeddedStore

    try:
        return EmbeddedStore(settings.store)
    except StoreLocked:
        note = ServerNote.read(settings.runtime_file) if via_server else None
        if note is None:
            raise
    from sparql.remote import RemoteStore

    return RemoteStore(f"{note.url}/sparql", gsp_url=f"{note.url}/graphs", token=note.token,
                       timeout=settings.query_timeout)
