"""The local-document source: each file (with its sidecar) is one record."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ingest.document.convert import VERSION, Env, convert
from ingest.document.model import Document
from ingest.entities import PersonIndex, person_names
from ingest.protocol import Conversion, Rejected, one_record
from kg.iri import Minter
from sparql import Store


class DocumentSource:
    name = "document"
    version = VERSION
    unit = "documents"

    def files(self, path: Path) -> Iterator[Path]:
        """The file itself, or a folder's documents (by suffix, sidecars left out), by name."""
        if not path.is_dir():
            yield path
            return
        from ingest.document.metadata import SIDECAR_ENDINGS
        from ingest.document.read import formats

        suffixes = set(formats())
        yield from sorted(p for p in path.rglob("*") if p.is_file()
                          and p.suffix.lower() in suffixes
                          and not p.name.lower().endswith(SIDECAR_ENDINGS))

    def reader(self) -> Callable[[Path], Iterator[Document | Rejected]]:
        from ingest.document.read import read_document

        return one_record(read_document)

    def context(self, store: Store) -> dict[str, Any]:
        """The names of known persons, to link creators to."""
        return {"persons": person_names(store)}

    def converter(self, minter: Minter, source: str, context: dict[str, Any]
                  ) -> Callable[[Document], Conversion]:
        env = Env(minter, source, PersonIndex(context.get("persons", ())))
        return lambda doc: convert(doc, env)


SOURCE = DocumentSource()
