"""The MARC source: read ISO 2709 / MARCXML files, convert each record to RDF."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.marc.convert import CONVERTER_VERSION, Conversion, convert
from ingest.marc.convert.context import Env
from ingest.marc.readers import read_marc
from ingest.marc.record import Record
from ingest.protocol import Rejected
from kg.iri import Minter
from sparql import Store


@dataclass
class MarcSource:
    """Reader and converter of MARC records, configured for one run."""

    name = "marc"
    version = CONVERTER_VERSION

    def reader(self, *, flavour: str = "auto", encoding: str | None = None):
        def read(path: Path) -> Iterator[Record | Rejected]:
            return read_marc(path, flavour=flavour, encoding=encoding)
        return read

    def converter(self, store: Store, minter: Minter, source: str) -> Any:
        env = Env(minter, source, CONVERTER_VERSION, headings=authority_headings(store))

        def run(record: Record) -> Conversion:
            return convert(record, env)
        return run


def authority_headings(store: Store) -> dict:
    """Heading key -> authority entity, for linking headings that carry no control number."""
    from sparql import queries

    return {row["key"].value: row["entity"]
            for row in store.query(queries.load("authority_headings"))}


SOURCE = MarcSource()
