"""Pinyin of names (tone-less, ü written v) and typed pinyin read back into syllables.

A name is indexed with its syllables, so ``nan jing``, ``nanjing`` and ``NanJing`` all find 南京;
its syllables run together and its initials (``nanjing``, ``nj``) are the keys that suggest
matches typed prefixes against. Typed letters are split into syllables every way the syllable
table allows (``xian`` is 先 or 西安).

>>> char_syllables("南京路")
['nan', 'jing', 'lu']
>>> readings(["nanjing"])
[(('nan', 'jing'), False)]
>>> [r for r, _ in readings(["xian"])]
[('xian',), ('xi', 'an')]
>>> readings(["nanj"])
[(('nan', 'j'), True)]
"""

from __future__ import annotations

import re
from functools import cache
from itertools import product
from pathlib import Path

from kg.search.text import HAN_RANGE, is_han
from kg.tables import Tables

TABLES = Tables(Path(__file__).with_name("tables"))
MAX_READINGS = 8  # ways to read one query; more would only add noise to the match
MAX_SYLLABLE = 6  # letters of the longest syllable (chuang, shuang, zhuang)
# interjections (嗯 n, 呣 m …): read inside a word they would split nanjing as na-n-jing
_ALONE = frozenset({"n", "ng", "m", "hm", "hng"})
_HAN_RUN = re.compile(f"[{HAN_RANGE}]+")

Reading = tuple[tuple[str, ...], bool]  # syllables, and whether the last is only begun


@cache
def syllables() -> frozenset[str]:
    """Every tone-less syllable (tables/syllables.tsv)."""
    return frozenset(row["syllable"] for row in TABLES.table("syllables"))


@cache
def _beginnings() -> frozenset[str]:
    return frozenset(s[:n] for s in syllables() for n in range(1, len(s) + 1))


def char_syllables(text: str) -> list[str | None]:
    """The syllable of each character of folded text, in its context (长江 chang, 长官
    zhang); None for a character that has none. Aligned with ``text``."""
    out: list[str | None] = [None] * len(text)
    for run in _HAN_RUN.finditer(text):
        for i, syllable in enumerate(_run_syllables(run.group())):
            out[run.start() + i] = syllable
    return out


def _run_syllables(run: str) -> list[str | None]:
    from pypinyin import lazy_pinyin  # late: its dictionaries take a while to load

    def none(chars: str) -> list[str]:
        return [""] * len(chars)

    found = lazy_pinyin(run, errors=none)
    if len(found) != len(run):  # keep the alignment, whatever pypinyin grouped
        found = [(lazy_pinyin(c, errors=none) or [""])[0] for c in run]
    return [s if s in syllables() else None for s in found]


@cache
def _first_readings(char: str) -> list[str]:
    """Other tone-less readings of a character (曾: ceng, zeng), for names whose first
    character reads differently as a surname."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return [s for s in dict.fromkeys(found) if s in syllables()]


def spellings(folded: str, variants: int = 3) -> list[list[str]]:
    """The name as pinyin tokens, one list per reading of its first character (at most
    ``variants``): Han characters as syllables, other words as they are. Empty for a name
    without Han characters.

    >>> spellings("曾国藩")
    [['ceng', 'guo', 'fan'], ['zeng', 'guo', 'fan']]
    """
    from kg.search.text import tokens

    if not any(map(is_han, folded)):
        return []
    per_char = char_syllables(folded)
    words, at = [], 0
    for token in tokens(folded):
        at = folded.index(token, at)
        syllable = per_char[at] if is_han(token) else token
        if syllable:
            words.append(syllable)
        at += len(token)
    if variants < 2 or not per_char[0] or not words:
        return [words]
    others = [s for s in _first_readings(folded[0]) if s != words[0]]
    return [words] + [[s, *words[1:]] for s in others[:variants - 1]]


def keys(spelling: list[str]) -> tuple[str, str]:
    """The typed-prefix keys of one spelling: its syllables run together, and its initials.

    >>> keys(["nan", "jing", "1912"])
    ('nanjing1912', 'nj1912')
    """
    initials = "".join(w if w.isdigit() else w[0] for w in spelling)
    return "".join(spelling), initials


def readings(words: list[str]) -> list[Reading]:
    """Ways to read typed words (ASCII letters) as syllables, fewest syllables first; the last
    syllable of the last word may be only begun when the words cannot be read otherwise.
    At most MAX_READINGS."""
    if not words or not all(w.isascii() and w.isalpha() for w in words):
        return []
    options = [_split(w, partial=False) for w in words[:-1]]
    last = _split(words[-1], partial=False) or _split(words[-1], partial=True)
    found: list[Reading] = []
    for combo in product(*options, last):
        syllable_lists = [s for s, _ in combo]
        found.append((tuple(x for s in syllable_lists for x in s), combo[-1][1]))
        if len(found) == MAX_READINGS:
            break
    return sorted(found, key=lambda r: len(r[0]))


def _split(word: str, *, partial: bool) -> list[Reading]:
    """Readings of one word; with ``partial`` only those whose last syllable is begun."""
    found: list[Reading] = []

    def walk(at: int, done: tuple[str, ...]) -> None:
        for size in range(min(MAX_SYLLABLE, len(word) - at), 0, -1):
            piece, end = word[at:at + size], at + size
            if len(found) == MAX_READINGS:
                return
            if end == len(word) and partial:
                if piece in _beginnings() and piece not in syllables():
                    found.append(((*done, piece), True))
            elif piece in syllables() and (piece not in _ALONE or piece == word):
                if end == len(word):
                    found.append(((*done, piece), False))
                else:
                    walk(end, (*done, piece))

    walk(0, ())
    return sorted(found, key=lambda r: len(r[0]))
