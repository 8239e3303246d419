"""``jinling dumps``: gzipped N-Quads dumps per named graph, with a manifest (`kg.dumps`).

``jinling dump`` writes one stream (all graphs, or one) to stdout or a file; this writes a folder
that a district library can mirror: ``{graph}.nq.gz`` per graph and ``manifest.json`` with
their triple counts, sizes and SHA-256 checksums.
"""

from __future__ import annotations

from pathlib import Path

import click

from api.cli_common import err, minter_of, open_store
from kg import dumps as library


@click.command("dumps")
@click.option("--graph", "names", multiple=True,
              help="Dump this graph; repeatable (default: every graph named under the base).")
@click.option("--out", "folder", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder for the .nq.gz files and manifest.json.")
@click.pass_context
def dumps(ctx: click.Context, names: tuple[str, ...], folder: Path) -> None:
    """Write gzipped N-Quads dumps of named graphs, with SHA-256 checksums, into a folder."""
    store = open_store(ctx)
    try:
        written = library.write_dumps(store, minter_of(ctx), folder, names or None)
    finally:
        store.close()
    for dump in written:
        err(f"{dump.name}: {dump.triples} triples -> {folder / dump.file} "
            f"({dump.bytes} bytes, sha256 {dump.sha256})")
    err(f"wrote {len(written)} dumps and {folder / library.MANIFEST}")
