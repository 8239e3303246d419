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
Nor is a name made of a whole everyday word of jieba's dictionary (居民区), of a phrase that
holds a count and a measure word or whose stem ends with a level (name_quantifiers.tsv:
一批政府, 一场小型展览, 高淳两区图书馆, 市级学会), or of a verb and its object (诏建楼). Two
verbs of name_soft_stops.tsv in a row end a stem after the second (归入|武陵源), and a guessed
stem ends after the last such verb in it. In prose, a hill, temple or shrine right after a
known place, or after a place found just before it, is surer: the place it lies in names it
(提举江州|太平观, 住洪州幽谷山|双林院).

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

from kg.linking.automaton import Words
from kg.linking.model import KB, Proposal
from kg.linking.name_lists import normalised
from kg.linking.recognizers.naming import poem_lines
from kg.linking.recognizers.persons import is_han, soft_stops, stops
from kg.linking.tables import column, number, table

_JOINERS = "和与及"
_PARTICLE_WORDS = "地"  # a stop as the adverb's particle, but the first of 地铁, 地质, 地区
_ANCHORS = "省市区县"
_EARLY_LATE = ("初", "末")  # 明初, 清末: a one-character dynasty's first or last years
_KNOWN = (KB, "lexicon.place")   # the origins of names the text is known to have
# a department after its organisation's name (历史系, 古籍部, 计算机科学与工程学院), or its
# office (委员会|办公室)
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:系|部|学院|研究所)"
                         r"|[\u4e00-\u9fff]{0,10}?办公室")
_TOMBS = ("墓", "祠", "庙")  # after a known person's name, the place kept in his memory
_BYLINE_MARKS = "/／"  # 文/ of a byline


@cache
def _rules() -> dict[str, tuple[str, int, int, float]]:
    return {r["suffix"]: (r["type"], int(number(r, "min_stem", "name_suffixes")),
                          int(number(r, "max_stem", "name_suffixes")),
                          number(r, "strength", "name_suffixes"))
            for r in table("name_suffixes")}


@cache
def _verse_endings() -> frozenset[str]:
    return frozenset(column("verse_endings", "ending"))


@cache
def _org_endings() -> tuple[str, ...]:
    return tuple(ending for ending, rule in _rules().items() if rule[0] == "ORGANIZATION")


@cache
def _endings() -> Words:
    return Words(_rules())


@cache
def _words() -> tuple[frozenset[str], frozenset[str], int, frozenset[str]]:
    """(every word, the words no name ends with, the longest of those, the endings that add
    nothing to a whole KB name before them)."""
    rows = table("suffix_words")
    alone = frozenset(r["word"] for r in rows if r["use"] != "after_name")
    ending = frozenset(r["word"] for r in rows if r["use"] == "end")
    after = frozenset(r["word"] for r in rows if r["use"] == "after_name")
    return alone, ending, max((len(w) for w in ending), default=0), after


@cache
def _built_on_places() -> dict[str, str]:
    """Ending -> its kind: "own" (a place of its own: 公园, 站) or "part" (门, 亭)."""
    return {r["ending"]: r["kind"] for r in table("built_on_places")}


@cache
def _parent_endings() -> tuple[str, ...]:
    return tuple(column("org_parents", "ending"))


@cache
def continuations() -> frozenset[str]:
    """Words that begin with a name's ending and make it part of an ordinary word
    (suffix_continuations.tsv: 陵墓, 乡试, 殿说 of 崇政殿说书)."""
    return frozenset(column("suffix_continuations", "word"))


@cache
def _prefix_stops() -> frozenset[str]:
    return frozenset(column("name_prefix_stops", "word"))


@cache
def _org_anchors() -> tuple[str, ...]:
    return tuple(column("org_anchors", "word"))


@cache
def _unit_joiners() -> tuple[str, ...]:
    return tuple(column("org_units", "word"))


@cache
def _quantifiers() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(counts and determiners, measure words, levels) of name_quantifiers.tsv."""
    rows = table("name_quantifiers")
    return (frozenset(r["word"] for r in rows if r["kind"] == "count"),
            frozenset(r["word"] for r in rows if r["kind"] == "measure"),
            tuple(r["word"] for r in rows if r["kind"] == "level"))


def quantified(norm: str, start: int, ending: int) -> bool:
    """True when the stem holds a count and a measure word anywhere (一批政府, 中山陵和一批政府,
    一场小型展览, 高淳两区|图书馆, 中山北路一座|银行), or ends with a level (市级学会): a common
    noun phrase, not a name.

    >>> quantified("一座大桥", 0, 2), quantified("中山陵和一批政府", 0, 6)
    (True, True)
    >>> quantified("高淳两区图书馆", 0, 4), quantified("七家湾", 0, 2)
    (True, False)
    >>> quantified("型市级学会", 0, 3)
    True
    """
    counts, measures, levels = _quantifiers()
    if norm[start:ending].endswith(levels):
        return True
    return any(norm[at] in counts and norm[at + 1] in measures
               for at in range(start, ending - 1))


@cache
def _memorials() -> frozenset[str]:
    return frozenset(column("memorial_endings", "char"))


@cache
def _foreign_countries() -> tuple[str, ...]:
    return tuple(sorted(set(normalised(column("countries", "name"))) - {"中国"}, key=len,
                        reverse=True))


def _past_country(norm: str, start: int, ending: int, low: int) -> int:
    """Where a foreign body's own name starts: after the country before it (德国|莱比锡市立
    图书馆, 韩国|首尔图书馆), unless the name goes on with 国 (法国国家图书馆, 美国国会图书馆)."""
    for country in _foreign_countries():
        after = start + len(country)
        if norm.startswith(country, start) and ending - after >= low and norm[after] != "国":
            return after
    return start


@cache
def _org_prefixes() -> tuple[str, ...]:
    return tuple(sorted(column("org_prefixes", "word"), key=len, reverse=True))


def _with_prefix(norm: str, start: int) -> int:
    """Where a body's name starts that a party's or league's name opens before its place
    (共青团|南京市委), else ``start``."""
    prefix = next((w for w in _org_prefixes() if norm.endswith(w, 0, start)), "")
    return start - len(prefix)


_PLACE_CLOSERS = "路街巷桥区县市省镇村宫寺庙观园湖山门台楼"  # a place's last: 颐和路|和


def _past_joined_place(norm: str, start: int, ending: int, low: int) -> int:
    """Where a body's name starts that a stem joins to a place before it (老门东、颐和路和|江宁
    织造博物馆): after the joiner, if the name keeps ``low`` characters before its ending."""
    for at in range(ending - low - 1, start, -1):
        if norm[at] in _JOINERS and norm[at - 1] in _PLACE_CLOSERS:
            return at + 1
    return start


def _origin(type_: str, stem: tuple[int, int, str], strength: float, kb: _KbSpans
            ) -> tuple[str, float]:
    """The rule that made a name and how sure it is: a known person's memorial (李白|墓,
    颜鲁公|祠: no guess at a stem) or a building named after the place it stands on (白下|亭,
    白下|门) is surer; a park, station or airport named after a known place (莫愁湖|公园,
    浦口|车站) is a rule of its own (``suffix.built``), not a guessed stem."""
    start, ending, suffix = stem
    if (start, ending) in kb.persons and suffix in _TOMBS:
        return "suffix.memorial", min(0.95, strength + 0.2)
    if kb.places.get(start) == ending and suffix in _built_on_places():
        if _built_on_places()[suffix] == "own":  # 莫愁湖|公园, 夫子庙|站: a place of its own
            return "suffix.built", min(0.95, strength + 0.2)
        strength = min(0.95, strength + 0.2)  # 总统府|门 is also the gate in 总统府门前
    return f"suffix.{type_.lower()}", strength


# how much surer a place is that comes right after the place it lies in (江州|太平观)
_SEAT_BONUS = 0.15
# the endings of the hills, temples and shrines that biographies name by their county or
# prefecture (住福州|长生山, 提举江州|太平观); not 府 or 城, which the place's own office or wall
# would make (江西|团练府)
_SEATED_ENDINGS = frozenset({"山", "峰", "观", "宫", "寺", "院", "庵", "禅寺", "禅院", "亭", "乡"})


def _seated(start: int, kb: _KbSpans, made: list[Proposal]) -> bool:
    """True when a known place, or a place found just before, ends where this one starts:
    the place it lies in names it (提举江州|太平观, 住洪州幽谷山|双林院)."""
    return start in kb.place_ends or any(
        p.type == "PLACE" and p.end == start for p in made[-1:])


class _KbSpans:
    """The names a text is known to have (the KB's, and the places of the name lists), by
    start and by the characters they cover."""

    def __init__(self, found: list[Proposal], gazetteer, norm: str):
        known = [p for p in found if p.origin in _KNOWN]
        self.starts = {p.start for p in known}
        self.sorted_starts = sorted(self.starts)
        self.inner: dict[int, int] = {}   # a position strictly inside a known name -> its end
        self.kb_begins: dict[int, int] = {}  # start -> end of the longest known name there
        self.orgs: list[tuple[int, int]] = []
        self.places: dict[int, int] = {}  # start -> end of known place names
        self.place_ends: set[int] = set()  # ends of known place names (江州|太平观)
        self.persons: set[tuple[int, int]] = set()
        self.ends: dict[int, int] = {}  # end -> start of the longest known name ending there
        self.periods: dict[int, int] = {}  # start -> end of names that are only periods
        self.early_late: set[int] = set()  # ... of those that are a dynasty and 初 or 末
        self.dynasties: dict[int, int] = {}  # ... of those that are no reign era (后金, 南朝)
        for p in known:
            self.ends[p.end] = min(self.ends.get(p.end, p.start), p.start)
            for at in range(p.start + 1, p.end):
                self.inner[at] = max(self.inner.get(at, 0), p.end)
            self.kb_begins[p.start] = max(self.kb_begins.get(p.start, 0), p.end)
            types = self._types(p, gazetteer)
            if "ORGANIZATION" in types:
                self.orgs.append((p.start, p.end))
            if "PLACE" in types:
                self.places[p.start] = max(self.places.get(p.start, 0), p.end)
                self.place_ends.add(p.end)
            if types == {"PERSON"}:
                self.persons.add((p.start, p.end))
            if types == {"PERIOD"} and p.length == 1 and norm[p.end:p.end + 1] in _EARLY_LATE:
                self.periods[p.start] = p.end + 1  # 明初|湖属徐达: a dynasty's first years
                self.early_late.add(p.start)
            if types == {"PERIOD"} and p.end - p.start > 1:  # not 入|金 of 入金陵
                self.periods[p.start] = max(self.periods.get(p.start, 0), p.end)
                if gazetteer and all(gazetteer.entities[n.entity].cls != "ReignEra"
                                     for n in p.senses):
                    self.dynasties[p.start] = max(self.dynasties.get(p.start, 0), p.end)
        self.persons |= {(p.start, p.end) for p in found if p.origin == "person.governor"}
        # a listed person's name, which a verb after it cannot end (浑瑊|镇河中, but 观音|寺)
        self.listed = {(p.start, p.end) for p in found if p.origin == "lexicon.person"}

    @staticmethod
    def _types(p: Proposal, gazetteer) -> set[str]:
        if p.origin != KB:
            return {p.type}
        return {gazetteer.entities[n.entity].type for n in p.senses} if gazetteer else set()

    def starts_name(self, start: int, end: int) -> bool:
        """True when a KB name starts at ``start`` and runs past ``end``: the ending is the
        first character of the next name (江苏江宁: 江 ends no name), not an ending."""
        return self.kb_begins.get(start, 0) > end

    def starts_within(self, start: int, end: int) -> bool:
        """True when a known name starts in [start, end)."""
        at = bisect_left(self.sorted_starts, start)
        return at < len(self.sorted_starts) and self.sorted_starts[at] < end


class Suffixes:
    """The suffix recogniser (``jinling.suffixes.v1``); ``unbounded``: the factor a guessed
    stem's strength is multiplied by."""

    def __init__(self, unbounded: float = 0.6):
        self.unbounded = unbounded
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        kb = _KbSpans(found, self.gazetteer, norm)
        out, place_starts = [], set()
        lines = poem_lines(norm)
        lines = len(norm) if lines is None else lines  # no poem: no verse lines
        for at, end, ending in _endings().find(norm):
            type_, low, high, strength = _rules()[ending]
            start, bounded = self.stem_start(norm, at, (low, high), type_, kb)
            if not bounded and out and start < out[-1].end < at:
                start, bounded = out[-1].end, True  # 幽谷山|双林院: after the name before
            if type_ == "PLACE" and at >= lines and ending in _verse_endings():
                continue  # a poem's line: 醉眠湖, 留藩镇 are words of the verse, not names
            if type_ == "ORGANIZATION" and out and out[-1].type == "PLACE" \
                    and out[-1].start < start < out[-1].end:
                start, bounded = out[-1].start, True  # 南京都市圈|图书馆: from the place on
            if not self._acceptable(norm, (start, at, end), low, kb):
                continue
            if type_ in ("ORGANIZATION", "EVENT") and not self._anchored(
                    norm, (start, bounded), kb, place_starts):
                continue
            if type_ == "ORGANIZATION":
                start = _with_prefix(norm, _past_country(norm, start, at, low))
                start = _past_joined_place(norm, start, at, low)
            if type_ == "PLACE":
                place_starts.add(start)
            origin, strength = _origin(type_, (start, at, ending), strength, kb)
            if type_ == "PLACE" and bounded and start < lines and ending in _SEATED_ENDINGS \
                    and _seated(start, kb, out):
                strength = min(0.95, strength + _SEAT_BONUS)
            out.append(Proposal(start, end, type_, (), origin,
                                strength if bounded else strength * self.unbounded))
        return out + self._units(norm, found, kb) + self._departments(norm, kb, out)

    def _units(self, norm: str, found: list[Proposal], kb: _KbSpans) -> list[Proposal]:
        """A KB organisation right after a known one is its unit, and the mention is both
        (中国科学院紫金山天文台: the observatory, named with its academy)."""
        if self.gazetteer is None:
            return []
        entities, ends = self.gazetteer.entities, self._parent_ends(norm, found, kb)
        out = []
        for p in found:
            senses = tuple(n for n in p.senses if entities[n.entity].type == "ORGANIZATION")
            if p.origin == KB and senses and p.start in ends:
                out.append(Proposal(ends[p.start], p.end, "ORGANIZATION", senses, KB, 0.9))
        return out

    def _departments(self, norm: str, kb: _KbSpans, made: list[Proposal]) -> list[Proposal]:
        """A known organisation, or one found here (``made``), and right after it a department
        of its own (南京师范大学|历史系, 金陵图书馆|古籍部, 东南大学|计算机科学与工程学院,
        南京市地方志编纂委员会|办公室): the mention is both; not a word that ends like one (内部,
        全部, 干部), nor a stretch where another known name starts (南图与|南大历史学院), nor
        the office of a body a byline names."""
        words, out = getattr(self.gazetteer, "words", frozenset()), []
        orgs = kb.orgs + [(p.start, p.end) for p in made if p.type == "ORGANIZATION"]
        for start, end in orgs:
            m = _DEPARTMENT.match(norm, end)
            if m is None or self._ordinary_unit(norm, m, words) or kb.starts_within(end, m.end()) \
                    or any(self._stop_at(norm, at, words) for at in range(*m.span())) \
                    or (norm[start - 1:start] in _BYLINE_MARKS and m.group() == "办公室"):
                continue  # 文/栖霞区图书馆|办公室 朱佳怡: a byline names the body, then the office
            out.append(Proposal(start, m.end(), "ORGANIZATION", (), "suffix.organization", 0.8))
        return out

    @staticmethod
    def _stop_at(norm: str, at: int, words: frozenset[str]) -> bool:
        """A stop character that no unit's name holds (a joiner does: 计算机科学与工程学院; the
        particle 地 does where it opens a word: 地方文献部)."""
        c = norm[at]
        return c in stops() and c not in _JOINERS and not (
            c in _PARTICLE_WORDS and norm[at:at + 2] in words)

    @staticmethod
    def _ordinary_unit(norm: str, m: re.Match, words: frozenset[str]) -> bool:
        """内部, 全部 (a one-character ending closes an everyday word) or 部门 (it opens one)."""
        one = m.group().endswith(("系", "部"))
        return one and norm[m.end() - 2:m.end()] in words or norm[m.end() - 1:m.end() + 1] in words

    @staticmethod
    def _parent_ends(norm: str, found: list[Proposal], kb: _KbSpans) -> dict[int, int]:
        """End -> start of the known bodies with units (org_parents.tsv: 科学院, 大学)."""
        spans = kb.orgs + [(p.start, p.end) for p in found if p.origin == "lexicon.organization"]
        return {e: s for s, e in spans if norm[s:e].endswith(_parent_endings())}

    def _acceptable(self, norm: str, span: tuple[int, int, int], low: int, kb: _KbSpans
                    ) -> bool:
        """A stem long enough, no ordinary word, no ending that starts a known name or ends a
        word before names (山|参观), and no known person's name with a one-character ending
        that is a verb after it (李昪镇金陵); no phrase of a count and a measure word (一批政府),
        no whole everyday word (居民区) or verb and one (经|运河), and no body's own office."""
        start, ending, end = span
        if end - ending == 1 and 0 < ending - start <= 2 and norm[ending - 1] in soft_stops():
            return False  # a verb and its object (诏建楼: build a tower), no name
        if end - ending == 1 and norm[ending - 1:end] in _prefix_stops():
            return False  # 登山|参观: the ending closes a word that stands before names
        if norm[ending:end] == "办公室" and norm[start:ending].endswith(_org_endings()):
            return False  # 栖霞区图书馆|办公室: a body's own office (`_departments`)
        if norm[start] in soft_stops() and self._everyday(norm[start + 1:end]):
            return False  # 经|运河, 跨|省区: a verb before an everyday word
        if (start, ending) in kb.listed and norm[ending] in soft_stops():
            return False
        if ending - start < low or self._ordinary(norm, start, ending, end, kb) \
                or quantified(norm, start, ending) or self._everyday(norm[start:end]):
            return False
        if kb.starts_name(ending, end) or (
                norm[ending:end] in _words()[3] and kb.kb_begins.get(start) == ending):
            return False
        return not ((start, ending) in kb.persons and end - ending == 1
                    and norm[ending] not in _memorials())

    def _everyday(self, name: str) -> bool:
        """A whole everyday word of jieba's dictionary (居民区, 风景区, 展览) is no name."""
        return name in getattr(self.gazetteer, "words", frozenset())

    def _anchored(self, norm: str, stem: tuple[int, bool], kb: _KbSpans,
                  place_starts: set[int]) -> bool:
        """An organisation or an event starts with a KB name, a place or a word of
        org_anchors.tsv, or has a name of its own: a stem bounded by punctuation or a word
        before names, whose first word is no everyday word (创办|晓庄师范学校, 配合|世界读书日,
        but not 推动|全市公共图书馆, 举办|主题书展)."""
        start, bounded = stem
        if start in kb.starts or start in place_starts or any(
                norm.startswith(word, start) for word in _org_anchors()):
            return True
        words = getattr(self.gazetteer, "words", frozenset())
        before = norm[start - 1] if start > 0 else ""
        own = not is_han(before) or norm[start - 2:start] in _prefix_stops()
        return bool(words) and bounded and own and norm[start:start + 2] not in words \
            and norm[start:start + 3] not in words

    def _walk(self, norm: str, end: int, low: int, limit: int, kb: _KbSpans
              ) -> tuple[int, bool]:
        """Run back from ``end`` to a boundary: a hard one anywhere, a soft one (a verb of
        motion or office before a place: 知睦州, 客泉州) once the stem has ``low`` characters.
        The particle 地 is none where it begins an everyday word with the next character
        (南京|地铁|运营公司, 地质博物馆), unless a known name starts after it."""
        left, words = end, getattr(self.gazetteer, "words", frozenset())
        nouns = getattr(self.gazetteer, "nouns", frozenset())
        starts = kb.starts
        while left > limit:
            c = norm[left - 1]
            if not is_han(c) or norm[left - 2:left] in _prefix_stops() or (
                    c in stops() and left - 1 not in kb.inner  # 南京都市圈: 都 of a name
                    and (c not in _PARTICLE_WORDS or left in starts
                         or norm[left - 1:left + 1] not in words)):
                return left, True
            if c in soft_stops() and end - left >= low and norm[left - 2:left] not in nouns \
                    and norm[left - 1:left + 1] not in words:
                # two verbs in a row (归入|武陵源): the name starts after the second; a verb
                # that ends a common noun is none (古籍|保护中心: 籍 of 古籍), nor one that
                # starts an everyday word (长江流域: 流 of 流域; 南京出版传媒集团: 出 of 出版)
                return left + (norm[left] in soft_stops()), True
            left -= 1
        if left > 0:  # a guess: a verb of motion or office inside it ends it (出|武陵)
            cut = max((at for at in range(left, end) if norm[at] in soft_stops()), default=-1)
            left = max(left, cut + 1)
        return left, left == 0

    def stem_start(self, norm: str, end: int, size: tuple[int, int], type_: str, kb: _KbSpans
                   ) -> tuple[int, bool]:
        """Where the name ending at ``end`` starts, and whether a boundary was found;
        ``size``: the fewest and most characters its stem may have. A period the name would
        start with only dates it (清代|金陵书局): the name starts after it."""
        start, bounded = self._stem_start(norm, end, size, type_, kb)
        after = kb.periods.get(start, 0)
        if start < after < end or start < kb.dynasties.get(start, 0) == end or (
                start in kb.early_late and after == end):
            # a stem too short after it makes no name (清代|金+陵), nor a dynasty alone (南朝|寺,
            # 日后金|陵) or with 初 or 末 (明初|湖), but an era may name a place (建德|府)
            return after, True
        return start, bounded

    def _stem_start(self, norm: str, end: int, size: tuple[int, int], type_: str,
                    kb: _KbSpans) -> tuple[int, bool]:
        low, high = size
        if type_ == "ORGANIZATION":
            parent = self._parent(norm, end, kb)
            if parent is not None:
                return parent, True
        limit = max(0, end - high)
        left, bounded = self._walk(norm, end, low, limit, kb)
        if left in kb.ends and norm[left - 1] in stops():
            return kb.ends[left], True  # 林散之|纪念馆: the stop ended a known name, no stem
        if left > 0 and norm[left - 1] in soft_stops() and left - 1 in kb.starts \
                and left < kb.inner.get(left, 0) <= end:
            left -= 1  # the verb it stopped at begins a known name (栖|霞区图书馆)
        if type_ == "ORGANIZATION" and bounded and left > limit and norm[left - 1] in _JOINERS:
            further, _ = self._walk(norm, left - 1, low, limit, kb)
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
    def _parent(norm: str, end: int, kb: _KbSpans) -> int | None:
        """The start of a known organisation that a unit's name begins with, joined by a word
        of org_units.tsv (南京师范大学|附属|中学), or None."""
        for word in _unit_joiners():
            if norm.startswith(word, end - len(word)):
                return next((s for s, e in kb.orgs if e == end - len(word)), None)
        return None

    @staticmethod
    def _anchor(norm: str, start: int, end: int, kb: _KbSpans) -> int | None:
        if any(start <= s and e <= end for s, e in kb.orgs) \
                or norm[start:end].endswith(_org_endings()):
            return None  # 南京图书馆和南京共享图书馆, 江北新区图书馆和浦口区图书馆 are two
        for at in range(start, end):
            if at in kb.starts or norm[at] in _ANCHORS and at > start:
                return at if at in kb.starts else start
        return None

    @staticmethod
    def _ordinary(norm: str, start: int, ending: int, end: int, kb: _KbSpans) -> bool:
        """True when the candidate is an ordinary word, not a name (see the module)."""
        name = norm[start:end]
        alone, words, longest, _ = _words()
        if name in alone or any(name[-size:] in words
                                for size in range(2, min(longest, len(name) - 1) + 1)):
            return True
        if norm[end - 1:end + 1] in continuations():
            return True
        return end - ending == 1 and kb.places.get(start) == ending - 1


@registry.misc("jinling.suffixes.v1")
def make_suffixes(unbounded: float = 0.6) -> Suffixes:
    """Places, organisations and events by name endings (`Suffixes`)."""
    return Suffixes(unbounded)
