"""The MARC source: read ISO 2709 / MARCXML files, convert each record to RDF."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode

from ingest.marc.convert import CONVERTER_VERSION, convert
from ingest.marc.convert.context import Env
from ingest.marc.readers import read_marc
from ingest.marc.record import Record
from ingest.protocol import Conversion, Rejected
from kg.iri import Minter
from sparql import Store, queries


class MarcSource:
    """Reader and converter of MARC records.

    A run asks the store for `context` once, in the process that owns the store; `converter`
    may then run in another process (the context is plain data).
    """

    name = "marc"
    version = CONVERTER_VERSION
    unit = "records"
    suffixes = (".mrc", ".iso", ".dat", ".marc", ".xml", ".mrx")

    def files(self, path: Path) -> Iterator[Path]:
        """The file itself, or a folder's MARC files (by suffix) in name order."""
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in self.suffixes)
        else:
            yield path

    def reader(self, *, flavour: str = "auto", encoding: str | None = None
               ) -> Callable[[Path], Iterator[Record | Rejected]]:
        def read(path: Path) -> Iterator[Record | Rejected]:
            return read_marc(path, flavour=flavour, encoding=encoding)
        return read

    def context(self, store: Store) -> dict[str, Any]:
        """Heading key -> authority IRI, for headings that carry no control number."""
        rows = store.query(queries.load("authority_headings"))
        return {"headings": {row["key"].value: row["entity"].value for row in rows}}

    def converter(self, minter: Minter, source: str, context: dict[str, Any]
                  ) -> Callable[[Record], Conversion]:
        headings = {key: NamedNode(iri) for key, iri in context.get("headings", {}).items()}
        env = Env(minter, source, CONVERTER_VERSION, headings=headings)

        def run(record: Record) -> Conversion:
            return convert(record, env)
        return run


SOURCE = MarcSource()
