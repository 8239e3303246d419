"""Helpers for tests that run a registered source's real ingest into a store."""

from pathlib import Path

from ingest.registry import source
from ingest.run import IngestSummary, RunOptions, ingest_files
from kg.iri import Minter

MINTER = Minter("https://kg.jllib.cn/")
PREFIXES = """PREFIX jl: <https://kg.jllib.cn/ontology#>
PREFIX bf: <http://id.loc.gov/ontologies/bibframe/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""


def ingest_kind(store, kind_name: str, paths: list[Path], tmp_path: Path,
                graph: str) -> IngestSummary:
    """`jinling ingest KIND PATHS --graph GRAPH` in this process (media under tmp_path, the
    report in tmp_path/rejects.jsonl)."""
    kind = source(kind_name)
    options = RunOptions(graph=graph, source=graph, kind=kind_name,
                         rejects=tmp_path / "rejects.jsonl", version=kind.version)
    files = [f for p in paths for f in kind.files(p)]
    context = {**kind.context(store), "media": str(tmp_path / "media")}
    convert = kind.converter(MINTER, graph, context)
    return ingest_files(store, MINTER, files, kind.reader(), convert, options)


def rows(store, query: str) -> list[dict[str, str]]:
    """The solutions of a SELECT (with the common prefixes), as plain strings."""
    return [{k: r[k].value for k in r.keys()} for r in store.query(PREFIXES + query)]
