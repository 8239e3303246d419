"""Records as a cataloguer reads them: one line per field, ``$a`` before each subfield."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ingest.marc.readers import read_marc
from ingest.marc.record import Record
from ingest.protocol import Rejected


def show(path: Path, *, number: int | None = None, flavour: str = "auto",
         encoding: str | None = None) -> Iterator[str]:
    """Yield each record (or only record ``number``) as text; rejects with their reason."""
    for item in read_marc(path, flavour=flavour, encoding=encoding):
        n = item.record if isinstance(item, Rejected) else item.number
        if number is not None and n != number:
            continue
        yield format_rejected(item) if isinstance(item, Rejected) else format_record(item)
        if number is not None:
            return


def format_record(record: Record) -> str:
    """The record as text.

    >>> from ingest.marc.record import Field
    >>> print(format_record(Record("00000nam  2200000   4500", [Field("001", value="1"),
    ...       Field("200", "1", " ", [("a", "随园诗话"), ("f", "袁枚著")])], number=1,
    ...       flavour="cnmarc")))
    record 1 (cnmarc, utf-8)
    LDR 00000nam  2200000   4500
    001     1
    200 1_  $a随园诗话 $f袁枚著
    """
    where = f" byte {record.offset}" if record.offset is not None else ""
    lines = [f"record {record.number}{where} ({record.flavour}, {record.encoding})",
             f"LDR {record.leader}"]
    for f in record.fields:
        if f.value is not None:
            lines.append(f"{f.tag}     {f.value}")
        else:
            ind = (f.ind1 + f.ind2).replace(" ", "_")
            lines.append(f"{f.tag} {ind}  " + " ".join(f"${c}{v}" for c, v in f.subfields))
    return "\n".join(lines)


def format_rejected(rejected: Rejected) -> str:
    where = f" byte {rejected.offset}" if rejected.offset is not None else ""
    field = f", field {rejected.field}" if rejected.field else ""
    return f"record {rejected.record}{where}: REJECTED ({rejected.reason}{field}): " \
           f"{rejected.message}"
