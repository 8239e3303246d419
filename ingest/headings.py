"""Heading keys and the shared entities they name, the same for every source format.

A name met without an authority (a MARC 700 with no $0, a document's creator, an author in a
census sheet, an interviewee) becomes one entity per normalised heading, so the same 金陵图书馆
or 袁枚 from two sources is one IRI: ``entity/{kind}/h{16 hex}`` over the heading key.

>>> heading_key("Austen, Jane, 1775-1817.")
'austen jane 1775-1817'
>>> heading_key("金陵 图书馆") == heading_key("金陵图书馆")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from kg.iri import Minter

CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff" \
       r"\uf900-\ufaff\uff00-\uffef"
CJK_SPACE = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])")
_KEY_DROP = re.compile(r"[^\w\s-]|_")


def heading_key(value: str) -> str:
    """The normalised heading that agents and concepts are keyed and matched by.

    Case-folded, NFKC, punctuation removed (hyphens kept for date ranges), spaces collapsed,
    no spaces next to CJK characters.
    """
    text = unicodedata.normalize("NFKC", value).casefold()
    text = _KEY_DROP.sub(" ", text)
    text = " ".join(text.split())
    return CJK_SPACE.sub("", text)


def heading_digest(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def heading_entity(minter: Minter, kind: str, key: str) -> NamedNode:
    """The shared entity of heading key ``key`` (from `heading_key`) among entities of ``kind``."""
    return minter.entity(kind, "h" + heading_digest(key))
