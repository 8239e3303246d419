"""Text as the search index holds it: folded to one form, and cut into tokens FTS5 can match.

Folding is the linker's normalisation (half-width, simplified, variant characters folded) plus
lower case, and keeps every offset: a match at [start, end) of the folded text is the same words
in the original, which is how snippets mark the original text. Each Han character (and each
kana or hangul) is a token of its own, so a one- or two-character query matches inside longer
words as a phrase of single characters; runs of other letters and digits are words.

>>> fold("金陵圖書館 ＪＬ")
'金陵图书馆 jl'
>>> token_text("南京市(Nanjing)")
'南 京 市 nanjing'
"""

from __future__ import annotations

import re

from kg.linking.normalize import normalise

# CJK radicals and everything above: Han, kana, hangul, CJK symbols and compatibility forms
HAN_RANGE = "\u2e80-\U0010ffff"
_RUN = re.compile(r"[^\W_]+")  # letters and digits of any script
_PIECE = re.compile(f"[{HAN_RANGE}]|[^{HAN_RANGE}]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The text as matched: normalised and lower-cased, of exactly the same length.

    >>> fold("鍾山 Zhongshan")
    '钟山 zhongshan'
    """
    return "".join(map(_lower, normalise(text)))


def _lower(char: str) -> str:
    low = char.lower()
    return low if len(low) == 1 else char  # İ lower-cases to two characters: keep it as it is


def is_han(char: str) -> bool:
    """True for a character that is a token of its own (Han, kana, hangul …)."""
    return char >= "\u2e80"


def tokens(folded: str) -> list[str]:
    """The tokens of folded text: single Han characters and runs of other letters and digits.

    >>> tokens("南京1912年")
    ['南', '京', '1912', '年']
    """
    return [piece for run in _RUN.findall(folded) for piece in _PIECE.findall(run)]


def token_text(text: str) -> str:
    """The tokens of a text joined by spaces: what the FTS5 tables index."""
    return " ".join(tokens(fold(text)))


def squeeze(folded: str) -> str:
    """Folded text with runs of white space as one space and none at the ends: the form in
    which whole names and whole queries are compared.

    >>> squeeze("  the  good man ")
    'the good man'
    """
    return _SPACES.sub(" ", folded).strip()
