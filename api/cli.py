"""The ``jinling`` command: a thin layer over the library, one line per error."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from pyoxigraph import Literal, NamedNode

from api.cli_common import err, minter_of, open_store, record_reload, settings_of
from api.cli_dumps import dumps
from api.cli_index import index, refresh_index
from api.cli_ingest import ingest, marc, parse
from api.cli_link import link
from api.cli_network import network
from kg.auth import Role, TokenFile
from kg.errors import KgError
from kg.graphs import INFERRED, ONTOLOGY
from kg.settings import Settings
from sparql import StoreError, queries
from sparql.formats import rdf_format, result_format

KNOWN_ERRORS = (StoreError, KgError, FileNotFoundError, ValueError, KeyError, PermissionError)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_path", type=click.Path(path_type=Path),
              help="Folder of the embedded store [JINLING_STORE, default var/store].")
@click.option("--endpoint", help="Remote SPARQL endpoint instead [JINLING_ENDPOINT].")
@click.option("--base-iri", help="Base of minted IRIs [JINLING_BASE_IRI].")
@click.pass_context
def cli(ctx: click.Context, store_path: Path | None, endpoint: str | None,
        base_iri: str | None) -> None:
    """Jinling Knowledge Graph: load, query, validate and serve linked data."""
    overrides = {"store": store_path, "endpoint": endpoint, "base_iri": base_iri}
    ctx.obj = Settings(**{k: v for k, v in overrides.items() if v is not None})


@cli.command()
@click.option("--host", help="Address to listen on [JINLING_HOST, default 127.0.0.1].")
@click.option("--port", type=int, help="Port to listen on [JINLING_PORT, default 8000].")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the store over HTTP (SPARQL, Graph Store, linked data, ontology)."""
    from api.server import run

    settings = settings_of(ctx)
    settings = settings.model_copy(update={k: v for k, v in (("host", host), ("port", port))
                                           if v is not None})
    run(settings, echo=err)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--graph", help="Load everything into this graph (default: by folder/file name).")
@click.option("--replace", is_flag=True, help="Empty each target graph before loading.")
@click.option("--no-infer", is_flag=True, help="Skip recomputing the inferred graph.")
@click.pass_context
def load(ctx: click.Context, paths: tuple[Path, ...], graph: str | None, replace: bool,
         no_infer: bool) -> None:
    """Load RDF files or folders into named graphs; a malformed file loads nothing."""
    from kg.inference import install_ontology, materialise
    from kg.loading import load_files, plan

    settings, minter, store = settings_of(ctx), minter_of(ctx), open_store(ctx)
    try:
        jobs = plan(paths, graph)
        err(f"checking {len(jobs)} files …")
        done = iter(range(1, len(jobs) + 1))
        summary = load_files(store, minter, jobs, base_iri=settings.base_iri, replace=replace,
                             progress=lambda r: err(f"[{next(done)}/{len(jobs)}] {r.source}: "
                                                     f"{r.quads} quads → {r.graph}"))
        if not no_infer:
            install_ontology(store, minter)
            err(f"inferred graph: {materialise(store, minter)} triples")
        err(summary.line())
        refresh_index(ctx, store, sorted(summary.graphs))
        inferred = [] if no_infer else [ONTOLOGY, INFERRED]
        record_reload(ctx, store, [*summary.graphs, *inferred], f"jinling load {len(jobs)} files")
    finally:
        store.close()


def _binding(text: str) -> tuple[str, NamedNode | Literal]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{text!r}: write --bind name=value (or name=<iri>)")
    if value.startswith("<") and value.endswith(">"):
        return name, NamedNode(value[1:-1])
    return name, Literal(value)


def _query_text(spec: str) -> str:
    path = Path(spec)
    if spec.endswith((".rq", ".sparql")) and path.is_file():
        return path.read_text(encoding="utf-8")
    if spec in queries.available():
        return queries.load(spec)
    return spec


@cli.command()
@click.argument("query")
@click.option("--bind", "binds", multiple=True, help="name=value or name=<iri>; repeatable.")
@click.option("--format", "fmt", help="json|xml|csv|tsv for rows; turtle|nt|... for graphs.")
@click.pass_context
def query(ctx: click.Context, query: str, binds: tuple[str, ...], fmt: str | None) -> None:
    """Run a SPARQL query: a shipped query's NAME, a .rq FILE, or the query TEXT."""
    from sparql.results import GraphResult

    store = open_store(ctx)
    try:
        result = store.query(_query_text(query), dict(_binding(b) for b in binds))
        if isinstance(result, GraphResult):
            body = result.serialize(rdf_format(fmt or "turtle"))
        else:
            body = result.serialize(result_format(fmt or "csv"))
        sys.stdout.buffer.write(body)
    finally:
        store.close()


@cli.command()
@click.option("--graph", help="Dump only this graph.")
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig"]), default="nquads",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default stdout).")
@click.pass_context
def dump(ctx: click.Context, graph: str | None, fmt: str, output: Path | None) -> None:
    """Write all graphs, or one, as N-Quads or TriG."""
    from kg.graphs import existing_graph

    store = open_store(ctx)
    try:
        iri = existing_graph(store, minter_of(ctx), graph) if graph else None
        if output is None:
            store.dump(sys.stdout.buffer, format=rdf_format(fmt), graph=iri)
        else:
            with output.open("wb") as out:
                store.dump(out, format=rdf_format(fmt), graph=iri)
            err(f"wrote {output}")
    finally:
        store.close()


@cli.command()
@click.option("--graph", help="Validate only this graph (with its inferred types).")
@click.pass_context
def validate(ctx: click.Context, graph: str | None) -> None:
    """Check the data against the SHACL shapes; exit 1 when it does not conform."""
    from kg.graphs import existing_graph
    from kg.validate import validate as run_validation

    store = open_store(ctx)
    try:
        iri = existing_graph(store, minter_of(ctx), graph) if graph else None
        report = run_validation(store, minter_of(ctx), iri)
    finally:
        store.close()
    click.echo(report.text())
    if not report.conforms:
        ctx.exit(1)


@cli.command()
@click.pass_context
def graphs(ctx: click.Context) -> None:
    """List the named graphs."""
    from kg.graphs import graph_names

    store = open_store(ctx)
    try:
        for name in graph_names(store, minter_of(ctx)):
            click.echo(name)
    finally:
        store.close()


@cli.group()
def token() -> None:
    """Create, list and revoke API tokens (only their hashes are stored)."""


@token.command("create")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--graph", help="The one graph the token may write (required for district).")
@click.pass_context
def token_create(ctx: click.Context, role: str, graph: str | None) -> None:
    """Create a token; it is printed once, as the last line."""
    record, secret = TokenFile(settings_of(ctx.parent).tokens).create(Role(role), graph)
    err(f"token {record.id}: role {record.role}, graph {record.graph or 'any'}; "
         "keep it now, it cannot be shown again")
    click.echo(secret)


@token.command("list")
@click.pass_context
def token_list(ctx: click.Context) -> None:
    """List tokens: id, role, graph, created, state."""
    for r in TokenFile(settings_of(ctx.parent).tokens).list():
        state = "revoked" if r.revoked else "active"
        click.echo(f"{r.id}\t{r.role}\t{r.graph or '*'}\t{r.created}\t{state}")


@token.command("revoke")
@click.argument("token_id")
@click.pass_context
def token_revoke(ctx: click.Context, token_id: str) -> None:
    """Revoke a token by its id."""
    record = TokenFile(settings_of(ctx.parent).tokens).revoke(token_id)
    err(f"revoked token {record.id} ({record.role})")


cli.add_command(ingest)
cli.add_command(marc)
cli.add_command(parse)
cli.add_command(link)
cli.add_command(network)
cli.add_command(index)
cli.add_command(dumps)


def main(argv: list[str] | None = None) -> int:
    """Entry point: known errors become one line on stderr and exit status 1."""
    try:
        # Without standalone mode, click returns ctx.exit()'s code instead of raising it.
        code = cli.main(args=argv, prog_name="jinling", standalone_mode=False)
    except click.exceptions.Abort:
        err("jinling: aborted")
        return 130
    except click.ClickException as problem:
        err(f"jinling: {problem.format_message()} (see jinling --help)")
        return problem.exit_code
    except click.exceptions.Exit as stop:
        return stop.exit_code
    except KNOWN_ERRORS as problem:
        err(f"jinling: error: {_message(problem)}")
        return 1
    return code if isinstance(code, int) else 0


def _message(err: Exception) -> str:
    text = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
    return " ".join(text.split())

