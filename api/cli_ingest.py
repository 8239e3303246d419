"""``jinling ingest KIND``, ``jinling marc show`` and ``jinling parse``: thin layers over `ingest`.

One command per registered source kind (`ingest.registry.SOURCES`), all with the same options
for where to write and how to report; MARC adds its reading options and a worker process.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from api.cli_common import err, minter_of, open_store, progress, record_reload, settings_of
from api.cli_index import refresh_index
from ingest.registry import SOURCES
from ingest.registry import source as source_kind
from ingest.run import IngestSummary, RunOptions

WORKER_BYTES = 4 * 2**20  # inputs larger than this convert in a second process (auto)


@click.group()
def ingest() -> None:
    """Convert source files into RDF and write them into a graph."""


def _run_options(kind: str, default_graph: str) -> Callable:
    """The options every ``ingest KIND`` command takes: where to write, how to report."""
    options = [
        click.option("--graph", default=default_graph, show_default=True,
                     help="Graph to write into."),
        click.option("--source", help="Source name in record IRIs (default: the graph name)."),
        click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
                     help="JSON-lines file of rejected records and reported issues "
                     f"(default var/rejects/{kind}-<time>.jsonl)."),
        click.option("--max-rejects", type=float, default=0.05, show_default=True,
                     help="Exit 1 when more than this share of records is rejected."),
        click.option("--batch-size", type=click.IntRange(1, 100_000), default=2000,
                     show_default=True),
        click.option("--no-infer", is_flag=True, help="Skip recomputing the inferred graph."),
    ]

    def apply(command: Callable) -> Callable:
        for option in reversed(options):
            command = option(command)
        return command
    return apply


def _options(kind: str, graph: str, source: str | None, rejects: Path | None,
             batch_size: int) -> RunOptions:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    return RunOptions(graph=graph, source=source or graph.replace("/", "-"),
                      rejects=rejects or Path("var/rejects") / f"{kind}-{stamp}.jsonl",
                      batch_size=batch_size, kind=kind, version=source_kind(kind).version)


@ingest.command("marc", help=SOURCES["marc"].summary)
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--flavour", type=click.Choice(["auto", "marc21", "cnmarc", "unimarc"]),
              default="auto", show_default=True, help="MARC flavour; auto detects per record.")
@click.option("--encoding", help="Character set, overriding leader/09 and 100$a "
              "(utf-8, marc-8, gb18030, gbk, gb2312).")
@_run_options("marc", SOURCES["marc"].graph)
@click.option("--workers", type=click.Choice(["auto", "0", "1"]), default="auto",
              show_default=True, help="Convert in a second process (1) or in this one (0); "
              "auto uses one for inputs over 4 MB.")
@click.pass_context
def ingest_marc(ctx: click.Context, files: tuple[Path, ...], flavour: str, encoding: str | None,
                graph: str, source: str | None, rejects: Path | None, max_rejects: float,
                batch_size: int, workers: str, no_infer: bool) -> None:
    from ingest.marc.encoding import canonical

    if encoding is not None:
        canonical(encoding)  # an unknown name fails before anything is read
    in_worker = workers == "1" or workers == "auto" and \
        sum(f.stat().st_size for f in files) > WORKER_BYTES
    options = _options("marc", graph, source, rejects, batch_size)
    _ingest(ctx, list(files), options, {"flavour": flavour, "encoding": encoding}, in_worker,
            no_infer, max_rejects)


def _generic_command(kind: str) -> click.Command:
    """``jinling ingest KIND PATH...`` for a kind with no reading options of its own."""
    registration = SOURCES[kind]

    @click.argument("paths", nargs=-1, required=True,
                    type=click.Path(exists=True, path_type=Path))
    @_run_options(kind, registration.graph)
    @click.option("--no-link", is_flag=True, help="Skip linking the new text to the knowledge "
                  "base (jinling link --store does it later).")
    @click.pass_context
    def command(ctx: click.Context, paths: tuple[Path, ...], graph: str, source: str | None,
                rejects: Path | None, max_rejects: float, batch_size: int,
                no_infer: bool, no_link: bool) -> None:
        files = list(_expand(kind, paths))
        options = _options(kind, graph, source, rejects, batch_size)
        options.link = registration.text and not no_link
        _ingest(ctx, files, options, {}, False, no_infer, max_rejects)

    return click.command(kind, help=f"{registration.summary} PATH is a file or a folder.")(
        command)


def _expand(kind: str, paths: tuple[Path, ...]) -> Iterator[Path]:
    """The input files the paths stand for; a path that holds none is an error."""
    for path in paths:
        found = list(source_kind(kind).files(path))
        if not found:
            raise click.BadParameter(f"{path} holds no {kind} input files", param_hint="PATH")
        yield from found


for _kind in SOURCES:
    if _kind != "marc":
        ingest.add_command(_generic_command(_kind))


def _ingest(ctx: click.Context, files: list[Path], options: RunOptions, reader_options: dict,
            in_worker: bool, no_infer: bool, max_rejects: float) -> None:
    minter = minter_of(ctx)
    minter.graph(options.graph)  # a bad graph name fails before anything is read
    store = open_store(ctx)
    try:
        media = settings_of(ctx).media
        summary = _run(store, minter, files, options, in_worker, reader_options, media)
        err(summary.line())
        _after_ingest(store, minter, options, summary, no_infer)
        refresh_index(ctx, store, [options.graph], changed=summary.written.changed)
        if summary.written.changed:
            written = [options.graph, *(["links"] if options.link else []),
                       *([] if no_infer else ["ontology", "inferred"])]
            record_reload(ctx, store, written, f"jinling ingest {options.kind}: {summary.line()}")
    finally:
        store.close()
    if summary.reject_rate() > max_rejects:
        err(f"jinling: {summary.rejected} of {summary.read} records rejected, more than "
            f"--max-rejects {max_rejects:g}; see {summary.rejects_path}")
        ctx.exit(1)


def _run(store, minter, files: list[Path], options: RunOptions, in_worker: bool,
         reader_options: dict, media: Path) -> IngestSummary:
    from ingest.jobs import run_files

    with progress(getattr(source_kind(options.kind), "unit", "records")) as bar:
        return run_files(store, minter, files, options, reader_options=reader_options,
                         in_worker=in_worker, media=media, progress=bar)


def _after_ingest(store, minter, options: RunOptions, summary: IngestSummary,
                  no_infer: bool) -> None:
    """Link headings to authorities that arrived since, and refresh the inferred graph."""
    from ingest.jobs import follow_up

    follow_up(store, minter, options, summary, not no_infer, err)


@click.group()
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


@click.group()
def parse() -> None:
    """Parse one catalogue statement and print what the ingest makes of it, as JSON."""


@parse.command("edition")
@click.argument("text")
def parse_edition(text: str) -> None:
    """An ancient book's edition statement (版本), e.g. 清光绪十年金陵书局刻本.

    Prints {"dynasty", "reign", "year_of_reign", "start", "end", "edition_type", "publisher"};
    doubts (an era name several regimes used, a year that contradicts its 干支) go to stderr.
    """
    from ingest.ancient_book.edition import parse_edition as parse_statement

    edition = parse_statement(text)
    click.echo(json.dumps(edition.as_json(), ensure_ascii=False))
    if edition.ambiguous:
        err(f"jinling: ambiguous: {text} fits {'; '.join(edition.ambiguous)}; "
            "give the dynasty to choose")
    for problem in edition.problems:
        err(f"jinling: note: {problem}")
