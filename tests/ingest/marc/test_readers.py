"""MARC readers: every file of the shared corpus, then hand-built ISO 2709 and MARCXML cases.

The corpus (shared/corpus/marc, described in its SOURCES.md) holds real good and broken files.
Each file must read without an exception other than `SourceUnreadable` for non-MARC files; the
files listed in BROKEN must give exactly the records and rejects counted there (numbers checked
against the bytes, see the notes), and every other file only records.
"""

from collections import Counter
from pathlib import Path

import pytest

from ingest.errors import SourceUnreadable
from ingest.marc import iso2709
from ingest.marc.iso2709 import read_iso2709
from ingest.marc.marcxml import DEFAULT_LEADER
from ingest.marc.readers import read_marc, sniff_format
from ingest.marc.record import Record
from ingest.protocol import Rejected

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "marc"

# Files that are not MARC (notes, provenance, RDF output kept for reference).
NOT_MARC = ("SOURCES.md", ".json", ".rdf.xml")

# file -> (records, rejects by reason). Everything else in the corpus yields records only.
BROKEN = {
    "marc-perl/marc-record/baddir.usmarc": (0, {"unreadable": 1}),
    "marc-perl/marc-record/badldr.usmarc": (6, {"unreadable": 2}),  # empty chunk; trailing '7'
    "marc-perl/marc-xml/empty-record.xml": (0, {"unreadable": 1}),
    "marc-perl/marc-xml/empty-record-2.xml": (0, {"unreadable": 1}),
    "marc-perl/marc-xml/invalid.xml": (0, {}),  # a datafield outside any record
    "marc4j/008008027.mrc": (18, {"unreadable": 1}),  # truncated last record
    "marc4j/bad_oversize_field_bad_directory.mrc": (4, {"unreadable": 1}),
    "marc4j/chabon-bad-subfields-element.xml": (0, {"unreadable": 1}),
    "marc4j/chabon-missing-controlfield-tag.xml": (0, {"unreadable": 1}),
    "marc4j/chabon-missing-datafield-tag.xml": (0, {"unreadable": 1}),
    "marc4j/chabon-missing-subfield-code.xml": (0, {"unreadable": 1}),
    "marc4j/chinese_mangled_multibyte.mrc": (3, {"undecodable": 1}),  # EACC run cut short
    "marc4j/datos-20161010-slice.mrc": (0, {"unreadable": 1}),  # 6-digit directory offsets
    "marc4j/incomplete_esc_seq.mrc": (0, {"undecodable": 1}),
    "marc4j/not_unimarc_errors_3.mrc": (0, {"undecodable": 3}),  # UTF-8 with broken sequences
    # 16 broken directories; of the 69 records flagged UTF-8 with other bytes, 68 are MARC-8
    # (ANSEL) and read as such, one holds a Latin-1 byte 0xD8 that fits nothing.
    "marc4j/pride-and-prejudice-with-many-errors.mrc": (366, {"unreadable": 16,
                                                             "undecodable": 1}),
    "marc4j/sample1.mrc": (7, {"undecodable": 1}),  # Latin-1 0xBF under a UTF-8 flag
    "mrrc/error_fixtures/e001_record_length_non_digit.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e003_base_address_below_24.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e003_base_address_non_digit.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e004_base_address_past_record.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e005_truncated_record.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e101_directory_no_terminator.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e101_directory_non_digit_length.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e101_directory_non_digit_start.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e101_non_ascii_tag.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e106_authority_field_too_short.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e106_field_length_past_data.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e106_recovery_invalid_field.bin": (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e301_invalid_utf8_in_authority_control_field.bin":
        (0, {"unreadable": 1}),
    "mrrc/error_fixtures/e301_invalid_utf8_in_control_field.bin": (0, {"undecodable": 1}),
    "mrrc/error_fixtures/e301_invalid_utf8_in_subfield.bin": (0, {"undecodable": 1}),
    "mrrc-testbed/synthetic-malformed/bad_directory.mrc": (1, {"unreadable": 4}),
    "mrrc-testbed/synthetic-malformed/garbage.mrc": (0, {"unreadable": 1}),
    "mrrc-testbed/synthetic-malformed/invalid_lengths.mrc": (2, {"unreadable": 2}),
    # the first record lost its 0x1D: it is cut off the next one, which is then read
    "mrrc-testbed/synthetic-malformed/missing_terminators.mrc": (2, {"unreadable": 2}),
    "mrrc-testbed/synthetic-malformed/truncated_leader.mrc": (0, {"unreadable": 2}),
    "pymarc/1251.dat": (0, {"undecodable": 6}),  # Windows-1251 Cyrillic, no candidate fits
    "pymarc/bad_eacc_encoding.dat": (0, {"undecodable": 1}),
    "pymarc/bad_marc8_escape.dat": (0, {"undecodable": 1}),
    "pymarc/bad_records.mrc": (2, {"unreadable": 6}),
    "pymarc/bad_subfield_code.dat": (0, {"unreadable": 1}),
    "ruby-marc/bad_eacc_encoding.marc8.marc": (0, {"undecodable": 1}),
    "ruby-marc/cp866_multirecord.marc": (0, {"unreadable": 2}),
    "ruby-marc/cp866_unimarc.marc": (0, {"unreadable": 1}),
    "ruby-marc/marc_with_bad_utf8.utf8.marc": (0, {"unreadable": 1}),
    "ruby-marc/three-records-second-bad.xml": (1, {"unreadable": 1}),
    "ruby-marc/utf8_with_bad_bytes.marc": (0, {"undecodable": 1}),
}


def _corpus_files():
    if not CORPUS.is_dir():
        return [pytest.param(None, id="no-corpus")]
    return [pytest.param(p, id=str(p.relative_to(CORPUS)))
            for p in sorted(CORPUS.rglob("*")) if p.is_file()]


def _read(name: str, **options) -> list[Record | Rejected]:
    if not CORPUS.is_dir():
        pytest.skip(f"MARC corpus not found at {CORPUS}")
    return list(read_marc(CORPUS / name, **options))


def _outcome(items) -> tuple[int, dict[str, int]]:
    reasons = Counter(i.reason for i in items if isinstance(i, Rejected))
    return sum(isinstance(i, Record) for i in items), dict(reasons)


@pytest.mark.parametrize("path", _corpus_files())
def test_readers_corpus_file(path):
    if path is None:
        pytest.skip(f"MARC corpus not found at {CORPUS}")
    name = str(path.relative_to(CORPUS))
    if name.endswith(NOT_MARC):
        with pytest.raises(SourceUnreadable):
            list(read_marc(path))
        return
    items = list(read_marc(path))
    assert [i.record if isinstance(i, Rejected) else i.number for i in items] == \
        list(range(1, len(items) + 1))
    for item in items:
        if isinstance(item, Record):
            assert item.source == str(path) and item.flavour in ("marc21", "cnmarc")
            assert len(item.leader) == 24 and item.fields
        else:
            assert item.source == str(path) and item.reason in ("unreadable", "undecodable")
            assert item.message
    assert _outcome(items) == BROKEN.get(name, (len(items), {}))


@pytest.mark.parametrize("name, text", [
    ("marc-perl/marc-charset/cjk1.marc", "金田一 京助 と アイヌ語"),
    ("marc-perl/marc-charset/cjk2.marc", "式子 内親王 集 全釈"),
    ("marc-perl/marc-charset/cjk3.marc", "浙东"),
    ("marc-perl/marc-charset/cjk4.marc", "四分律"),
])
def test_readers_marc8_eacc_decodes_cjk(name, text):
    [record] = _read(name)
    assert record.encoding == "marc-8"
    assert any(text in v for f in record["880"] for v in f.values())


def test_readers_marc8_numeric_character_references_are_characters():
    records = _read("marc4j/chinese_mangled_multibyte.mrc")
    titles = [f.values("a")[0] for r in records if isinstance(r, Record) for f in r["880"]
              if f["6"].startswith("245")]
    assert titles == ["車輪滾滾"] * 3


@pytest.mark.parametrize("name", ["dp2-sru/sample_cnmarcxml.xml",
                                  "dp2-sru/sample_unimarcxml.xml"])
def test_readers_sru_cnmarc(name):
    records = _read(name)
    assert len(records) == 10
    assert {r.flavour for r in records} == {"cnmarc"}
    assert all(any("\u4e00" <= c <= "\u9fff" for c in r.first("200")["a"]) for r in records)
    assert records[0].first("200")["a"] == "'94中国发展报告"


def test_readers_sru_marc21_with_alphabetic_tags():
    records = _read("dp2-sru/sample_marcxml.xml")
    assert len(records) == 10 and {r.flavour for r in records} == {"marc21"}
    assert records[0].first("245")["a"].endswith("国际学术研讨会综述")
    assert any(r["AVA"] or r["AVE"] for r in records)


def test_readers_gwu_880_fields():
    records = _read("lc-marc2bibframe2/dataset/gwu.xml")
    assert sum(len(r["880"]) for r in records) == 131


def test_readers_pride_errors_marc8_fallback():
    items = _read("marc4j/pride-and-prejudice-with-many-errors.mrc")
    records = [i for i in items if isinstance(i, Record)]
    assert Counter(r.encoding for r in records) == {"utf-8": 298, "marc-8": 68}
    # leader/09 says UTF-8 but the bytes are MARC-8: ANSEL 0xE2 (acute) before the letter
    french = next(r for r in records if r.number == 290)
    assert french.first("245")["a"].startswith("Orgueil et préjugés")
    [undecodable] = [i for i in items if getattr(i, "reason", "") == "undecodable"]
    assert undecodable.field == "852" and "0xD8" in undecodable.message


def test_readers_utf8_bytes_under_marc8_flag():
    [record] = _read("pymarc/utf8_without_leader_flag.dat")
    assert record.leader[9] == " " and record.encoding == "utf-8"


def test_readers_unimarc_100_declares_utf8():
    [record] = _read("pymarc/testunimarc.dat")
    assert record.flavour == "cnmarc" and record.encoding == "utf-8"


def test_readers_marc21_authorities():
    records = _read("mrrc-testbed/authority/sample.mrc")
    assert len(records) == 150 and all(r.is_authority for r in records)


def test_readers_oversized_records_with_overflowed_leader():
    records = _read("marc4j/bad_hathi_records.mrc")
    big = max(records, key=lambda r: len(r.fields))
    assert big.leader[:5] == "99999" and len(big["974"]) > 10_000
    assert _outcome(_read("marc4j/bad_too_long_plus_2.mrc")) == (3, {})


def test_readers_unordered_directory_keeps_directory_order():
    # the directory is in tag order, the data is not: the second 020 comes first in the data
    [record] = _read("marc4j/unordered-directory-entries.mrc")
    assert [f["a"] for f in record["020"]] == ["9781561457953 (lib. bdg.) :",
                                               "1561457957 (lib. bdg.) :"]


def test_readers_embedded_terminators_follow_leader_length():
    records = _read("mrrc-testbed/synthetic-malformed/embedded_terminators.mrc")
    assert records[0].control("001") == "ctrl\x1dnumber"
    assert records[1].first("245")["a"] == "Split\x1eTitle"


def test_readers_xml_errors_name_the_line():
    [missing] = _read("marc4j/chabon-missing-subfield-code.xml")
    assert "line 8" in missing.message and missing.field == "020" and missing.raw
    good, broken = _read("ruby-marc/three-records-second-bad.xml")
    assert good.first("001").value == "afc99990058366"
    assert broken.record == 2 and "line 72, column 29" in broken.message


def test_readers_small_blocks_give_the_same_records(monkeypatch):
    """Records that straddle read blocks come out the same (the buffer logic)."""
    name = "mrrc-testbed/synthetic-malformed/missing_terminators.mrc"
    expected = [_summary(i) for i in _read(name)]
    monkeypatch.setattr(iso2709, "_BLOCK", 7)
    assert [_summary(i) for i in _read(name)] == expected
    for other in ("marc4j/chabon.mrc", "mrrc-testbed/synthetic-malformed/embedded_terminators.mrc"):
        monkeypatch.setattr(iso2709, "_BLOCK", 1 << 20)
        expected = [_summary(i) for i in _read(other)]
        monkeypatch.setattr(iso2709, "_BLOCK", 5)
        assert [_summary(i) for i in _read(other)] == expected


def _summary(item):
    if isinstance(item, Rejected):
        return item.record, item.offset, item.reason, item.message
    return item.number, item.offset, item.leader, [(f.tag, f.value, f.subfields)
                                                   for f in item.fields]


# -- hand-built ISO 2709 ------------------------------------------------------------------------

def iso(*fields: tuple[str, bytes], coding: bytes = b"a", length: int | None = None) -> bytes:
    """A well-formed ISO 2709 record of these fields (contents without their 0x1E).

    Numbers too big for their five digits stick at 99999, as exporters of huge records do.
    """
    directory, data = b"", b""
    for tag, content in fields:
        directory += tag.encode() + b"%04d%05d" % (len(content) + 1, min(len(data), 99999))
        data += content + b"\x1e"
    base = 24 + len(directory) + 1
    size = min(length if length is not None else base + len(data) + 1, 99999)
    leader = b"%05dnam " % size + coding + b"22%05d   4500" % base
    return leader + directory + b"\x1e" + data + b"\x1d"


BOOK = (("001", b"ocm1"), ("245", b"10\x1faTitle :\x1fbsub."))


def read_bytes(tmp_path, data: bytes, **options) -> list[Record | Rejected]:
    path = tmp_path / "records.mrc"
    path.write_bytes(data)
    return list(read_marc(path, **options))


def test_iso2709_reads_fields_in_order(tmp_path):
    [record] = read_bytes(tmp_path, iso(*BOOK))
    assert record.control("001") == "ocm1"
    assert (record.first("245").ind1, record.first("245").subfields) == \
        ("1", [("a", "Title :"), ("b", "sub.")])
    assert (record.number, record.offset, record.source) == (1, 0, str(tmp_path / "records.mrc"))


def _corrupt(record: bytes, at: int, new: bytes) -> bytes:
    return record[:at] + new + record[at + len(new):]


GOOD = iso(*BOOK)  # directory: 001 at 24, 245 at 36; base address 49


@pytest.mark.parametrize("data, message", [
    (b"00020nam a22", "shorter than the 24-byte leader"),
    (_corrupt(GOOD, 0, b"0x0"), "record length '0x0"),
    (_corrupt(GOOD, 12, b"00z49"), "base address '00z49' is not a number"),
    (_corrupt(GOOD, 12, b"99999"), "base address 99999 is past the end"),
    (_corrupt(GOOD, 12, b"00010"), "base address 10 points into the 24-byte leader"),
    (_corrupt(GOOD, 12, b"00048"), "not ended by a field terminator (0x1E) at base address"),
    (b"00045nam a2200038   4500" b"0010005000000\x1eocm1\x1e\x1d", "not a multiple of 12"),
    (_corrupt(GOOD, 39, b"00x5"), "directory entry 2 (tag 245): field length b'00x5'"),
    (_corrupt(GOOD, 43, b"0000?"), "directory entry 2 (tag 245): field start b'0000?'"),
    (_corrupt(GOOD, 39, b"0099"), "directory entry 2 (tag 245) points past the end"),
    (_corrupt(GOOD, 39, b"0010"), "field 245 (directory entry 2) does not end with a field"),
    (iso(), "no fields"),
])
def test_iso2709_structural_errors_are_unreadable(tmp_path, data, message):
    [rejected] = read_bytes(tmp_path, data)
    assert isinstance(rejected, Rejected) and rejected.reason == "unreadable"
    assert message in rejected.message
    assert rejected.raw == data and rejected.record == 1 and rejected.offset == 0


def test_iso2709_reject_does_not_stop_the_file(tmp_path):
    bad = _corrupt(GOOD, 39, b"0099")
    items = read_bytes(tmp_path, GOOD + bad + GOOD)
    assert [type(i).__name__ for i in items] == ["Record", "Rejected", "Record"]
    assert items[1].offset == len(GOOD) and items[2].offset == 2 * len(GOOD)
    assert items[1].field == "245"


def test_iso2709_tolerates_wrong_leader_length_and_counts(tmp_path):
    data = _corrupt(iso(*BOOK, length=12345), 10, b"00")
    [record] = read_bytes(tmp_path, data)
    assert record.leader.startswith("12345") and record.first("245")["a"] == "Title :"


def test_iso2709_ignores_filler_between_and_after_records(tmp_path):
    items = read_bytes(tmp_path, b"\n" + GOOD + b"\r\n\x00" + GOOD + b"\x1a\n  ")
    assert [i.number for i in items] == [1, 2]
    assert items[1].offset == len(GOOD) + 4


def test_iso2709_trailing_junk_is_a_reject(tmp_path):
    items = read_bytes(tmp_path, GOOD + b"garbage")
    assert isinstance(items[0], Record)
    assert items[1].reason == "unreadable" and "end of the file" in items[1].message
    assert items[1].raw == b"garbage"


def test_iso2709_record_without_terminator_is_cut_from_the_next(tmp_path):
    items = read_bytes(tmp_path, GOOD[:-1] + GOOD + GOOD[:-1])
    assert [type(i).__name__ for i in items] == ["Record"] * 3
    assert [i.offset for i in items] == [0, len(GOOD) - 1, 2 * len(GOOD) - 1]


def test_iso2709_record_terminator_inside_a_field(tmp_path):
    [record] = read_bytes(tmp_path, iso(("001", b"a\x1db"), ("245", b"00\x1faT")))
    assert record.control("001") == "a\x1db"


def test_iso2709_alphanumeric_tags_and_unordered_directory(tmp_path):
    data = iso(("001", b"x"), ("AVA", b"  \x1faHere"), ("245", b"00\x1faT"))
    # swap the directory entries of AVA and 245: the directory order is the field order
    swapped = data[:36] + data[48:60] + data[36:48] + data[60:]
    [record] = read_bytes(tmp_path, swapped)
    assert list(record.tags()) == ["001", "245", "AVA"]
    assert record.first("AVA")["a"] == "Here" and record.first("245")["a"] == "T"


def test_iso2709_oversized_record(tmp_path):
    notes = [("500", b"  \x1fa" + b"x" * 9000)] * 12  # 108 kB: offsets overflow 5 digits
    data = iso(("001", b"big"), *notes, ("999", b"  \x1falast"))
    assert data[:5] == b"99999" and len(data) > 100_000
    record, after = read_bytes(tmp_path, data + GOOD)
    assert len(record["500"]) == 12 and record["500"][-1]["a"] == "x" * 9000
    assert record.first("999")["a"] == "last"
    assert after.offset == len(data) and after.control("001") == "ocm1"


def test_iso2709_field_without_indicators(tmp_path):
    [record] = read_bytes(tmp_path, iso(("001", b"x"), ("650", b"\x1faRivers"),
                                        ("700", b"1\x1faName\x1f\x1fbMore")))
    assert (record.first("650").ind1, record.first("650")["a"]) == (" ", "Rivers")
    assert record.first("700").subfields == [("a", "Name"), ("b", "More")]


# -- encodings in records ------------------------------------------------------------------------

def test_iso2709_utf8_declared_gb18030_bytes(tmp_path):
    [record] = read_bytes(tmp_path, iso(("001", b"1"), ("245", b"10\x1fa" +
                                                       "南京图书馆藏书目录".encode("gb18030"))))
    assert record.encoding == "gb18030" and record.first("245")["a"] == "南京图书馆藏书目录"


def test_iso2709_marc8_declared_utf8_bytes(tmp_path):
    [record] = read_bytes(tmp_path, iso(("245", "10\x1faZürich".encode()), coding=b" "))
    assert record.encoding == "utf-8" and record.first("245")["a"] == "Zürich"


def test_iso2709_utf8_declared_ansel_bytes(tmp_path):
    [record] = read_bytes(tmp_path, iso(("245", b"10\x1faOrgueil et pr\xe2ejug\xe2es")))
    assert record.encoding == "marc-8" and record.first("245")["a"] == "Orgueil et préjugés"


def test_iso2709_cnmarc_declares_gb2312(tmp_path):
    general = b"  \x1fa20020204d1994    em y0chiy0120    ea"
    title = "中国发展报告".encode("gb18030")
    [record] = read_bytes(tmp_path, iso(("100", general), ("200", b"1 \x1fa" + title),
                                        ("801", b" 0\x1faCN"), coding=b" "))
    assert (record.flavour, record.encoding) == ("cnmarc", "gb18030")
    assert record.first("200")["a"] == "中国发展报告"


def test_iso2709_encoding_override_wins(tmp_path):
    title = "南京".encode("gb18030")
    data = iso(("245", b"10\x1fa" + title))
    [record] = read_bytes(tmp_path, data, encoding="GBK")
    assert record.encoding == "gb18030" and record.first("245")["a"] == "南京"
    [rejected] = read_bytes(tmp_path, data, encoding="utf8")
    assert rejected.reason == "undecodable" and rejected.field == "245"
    assert "byte 0xC4 at record byte 41 is not valid utf-8" in rejected.message


def test_iso2709_undecodable_names_field_and_byte(tmp_path):
    [rejected] = read_bytes(tmp_path, iso(("001", b"1"), ("500", b"  \x1fabad \xff\xfe here")))
    assert rejected.reason == "undecodable" and rejected.field == "500"
    assert "byte 0xFF at record byte 59" in rejected.message


def test_iso2709_flavour_override(tmp_path):
    [record] = read_bytes(tmp_path, iso(*BOOK), flavour="unimarc")
    assert record.flavour == "cnmarc"


# -- MARCXML -------------------------------------------------------------------------------------

def read_xml(tmp_path, text: str, **options) -> list[Record | Rejected]:
    path = tmp_path / "records.xml"
    path.write_text(text, encoding="utf-8")
    return list(read_marc(path, **options))


def test_marcxml_any_namespace_and_defaults(tmp_path):
    [record] = read_xml(tmp_path, """<?xml version="1.0"?>
<collection><record>
  <controlfield tag="1">x1</controlfield>
  <datafield tag="245" ind1="1"><subfield code="a">Cafe&#x301;</subfield></datafield>
</record></collection>""")
    assert record.leader == DEFAULT_LEADER and record.offset is None
    assert record.control("001") == "x1"
    assert (record.first("245").ind1, record.first("245").ind2) == ("1", " ")
    assert record.first("245")["a"] == "Café"


def test_marcxml_missing_tag_is_rejected_with_its_line(tmp_path):
    items = read_xml(tmp_path, """<collection xmlns="http://www.loc.gov/MARC21/slim">
<record><leader>00000nam a2200000 a 4500</leader>
<datafield ind1=" " ind2=" "><subfield code="a">x</subfield></datafield></record>
<record><controlfield tag="001">2</controlfield></record>
</collection>""")
    assert items[0].reason == "unreadable" and "<datafield> at line 3" in items[0].message
    assert b"datafield" in items[0].raw
    assert items[1].number == 2 and items[1].control("001") == "2"


def test_marcxml_syntax_error_rejects_the_rest(tmp_path):
    items = read_xml(tmp_path, """<collection>
<record><controlfield tag="001">1</controlfield></record>
<record><controlfield tag="001">2</controlfield></recrd>
<record><controlfield tag="001">3</controlfield></record>
</collection>""")
    assert [type(i).__name__ for i in items] == ["Record", "Rejected"]
    assert items[1].record == 2 and "line 3" in items[1].message


# -- format sniffing -----------------------------------------------------------------------------

def test_readers_sniff_content_not_extension(tmp_path):
    path = tmp_path / "export.mrc"
    path.write_bytes(b"\xef\xbb\xbf\n<record><controlfield tag='001'>1</controlfield></record>")
    assert sniff_format(path) == "marcxml" and len(list(read_marc(path))) == 1
    path.write_bytes(GOOD)
    assert sniff_format(path) == "iso2709"


@pytest.mark.parametrize("content", [None, b"", b" \n", b"title,author\nA,B\n"])
def test_readers_unreadable_sources(tmp_path, content):
    path = tmp_path / "input.dat"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SourceUnreadable) as err:
        read_marc(path)
    assert err.value.source == str(path)


def test_readers_reject_unknown_options(tmp_path):
    path = tmp_path / "input.mrc"
    path.write_bytes(GOOD)
    with pytest.raises(ValueError, match="flavour"):
        read_marc(path, flavour="ukmarc")
    with pytest.raises(ValueError, match="encoding"):
        read_marc(path, encoding="latin-9")


def test_iso2709_reader_directly(tmp_path):
    path = tmp_path / "x.iso"
    path.write_bytes(GOOD)
    [record] = read_iso2709(path)
    assert record.encoding == "utf-8"
