"""Character encodings of MARC records: what a record declares, what its bytes are, and decoding.

A record's leader or 100 field *declares* an encoding, and exports often lie: MARC21 records
flagged UTF-8 (leader/09 'a') whose bytes are MARC-8, MARC-8 records (leader/09 blank) that are
really UTF-8, and Chinese systems exporting GB 2312/GBK under either flag. So a reader asks
`declared_encoding` what the record claims, then `choose_encoding` checks that claim against the
bytes, and `decode` turns bytes into NFC text, raising `UnicodeDecodeError` with the position of
the first bad byte so the caller can name the field.

>>> decode("Ch\\u00e2teau".encode("utf-8"), "utf8")
'Château'
>>> choose_encoding("utf-8", "南京图书馆".encode("gb18030"))
'gb18030'
>>> choose_encoding("marc-8", "Zürich".encode("utf-8"))
'utf-8'
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
from collections.abc import Callable

from pymarc import marc8_mapping
from pymarc.marc8 import MARC8ToUnicode

# Names accepted by `--encoding` and the codec each stands for. GB 2312 and GBK are subsets of
# GB 18030, so one decoder serves all three.
ENCODINGS: dict[str, str] = {
    "utf-8": "utf-8", "utf8": "utf-8",
    "marc-8": "marc-8", "marc8": "marc-8",
    "gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030",
}

UNKNOWN = "unknown"
_ESC = 0x1B

# UNIMARC 100$a character-set codes (positions 26-29 bibliographic, 13-16 authority): '50' is
# ISO 10646 (exported as UTF-8); CNMARC systems write G1 '20' for GB 2312 (e.g. '0120' in the
# dp2 SRU samples and in Chinese cataloguing clients). ISO 646/5426 ('01', '03') are not decoded
# here: the bytes decide.
_UNIMARC_UTF8 = "50"
_CNMARC_GB = "20"

_ANSEL = marc8_mapping.CODESETS[0x45]
# ANSEL bytes (read as Latin-1 characters) to Unicode. The non-sort markers NSB/NSE (0x88,
# 0x89) are dropped, as pymarc does; the table's other entries are the LC mapping.
_ANSEL_TEXT = {code: chr(uni) for code, (uni, _) in _ANSEL.items()} | {0x88: None, 0x89: None}
# Diacritics and the letter after them, within one subfield (never across 0x1E or 0x1F).
_MARKS = "".join(chr(uni) for uni, combining in _ANSEL.values() if combining)
_MARKS_FIRST = re.compile(f"([{_MARKS}]+)([^\x1e\x1f])", re.DOTALL)
# High bytes that are not ANSEL: one of them in a MARC-8 string without escapes is not MARC-8.
_NOT_ANSEL = re.compile(b"[" + b"".join(
    re.escape(bytes([b])) for b in range(0x80, 0x100) if b not in _ANSEL) + b"]")
# The designations MARC-8 uses: ESC ( , ) - $ (G0/G1 sets) or the single-byte technique-2 finals.
_MARC8_ESCAPE = re.compile(rb"\x1b[(),\-$bgps]")
# A whole designation: an intermediate then a final naming a set pymarc has a table for, or a
# technique-2 escape (subscript, Greek symbols, superscript, back to ASCII).
_FINALS = b"".join(re.escape(bytes([code])) for code in marc8_mapping.CODESETS)
_WHOLE_ESCAPE = re.compile(rb"\x1b(?:(?:[(,)\-]|\$[,)\-]?)[" + _FINALS + rb"]|[bgps])")
# Text after an EACC designation (ESC $ 1 or ESC $ , 1), up to the next escape.
_EACC_RUN = re.compile(rb"\x1b\$,?1([^\x1b]*)")
_NCR = re.compile(r"&#x([0-9A-Fa-f]{1,6});")


def canonical(name: str) -> str:
    """The codec for an `--encoding` name (case-insensitive); ValueError if unsupported."""
    try:
        return ENCODINGS[name.strip().lower()]
    except KeyError:
        known = ", ".join(sorted(ENCODINGS))
        raise ValueError(f"unsupported encoding {name!r}; use one of {known}") from None


def declared_encoding(leader: str, flavour: str, general_data: str | None = None) -> str:
    """What the record says it is: 'utf-8', 'marc-8', 'gb18030' or 'unknown'.

    MARC21 declares in leader/09 ('a' UTF-8, blank MARC-8). UNIMARC/CNMARC declares in
    100$a (``general_data``), positions 26-29 in bibliographic records and 13-16 in authorities.
    """
    if flavour == "marc21":
        flag = leader[9:10]
        return "utf-8" if flag == "a" else "marc-8" if flag == " " else UNKNOWN
    if not general_data:
        return UNKNOWN
    authority = leader[6:7] in ("x", "y", "z") and len(general_data) < 30
    codes = general_data[13:17] if authority else general_data[26:30]
    if codes[:2] == _UNIMARC_UTF8:
        return "utf-8"
    if codes[2:4] == _CNMARC_GB:
        return "gb18030"
    return UNKNOWN


def choose_encoding(declared: str, data: bytes) -> str:
    """The encoding to decode ``data`` (a record's field bytes) with, checking the declaration.

    Valid UTF-8 with multibyte sequences wins over a MARC-8 or GB declaration; bytes that are
    not UTF-8 are tried as GB 18030 (when they read as Chinese) and then as MARC-8. When nothing
    fits, the declaration is returned and decoding will fail on the first bad byte.
    """
    fallback = declared if declared != UNKNOWN else "utf-8"
    escapes = _MARC8_ESCAPE.search(data) is not None
    if escapes and (declared != "utf-8" or data.isascii()):
        return "marc-8"
    if data.isascii():
        return fallback
    if _is_utf8(data):
        return "utf-8"
    if _looks_gb18030(data):
        return "gb18030"
    if escapes or not _NOT_ANSEL.search(data):
        return "marc-8"
    return fallback


def decode(data: bytes, encoding: str) -> str:
    """``data`` as NFC text; UnicodeDecodeError (with the bad byte's position) when it is not.

    For MARC-8, ``data`` is one subfield: escape sequences do not carry over between subfields.
    """
    return decoder(encoding)(data)


def decoder(encoding: str) -> Callable[[bytes], str]:
    """The function `decode` uses for ``encoding``, for callers that decode field after field."""
    return _DECODERS[canonical(encoding)]


def _decode_utf8(data: bytes) -> str:
    text = data.decode("utf-8")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _decode_gb18030(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("gb18030"))


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_gb18030(data: bytes) -> bool:
    """Decodes as GB 18030 and reads as Chinese: mostly GB 2312 two-byte characters.

    The ratio test matters because ANSEL and Latin-1 text also decode as GBK: a diacritic byte
    followed by an ASCII letter is a valid GBK pair, but its trail byte is below 0xA1.
    """
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if c > "\x7f"]
    if not any("\u4e00" <= c <= "\u9fff" for c in wide):
        return False
    gb2312 = sum(1 for c in wide if _is_gb2312(c.encode("gb18030")))
    return gb2312 >= 0.8 * len(wide)


def _is_gb2312(code: bytes) -> bool:
    # Rows 0xAA-0xAF and 0xF8-0xFE are user-defined (private use), which real text never holds.
    return (len(code) == 2 and 0xA1 <= code[0] <= 0xF7 and not 0xAA <= code[0] <= 0xAF
            and code[1] >= 0xA1)


def _decode_marc8(data: bytes) -> str:
    if _ESC not in data:
        return _decode_ansel(data)
    broken = _broken_escape(data)
    if broken is not None:
        raise UnicodeDecodeError("marc-8", data, broken, broken + 1,
                                 "incomplete or unknown MARC-8 escape sequence")
    cut = _cut_cjk(data)
    if cut is not None:
        raise UnicodeDecodeError("marc-8", data, cut, cut + 1,
                                 "East Asian (EACC) text is not whole 3-byte characters")
    # pymarc reports a multibyte character cut short on stderr (even when quiet) and goes on
    # with a blank; keep that report out of the ingest's output.
    with contextlib.redirect_stderr(io.StringIO()):
        return _translate(data)


def _decode_ansel(data: bytes) -> str:
    """MARC-8 without escapes: ASCII plus ANSEL, decoded by table (pymarc goes byte by byte)."""
    bad = _NOT_ANSEL.search(data)
    if bad:
        raise UnicodeDecodeError("marc-8", data, bad.start(), bad.start() + 1,
                                 "not a MARC-8 (ANSEL) character")
    text = data.decode("latin-1")
    if text.isascii():
        return _normal(_with_references(text))
    # References first: a diacritic written before "&#x03B1;" belongs to that character. Then
    # move each diacritic after its letter (ANSEL puts it before, Unicode after).
    text = _with_references(text.translate(_ANSEL_TEXT))
    return unicodedata.normalize("NFC", _MARKS_FIRST.sub(r"\2\1", text))


def _with_references(text: str) -> str:
    if "&#x" not in text:
        return text
    # MARC-8 writes characters it lacks as numeric character references (&#x8ECA;), the
    # lossless convention of LC and OCLC; they stand for the characters themselves.
    return _NCR.sub(_referenced, text)


def _broken_escape(data: bytes) -> int | None:
    """Position of the first ESC that does not start a whole MARC-8 designation."""
    start = data.find(b"\x1b")
    while start >= 0:
        if not _WHOLE_ESCAPE.match(data, start):
            return start
        start = data.find(b"\x1b", start + 1)
    return None


def _cut_cjk(data: bytes) -> int | None:
    """Start of the first EACC run whose length is not a multiple of 3 (bytes were lost)."""
    for run in _EACC_RUN.finditer(data):
        if len(run[1]) % 3:
            return run.start(1)
    return None


def _translate(data: bytes) -> str:
    try:
        text = MARC8ToUnicode(quiet=True).translate(data)
    except (IndexError, KeyError, TypeError, ValueError) as err:
        raise UnicodeDecodeError("marc-8", data, 0, len(data),
                                 f"malformed MARC-8 escape or multibyte sequence ({err})") from err
    return _normal(_with_references(text))


def _normal(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _referenced(match: re.Match[str]) -> str:
    code = int(match[1], 16)
    # Surrogates and numbers past Unicode are no characters: leave such a reference as written.
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match[0]


_DECODERS: dict[str, Callable[[bytes], str]] = {
    "utf-8": _decode_utf8, "gb18030": _decode_gb18030, "marc-8": _decode_marc8}
