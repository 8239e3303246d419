"""``jinling link``: find the entities of Nanjing studies in a text, or in the store's texts.

With a PATH (or ``-`` for standard input) it needs no store and no server: it links against
the KB shipped under ``data/`` (the Turtle files of ``data/kb/`` and ``data/catalogue/``, or
those given with ``--kb``), whose compiled gazetteer is cached under ``var/linking/``, and
prints one JSON object per mention. With ``--store`` it links every text part of the
configured store into graph ``links`` (`kg.linking.store.link_store`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from api.cli_common import err, minter_of, open_store, record_reload, settings_of


def _root() -> Path:
    """The checkout whose data/ holds the KB: the working folder if it has one, else ours."""
    here = Path.cwd()
    return here if (here / "data" / "kb").is_dir() else Path(__file__).resolve().parents[1]


def _read(path: str) -> str:
    from kg.linking.errors import LinkInputError

    name = "standard input" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as problem:
        raise LinkInputError(name, problem.strerror or str(problem)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise LinkInputError(name, "not UTF-8 text", problem.start) from None


def _kb_files(paths: tuple[Path, ...]) -> list[Path]:
    from kg.linking.source import kb_files

    if not paths:
        return kb_files(_root())
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob("*.ttl")) if path.is_dir() else [path]
    return files


@click.command("link")
@click.argument("path", required=False)
@click.option("--store", "in_store", is_flag=True,
              help="Link the text parts of the configured store into graph 'links' instead.")
@click.option("--graph", "graphs", multiple=True,
              help="With --store: link this graph (repeatable; default all but kb, links, "
              "ontology, inferred).")
@click.option("--kb", "kb_paths", multiple=True, type=click.Path(path_type=Path),
              help="KB Turtle file or folder (repeatable; default data/kb and data/catalogue).")
@click.option("--no-cache", is_flag=True, help="Build the gazetteer afresh, cache nothing.")
@click.option("--candidates", is_flag=True,
              help="Add each mention's candidate entity IRI (names the KB does not know).")
@click.pass_context
def link(ctx: click.Context, path: str | None, in_store: bool, graphs: tuple[str, ...],
         kb_paths: tuple[Path, ...], no_cache: bool, candidates: bool) -> None:
    """Print the entity mentions of a text (PATH, or - for stdin) as JSON lines.

    Each line: {"start", "end", "text", "type", "entity", "label", "score"}; start and end
    are character offsets into the text as read (UTF-8 decoded).

    Example: echo 朱元璋定都应天府 | jinling link -
    """
    if in_store == (path is not None):
        raise click.UsageError("give a PATH (or -) to link a text, or --store to link the store")
    if in_store:
        _link_store(ctx, list(graphs) or None)
    else:
        _link_text(ctx, path, kb_paths, no_cache, candidates)


def _link_text(ctx: click.Context, path: str, kb_paths: tuple[Path, ...], no_cache: bool,
               candidates: bool) -> None:
    from kg.linking.annotations import candidate_iri
    from kg.linking.linker import Linker
    from kg.linking.source import cached_gazetteer

    settings = settings_of(ctx)
    text = _read(path)
    cache = None if no_cache else settings.store.parent / "linking"
    loaded = cached_gazetteer(_kb_files(kb_paths), settings.base_iri, cache)
    out = sys.stdout
    for mention in Linker(loaded.gazetteer).link(text):
        row = mention.as_json()
        if candidates:
            row["candidate"] = (candidate_iri(minter_of(ctx), mention.candidate).value
                                if mention.candidate else None)
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _link_store(ctx: click.Context, graphs: list[str] | None) -> None:
    from kg.linking.store import LINKS, link_store

    store = open_store(ctx)
    try:
        summary = link_store(store, minter_of(ctx), graphs,
                             progress=lambda done, total: err(f"[{done}/{total}] text parts"))
        record_reload(ctx, store, [LINKS], f"jinling link --store: {summary.line()}")
    finally:
        store.close()
    err(summary.line())
