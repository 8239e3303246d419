"""What the ``jinling`` commands share: settings, store, minter, messages, progress bars."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from kg.settings import Settings


def settings_of(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def open_store(ctx: click.Context):
    from kg.session import open_store as open_configured

    return open_configured(settings_of(ctx), via_server=True)


def record_reload(ctx: click.Context, store, graphs, summary: str) -> None:
    """A bulk write made straight to the embedded store, recorded in the change log as a
    reload of the graphs it wrote (through a running server, the server recorded it)."""
    from kg.changes import ChangeLog, Draft
    from sparql.embedded import EmbeddedStore

    if not isinstance(store, EmbeddedStore) or store.path is None:
        return
    minter = minter_of(ctx)
    iris = tuple(sorted({minter.graph(g).value for g in graphs}))
    if iris:
        ChangeLog(settings_of(ctx).changes_file).record(
            Draft("Reload", iris, actor="command line", summary=summary))


def minter_of(ctx: click.Context):
    from kg.iri import Minter

    return Minter(settings_of(ctx).base_iri)


def err(message: str) -> None:
    click.echo(message, err=True)


@contextmanager
def progress(unit: str):
    """A progress bar on stderr (silent when stderr is not a terminal): ``update(n, rejected)``."""
    from tqdm import tqdm

    with tqdm(unit=f" {unit}", file=sys.stderr, mininterval=0.5, dynamic_ncols=True,
              disable=None) as bar:
        def update(n: int, rejected: int) -> None:
            if n - bar.n >= 100 or n < 100:
                bar.update(n - bar.n)
                bar.set_postfix(rejected=rejected, refresh=False)
        yield update
