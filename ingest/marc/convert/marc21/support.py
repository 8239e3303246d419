"""What the MARC21 rule modules share: rule arguments as maps, code IRIs, code lists, $0.

Rule arguments that are maps are written ``key:value,key:value`` in the mapping table
(``classes=0:bf:Isrc,1:bf:Upc``) and parsed once per distinct text.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.rules import Rule, curie
from ingest.marc.record import Field
from ingest.marc.tables import TableError, index
from ingest.marc.text import strip_isbd

log = logging.getLogger(__name__)

COUNTRIES = "http://id.loc.gov/vocabulary/countries/"
ORGANIZATIONS = "http://id.loc.gov/vocabulary/organizations/"
RELATORS = "http://id.loc.gov/vocabulary/relators/"

_CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_IRI_SAFE = ":/?#[]@!$&'()*+,;=%~"
_MAPS: dict[str, dict[str, str]] = {}
_TERMS: dict[str, dict[str, NamedNode]] = {}


def arg_map(r: Rule, name: str) -> dict[str, str]:
    """The argument ``name`` of a table row written ``k:v,k:v``, as a dict."""
    text = r.arg(name) or ""
    found = _MAPS.get(text)
    if found is None:
        pairs = (p.split(":", 1) for p in text.split(",") if ":" in p)
        found = _MAPS[text] = {k.strip(): v.strip() for k, v in pairs}
    return found


def term_map(r: Rule, name: str) -> dict[str, NamedNode]:
    """Like `arg_map`, with CURIE values made terms (``0:bf:Isrc`` -> bf:Isrc)."""
    text = r.arg(name) or ""
    found = _TERMS.get(text)
    if found is None:
        found = _TERMS[text] = {k: curie(v) for k, v in arg_map(r, name).items()}
    return found


@lru_cache(maxsize=1 << 12)
def code_iri(base: str, code: str) -> NamedNode | None:
    """``base`` + the normalised code, or None when the value is not a code ('|||', '   ')."""
    clean = code.strip().lower().rstrip("-")
    ok = bool(clean) and set(clean) <= _CODE_CHARS and len(clean) <= 32
    return NamedNode(base + clean) if ok else None


_ARABIC_SEPARATORS = ("\u060c", "\u061b")
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def unmark(value: str) -> str:
    """The value without the direction marks and spaces around it."""
    return value.strip(_BIDI + " ")


# The same strings (relator terms, subdivisions, places, '27 cm') recur in record after record.
@lru_cache(maxsize=1 << 16)
def clean(value: str) -> str:
    """`strip_isbd` after dropping the direction marks around right-to-left text, keeping
    brackets paired: '1398 [2019 or 2020]' and '[Beijing] :' keep theirs.

    >>> clean("\u200f\u062a\u0647\u0631\u0627\u0646 :\u200f"), clean("1398 [2019 or 2020]")
    ('تهران', '1398 [2019 or 2020]')
    """
    text = strip_isbd(value.strip(_BIDI))
    if text.endswith(_ARABIC_SEPARATORS):  # the Arabic comma and semicolon end parts too
        text = text.rstrip("".join(_ARABIC_SEPARATORS) + " ") or text
    opened, closed = text.count("["), text.count("]")
    if opened > closed and value.rstrip(" .,:;/=" + _BIDI).endswith("]"):
        return text + "]"
    if closed > opened and text.endswith("]"):
        return text[:-1].rstrip()
    return text


def put(ctx, node: NamedNode, prop: NamedNode, value: str | None,
        f: Field | None = None) -> Literal | None:
    """``ctx.put`` of a field value, ISBD punctuation stripped through the shared cache."""
    return ctx.put(node, prop, clean(value), clean=False, field=f) if value else None


@lru_cache(maxsize=1 << 14)
def safe_iri(value: str) -> NamedNode | None:
    """A URL from a field ($u, $0, $1) as an IRI: spaces and other unsafe characters escaped."""
    text = value.strip()
    if "://" not in text:
        return None
    try:
        return NamedNode(quote(text, safe=_IRI_SAFE))
    except ValueError:
        return None


def code_lookup(table: str, key, column: str) -> str | None:
    """A value from a code list, or None when the code (or the whole table) is missing."""
    try:
        row = index(table).get(key)
    except TableError as err:  # a missing list degrades the output, it does not stop a run
        _warn_once(str(err))
        return None
    return row[column] if row else None


@cache
def _warn_once(message: str) -> None:
    log.warning("code list unavailable, converting without it: %s", message)


def control_number(f: Field, paths: tuple[str, ...] = ("authorities/names/",)) -> str | None:
    """The authority control number in $0: '(DLC)n 79021164' as is; an id.loc.gov IRI under
    one of ``paths`` as '(DLC)<id>'; other IRIs are not control numbers of ours."""
    for value in f.values("0"):
        text = value.strip()
        if text.startswith("(") and ")" in text[1:] and text.index(")") < len(text) - 1:
            return text
        for path in paths:
            at = text.find("id.loc.gov/" + path)
            if at >= 0:
                ident = text[at + len("id.loc.gov/") + len(path):].split(".")[0].strip("/")
                return f"(DLC){ident}" if ident else None
    return None


def joined(f: Field, codes: str) -> str:
    """The subfields ``codes`` of ``f``, ISBD punctuation stripped, joined by spaces."""
    return " ".join(part for part in map(clean, f.values(codes)) if part)
