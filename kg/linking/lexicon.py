"""How ordinary a KB name is as a word: jieba's dictionary as a list of everyday Chinese words.

jieba ships a dictionary of about 350,000 words with a frequency and a part of speech each. A KB
name that is there as a common noun, verb, adjective or numeral (文化, 千里, 始建, 广大) is
usually that word in running text, not the name (a courtesy name, a reign era); a name tagged as
a person, place, organisation, other proper noun or time word (南京, 李白, 六朝) is not. The
disambiguator reads the log frequency of the common ones as a feature. Only the dictionary
file is read (no segmentation, no model); without jieba every name counts as uncommon.

>>> commonness(["文化", "南京", "没有这个词的名字"])["文化"] > 5
True
>>> "南京" in commonness(["南京"])
False
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from kg.linking.tables import column

# jieba's part-of-speech tags of proper nouns and time words: names, not everyday words
PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "t"})


@cache
def _dictionary() -> Path | None:
    try:
        import jieba
    except ImportError:
        return None
    path = Path(jieba.__file__).with_name("dict.txt")
    return path if path.is_file() else None


@cache
def _extra() -> dict[str, float]:
    return {w: 8.0 for w in column("common_words", "word")}


def _entries(wanted: set[str]) -> Iterator[tuple[str, int, str]]:
    """(word, frequency, tag) of the dictionary's lines for the wanted words."""
    path = _dictionary()
    if path is None:
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, rest = line.partition(" ")
            if word in wanted:
                frequency, _, tag = rest.strip().partition(" ")
                if frequency.isdigit():
                    yield word, int(frequency), tag


def commonness(names: Iterable[str]) -> dict[str, float]:
    """Name -> log(1 + frequency) for the names that are everyday words (others absent)."""
    wanted = set(names)
    found = {w: f for w, f in _extra().items() if w in wanted}
    for word, frequency, tag in _entries(wanted):
        if tag not in PROPER_TAGS:
            found[word] = max(found.get(word, 0.0), math.log1p(frequency))
    return found


def frequencies(names: Iterable[str]) -> dict[str, int]:
    """Name -> its frequency in jieba's dictionary under any tag (absent: not there)."""
    found: dict[str, int] = {}
    for word, frequency, _ in _entries(set(names)):
        found[word] = max(found.get(word, 0), frequency)
    return found


def everyday_words(min_frequency: int = 20) -> frozenset[str]:
    """Words of two or three characters that jieba knows as everyday words (not names), at
    least ``min_frequency`` times in its corpus, and those of common_words.tsv: what a person's
    name must not be (储备, 文学, 陈列).
    """
    return _everyday(min_frequency)[0]


def everyday_nouns(min_frequency: int = 20) -> frozenset[str]:
    """The two-character common nouns among them (古籍, 流域): where a verb that ends a name's
    stem (籍 of 祖籍彭城, 流 of 东流) is one of their characters, it is no verb."""
    return _everyday(min_frequency)[1]


@cache  # a pure function of jieba's dictionary file, which every gazetteer build reads
def _everyday(min_frequency: int) -> tuple[frozenset[str], frozenset[str]]:
    """(everyday words, common nouns of two characters), from one pass over the dictionary."""
    path = _dictionary()
    words, nouns = set(_extra()), set()
    if path is None:
        return frozenset(words), frozenset()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency, tag = (line.split() + ["", ""])[:3]
            if 2 <= len(word) <= 3 and tag not in PROPER_TAGS and frequency.isdigit() \
                    and int(frequency) >= min_frequency:
                words.add(word)
                if len(word) == 2 and tag == "n":
                    nouns.add(word)
    return frozenset(words), frozenset(nouns)
