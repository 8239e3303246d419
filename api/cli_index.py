"""``jinling index rebuild``: the search index (`kg.search`), and its refresh after loads."""

from __future__ import annotations

from collections.abc import Iterable

import click

from api.cli_common import err, open_store, progress, settings_of


@click.group("index")
def index() -> None:
    """The full-text search and suggest index, a side index that the store can remake."""


@index.command("rebuild")
@click.pass_context
def rebuild(ctx: click.Context) -> None:
    """Make the search index anew from the store (labels, titles, texts), in one transaction."""
    from kg.search import open_index

    settings, store = settings_of(ctx), open_store(ctx)
    try:
        err(f"indexing the store into {settings.index_file} …")
        with progress("resources") as bar:
            summary = open_index(settings).rebuild(store, lambda done, _: bar(done, 0))
    finally:
        store.close()
    err(summary.line())


def refresh_index(ctx: click.Context, store, graphs: Iterable[str], *,
                  changed: bool = True) -> None:
    """After a load or an ingest: re-index what these graphs hold (the whole index when it is
    not built yet), and say so in one line."""
    if not changed:
        return
    from kg.search import open_index

    search_index = open_index(settings_of(ctx))
    if not search_index.is_built():  # a first load: index everything once
        err(search_index.rebuild(store).line())
        return
    for graph in graphs:
        err(search_index.refresh_graph(store, graph).line())
