"""Where the build reads from: the fact tables of data/kb/src, the ingest tables, the corpus.

Every table is a '#'-commented TSV read with `kg.tables.Tables`. Lists inside a cell are
'|'-separated. Rows are numbered from 1 in messages (``src/persons.tsv row 12``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ingest.errors import IngestError
from kg.tables import Tables

HERE = Path(__file__).resolve().parents[1]
REPO = HERE.parents[1]
SRC = HERE / "src"
INGEST_TABLES = REPO / "ingest" / "ancient_book" / "tables"


class SourceError(IngestError, ValueError):
    """A fact table or corpus file that cannot be used; names the file, the row and the field."""

    reason = "source"


def cells(value: str) -> list[str]:
    """The '|'-separated items of a cell, stripped, empties dropped."""
    return [v.strip() for v in value.split("|") if v.strip()]


def year(value: str, where: str, column: str) -> int | None:
    """A year cell: an integer (negative for BCE) or empty."""
    value = value.strip()
    if not value:
        return None
    try:
        found = int(value)
    except ValueError:
        raise SourceError(f"not a year: {value!r}", source=where, field=column) from None
    if found == 0:
        raise SourceError("there is no year 0", source=where, field=column)
    return found


class Source:
    """The inputs of one build."""

    def __init__(self, corpus: Path, src: Path = SRC):
        self.corpus = corpus
        self.src = Tables(src)
        self.ingest = Tables(INGEST_TABLES)

    def table(self, name: str) -> list[dict[str, str]]:
        """Rows of data/kb/src/<name>.tsv."""
        return self.src.table(name)

    def rows(self, name: str):
        """(origin, row) for each row of data/kb/src/<name>.tsv; origin names the row."""
        for n, row in enumerate(self.src.table(name), 1):
            yield f"src/{name}.tsv row {n}", row

    def corpus_path(self, *parts: str) -> Path:
        path = self.corpus.joinpath(*parts)
        if not path.is_file():
            raise SourceError("corpus file missing (is --corpus right?)", source=str(path))
        return path

    def corpus_csv(self, *parts: str) -> list[dict[str, str]]:
        with self.corpus_path(*parts).open(encoding="utf-8", newline="") as lines:
            return list(csv.DictReader(lines))

    def corpus_json(self, *parts: str):
        return json.loads(self.corpus_path(*parts).read_text(encoding="utf-8"))
