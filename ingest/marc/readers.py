"""Read a MARC file, ISO 2709 or MARCXML, telling which from its first bytes.

The extension is not trusted: `.xml` exports that are ISO 2709, `.mrc` files that are MARCXML
and `.dat`/`.iso`/`.bin` for either are all common. The first non-blank byte decides: ``<`` is
XML; digits, or the MARC terminators near the start, are ISO 2709.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ingest.errors import SourceUnreadable
from ingest.marc.encoding import canonical
from ingest.marc.flavour import resolve_flavour
from ingest.marc.iso2709 import read_iso2709
from ingest.marc.marcxml import read_marcxml
from ingest.marc.record import Record
from ingest.protocol import Rejected

_SNIFF = 64 * 1024
_BOM = b"\xef\xbb\xbf"
_BLANK = b" \t\r\n\x00\x1a"


def read_marc(path: Path, *, flavour: str = "auto",
              encoding: str | None = None) -> Iterator[Record | Rejected]:
    """Yield the records of a MARC file in file order: `Record`, or `Rejected` when broken.

    Args:
        path: an ISO 2709 or MARCXML file.
        flavour: 'auto' (judge each record by its tags), 'marc21', 'cnmarc' or 'unimarc'.
        encoding: force this encoding (a name from `ENCODINGS`) instead of what records declare.

    Raises:
        SourceUnreadable: the file is missing, empty, or neither ISO 2709 nor MARCXML.
        ValueError: an unknown flavour or encoding name.
    """
    path = Path(path)
    kind = resolve_flavour(flavour)
    codec = canonical(encoding) if encoding else None
    reader = read_marcxml if sniff_format(path) == "marcxml" else read_iso2709
    return reader(path, flavour=kind, encoding=codec)


def sniff_format(path: Path) -> str:
    """'marcxml' or 'iso2709' from the first bytes of ``path``; SourceUnreadable otherwise."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF)
    except OSError as err:
        raise SourceUnreadable(f"cannot read the file: {err.strerror or err}",
                               source=str(path)) from err
    start = head.removeprefix(_BOM).lstrip(_BLANK)
    if not start:
        raise SourceUnreadable("the file is empty", source=str(path))
    if start[:1] == b"<":
        return "marcxml"
    if start[:5].isdigit() or b"\x1d" in head or b"\x1e" in head:
        return "iso2709"
    raise SourceUnreadable("neither ISO 2709 nor MARCXML: the file starts with "
                           f"{start[:16]!r}", source=str(path))
