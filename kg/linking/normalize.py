"""Normalise text for matching without moving it: every offset stays an offset of the original.

Full-width forms become half-width (ＡＢＣ１２３，→ ABC123,), traditional characters become
simplified (OpenCC t2s) and variant characters of names one form (tables/variant_folds.tsv:
锺山 → 钟山). Both are done character for character, so the normalised text has the
same length as the original and a match at [start, end) in one is the same words in the other.
Where OpenCC's phrase tables would change the length of a stretch, that stretch is converted
one character at a time instead.

>>> normalise("金陵圖書館（ＪＬ）")
'金陵图书馆(JL)'
>>> len(normalise("鄭和下西洋")) == len("鄭和下西洋")
True
"""

from __future__ import annotations

from functools import cache

import numpy as np

from kg.chinese import t2s as _t2s  # a module name the tests can replace
from kg.linking.tables import table

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20  # the ideographic space
_BMP = 0x10000


@cache
def _char(c: str) -> str:
    """One character in simplified form, or itself when the conversion is not one character."""
    out = _t2s().convert(c)
    return out if len(out) == 1 else c


def half_width(text: str) -> str:
    """Full-width ASCII forms and the ideographic space as their half-width forms.

    >>> half_width("２０２１年，")
    '2021年,'
    """
    return text.translate(_FULL_WIDTH)


def simplified(text: str) -> str:
    """The text in simplified characters, of exactly the same length.

    >>> simplified("臺城")
    '台城'
    """
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    return "".join(_char(c) for c in text)


@cache
def _folds() -> dict[int, int]:
    return {ord(r["variant"]): ord(r["form"]) for r in table("variant_folds")}


@cache
def _bmp_table() -> np.ndarray:
    """Each character of the BMP as half-width and folded (the others are left alone)."""
    out = np.arange(_BMP, dtype=np.uint32)
    for code, form in {**_FULL_WIDTH, **_folds()}.items():
        out[code] = form
    return out


def _half_width_folded(text: str) -> str:
    """``half_width(text).translate(_folds())`` by one lookup in an array, much faster than
    ``str.translate``, which looks every character up in a dict."""
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    table_ = _bmp_table()
    if len(codes) and codes.max() >= _BMP:
        mapped = np.where(codes < _BMP, table_[np.minimum(codes, _BMP - 1)], codes)
    else:
        mapped = table_[codes]
    return mapped.tobytes().decode("utf-32-le")


def normalise(text: str) -> str:
    """Half-width, simplified and variants folded: the form names are matched in (same length
    as ``text``).

    >>> normalise("吹入锺山，嘉祐三年")
    '吹入钟山,嘉佑三年'
    """
    # OpenCC passes full-width forms through as they are, so they can be made half-width
    # after it, in the one pass that folds the variants
    return _half_width_folded(simplified(text))
