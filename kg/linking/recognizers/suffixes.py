"""Places, organisations and events the KB does not know, by the endings of their names.

For each ending of kg/linking/tables/name_suffixes.tsv found in the text (longest first: 图书馆
before 馆), the name runs back from the ending over Chinese characters to the nearest
boundary: punctuation or another script, a stop character (name_stops.tsv), a word that stands
before names (name_prefix_stops.tsv: 位于, 欢迎 …), or at most ``max_stem`` characters. A KB
name starting inside that stretch starts the name (玄武湖公园); a KB name it would cut in two
ends before it. An organisation's name must start with a KB name, a place found here
(溧水区图书馆) or a word of org_anchors.tsv (全国 …); it may run back over 和/与 to a place
it starts with (南京市文化和旅游局), but not over another organisation's name. A stem that reached
``max_stem`` without a boundary is a guess, and its strength is cut. No name is made of an
ordinary word (suffix_words.tsv: 部门, 大桥 alone), of an ending that the next characters
make part of a word (suffix_continuations.tsv: 陵墓, 乡试), or of a KB place with one
character between it and a one-character ending (秦淮老街: the KB's 秦淮 is the mention).

>>> rec = Suffixes()
>>> [(p.start, p.end, p.type) for p in rec("我们沿着中山路走到全国大学。推动图书馆", [])]
[(4, 7, 'PLACE'), (9, 13, 'ORGANIZATION')]
>>> rec("这个部门", []), rec("合葬陵墓", [])
([], [])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from spacy.util import registry

from kg.linking.model import KB, Proposal
from kg.linking.recognizers.persons import is_han, stops
from kg.linking.tables import column, number, table

_JOINERS = "和与及"
_ANCHORS = "省市区县"


@cache
def _rules() -> dict[str, tuple[str, int, int, float]]:
    return {r["suffix"]: (r["type"], int(number(r, "min_stem", "name_suffixes")),
                          int(number(r, "max_stem", "name_suffixes")),
                          number(r, "strength", "name_suffixes"))
            for r in table("name_suffixes")}


@cache
def _regex() -> re.Pattern:
    words = sorted(_rules(), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@cache
def _words() -> tuple[frozenset[str], frozenset[str], int]:
    """(every word, the words no name ends with, the longest of those)."""
    rows = table("suffix_words")
    alone = frozenset(r["word"] for r in rows)
    ending = frozenset(r["word"] for r in rows if r["use"] == "end")
    return alone, ending, max((len(w) for w in ending), default=0)


@cache
def _continuations() -> frozenset[str]:
    return frozenset(column("suffix_continuations", "word"))


@cache
def _prefix_stops() -> frozenset[str]:
    return frozenset(column("name_prefix_stops", "word"))


@cache
def _org_anchors() -> tuple[str, ...]:
    return tuple(column("org_anchors", "word"))


class _KbSpans:
    """The KB proposals of a text, by start and by the characters they cover."""

    def __init__(self, found: list[Proposal], gazetteer):
        self.starts = {p.start for p in found if p.origin == KB}
        self.sorted_starts = sorted(self.starts)
        self.inner: dict[int, int] = {}   # a position strictly inside a KB name -> its end
        self.orgs: list[tuple[int, int]] = []
        self.places: dict[int, int] = {}  # start -> end of KB place names
        for p in found:
            if p.origin != KB:
                continue
            for at in range(p.start + 1, p.end):
                self.inner[at] = max(self.inner.get(at, 0), p.end)
            types = {gazetteer.entities[n.entity].type for n in p.senses} if gazetteer else set()
            if "ORGANIZATION" in types:
                self.orgs.append((p.start, p.end))
            if "PLACE" in types:
                self.places[p.start] = max(self.places.get(p.start, 0), p.end)


class Suffixes:
    """The suffix recogniser (``jinling.suffixes.v1``); ``unbounded``: the factor a guessed
    stem's strength is multiplied by."""

    def __init__(self, unbounded: float = 0.6):
        self.unbounded = unbounded
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        kb = _KbSpans(found, self.gazetteer)
        out, place_starts = [], set()
        for m in _regex().finditer(norm):
            type_, low, high, strength = _rules()[m.group()]
            start, bounded = self.stem_start(norm, m.start(), high, type_, kb)
            if m.start() - start < low or self._ordinary(norm, start, m.start(), m.end(), kb):
                continue
            if type_ == "ORGANIZATION" and not self._anchored(norm, start, kb, place_starts):
                continue
            if type_ == "PLACE":
                place_starts.add(start)
            out.append(Proposal(start, m.end(), type_, (), f"suffix.{type_.lower()}",
                                strength if bounded else strength * self.unbounded))
        return out

    @staticmethod
    def _anchored(norm: str, start: int, kb: _KbSpans, place_starts: set[int]) -> bool:
        """An organisation starts with a KB name, a place or a word of org_anchors.tsv."""
        return start in kb.starts or start in place_starts or any(
            norm.startswith(word, start) for word in _org_anchors())

    @staticmethod
    def _walk(norm: str, end: int, limit: int) -> tuple[int, bool]:
        left = end
        while left > limit:
            c = norm[left - 1]
            if not is_han(c) or c in stops() or norm[left - 2:left] in _prefix_stops():
                return left, True
            left -= 1
        return left, left == 0

    def stem_start(self, norm: str, end: int, high: int, type_: str, kb: _KbSpans
                   ) -> tuple[int, bool]:
        """Where the name ending at ``end`` starts, and whether a boundary was found."""
        limit = max(0, end - high)
        left, bounded = self._walk(norm, end, limit)
        if type_ == "ORGANIZATION" and bounded and left > limit and norm[left - 1] in _JOINERS:
            further, _ = self._walk(norm, left - 1, limit)
            anchor = self._anchor(norm, further, left - 1, kb)
            if anchor is not None:
                return anchor, True
        at = bisect_left(kb.sorted_starts, left)
        if at < len(kb.sorted_starts) and kb.sorted_starts[at] < end:
            return kb.sorted_starts[at], True
        if left in kb.inner and kb.inner[left] < end:
            return kb.inner[left], True
        return left, bounded

    @staticmethod
    def _anchor(norm: str, start: int, end: int, kb: _KbSpans) -> int | None:
        if any(start <= s and e <= end for s, e in kb.orgs):
            return None  # 南京图书馆和南京共享图书馆 are two
        for at in range(start, end):
            if at in kb.starts or norm[at] in _ANCHORS and at > start:
                return at if at in kb.starts else start
        return None

    @staticmethod
    def _ordinary(norm: str, start: int, ending: int, end: int, kb: _KbSpans) -> bool:
        """True when the candidate is an ordinary word, not a name (see the module)."""
        name = norm[start:end]
        alone, words, longest = _words()
        if name in alone or any(name[-size:] in words
                                for size in range(2, min(longest, len(name) - 1) + 1)):
            return True
        if norm[end - 1:end + 1] in _continuations():
            return True
        return end - ending == 1 and kb.places.get(start) == ending - 1


@registry.misc("jinling.suffixes.v1")
def make_suffixes(unbounded: float = 0.6) -> Suffixes:
    """Places, organisations and events by name endings (`Suffixes`)."""
    return Suffixes(unbounded)
