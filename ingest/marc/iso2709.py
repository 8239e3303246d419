"""Streaming reader for ISO 2709 files (the MARC exchange format: .mrc, .iso, .dat, .usmarc ...).

A record is a 24-byte leader, a directory of 12-byte entries (tag, field length, field start)
ended by 0x1E, then the fields, each ended by 0x1E, and the record terminator 0x1D. The file is
read in blocks and cut at 0x1D, so memory stays bounded whatever the file size.

Where real exports bend the format and the record can still be trusted, the reader bends too:

* a leader length that disagrees with the bytes (the directory decides; records over 99,999
  bytes whose leader and offsets overflowed are laid out from the field lengths);
* a 0x1D inside a field, when the leader length says the record goes on past it;
* a record that lost its 0x1D, when its directory says where it ends;
* blanks, NULs and Ctrl-Z between records or at the end of the file;
* directory entries out of tag order, alphanumeric tags, wrong indicator counts in the leader.

Anything else (a short record, a directory that is not whole 12-byte entries or has non-digits,
a field past the end, a missing field terminator, a base address out of range) makes the record
`RecordUnreadable`; bytes that fit no encoding make it `RecordUndecodable`. Both are yielded as
`Rejected` with the raw bytes, and reading goes on with the next record.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import BinaryIO

from ingest.errors import RecordUndecodable, RecordUnreadable, record_context
from ingest.marc.encoding import choose_encoding, declared_encoding, decoder
from ingest.marc.flavour import choose_flavour
from ingest.marc.record import Field, Record
from ingest.protocol import Rejected

log = logging.getLogger(__name__)

RECORD_END = b"\x1d"
FIELD_END = 0x1E
SUBFIELD = b"\x1f"
LEADER = 24
ENTRY = 12

_BLOCK = 1 << 20
# A record with no 0x1D within this many bytes is cut there, so a corrupt file cannot make the
# reader hold all of it in memory.
_MAX_RECORD = 16 << 20
# What exports put between records: line ends, padding blanks/NULs, DOS end-of-file (Ctrl-Z).
_FILLER = b" \t\r\n\x00\x1a"
# Five-digit leader and directory numbers stop here; bigger records overflow them.
_SATURATED = 99999
_DIRECTORY = re.compile(rb"(?:[\x20-\x7e]{3}[0-9]{9})*")
# The tags, field starts and field lengths of a directory.
_TAGS = re.compile("(...).{9}", re.DOTALL).findall
_STARTS = re.compile(".{7}(.{5})", re.DOTALL).findall
_LENGTHS = re.compile("...(.{4}).{5}", re.DOTALL).findall
# (code, value) pairs of a data field's text; an empty subfield (two delimiters in a row) has no
# code and is skipped.
_subfields = re.compile("\x1f([^\x1f])([^\x1f]*)", re.DOTALL).findall


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the parts of one record lie in its bytes (the record without its 0x1D)."""

    leader: str
    base: int
    fields: list[tuple[str, int, int]]  # tag, first byte, position of its 0x1E
    end: int  # just past the last field terminator
    # Fields sit end to end in directory order with no other 0x1E among them, so the data can
    # be decoded in one piece and split at 0x1E (the common case, and the fast one).
    contiguous: bool


def read_iso2709(path: Path, *, flavour: str = "auto",
                 encoding: str | None = None) -> Iterator[Record | Rejected]:
    """Yield each record of an ISO 2709 file as a `Record`, or `Rejected` when it is broken.

    Args:
        path: the file.
        flavour: 'auto' (judge each record by its tags), 'marc21' or 'cnmarc'.
        encoding: a codec from `ENCODINGS` that overrides what records declare, or None.
    """
    source = str(path)
    with path.open("rb") as stream:
        for number, piece in enumerate(_Scanner(stream).pieces(), 1):
            yield _record_or_reject(piece, source, number, flavour, encoding)


def parse_layout(body: bytes) -> Layout:
    """The leader and field positions of ``body``, a record without its 0x1D.

    Raises:
        RecordUnreadable: the leader, directory or field terminators are broken.
    """
    if len(body) < LEADER:
        raise RecordUnreadable(f"record is {len(body)} bytes, shorter than the 24-byte leader")
    leader = _leader(body)
    base = _base_address(leader, body)
    directory = body[LEADER:base - 1]
    regular = _regular_layout(leader, directory, body, base)
    if regular is not None:
        return regular
    fields = _locate(_directory(directory), body, base)
    end = max(stop for _, _, stop in fields) + 1
    return Layout(leader, base, fields, end, _contiguous(fields, body, base))


def build_record(body: bytes, layout: Layout, *, flavour: str = "auto",
                 encoding: str | None = None) -> Record:
    """Decode the fields of a parsed record into a `Record` (number/offset/source left unset).

    Raises:
        RecordUndecodable: a field's bytes are not valid in the encoding chosen for the record.
    """
    general = _general_data(body, layout)
    kind = choose_flavour(flavour, {tag for tag, _, _ in layout.fields}, general)
    declared = declared_encoding(layout.leader, kind, general)
    chosen = encoding or choose_encoding(declared, body[layout.base:layout.end])
    try:
        texts = _field_texts(body, layout, chosen)
    except UnicodeDecodeError as err:
        raise _undecodable(layout, err, chosen, chosen if encoding else declared) from None
    return Record(layout.leader, _fields(layout, texts), flavour=kind, encoding=chosen)


def _record_or_reject(piece: _Piece, source: str, number: int, flavour: str,
                      encoding: str | None) -> Record | Rejected:
    offset, body, layout, terminated = piece
    try:
        with record_context(source, number, offset):
            if isinstance(layout, RecordUnreadable):
                raise layout
            record = build_record(body, layout, flavour=flavour, encoding=encoding)
    except (RecordUnreadable, RecordUndecodable) as err:
        return Rejected.of(err, body + RECORD_END if terminated else body)
    record.number, record.offset, record.source = number, offset, source
    record.raw = body + RECORD_END if terminated else body
    return record


# -- structure ---------------------------------------------------------------------------------

def _leader(body: bytes) -> str:
    try:
        leader = body[:LEADER].decode("ascii")
    except UnicodeDecodeError as err:
        raise RecordUnreadable(
            f"leader byte {err.start} is 0x{body[err.start]:02X}, not ASCII") from None
    if not leader[:5].isdigit():
        raise RecordUnreadable(f"leader/00-04 record length {leader[:5]!r} is not a number")
    if leader[10:12] != "22":
        # Indicator and subfield-code counts are always 2 in MARC21 and UNIMARC; fields are cut
        # at the delimiters anyway, so a wrong count in the leader does not matter.
        log.debug("leader/10-11 %r is not '22'; read as 2 indicators, 1-byte codes", leader[10:12])
    return leader


def _base_address(leader: str, body: bytes) -> int:
    digits = leader[12:17]
    if not digits.isdigit():
        raise RecordUnreadable(f"leader/12-16 base address {digits!r} is not a number")
    base = int(digits)
    if LEADER < base <= len(body) and body[base - 1] == FIELD_END:
        return base
    if len(body) > _SATURATED:
        return _overflowed_base(body)
    if base <= LEADER:
        raise RecordUnreadable(f"base address {base} points into the 24-byte leader")
    if base > len(body):
        raise RecordUnreadable(
            f"base address {base} is past the end of the record ({len(body)} bytes)")
    raise RecordUnreadable(
        f"directory is not ended by a field terminator (0x1E) at base address {base} - 1")


def _overflowed_base(body: bytes) -> int:
    """The base address of a record too big for five digits: just past the directory's 0x1E."""
    base = body.find(FIELD_END, LEADER) + 1
    if base <= LEADER:
        raise RecordUnreadable("directory of an oversized record has no field terminator")
    log.debug("record of %d bytes overflows its leader; base address taken as %d", len(body), base)
    return base


def _regular_layout(leader: str, directory: bytes, body: bytes, base: int) -> Layout | None:
    """The layout of a record whose fields lie end to end in directory order, else None.

    Nearly every record is like that, and this check needs no per-entry Python code: cut the
    data at its first n 0x1E and compare the pieces' starts and lengths with the directory's.
    Any difference (entries out of order, gaps, a 0x1E inside a field, bad digits) means None,
    and the entry-by-entry parse takes over and says what is wrong.
    """
    count = len(directory) // ENTRY
    if not count or len(directory) % ENTRY or not _DIRECTORY.fullmatch(directory):
        return None
    pieces = body[base:].split(b"\x1e", count)
    if len(pieces) <= count:
        return None
    lengths = [len(piece) + 1 for piece in pieces[:count]]
    starts = list(accumulate(lengths, initial=0))
    text = directory.decode("ascii")
    if list(map(int, _STARTS(text))) != starts[:-1] or list(map(int, _LENGTHS(text))) != lengths:
        return None
    starts = [base + start for start in starts]
    fields = list(zip(_TAGS(text), starts, map((-1).__add__, starts[1:]), strict=False))
    return Layout(leader, base, fields, starts[-1], True)


def _directory(directory: bytes) -> list[tuple[str, int, int]]:
    """(tag, length, start) per 12-byte entry."""
    if len(directory) % ENTRY:
        raise RecordUnreadable(
            f"directory is {len(directory)} bytes, not a multiple of {ENTRY}")
    if not directory:
        raise RecordUnreadable("record has no fields (its directory is empty)")
    if not _DIRECTORY.fullmatch(directory):
        raise _bad_entry(directory)
    text = directory.decode("ascii")
    return [(text[i:i + 3], int(text[i + 3:i + 7]), int(text[i + 7:i + 12]))
            for i in range(0, len(text), ENTRY)]


def _bad_entry(directory: bytes) -> RecordUnreadable:
    """Name the first directory entry that is not a printable tag and nine digits."""
    for n, i in enumerate(range(0, len(directory), ENTRY), 1):
        entry = directory[i:i + ENTRY]
        tag = entry[:3].decode("latin-1")
        if not _DIRECTORY.fullmatch(entry[:3] + b"0" * 9):
            return RecordUnreadable(f"directory entry {n} has a non-printable tag {tag!r}")
        if not entry[3:7].isdigit():
            return RecordUnreadable(f"directory entry {n} (tag {tag}): field length "
                                    f"{entry[3:7]!r} is not a number", field=tag)
        if not entry[7:].isdigit():
            return RecordUnreadable(f"directory entry {n} (tag {tag}): field start "
                                    f"{entry[7:]!r} is not a number", field=tag)
    return RecordUnreadable("directory is malformed")


def _locate(entries: list[tuple[str, int, int]], body: bytes,
            base: int) -> list[tuple[str, int, int]]:
    """(tag, start, stop) in ``body`` for each directory entry, each stop being a 0x1E."""
    spans = [(tag, base + start, base + start + length - 1) for tag, length, start in entries]
    if _terminated(spans, body):
        return spans
    if len(body) > _SATURATED:
        # Offsets of an oversized record overflow five digits: lay the fields end to end.
        ends = list(accumulate((length for _, length, _ in entries), initial=base))
        laid = [(tag, start, end - 1)
                for (tag, _, _), start, end in zip(entries, ends, ends[1:], strict=False)]
        if _terminated(laid, body):
            return laid
    raise _bad_span(spans, body)


def _terminated(spans: list[tuple[str, int, int]], body: bytes) -> bool:
    size = len(body)
    return all(start <= stop < size and body[stop] == FIELD_END for _, start, stop in spans)


def _bad_span(spans: list[tuple[str, int, int]], body: bytes) -> RecordUnreadable:
    for n, (tag, start, stop) in enumerate(spans, 1):
        if stop < start or stop >= len(body):
            return RecordUnreadable(
                f"directory entry {n} (tag {tag}) points past the end of the record "
                f"(bytes {start}..{stop + 1} of {len(body)})", field=tag)
        if body[stop] != FIELD_END:
            return RecordUnreadable(
                f"field {tag} (directory entry {n}) does not end with a field terminator "
                f"(0x1E) at byte {stop}", field=tag)
    return RecordUnreadable("directory is malformed")


def _contiguous(spans: list[tuple[str, int, int]], body: bytes, base: int) -> bool:
    starts = [start for _, start, _ in spans]
    after = [stop + 1 for _, _, stop in spans]
    return (starts[0] == base and starts[1:] == after[:-1]
            and body.count(FIELD_END, base, after[-1]) == len(spans))


# -- decoding ----------------------------------------------------------------------------------

def _general_data(body: bytes, layout: Layout) -> str | None:
    """The first 100$a as text: UNIMARC's general processing data (plain ASCII when valid)."""
    for tag, start, stop in layout.fields:
        if tag == "100":
            parts = body[start:stop].split(SUBFIELD, 2)
            if len(parts) > 1 and parts[1][:1] == b"a":
                return parts[1][1:].decode("latin-1")
            return None
    return None


def _field_texts(body: bytes, layout: Layout, encoding: str) -> list[str]:
    """Each field's text, subfields still joined by 0x1F. UnicodeDecodeError at record bytes."""
    data = body[layout.base:layout.end]
    text = decoder(encoding)
    if encoding == "marc-8" and b"\x1b" in data:
        return [_marc8_field(body, start, stop, text) for _, start, stop in layout.fields]
    # Without escapes MARC-8 has no state to reset, so fields decode like UTF-8 ones.
    if layout.contiguous:
        try:
            return text(data).split("\x1e")[:len(layout.fields)]
        except UnicodeDecodeError as err:
            raise _shifted(err, body, layout.base) from None
    return [_one_field(body, start, stop, text) for _, start, stop in layout.fields]


def _one_field(body: bytes, start: int, stop: int, text: Callable[[bytes], str]) -> str:
    try:
        return text(body[start:stop])
    except UnicodeDecodeError as err:
        raise _shifted(err, body, start) from None


def _marc8_field(body: bytes, start: int, stop: int, text: Callable[[bytes], str]) -> str:
    """Decode subfield by subfield: MARC-8 escapes do not carry over to the next subfield."""
    parts = []
    for piece in body[start:stop].split(SUBFIELD):
        try:
            parts.append(text(piece))
        except UnicodeDecodeError as err:
            raise _shifted(err, body, start) from None
        start += len(piece) + 1
    return "\x1f".join(parts)


def _shifted(err: UnicodeDecodeError, body: bytes, start: int) -> UnicodeDecodeError:
    """The same error with its position counted from the start of the record."""
    return UnicodeDecodeError(err.encoding, body, start + err.start, start + err.end, err.reason)


def _fields(layout: Layout, texts: list[str]) -> list[Field]:
    return [Field(tag, " ", " ", [], text) if tag[:2] == "00" else _data_field(tag, text)
            for (tag, _, _), text in zip(layout.fields, texts, strict=True)]


def _data_field(tag: str, text: str) -> Field:
    if text[2:3] == "\x1f":
        return Field(tag, text[0], text[1], _subfields(text))
    # Indicators missing or extra bytes before the first subfield: keep what fits.
    head = text.partition("\x1f")[0]
    if len(head) > 2:
        log.debug("field %s: %r before the first subfield ignored", tag, head[2:])
    return Field(tag, head[0:1] or " ", head[1:2] or " ", _subfields(text))


def _undecodable(layout: Layout, err: UnicodeDecodeError, encoding: str,
                 declared: str) -> RecordUndecodable:
    where = err.start
    tag = next((tag for tag, start, stop in layout.fields if start <= where <= stop), "?")
    claim = "" if declared == encoding else f" (declared {declared}; no other encoding fits)"
    return RecordUndecodable(
        f"field {tag}: byte 0x{err.object[where]:02X} at record byte {where} is not valid "
        f"{encoding}{claim}: {err.reason}", field=tag)


# -- splitting the stream ----------------------------------------------------------------------

# One cut of the stream: file offset, record bytes without 0x1D, their layout or what is wrong
# with them, and whether a 0x1D ended them.
_Piece = tuple[int, bytes, "Layout | RecordUnreadable", bool]


class _Scanner:
    """Cuts a byte stream into records: (file offset, body without 0x1D, layout or error)."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._buf = b""
        self._pos = 0  # start of the unread part of _buf
        self._origin = 0  # file offset of _buf[0]
        self._eof = False

    def pieces(self) -> Iterator[_Piece]:
        while self._skip_filler():
            end = self._terminator()
            yield self._cut(end)
            self._compact()

    def _skip_filler(self) -> bool:
        """Move past blanks between records; False at the end of the file."""
        while True:
            size = len(self._buf)
            while self._pos < size and self._buf[self._pos] in _FILLER:
                self._pos += 1
            if self._pos < size:
                return True
            if not self._read():
                return False

    def _terminator(self) -> int | None:
        """Index in _buf of the next 0x1D; None when the file ends (or the cap is hit) first."""
        searched = self._pos
        while True:
            end = self._buf.find(RECORD_END, searched)
            if end >= 0:
                return end
            searched = len(self._buf)
            if searched - self._pos >= _MAX_RECORD or not self._read():
                return None

    def _cut(self, end: int | None) -> _Piece:
        """The record from _pos to ``end`` (the 0x1D; None: the end of the file), moving past it."""
        start, offset = self._pos, self._origin + self._pos
        body = self._buf[start:end] if end is not None else self._tail(start)
        layout = _try_layout(body)
        if isinstance(layout, RecordUnreadable) and _declared_length(body) > len(body) + 1:
            # A 0x1D inside a field cut the record short: read on to where the leader says.
            body, layout, end = self._longer(start, _declared_length(body), body, layout, end)
        if isinstance(layout, Layout) and _leader_like(body[layout.end:]):
            # The record lost its 0x1D and the next one follows on: cut between them.
            log.debug("record at byte %d has no terminator; the next record follows", offset)
            self._pos = start + layout.end
            return offset, body[:layout.end], layout, False
        self._pos = len(self._buf) if end is None else end + 1
        if end is None and isinstance(layout, RecordUnreadable):
            layout = RecordUnreadable(
                f"{len(body)} bytes without a record terminator (0x1D) at the end of the file "
                f"are not a record: {layout.message}", field=layout.field)
        return offset, body, layout, end is not None

    def _tail(self, start: int) -> bytes:
        return self._buf[start:].rstrip(_FILLER)

    def _longer(self, start: int, declared: int, body: bytes, layout: RecordUnreadable,
                end: int | None) -> tuple[bytes, Layout | RecordUnreadable, int | None]:
        stop = start + declared - 1
        while len(self._buf) <= stop and self._read():
            pass
        if stop < len(self._buf) and self._buf[stop:stop + 1] == RECORD_END:
            longer = self._buf[start:stop]
            found = _try_layout(longer)
            if isinstance(found, Layout):
                return longer, found, stop
        return body, layout, end

    def _read(self) -> bool:
        """Append a block to _buf; False at the end of the file."""
        if self._eof:
            return False
        block = self._stream.read(_BLOCK)
        if not block:
            self._eof = True
            return False
        self._buf += block
        return True

    def _compact(self) -> None:
        # Between records only, since _cut keeps indexes into _buf; and only once a block has
        # been consumed, so the copy is paid once per block rather than once per record.
        if self._pos >= _BLOCK:
            self._origin += self._pos
            self._buf = self._buf[self._pos:]
            self._pos = 0


def _try_layout(body: bytes) -> Layout | RecordUnreadable:
    try:
        return parse_layout(body)
    except RecordUnreadable as err:
        return err


def _declared_length(body: bytes) -> int:
    digits = body[:5]
    return int(digits) if digits.isdigit() else 0


def _leader_like(rest: bytes) -> bool:
    return len(rest) >= LEADER and rest[:5].isdigit() and rest[20:22] == b"45"
