"""Places that the words around them give away, with no ending of their own (``jinling.places.v1``).

- a monastery after the short name of its city and 之 (历住苏之万寿、杭之净慈): both places;
- a list of prefectures closed by a word for them (kg/linking/tables/place_lists.tsv): 历知
  婺、光、庐、颍等州 names four places, 婺 光 庐 颍; an item may have two characters
  (沧、桂、凤翔等州; 收复黄州、寿昌等地), but the first one not over a verb (历知沧);
  the list outweighs a KB name of another type over an item (寿昌 the era); one-character
  short names (place_abbreviations.tsv) closed by 间 or 一带 make a list too (流寓湘、鄂间);
- a county or city before an office (office_endings.tsv): 调汜水尉, 出为建昌令, 鄞令王安石:
  the place without the office;
- a native place of two or three characters before 人 at the end of a clause: 兴化人,
  云南昆阳人, 是下关人;
- an old place name of two or three characters (one right after punctuation) before the
  modern gloss that biographies give it, and the county that gloss names after its province:
  建阳（今属福建）, 抚州临川 (今属江西), ,鄞（今浙江宁波）, 鄱阳（今江西波阳）.

A name must be bounded on its left (punctuation, a stop character of name_stops.tsv, a verb of
name_soft_stops.tsv or the end of a known place: 云南|昆阳人; a one-character name before an
office only by punctuation: ,鄞令), must not be an everyday word with its office (法令, 县令,
上尉: jieba's dictionary, kept by the gazetteer) and must not be a known name already (the KB's
or the name lists' proposal has the span), unless the KB knows it only as a reign era (长乐).

>>> places = Places()
>>> [(p.start, p.end) for p in places("历知婺、光、庐、颍等州", [])]
[(2, 3), (4, 5), (6, 7), (8, 9)]
>>> [(p.start, p.end) for p in places("调汜水尉,迁建昌令", [])]
[(1, 3), (6, 8)]
>>> [(p.start, p.end) for p in places("字克柔,兴化人,乾隆元年", [])]
[(4, 6)]
>>> [(p.start, p.end) for p in places("元丰间历知沧、桂、凤翔等州", [])]
[(5, 6), (7, 8), (9, 11)]
>>> [(p.start, p.end) for p in places("曾收复黄州、寿昌等地", [])]
[(3, 5), (6, 8)]
>>> [(p.start, p.end) for p in places("号思斋，建阳（今属福建）人", [])]
[(4, 6)]
"""

from __future__ import annotations

import re
from functools import cache

from spacy.util import registry

from kg.linking.model import KB, Proposal
from kg.linking.recognizers.persons import is_han, soft_stops, stops
from kg.linking.tables import column, number, table

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_CLAUSE_END = ",.;，。；、)）\n"
_PUNCTUATION = ",.;:，。；：、(（)）"


@cache
def _list_regex() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(column("place_lists", "word"), key=len,
                                                          reverse=True))
    return re.compile(f"[{_HAN}]{{1,2}}(?:、[{_HAN}]{{1,2}})+(?:{words})")


@cache
def _short_list_regex() -> re.Pattern:
    chars = "".join(sorted(re.escape(c) for c in column("place_abbreviations", "char")))
    return re.compile(f"([{chars}](?:、[{chars}])+)(?:之间|一带|两地|间)")


@cache
def _seated_regex() -> re.Pattern:
    chars = "".join(sorted(re.escape(c) for c in column("place_abbreviations", "char")))
    return re.compile(f"(?<=[住居应移于、，,。])([{chars}])之([{_HAN}]{{2}})(?=[、，,。；;])")


@cache
def _offices() -> tuple[re.Pattern, dict[str, tuple[int, int, float]]]:
    rows = {r["office"]: (int(number(r, "min_stem", "office_endings")),
                          int(number(r, "max_stem", "office_endings")),
                          number(r, "strength", "office_endings"))
            for r in table("office_endings")}
    words = "|".join(re.escape(w) for w in sorted(rows, key=len, reverse=True))
    return re.compile(f"(?:{words})"), rows


_NATIVE = re.compile(f"人(?=[{re.escape(_CLAUSE_END)}]|也)")
_GLOSS = re.compile(r" ?[（(]今")
_NO_COUNTY = "名内带部境间东南西北"  # 今江西|县名, 今安徽|东北: a description, no county
# after 今 of a gloss: a province or city, then a county of two characters before its close
_GLOSSED_COUNTY = re.compile(r"属?([\u4e00-\u9fff]{2,3}?)([\u4e00-\u9fff]{2})(?=[)）])")
_TIME_ENDINGS = "间时中末初年"  # 天宝间人: a person of an era, not of a place
_POSTED = "迁徙擢拜调贬谪授除知居"  # verbs of a posting or a stay, before a name, not in one
_DWELT = "家先寓"  # 移家, 其先, 寓: where a family lived or came from, before the place


class Places:
    """The place-context recogniser (``jinling.places.v1``)."""

    def __init__(self, strength: float = 0.7):
        self.strength = strength
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        kb_ends = {p.end for p in found
                   if p.origin in (KB, "lexicon.place") and not self._eras_only(p)}
        kb_spans = {(p.start, p.end) for p in found if p.origin == KB and not self._eras_only(p)}
        out = self._before_offices(norm, kb_ends)
        out += self._natives(norm, kb_ends) + self._glossed(norm, kb_ends)
        return self._lists(norm) + [p for p in out if (p.start, p.end) not in kb_spans]

    def _eras_only(self, p: Proposal) -> bool:
        """A KB name that is only reign eras' (长乐, 嘉定): the words around it may make it a
        place instead (长乐 (今属福建))."""
        entities = getattr(self.gazetteer, "entities", None)
        return entities is not None and bool(p.senses) and all(
            entities[n.entity].cls == "ReignEra" for n in p.senses)

    def _words(self) -> frozenset[str]:
        return getattr(self.gazetteer, "words", frozenset())

    def _lists(self, norm: str) -> list[Proposal]:
        """婺、光、庐、颍等州: every item of the list is a place."""
        out = []
        for m in _list_regex().finditer(norm):
            items, offset = m.group().split("、"), m.start()
            items[-1] = items[-1][:len(items[-1]) - len(_closing(items[-1]))]
            if len(items[0]) == 2 and (norm[offset] in stops() or norm[offset] in soft_stops()):
                items[0], offset = items[0][1:], offset + 1  # 历知沧: 知 is no part of it
            for item in items:
                out.append(Proposal(offset, offset + len(item), "PLACE", (), "place.list",
                                    self.strength))
                offset += len(item) + 1
        for m in _seated_regex().finditer(norm):  # 历住苏之万寿、杭之净慈: a temple in its city
            out += [Proposal(*m.span(group), "PLACE", (), "place.list", self.strength)
                    for group in (1, 2)]
        for m in _short_list_regex().finditer(norm):  # 往来于苏、杭一带: short names
            out += [Proposal(m.start(1) + at, m.start(1) + at + 1, "PLACE", (), "place.list",
                             self.strength) for at in range(0, len(m.group(1)), 2)]
        return [p for p in out if p.end > p.start]

    def _bounded_start(self, norm: str, end: int, low: int, high: int, kb_ends: set[int]
                       ) -> int | None:
        """The start of a name ending at ``end`` with ``low`` to ``high`` characters, when the
        text bounds it there on the left (the shortest after a KB name, else the longest),
        else None."""
        starts = [end - size for size in range(low, high + 1) if end - size >= 0 and all(
            is_han(c) and c not in stops() for c in norm[end - size:end])]
        for start in starts:
            if start in kb_ends:
                return start
        for start in reversed(starts):
            if norm[start] in _POSTED + _DWELT and start + 1 in starts:
                continue  # 迁|宣武节度使, 移家|开封, 其先|邵武: the verb is no part of the name
            if start == 0 or not is_han(norm[start - 1]) or norm[start - 1] in stops() \
                    or norm[start - 1] in soft_stops():
                return start
        return None

    def _before_offices(self, norm: str, kb_ends: set[int]) -> list[Proposal]:
        pattern, rows = _offices()
        out = []
        for m in pattern.finditer(norm):
            low, high, strength = rows[m.group()]
            if m.start() in kb_ends:
                continue  # 镇东军|节度判官: a known place holds the office already
            start = self._bounded_start(norm, m.start(), low, high, kb_ends)
            if start is None or norm[m.start() - 1] in soft_stops() \
                    or norm[start:m.end()] in self._words() \
                    or norm[m.start() - 1:m.start() + 1] in self._words():
                continue
            if m.start() - start == 1 and (start == 0 or norm[start - 1] not in _PUNCTUATION):
                continue  # one character alone before an office only after punctuation (,鄞令)
            out.append(Proposal(start, m.start(), "PLACE", (), "place.office", strength))
        return out

    def _natives(self, norm: str, kb_ends: set[int]) -> list[Proposal]:
        out = []
        for m in _NATIVE.finditer(norm):
            if m.start() in kb_ends or norm[m.start() - 1:m.end()] in self._words():
                continue  # 中书|舍人, 诗人: a word with 人, no native place
            start = self._bounded_start(norm, m.start(), 2, 3, kb_ends)
            name = norm[start:m.start()] if start is not None else ""
            if name and name not in self._words() and name[:2] not in self._words() \
                    and name[-1] not in _TIME_ENDINGS:
                out.append(Proposal(start, m.start(), "PLACE", (), "place.native", 0.65))
        return out


    def _glossed(self, norm: str, kb_ends: set[int]) -> list[Proposal]:
        """建阳（今属福建）: the name before the gloss; an everyday word only right after a
        known place (齐州|历城（今山东济南）), which a word such as 旧址 never follows. And the
        modern county the gloss names after its province (今山东|巨野)."""
        out = []
        for m in _GLOSS.finditer(norm):
            start = self._bounded_start(norm, m.start(), 2, 3, kb_ends)
            if start is None and m.start() >= 2 and norm[m.start() - 2] in _PUNCTUATION \
                    and is_han(norm[m.start() - 1]):
                start = m.start() - 1  # ,鄞（今浙江宁波）人: one character after punctuation
            name = norm[start:m.start()] if start is not None else ""
            if name and (name not in self._words() or start in kb_ends):
                out.append(Proposal(start, m.start(), "PLACE", (), "place.gloss", 0.7))
            inner = _GLOSSED_COUNTY.match(norm, m.end())
            if inner and inner.end(1) in kb_ends and inner.group(2)[-1] not in _NO_COUNTY:
                out.append(Proposal(inner.start(2), inner.end(2), "PLACE", (), "place.gloss",
                                    0.7))
        return out


def _closing(item: str) -> str:
    """The closing word (等州) at the end of a list's last item."""
    return next(w for w in sorted(column("place_lists", "word"), key=len, reverse=True)
                if item.endswith(w))


@registry.misc("jinling.places.v1")
def make_places(strength: float = 0.7) -> Places:
    """Places by the words around them (`Places`)."""
    return Places(strength)
