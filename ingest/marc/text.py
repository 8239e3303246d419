"""Cleaning MARC strings: ISBD punctuation, CJK spacing, heading keys and language tags.

>>> strip_isbd("Pride and prejudice /")
'Pride and prejudice'
>>> strip_isbd("北京 :")
'北京'
>>> strip_isbd("1st ed.")
'1st ed.'
>>> strip_isbd("2nd ed. --"), strip_isbd("张弢...[等]")
('2nd ed.', '张弢...[等]')
>>> match_key("红楼梦 . 第一卷")
'红楼梦第一卷'
>>> heading_key("Austen, Jane, 1775-1817.")
'austen jane 1775-1817'
>>> han_script("隨園詩話"), han_script("随园诗话"), han_script("金陵")
('Hant', 'Hans', None)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ingest.chinese import han_script
from ingest.headings import CJK, CJK_SPACE, heading_key

__all__ = ["has_cjk", "han_script", "heading_key", "match_key", "strip_isbd"]

# Trailing ISBD separators (" /", " :", " ;", " =", ",", " .") that only join parts of a field.
_TRAILING = re.compile(r"[\s\u3000]*(?:[/:;=,]|--)+[\s\u3000]*$|[\s\u3000]+\.$")
_LEADING = re.compile(r"^[\s\u3000]*[/:;=,]+[\s\u3000]*")
# Direction marks that MARC records put around right-to-left text: not part of the value.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
# A final full stop that ends a field, not an abbreviation ("ed.", "Jr.", "etc.").
_FINAL_STOP = re.compile(r"(?<=[^\s.A-Z][^\s.]{2})\.$|(?<=[\u3400-\u9fff\uff09)])\.$")
_HAS_CJK = re.compile(rf"[{CJK}]")


@lru_cache(maxsize=1 << 16)
def strip_isbd(value: str) -> str:
    """The value without the ISBD punctuation that cataloguers add between subfields."""
    value = value.translate(_MARKS)
    text = _LEADING.sub("", _TRAILING.sub("", value.strip()))
    text = _FINAL_STOP.sub("", text)
    return text.strip() or value.strip()


def has_cjk(text: str) -> bool:
    return bool(_HAS_CJK.search(text))


def match_key(value: str) -> str:
    """A form for matching: ISBD marks stripped, and no spaces next to CJK characters."""
    text = unicodedata.normalize("NFKC", strip_isbd(value))
    text = CJK_SPACE.sub("", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])[.。·・]+(?=[\u4e00-\u9fff])", "", text)
