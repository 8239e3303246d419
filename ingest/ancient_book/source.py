"""The ancient-book source: census registration sheets, one book per row, with page images."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ingest.ancient_book.convert import VERSION, Env, convert
from ingest.ancient_book.media import Media
from ingest.ancient_book.periods import PeriodIndex, period_rows
from ingest.ancient_book.sheet import CensusRow, read_sheet
from ingest.entities import PersonIndex, person_names
from ingest.protocol import Conversion, Rejected
from kg.iri import Minter
from sparql import Store

SHEETS = (".csv", ".tsv", ".xlsx", ".xlsm")


class AncientBookSource:
    name = "ancient-book"
    version = VERSION
    unit = "books"

    def files(self, path: Path) -> Iterator[Path]:
        """The sheet itself, or a folder's sheets (page folders are not descended into)."""
        if path.is_dir():
            yield from sorted(p for p in path.iterdir()
                              if p.is_file() and p.suffix.lower() in SHEETS)
        else:
            yield path

    def reader(self) -> Callable[[Path], Iterator[CensusRow | Rejected]]:
        return read_sheet

    def context(self, store: Store) -> dict[str, Any]:
        return {"persons": person_names(store), "periods": period_rows(store)}

    def converter(self, minter: Minter, source: str, context: dict[str, Any]
                  ) -> Callable[[CensusRow], Conversion]:
        media = Media(Path(context["media"])) if context.get("media") else None
        env = Env(minter, source, PersonIndex(context.get("persons", ())),
                  PeriodIndex(context.get("periods", ())), media)
        return lambda row: convert(row, env)


SOURCE = AncientBookSource()
