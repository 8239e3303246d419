"""Load files and folders into named graphs, all or nothing.

The graph of a file: the ``graph`` given by the caller; else, inside a loaded folder, the name of
its first sub-folder (``data/kb/persons.ttl`` loaded as ``data`` goes to graph ``kb``); else the
file's stem. Quads in N-Quads or TriG keep their own graphs.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InvalidGraphName
from kg.iri import GRAPH_NAME, Minter
from sparql import LoadReport, Store
from sparql.formats import is_rdf_file, rdf_format_for_path
from sparql.loading import check_syntax


@dataclass(frozen=True)
class LoadJob:
    """One file and the short name of the graph it goes to."""

    path: Path
    graph: str


@dataclass
class LoadSummary:
    """What a load run did."""

    files: int = 0
    quads: int = 0
    seconds: float = 0.0
    graphs: set[str] = field(default_factory=set)

    def line(self) -> str:
        """One line for the end of a run."""
        return (f"loaded {self.quads} quads from {self.files} files into "
                f"{len(self.graphs)} graphs ({', '.join(sorted(self.graphs))}) "
                f"in {self.seconds:.1f} s")


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-.") or "default"


def plan(paths: Iterable[Path], graph: str | None = None) -> list[LoadJob]:
    """The files to load, in a stable order, each with its graph.

    Raises:
        FileNotFoundError: a path that does not exist.
        InvalidGraphName: ``graph`` cannot be a graph name.
    """
    if graph is not None and not GRAPH_NAME.match(graph):
        raise InvalidGraphName(graph)
    jobs: list[LoadJob] = []
    for root in paths:
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file() and is_rdf_file(p)):
                parts = path.relative_to(root).parts
                jobs.append(LoadJob(path, graph or _slug(parts[0] if len(parts) > 1
                                                         else path.stem)))
        elif root.is_file():
            rdf_format_for_path(root)
            jobs.append(LoadJob(root, graph or _slug(root.stem)))
        else:
            raise FileNotFoundError(f"{root}: no such file or folder")
    return jobs


def load_files(store: Store, minter: Minter, jobs: list[LoadJob], *,
               base_iri: str | None = None, replace: bool = False,
               progress: Callable[[LoadReport], None] | None = None) -> LoadSummary:
    """Check every file, then load them; a malformed file means nothing is loaded.

    Relative IRIs in the files resolve against ``base_iri`` (the configured base), so shipped
    sample data follows the deployment's base.

    Raises:
        RdfSyntaxError: the first malformed file, with line and column.
    """
    started = time.perf_counter()
    for job in jobs:
        check_syntax(rdf_format_for_path(job.path), path=job.path, base_iri=base_iri,
                     label=str(job.path))
    summary = LoadSummary()
    replaced: set[str] = set()
    for job in jobs:
        graph = minter.graph(job.graph)
        report = store.load(job.path, graph=graph, base_iri=base_iri,
                            replace=replace and job.graph not in replaced)
        replaced.add(job.graph)
        summary.files += 1
        summary.quads += report.quads
        summary.graphs.add(job.graph)
        if progress:
            progress(report)
    summary.seconds = time.perf_counter() - started
    return summary


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
