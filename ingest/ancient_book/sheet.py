"""Reading ancient-book census registration sheets (古籍普查登记表): CSV or XLSX, one book per row.

The header row names the columns (`tables/census_columns.tsv`: the standard headings, in
simplified or traditional characters, with the aliases libraries use). A sheet without a title
column cannot be read at all; a row without a title is set aside with its reason. Page images
and their OCR text are found beside the sheet, in ``pages/<普查编号>/`` or
``<sheet name>.pages/<普查编号>/``: images in file-name order, each with an optional ``.txt`` of
the same name.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.ancient_book import TABLES
from ingest.chinese import simplified
from ingest.errors import SourceUnreadable
from ingest.protocol import Rejected

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
REQUIRED = ("title",)
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class PageFile:
    number: int             # page order, from 1
    image: Path
    text: Path | None       # the OCR text file beside the image, when there is one


@dataclass(frozen=True)
class CensusRow:
    """One row of a census sheet: values by column name (`census_columns.tsv` names)."""

    source: Path
    number: int             # the row's line in the sheet (the header is line 1)
    values: dict[str, str]
    pages: tuple[PageFile, ...] = ()
    raw: bytes = b""

    def get(self, column: str) -> str | None:
        return self.values.get(column) or None


def read_sheet(path: Path) -> Iterator[CensusRow | Rejected]:
    """Each data row of the sheet, or its reject. Raises SourceUnreadable for the whole file."""
    rows = _rows(path)
    header = next(rows, None)
    if header is None:
        raise SourceUnreadable("the sheet is empty", source=str(path))
    columns = _columns(header, path)
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        values = {name: _clean(cells[i]) for i, name in columns.items() if i < len(cells)}
        raw = "\t".join(cells).encode()
        if not values.get("title"):
            yield Rejected(str(path), number, None, "field", "the row has no title (题名卷数)",
                           raw, _heading("title"))
            continue
        yield CensusRow(path, number, values, _pages(path, values.get("census_number")), raw)


def _rows(path: Path) -> Iterator:
    """(line number, cells) of the sheet; the first is the header."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return _csv_rows(path, "\t" if suffix == ".tsv" else ",")
    raise SourceUnreadable(f"not a census sheet (.csv, .tsv or .xlsx): {path.suffix}",
                           source=str(path))


def _csv_rows(path: Path, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    data = _bytes(path)
    text = _decode(data, path)
    yield from enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1)


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030: what Chinese spreadsheet exports use."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceUnreadable("the sheet is neither UTF-8 nor GB18030 text", source=str(path))


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(_bytes(path)), read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise SourceUnreadable(f"not a readable XLSX workbook ({type(err).__name__}: {err})",
                               source=str(path)) from err
    sheet = book.worksheets[0]
    for number, cells in enumerate(sheet.iter_rows(values_only=True), 1):
        yield number, ["" if c is None else _cell_text(c) for c in cells]


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a 册数 typed as a number
    return str(value)


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise SourceUnreadable(f"cannot read the sheet: {err.strerror or err}",
                               source=str(path)) from err


def _columns(header: tuple[int, list[str]], path: Path) -> dict[int, str]:
    """Column index -> column name, by the headings; unknown headings are ignored."""
    aliases = _aliases()
    found = {i: aliases[_norm(h)] for i, h in enumerate(header[1]) if _norm(h) in aliases}
    missing = [_heading(name) for name in REQUIRED if name not in found.values()]
    if missing:
        raise SourceUnreadable(f"no column {', '.join(missing)} in the header "
                               f"(columns: {', '.join(h for h in header[1] if h)})",
                               source=str(path), record=header[0], field=missing[0])
    return found


def _norm(heading: str) -> str:
    return simplified(re.sub(r"\s+", "", unicodedata.normalize("NFKC", heading or "")))


def _aliases() -> dict[str, str]:
    """Every accepted heading (normalised) -> column name."""
    out: dict[str, str] = {}
    for row in TABLES.table("census_columns"):
        for heading in (row["heading"], *row["aliases"].split("|")):
            if heading:
                out[_norm(heading)] = row["column"]
    return out


def _heading(column: str) -> str:
    return TABLES.lookup("census_columns", column, "heading") or column


def _clean(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def _pages(sheet: Path, census_number: str | None) -> tuple[PageFile, ...]:
    if not census_number:
        return ()
    for folder in (sheet.parent / "pages" / census_number,
                   sheet.parent / f"{sheet.stem}.pages" / census_number):
        if folder.is_dir():
            images = sorted((p for p in folder.iterdir()
                             if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES),
                            key=_natural)
            return tuple(PageFile(n, image, _text_of(image)) for n, image in enumerate(images, 1))
    return ()


def _text_of(image: Path) -> Path | None:
    text = image.with_suffix(".txt")
    return text if text.is_file() else None


def _natural(path: Path) -> list:
    """'2.jpg' before '10.jpg'."""
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(path.name)]


def census_number_problem(number: str) -> str | None:
    """Why a census number is not of the national form (unit code, dashes, digits), if it is not.

    >>> census_number_problem("320100-0101-0000123") is None
    True
    >>> census_number_problem("A-12")
    "census number 'A-12' is not of the form NNNNNN-NNNN-NNNNNNN"
    """
    if re.fullmatch(r"\d{6}-\d{4}-\d{7}", number):
        return None
    return f"census number {number!r} is not of the form NNNNNN-NNNN-NNNNNNN"
