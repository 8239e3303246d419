"""The sample MARC files in data/marc: rebuilt identically, well formed, and what they exercise.

data/marc/build.py writes them from the *.mrk sources beside it; this checks the committed bytes
against a fresh build, reads the ISO 2709 structure by hand (leader, directory, terminators), and
checks the cases the samples are there for (a deleted record, two copies, a shared author, an 880
without a script code, links to the authority records).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

MARC_DIR = Path(__file__).resolve().parents[2] / "data" / "marc"
BUILD = MARC_DIR / "build.py"
CNMARC = MARC_DIR / "jinling-cnmarc.iso"
MARC21 = MARC_DIR / "jinling-marc21.mrc"
AUTHORITY = MARC_DIR / "jinling-authority.mrc"
OUTPUTS = (CNMARC, MARC21, AUTHORITY)
ENCODING = {CNMARC: "gb18030", MARC21: "utf-8", AUTHORITY: "utf-8"}

# Traditional-looking characters allowed in the simplified CNMARC text: 徵 in the name 柳诒徵,
# which simplified-Chinese sources keep (OpenCC would turn it into 征).
KEPT_IN_NAMES = {"徵": "征"}


def iso2709(data: bytes) -> list[tuple[str, list[tuple[str, bytes]]]]:
    """(leader, [(tag, field bytes without 0x1E)]) per record, asserting the ISO 2709 layout."""
    assert data.endswith(b"\x1d")
    records, offset = [], 0
    while offset < len(data):
        length = int(data[offset:offset + 5])
        record = data[offset:offset + length]
        assert record.endswith(b"\x1d"), f"record at {offset}: leader length is wrong"
        records.append(_record(record, offset))
        offset += length
    return records


def _record(record: bytes, offset: int) -> tuple[str, list[tuple[str, bytes]]]:
    leader = record[:24].decode("ascii")
    assert leader[10:12] == "22", leader
    base = int(leader[12:17])
    directory = record[24:base - 1]
    assert record[base - 1:base] == b"\x1e", f"record at {offset}: no 0x1E before the data"
    assert directory and len(directory) % 12 == 0, f"record at {offset}: broken directory"
    fields, expected_start = [], 0
    for i in range(0, len(directory), 12):
        entry = directory[i:i + 12].decode("ascii")
        tag, size, start = entry[:3], int(entry[3:7]), int(entry[7:12])
        assert start == expected_start, f"record at {offset}: {tag} does not follow on"
        body = record[base + start:base + start + size]
        assert body.endswith(b"\x1e") and body.count(b"\x1e") == 1, f"{tag}: field terminator"
        fields.append((tag, body[:-1]))
        expected_start = start + size
    assert base + expected_start + 1 == len(record), f"record at {offset}: bytes after the fields"
    return leader, fields


def decoded(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    encoding = ENCODING[path]
    return [(leader, [(tag, body.decode(encoding)) for tag, body in fields])
            for leader, fields in iso2709(path.read_bytes())]


def subfields(text: str) -> list[tuple[str, str]]:
    return [(part[:1], part[1:]) for part in text.split("\x1f")[1:]]


def first(text: str, code: str) -> str | None:
    return next((v for c, v in subfields(text) if c == code), None)


# -- the files and their structure -------------------------------------------------------------

def test_build_gives_the_committed_bytes(tmp_path):
    result = subprocess.run([sys.executable, str(BUILD), str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for path in OUTPUTS:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} is out of date: run .venv/bin/python data/marc/build.py")


def test_cnmarc_file_is_gb18030_and_not_utf8():
    data = CNMARC.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("gb18030")
    assert "随园诗话" in text and "金陵古迹图考" in text


@pytest.mark.parametrize("path", OUTPUTS, ids=lambda p: p.name)
def test_records_are_well_formed_iso2709(path):
    records = decoded(path)
    assert records
    for _, fields in records:
        assert [tag for tag, _ in fields][0] == "001"
        assert all(len(tag) == 3 and tag.isdigit() for tag, _ in fields)


def test_record_counts_and_leaders():
    cnmarc, marc21, authority = (decoded(p) for p in OUTPUTS)
    assert 12 <= len(cnmarc) <= 20 and 8 <= len(marc21) <= 12 and 5 <= len(authority) <= 10
    assert all(leader[9] == " " and leader[20:24] == "450 " for leader, _ in cnmarc)
    assert all(leader[9] == "a" and leader[6] != "z" for leader, _ in marc21)
    assert all(leader[9] == "a" and leader[6] == "z" for leader, _ in authority)


def test_pymarc_reads_the_marc21_files():
    pymarc = pytest.importorskip("pymarc")
    for path in (MARC21, AUTHORITY):
        with path.open("rb") as stream:
            records = list(pymarc.MARCReader(stream, to_unicode=True, force_utf8=True))
        assert records and None not in records
        assert len(records) == len(decoded(path))
    with MARC21.open("rb") as stream:
        titles = [r["245"]["a"] for r in pymarc.MARCReader(stream, to_unicode=True)]
    assert "The rape of Nanking :" in titles


# -- CNMARC content --------------------------------------------------------------------------

def test_cnmarc_records_have_the_core_fields():
    for leader, fields in decoded(CNMARC):
        tags = {tag for tag, _ in fields}
        missing = {"001", "100", "101", "200", "690", "801"} - tags
        if leader[5] != "d":
            missing |= {"905"} - tags
        assert not missing, (dict(fields)["001"], missing)
        assert tags & {"701", "702"}, dict(fields)["001"]
        general = first(dict(fields)["100"], "a")
        assert len(general) == 36 and general[26:30] == "0120" and general[22:25] == "chi"


def test_cnmarc_text_is_simplified_chinese():
    opencc = pytest.importorskip("opencc")
    to_simplified = opencc.OpenCC("t2s")
    for _, fields in decoded(CNMARC):
        for tag, text in fields:
            expected = text
            for kept, converted in KEPT_IN_NAMES.items():
                expected = expected.replace(kept, converted)
            assert to_simplified.convert(text) == expected, (tag, text)


def test_cnmarc_samples_exercise_the_special_cases():
    records = decoded(CNMARC)
    deleted = [dict(f)["001"] for leader, f in records if leader[5] == "d"]
    assert len(deleted) == 1
    two_copies = [dict(f)["001"] for _, f in records if [t for t, _ in f].count("905") == 2]
    assert len(two_copies) == 1
    # The same author, written identically and without an authority number, in two records.
    unlinked = [text for _, f in records for tag, text in f
                if tag == "701" and first(text, "3") is None]
    assert any(unlinked.count(text) >= 2 for text in unlinked)
    # Copies are numbered like 'I237.2/1243': a class number and a book number.
    for _, fields in records:
        for tag, text in fields:
            if tag == "905":
                assert first(text, "a") == "JLL" and first(text, "d") and first(text, "e")


# -- MARC 21 content and links -----------------------------------------------------------------

def test_marc21_880_fields_pair_up_and_one_has_no_script_code():
    links = []
    for _, fields in decoded(MARC21):
        regular = {(tag, first(t, "6")[4:6]) for tag, t in fields
                   if tag != "880" and first(t, "6")}
        parallel = {(first(t, "6")[:3], first(t, "6")[4:6]) for tag, t in fields if tag == "880"}
        assert regular == parallel
        links += [first(t, "6") for tag, t in fields if tag == "880"]
    assert any("/" not in link for link in links)
    assert any(link.endswith("/$1") for link in links)


def test_authority_numbers_are_used_both_ways():
    authorities = {dict(f)["001"] for _, f in decoded(AUTHORITY)}
    assert all(dict(f)["003"] == "JLL" for _, f in decoded(AUTHORITY))
    cn = {first(t, "3") for _, f in decoded(CNMARC) for tag, t in f if first(t, "3")}
    m21 = {first(t, "0") for _, f in decoded(MARC21) for tag, t in f if first(t, "0")}
    assert cn and cn <= authorities
    assert m21 and {n.removeprefix("(JLL)") for n in m21} <= authorities
    assert all(n.startswith("(JLL)") for n in m21)
    # Some headings have no number, so name-only linking is exercised as well.
    headings = [t for _, f in decoded(MARC21) for tag, t in f if tag == "100"]
    assert any(first(t, "0") is None for t in headings)


# -- the project's reader --------------------------------------------------------------------

@pytest.mark.parametrize("path", OUTPUTS, ids=lambda p: p.name)
def test_read_marc_accepts_every_record(path):
    readers = pytest.importorskip("ingest.marc.readers")
    from ingest.protocol import Rejected

    records = list(readers.read_marc(path))
    assert len(records) == len(decoded(path))
    assert not [r for r in records if isinstance(r, Rejected)]
    expected = ("cnmarc", "gb18030") if path == CNMARC else ("marc21", "utf-8")
    assert {(r.flavour, r.encoding) for r in records} == {expected}
