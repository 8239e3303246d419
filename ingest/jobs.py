"""One ingest as the CLI and the server's upload jobs run it: the run, then its follow-up steps.

`run_files` converts and writes the files of one registered source kind (in a worker process
for a large MARC input); `follow_up` then links catalogue headings to authorities that arrived
since, links new text to the knowledge base (text kinds, unless told not to) and, when asked,
recomputes the inferred graph. Each step reports one line through ``say``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.registry import source as source_kind
from ingest.run import IngestSummary, Progress, RunOptions, ingest_files
from kg.iri import Minter
from sparql import Store


def run_files(store: Store, minter: Minter, files: list[Path], options: RunOptions, *,
              reader_options: dict | None = None, in_worker: bool = False,
              media: Path | None = None, progress: Progress | None = None) -> IngestSummary:
    """Ingest ``files`` of kind ``options.kind`` into ``options.graph``."""
    kind = source_kind(options.kind)
    if in_worker:
        from ingest.workers import ingest_in_worker

        return ingest_in_worker(store, minter, files, options.kind, reader_options or {},
                                options, progress=progress)
    # the media folder (page images …) is where the server will look for the files
    context = {**kind.context(store), **({"media": str(media)} if media else {})}
    convert = kind.converter(minter, options.source, context)
    return ingest_files(store, minter, files, kind.reader(**(reader_options or {})), convert,
                        options, progress=progress)


def follow_up(store: Store, minter: Minter, options: RunOptions, summary: IngestSummary,
              infer: bool, say: Callable[[str], None]) -> None:
    """Link headings and text, and refresh the inferred graph, after a run that wrote."""
    if not summary.written.changed:
        return
    if options.kind == "marc":
        from kg.authority import link_headings

        link_headings(store, minter.graph(options.graph))
    if options.link:
        from kg.linking import link_store

        say(link_store(store, minter, [options.graph]).line())
    if infer:
        from kg.inference import install_ontology, materialise

        install_ontology(store, minter)
        say(f"inferred graph: {materialise(store, minter)} triples")
