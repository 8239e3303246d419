"""Encodings of MARC records (declared, checked against the bytes, decoded) and flavours."""

import pytest

from ingest.marc.encoding import (
    ENCODINGS,
    canonical,
    choose_encoding,
    declared_encoding,
    decode,
)
from ingest.marc.flavour import choose_flavour, detect_flavour, resolve_flavour

MARC21_UTF8 = "00000nam a2200000 a 4500"
MARC21_MARC8 = "00000nam  2200000 a 4500"
CNMARC_GB = "20020204d1994    em y0chiy0120    ea"
UNIMARC_UTF8 = "19960517d1996    m  y0itay50      ba"


def test_encoding_names_and_aliases():
    assert {canonical(n) for n in ENCODINGS} == {"utf-8", "marc-8", "gb18030"}
    assert canonical("GB2312") == canonical("gbk") == "gb18030"
    assert canonical(" UTF8 ") == "utf-8" and canonical("marc8") == "marc-8"
    with pytest.raises(ValueError, match="unsupported encoding 'latin-1'"):
        canonical("latin-1")


@pytest.mark.parametrize("leader, flavour, general, expected", [
    (MARC21_UTF8, "marc21", None, "utf-8"),
    (MARC21_MARC8, "marc21", None, "marc-8"),
    ("00000nam q2200000 a 4500", "marc21", None, "unknown"),
    ("00000nam0 2200000   450 ", "cnmarc", CNMARC_GB, "gb18030"),
    ("00000nam0 2200000   450 ", "cnmarc", UNIMARC_UTF8, "utf-8"),
    ("00000nam0 2200000   450 ", "cnmarc", "19960517d1996    m  y0itay0103    ba", "unknown"),
    ("00000nam0 2200000   450 ", "cnmarc", None, "unknown"),
    # UNIMARC authorities carry the character sets at 100$a/13-16
    ("00000nx  2200000   450 ", "cnmarc", "19991210xmuly50      ba", "utf-8"),
])
def test_encoding_declared(leader, flavour, general, expected):
    assert declared_encoding(leader, flavour, general) == expected


@pytest.mark.parametrize("declared, data, expected", [
    ("utf-8", "南京图书馆藏书".encode("gb18030"), "gb18030"),  # GBK export flagged UTF-8
    ("utf-8", "南京图书馆藏书".encode(), "utf-8"),
    ("marc-8", "Zürich".encode(), "utf-8"),  # UTF-8 export with a blank leader/09
    ("marc-8", b"Z\xe8urich", "marc-8"),  # ANSEL: diaeresis before its letter
    ("utf-8", b"pr\xe2ejug\xe2es", "marc-8"),  # ANSEL flagged UTF-8
    ("utf-8", b"\x1b$1!PV!0p\x1b(B", "marc-8"),  # EACC escapes flagged UTF-8
    ("gb18030", "中文".encode(), "utf-8"),  # CNMARC saying GB 2312 but writing UTF-8
    ("gb18030", "中文".encode("gb18030"), "gb18030"),
    ("unknown", b"plain ascii", "utf-8"),
    ("marc-8", b"plain ascii", "marc-8"),
    # Windows-1251 decodes as GBK too, but not as Chinese: nothing fits, the claim stays
    ("marc-8", "Толстой, Лев Николаевич".encode("cp1251"), "marc-8"),
    ("utf-8", b"Latin-1 \xd8resund", "utf-8"),
])
def test_encoding_choose_checks_the_bytes(declared, data, expected):
    assert choose_encoding(declared, data) == expected


def test_encoding_decode_normalises_to_nfc():
    assert decode("Cafe\u0301".encode(), "utf-8") == "Caf\u00e9"
    assert decode(b"Caf\xe2e", "marc-8") == "Caf\u00e9"
    assert decode("南京".encode("gb2312"), "gb2312") == "南京"


def test_encoding_marc8_scripts_and_references():
    assert decode(b"\x1b$1!PVK7o\x1b(B", "marc-8") == "米国"
    assert decode(b"&#x8ECA;&#x8F2A;", "marc-8") == "車輪"
    assert decode(b"\x1b(NmOSKWA\x1b(B", "marc-8") == "Москва"


@pytest.mark.parametrize("data, encoding, position, reason", [
    (b"ok \xff", "utf-8", 3, "invalid start byte"),
    (b"ok \xd8 no", "marc-8", 3, "not a MARC-8 (ANSEL) character"),
    (b"ab\x1b(", "marc-8", 2, "escape sequence"),
    (b"\x1b$1!PV!0", "marc-8", 3, "not whole 3-byte characters"),
    (b"\x81\x20", "gb18030", 0, "illegal multibyte sequence"),
])
def test_encoding_decode_errors_give_the_position(data, encoding, position, reason):
    with pytest.raises(UnicodeDecodeError) as err:
        decode(data, encoding)
    assert err.value.start == position and reason in err.value.reason


def test_flavour_detection():
    assert detect_flavour({"001", "100", "101", "200", "210", "215", "606", "690", "801"},
                          CNMARC_GB) == "cnmarc"
    assert detect_flavour({"001", "008", "020", "100", "245", "260", "300"},
                          "Austen, Jane,") == "marc21"
    # MARC21 authority: a 100 heading, no 245, but 008 and 040
    assert detect_flavour({"001", "008", "040", "100", "400", "670"}, "Lu, Xun,") == "marc21"
    # UNIMARC authority: general data in 100, heading in 200
    assert detect_flavour({"001", "100", "152", "200", "400", "801"},
                          "19991210xmuly50      ba") == "cnmarc"
    # UNIMARC records with a stray 008/260 (pride-and-prejudice-fixed.mrc has 17)
    assert detect_flavour({"001", "008", "010", "100", "101", "200", "210", "215", "260",
                           "801"}, "19001124d1981       y engy01      b.") == "cnmarc"


def test_flavour_override_and_names():
    assert resolve_flavour("UNIMARC") == "cnmarc" and resolve_flavour("auto") == "auto"
    assert choose_flavour("marc21", {"200", "801"}, CNMARC_GB) == "marc21"
    assert choose_flavour("auto", {"200", "801"}, CNMARC_GB) == "cnmarc"
    with pytest.raises(ValueError, match="unknown MARC flavour"):
        resolve_flavour("ukmarc")
