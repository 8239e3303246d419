"""``jinling network neighbours|path|central``: the co-occurrence network (`kg.analytics`).

Each prints JSON lines (one entity per line), like ``jinling link``.
"""

from __future__ import annotations

import json

import click

from api.cli_common import minter_of, open_store
from kg import analytics


@click.group()
def network() -> None:
    """Ask the co-occurrence network of linked entities (entities mentioned in the same text)."""


_GRAPH = click.option("--graph", help="Only text parts of this graph (a collection).")


def _net(ctx: click.Context, graph: str | None):
    store = open_store(ctx)
    try:
        return analytics.load_network(store, minter_of(ctx), graph)
    finally:
        store.close()


def _echo(item: dict) -> None:
    click.echo(json.dumps(item, ensure_ascii=False))


@network.command("neighbours")
@click.argument("entity")
@_GRAPH
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.pass_context
def neighbours(ctx: click.Context, entity: str, graph: str | None, limit: int) -> None:
    """The entities mentioned in the same text parts as ENTITY (an IRI), most shared first."""
    net = _net(ctx, graph)
    for iri, weight in analytics.neighbours(net, entity, limit):
        _echo({**analytics.describe(net, iri), "weight": weight})


@network.command("path")
@click.argument("source")
@click.argument("target")
@_GRAPH
@click.pass_context
def path(ctx: click.Context, source: str, target: str, graph: str | None) -> None:
    """The shortest chain of co-occurrences from SOURCE to TARGET; exit 1 if there is none."""
    net = _net(ctx, graph)
    found = analytics.shortest_connection(net, source, target)
    if found is None:
        raise click.ClickException(f"{source} and {target} are not connected")
    for iri in found:
        _echo(analytics.describe(net, iri))


@network.command("central")
@_GRAPH
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@click.option("--measure", type=click.Choice(["degree", "betweenness"]), default="degree",
              show_default=True)
@click.pass_context
def central(ctx: click.Context, graph: str | None, top: int, measure: str) -> None:
    """The most central entities of a collection (all linked text without --graph)."""
    net = _net(ctx, graph)
    for iri, score in analytics.central(net, top, measure):
        _echo({**analytics.describe(net, iri), "score": round(score, 6)})
