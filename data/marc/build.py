"""Build the sample MARC files of this folder from their readable sources.

    .venv/bin/python data/marc/build.py            # writes next to this script
    .venv/bin/python data/marc/build.py OUT_DIR    # writes into OUT_DIR instead

Each source is MarcEdit-style mnemonic text (``*.mrk``): one field a line, ``=TAG  `` then, for a
data field, two indicators and ``$``-subfields (``=200  1\\$a随园诗话$f(清)袁枚著``). A backslash
stands for a blank (in the leader, control fields, indicators and coded subfields such as
CNMARC 100 $a), ``{dollar}`` for a literal ``$``; a line starting with ``#`` is a comment and a
blank line ends a record.

The ISO 2709 records are written here by hand rather than with pymarc, which cannot write
GB 18030 CNMARC: a 24-byte leader whose record length (00-04) and base address (12-16) are
computed, a directory of 12-byte entries (tag, field length, start), 0x1E after the directory
and after each field, 0x1F before each subfield code, 0x1D after the record. The output depends
on the sources only (no timestamps), so building again gives the same bytes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

FIELD_END = b"\x1e"
SUBFIELD = b"\x1f"
RECORD_END = b"\x1d"


@dataclass(frozen=True)
class Target:
    source: str
    output: str
    encoding: str  # Python codec the field data is written in
    kind: str  # 'cnmarc', 'marc21' (bibliographic) or 'authority' (MARC 21)


TARGETS = (
    Target("jinling-cnmarc.mrk", "jinling-cnmarc.iso", "gb18030", "cnmarc"),
    Target("jinling-marc21.mrk", "jinling-marc21.mrc", "utf-8", "marc21"),
    Target("jinling-authority.mrk", "jinling-authority.mrc", "utf-8", "authority"),
)


@dataclass
class Field:
    tag: str
    value: str | None = None  # control fields (001-009)
    indicators: str = "  "
    subfields: list[tuple[str, str]] | None = None  # data fields

    def first(self, code: str) -> str | None:
        return next((v for c, v in self.subfields or () if c == code), None)


@dataclass
class Record:
    leader: str
    fields: list[Field]
    line: int  # where the record starts in its source, for error messages

    def get(self, tag: str) -> list[Field]:
        return [f for f in self.fields if f.tag == tag]


class SourceError(ValueError):
    """A source line or record that cannot be built; the message names the file and line."""


# -- reading the mnemonic source -------------------------------------------------------------

def _unescape(text: str) -> str:
    return text.replace("\\", " ").replace("{dollar}", "$")


def parse_field(line: str) -> Field:
    """One mnemonic line (without the leading '=') as a field; LDR comes back with tag 'LDR'."""
    tag, gap, rest = line[:3], line[3:5], line[5:]
    if gap != "  " or not (tag == "LDR" or (tag.isdigit() and len(tag) == 3)):
        raise ValueError(f"expected '=TAG  ...', got {line[:12]!r}")
    if tag == "LDR" or tag < "010":
        return Field(tag, value=_unescape(rest))
    indicators, body = _unescape(rest[:2]), rest[2:]
    if len(indicators) != 2 or not body.startswith("$"):
        raise ValueError(f"{tag}: two indicators then '$' expected")
    subfields = [(piece[:1], _unescape(piece[1:])) for piece in body[1:].split("$")]
    if any(not code or not value for code, value in subfields):
        raise ValueError(f"{tag}: empty subfield (a literal '$' is written {{dollar}})")
    return Field(tag, indicators=indicators, subfields=subfields)


def parse(text: str, name: str) -> list[Record]:
    """The records of a mnemonic source, in order."""
    records: list[Record] = []
    current: list[tuple[int, Field]] = []
    for number, raw in enumerate(text.splitlines() + [""], 1):
        line = raw.rstrip("\r\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                records.append(_record(current, name))
            current = []
            continue
        if not line.startswith("="):
            raise SourceError(f"{name}:{number}: a field line starts with '='")
        try:
            current.append((number, parse_field(line[1:])))
        except ValueError as err:
            raise SourceError(f"{name}:{number}: {err}") from None
    return records


def _record(lines: list[tuple[int, Field]], name: str) -> Record:
    start, first = lines[0]
    if first.tag != "LDR" or first.value is None:
        raise SourceError(f"{name}:{start}: a record starts with its leader (=LDR)")
    return Record(first.value, [f for _, f in lines[1:]], start)


# -- checks ------------------------------------------------------------------------------------

def check(record: Record, kind: str) -> list[str]:
    """What is wrong with a record for its kind of file (empty when nothing is)."""
    problems = []
    leader = record.leader
    if len(leader) != 24 or leader[10:12] != "22":
        problems.append(f"leader {leader!r} is not 24 characters with '22' at 10-11")
    if kind == "cnmarc":
        problems += _check_cnmarc(record)
    else:
        problems += _check_marc21(record, kind)
    return problems


def _check_cnmarc(record: Record) -> list[str]:
    problems = []
    if record.leader[9] != " " or record.leader[20:24] != "450 ":
        problems.append("CNMARC leader: blank at 09 and '450 ' at 20-23")
    general = [f.first("a") or "" for f in record.get("100")]
    if len(general) != 1 or len(general[0]) != 36 or general[0][26:30] != "0120":
        problems.append("100 $a must be 36 characters with '0120' at 26-29")
    for f in record.get("105"):
        if len(f.first("a") or "") != 13:
            problems.append("105 $a must be 13 characters")
    return problems


def _check_marc21(record: Record, kind: str) -> list[str]:
    problems = []
    if record.leader[9] != "a" or record.leader[20:24] != "4500":
        problems.append("MARC 21 leader: 'a' (UTF-8) at 09 and '4500' at 20-23")
    if (record.leader[6] == "z") != (kind == "authority"):
        problems.append("leader/06 must be 'z' in authority files only")
    fixed = record.get("008")
    if len(fixed) != 1 or len(fixed[0].value or "") != 40:
        problems.append("008 must be 40 characters")
    return problems + _check_880(record)


def _check_880(record: Record) -> list[str]:
    """Each $6 link 'TAG-NN' must have its partner 880 '245-NN' and the other way round."""
    regular, parallel = set(), set()
    for f in record.fields:
        link = f.first("6") if f.subfields else None
        if link is None:
            continue
        target, occurrence = link[:3], link[4:6]
        if f.tag == "880":
            parallel.add((target, occurrence))
        elif target == "880":
            regular.add((f.tag, occurrence))
    unpaired = regular ^ parallel
    return [f"$6 {tag}-{occ} has no partner" for tag, occ in sorted(unpaired)]


# -- writing ISO 2709 --------------------------------------------------------------------------

def field_bytes(field: Field, encoding: str) -> bytes:
    if field.value is not None:
        return field.value.encode(encoding) + FIELD_END
    data = b"".join(SUBFIELD + code.encode("ascii") + value.encode(encoding)
                    for code, value in field.subfields or ())
    return field.indicators.encode("ascii") + data + FIELD_END


def iso2709(record: Record, encoding: str) -> bytes:
    """The record in ISO 2709: leader, directory, fields, record terminator."""
    directory, data = [], b""
    for field in record.fields:
        body = field_bytes(field, encoding)
        if len(body) > 9999:
            raise ValueError(f"field {field.tag} is {len(body)} bytes, over 9999")
        directory.append(f"{field.tag}{len(body):04d}{len(data):05d}".encode("ascii"))
        data += body
    base = 24 + 12 * len(directory) + 1
    length = base + len(data) + 1
    if length > 99999:
        raise ValueError(f"record is {length} bytes, over 99999")
    leader = f"{length:05d}{record.leader[5:12]}{base:05d}{record.leader[17:]}"
    return leader.encode("ascii") + b"".join(directory) + FIELD_END + data + RECORD_END


def build(target: Target, source_dir: Path = HERE) -> tuple[bytes, int]:
    """The bytes of one output file and its number of records."""
    path = source_dir / target.source
    records = parse(path.read_text(encoding="utf-8"), target.source)
    out = []
    for record in records:
        problems = check(record, target.kind)
        if problems:
            raise SourceError(f"{target.source}:{record.line}: " + "; ".join(problems))
        try:
            out.append(iso2709(record, target.encoding))
        except (UnicodeEncodeError, ValueError) as err:
            raise SourceError(f"{target.source}:{record.line}: {err}") from None
    return b"".join(out), len(records)


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    for target in TARGETS:
        data, count = build(target)
        path = out_dir / target.output
        same = path.exists() and path.read_bytes() == data
        if not same:
            path.write_bytes(data)
        state = "unchanged" if same else "written"
        sys.stderr.write(f"{path}: {count} records, {len(data)} bytes, {state}\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SourceError as err:
        sys.stderr.write(f"build.py: {err}\n")
        sys.exit(1)
