"""The ``jinling`` command: a thin layer over the library, one line per error."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click
from pyoxigraph import Literal, NamedNode

from ingest.registry import source as source_kind
from ingest.run import RunOptions
from kg.auth import Role, TokenFile
from kg.errors import KgError
from kg.settings import Settings
from sparql import StoreError, queries
from sparql.formats import rdf_format, result_format

KNOWN_ERRORS = (StoreError, KgError, FileNotFoundError, ValueError, KeyError, PermissionError)


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj


def _store(ctx: click.Context):
    from kg.session import open_store

    return open_store(_settings(ctx), via_server=True)


def _minter(ctx: click.Context):
    from kg.iri import Minter

    return Minter(_settings(ctx).base_iri)


def _err(message: str) -> None:
    click.echo(message, err=True)


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

    settings = _settings(ctx)
    settings = settings.model_copy(update={k: v for k, v in (("host", host), ("port", port))
                                           if v is not None})
    run(settings, echo=_err)


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

    settings, minter, store = _settings(ctx), _minter(ctx), _store(ctx)
    try:
        jobs = plan(paths, graph)
        _err(f"checking {len(jobs)} files …")
        done = iter(range(1, len(jobs) + 1))
        summary = load_files(store, minter, jobs, base_iri=settings.base_iri, replace=replace,
                             progress=lambda r: _err(f"[{next(done)}/{len(jobs)}] {r.source}: "
                                                     f"{r.quads} quads → {r.graph}"))
        if not no_infer:
            install_ontology(store, minter)
            _err(f"inferred graph: {materialise(store, minter)} triples")
        _err(summary.line())
    finally:
        store.close()


@cli.group()
def ingest() -> None:
    """Convert source files (MARC ...) into RDF and write them into a graph."""


@ingest.command("marc")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--flavour", type=click.Choice(["auto", "marc21", "cnmarc", "unimarc"]),
              default="auto", show_default=True, help="MARC flavour; auto detects per record.")
@click.option("--encoding", help="Character set, overriding leader/09 and 100$a "
              "(utf-8, marc-8, gb18030, gbk, gb2312).")
@click.option("--graph", default="catalogue", show_default=True, help="Graph to write into.")
@click.option("--source", help="Source name in record IRIs (default: the graph name).")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON-lines file of rejected records (default var/rejects/<time>.jsonl).")
@click.option("--max-rejects", type=float, default=0.05, show_default=True,
              help="Exit 1 when more than this share of records is rejected.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=2000, show_default=True)
@click.option("--workers", type=click.Choice(["auto", "0", "1"]), default="auto",
              show_default=True, help="Convert in a second process (1) or in this one (0); "
              "auto uses one for inputs over 4 MB.")
@click.option("--no-infer", is_flag=True, help="Skip recomputing the inferred graph.")
@click.pass_context
def ingest_marc(ctx: click.Context, files: tuple[Path, ...], flavour: str, encoding: str | None,
                graph: str, source: str | None, rejects: Path | None, max_rejects: float,
                batch_size: int, workers: str, no_infer: bool) -> None:
    """Ingest MARC21 / CNMARC files (ISO 2709 or MARCXML) as BIBFRAME 2."""
    from ingest.marc.encoding import canonical

    if encoding is not None:
        canonical(encoding)  # an unknown name fails before anything is read
    minter = _minter(ctx)
    minter.graph(graph)  # so does a bad graph name
    stamp = time.strftime("%Y%m%dT%H%M%S")
    options = RunOptions(graph=graph, source=source or graph.replace("/", "-"),
                         rejects=rejects or Path("var/rejects") / f"marc-{stamp}.jsonl",
                         batch_size=batch_size, kind="marc", version=source_kind("marc").version)
    in_worker = workers == "1" or workers == "auto" and \
        sum(f.stat().st_size for f in files) > 4 * 2**20
    store = _store(ctx)
    try:
        summary = _run_ingest(store, minter, files, options, in_worker,
                              {"flavour": flavour, "encoding": encoding})
        _err(summary.line())
        _after_ingest(store, minter, graph, summary, no_infer)
    finally:
        store.close()
    if summary.reject_rate() > max_rejects:
        _err(f"jinling: {summary.rejected} of {summary.read} records rejected, more than "
             f"--max-rejects {max_rejects:g}; see {summary.rejects_path}")
        ctx.exit(1)


def _run_ingest(store, minter, files, options, in_worker: bool, reader_options: dict):
    from ingest.run import ingest_files
    from ingest.workers import ingest_in_worker

    kind = source_kind(options.kind)
    with _progress("records") as bar:
        if in_worker:
            return ingest_in_worker(store, minter, files, options.kind, reader_options, options,
                                    progress=bar)
        convert = kind.converter(minter, options.source, kind.context(store))
        return ingest_files(store, minter, files, kind.reader(**reader_options), convert,
                            options, progress=bar)


def _after_ingest(store, minter, graph: str, summary, no_infer: bool) -> None:
    """Link headings to authorities that arrived since, and refresh the inferred graph."""
    if not summary.written.changed:
        return
    from kg.authority import link_headings

    link_headings(store, minter.graph(graph))
    if not no_infer:
        from kg.inference import install_ontology, materialise

        install_ontology(store, minter)
        _err(f"inferred graph: {materialise(store, minter)} triples")


@contextmanager
def _progress(unit: str):
    from tqdm import tqdm

    with tqdm(unit=f" {unit}", file=sys.stderr, mininterval=0.5, dynamic_ncols=True,
              disable=None) as bar:
        def update(n: int, rejected: int) -> None:
            if n - bar.n >= 100 or n < 100:
                bar.update(n - bar.n)
                bar.set_postfix(rejected=rejected, refresh=False)
        yield update


@cli.group()
def marc() -> None:
    """Look at MARC files the way a cataloguer does."""


@marc.command("show")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--record", "number", type=click.IntRange(1), help="Only record N (1-based).")
@click.option("--flavour", type=click.Choice(["auto", "marc21", "cnmarc", "unimarc"]),
              default="auto")
@click.option("--encoding", help="Character set override, as for ingest.")
def marc_show(file: Path, number: int | None, flavour: str, encoding: str | None) -> None:
    """Print records readably (tag, indicators, $subfields), rejects with their reason."""
    from ingest.marc.show import show

    for text in show(file, number=number, flavour=flavour, encoding=encoding):
        click.echo(text)


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

    store = _store(ctx)
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

    store = _store(ctx)
    try:
        iri = existing_graph(store, _minter(ctx), graph) if graph else None
        if output is None:
            store.dump(sys.stdout.buffer, format=rdf_format(fmt), graph=iri)
        else:
            with output.open("wb") as out:
                store.dump(out, format=rdf_format(fmt), graph=iri)
            _err(f"wrote {output}")
    finally:
        store.close()


@cli.command()
@click.option("--graph", help="Validate only this graph (with its inferred types).")
@click.pass_context
def validate(ctx: click.Context, graph: str | None) -> None:
    """Check the data against the SHACL shapes; exit 1 when it does not conform."""
    from kg.graphs import existing_graph
    from kg.validate import validate as run_validation

    store = _store(ctx)
    try:
        iri = existing_graph(store, _minter(ctx), graph) if graph else None
        report = run_validation(store, _minter(ctx), iri)
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

    store = _store(ctx)
    try:
        for name in graph_names(store, _minter(ctx)):
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
    record, secret = TokenFile(_settings(ctx.parent).tokens).create(Role(role), graph)
    _err(f"token {record.id}: role {record.role}, graph {record.graph or 'any'}; "
         "keep it now, it cannot be shown again")
    click.echo(secret)


@token.command("list")
@click.pass_context
def token_list(ctx: click.Context) -> None:
    """List tokens: id, role, graph, created, state."""
    for r in TokenFile(_settings(ctx.parent).tokens).list():
        state = "revoked" if r.revoked else "active"
        click.echo(f"{r.id}\t{r.role}\t{r.graph or '*'}\t{r.created}\t{state}")


@token.command("revoke")
@click.argument("token_id")
@click.pass_context
def token_revoke(ctx: click.Context, token_id: str) -> None:
    """Revoke a token by its id."""
    record = TokenFile(_settings(ctx.parent).tokens).revoke(token_id)
    _err(f"revoked token {record.id} ({record.role})")


def main(argv: list[str] | None = None) -> int:
    """Entry point: known errors become one line on stderr and exit status 1."""
    try:
        # Without standalone mode, click returns ctx.exit()'s code instead of raising it.
        code = cli.main(args=argv, prog_name="jinling", standalone_mode=False)
    except click.exceptions.Abort:
        _err("jinling: aborted")
        return 130
    except click.ClickException as err:
        _err(f"jinling: {err.format_message()} (see jinling --help)")
        return err.exit_code
    except click.exceptions.Exit as err:
        return err.exit_code
    except KNOWN_ERRORS as err:
        _err(f"jinling: error: {_message(err)}")
        return 1
    return code if isinstance(code, int) else 0


def _message(err: Exception) -> str:
    text = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
    return " ".join(text.split())

