"""`open_store`: the one place that decides between the embedded and the remote store."""

from __future__ import annotations

from pathlib import Path

from sparql.store import Store


def open_store(*, location: str | Path | None = None, endpoint: str | None = None,
               update_endpoint: str | None = None, gsp_endpoint: str | None = None,
               token: str | None = None, timeout: float = 30.0,
               query_processes: int = 0) -> Store:
    """A remote store when ``endpoint`` is given, else an embedded one.

    Args:
        location: folder of the embedded store; None keeps it in memory.
        endpoint: SPARQL query endpoint URL; selects the remote store.
        update_endpoint: SPARQL update endpoint; the query endpoint when not given.
        gsp_endpoint: Graph Store endpoint; without one, loads go through SPARQL Update.
        token: bearer token for the remote endpoints.
        timeout: seconds allowed per remote request.
        query_processes: worker processes for time-limited queries on an on-disk embedded
            store (`sparql.workers`); 0 keeps them in threads.

    Raises:
        StoreLocked: the embedded store folder is held by another process.

    >>> store = open_store()
    >>> type(store).__name__
    'EmbeddedStore'
    >>> store.close()
    """
    if endpoint is not None:
        from sparql.remote import RemoteStore

        return RemoteStore(endpoint, update_endpoint, gsp_endpoint, token=token, timeout=timeout)
    from sparql.embedded import EmbeddedStore

    return EmbeddedStore(location, query_processes=query_processes)
