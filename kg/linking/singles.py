"""One-character KB names (明, 清, 宋, 吴) in the only places where they are names.

A single character is everywhere in running text (明天, 清楚, 安宁), so it makes a proposal only
where the characters around it make it a name (kg/linking/tables/single_contexts.tsv: 明代,
清初, 入宋, 明·宣德, a museum label's heading 清 缠枝莲纹瓶), in a run of three or more
one-character names of its type (宋齐梁陈) or in a list of them with 、 (宋、齐、梁、陈), or right
before a reign era of its own dynasty or of a part of it (明洪武, 清光绪, 宋咸淳: 咸淳 is an era
of 南宋). A pair (明清, 齐梁) is no mention: the annotation guidelines leave pairs of names out
(tests/kg/linking/eval/README.md). A state's name that alone names its land (single_places.tsv:
入蜀, 蜀人) is a place the KB does not hold.

>>> from kg.linking.kb import Entity, KnowledgeBase, Name
>>> from kg.linking.gazetteer import Gazetteer
>>> gaz = Gazetteer(KnowledgeBase(
...     [Entity("e:m", "PERIOD", "Dynasty", "明", 1368, 1644),
...      Entity("e:q", "PERIOD", "Dynasty", "清", 1644, 1912)],
...     [Name("明", 0, "pref", 1.0), Name("清", 1, "pref", 1.0)]))
>>> [(p.start, p.end) for p in SingleNames().find("明代以后，明清两代，天气清明", gaz)]
[(0, 2), (6, 7)]
"""

from __future__ import annotations

import re
from functools import cache

from kg.linking.model import KB, Proposal
from kg.linking.tables import column, number, table

_CLAUSE_ENDS = "，。；：！？,;:!?\n"
_CITING = ("事见", "(见")  # a biography's sources: 事见宋彭汝砺《熊公墓志》


@cache
def _contexts() -> dict[tuple[str, str], tuple[str, str, float]]:
    return {(r["context"], r["position"]): (r["type"], r["span"],
                                            number(r, "strength", "single_contexts"))
            for r in table("single_contexts")}


@cache
def _words() -> tuple[str, ...]:
    return tuple(column("single_words", "word"))


def _in_word(norm: str, at: int) -> bool:
    """True when the character at ``at`` is part of an ordinary word (周末)."""
    return any(norm.startswith(w, at - i) for w in _words() for i in range(len(w))
               if w[i] == norm[at])


@cache
def _lands() -> frozenset[str]:
    return frozenset(column("single_places", "char"))


_RUN_GAP = 100  # years between two dynasties named together (唐宋: 907 and 960)


def _next_span(spans: list[tuple[int, int]], last: tuple[int, int] | None, listed: bool
               ) -> tuple[int, int] | None:
    """The earliest of a period's (start, end) spans that may come after ``last`` in a run:
    later than its start, and in a run without 、 begun within a century of its end."""
    fits = [s for s in spans if last is None or (
        s[0] >= last[0] and (listed or s[0] <= last[1] + _RUN_GAP))]
    return min(fits, default=None)


def _alternation(position: str) -> str:
    words = sorted((c for c, p in _contexts() if p == position), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


class SingleNames:
    """Finds the one-character names of a gazetteer in their contexts."""

    def __init__(self):
        self._compiled: tuple[int, tuple | None] = (0, None)

    def _regexes(self, gazetteer) -> tuple | None:
        if self._compiled[0] != id(gazetteer):
            chars = "".join(sorted(re.escape(c) for c in gazetteer.singles))
            regexes = None
            if chars:
                regexes = (re.compile(f"([{chars}])(?=({_alternation('after')}))"),
                           re.compile(f"(?<=({_alternation('before')}))([{chars}])"),
                           re.compile(f"[{chars}](?:、?[{chars}])+"),
                           re.compile(f"^([{chars}])(?=({_alternation('heading')}))", re.M))
            self._compiled = (id(gazetteer), regexes)
        return self._compiled[1]

    def find(self, norm: str, gazetteer, found: list[Proposal] = ()) -> list[Proposal]:
        """Proposals for the one-character names in context; ``found``: the KB matches so far
        (a reign era that starts right after a dynasty's name)."""
        regexes = self._regexes(gazetteer)
        if regexes is None:
            return []
        out = []
        for m in regexes[0].finditer(norm):
            out += self._proposal(gazetteer, m.start(1), m.group(1), m.group(2), "after")
        for m in regexes[1].finditer(norm):
            out += self._proposal(gazetteer, m.start(2), m.group(2), m.group(1), "before")
        for m in regexes[2].finditer(norm):
            out += self._runs(gazetteer, m.start(), m.group())
        for m in regexes[3].finditer(norm):
            out += self._proposal(gazetteer, m.start(1), m.group(1), m.group(2), "heading")
        out += self._before_eras(norm, gazetteer, found)
        out += self._before_names(norm, gazetteer, found)
        return [p for p in out if not _in_word(norm, p.start)]

    def _proposal(self, gazetteer, at: int, char: str, context: str, position: str
                  ) -> list[Proposal]:
        type_, span, strength = _contexts()[(context, position)]
        end = at + 1 + (len(context) if span == "both" and position == "after" else 0)
        if char in _lands():
            return [Proposal(at, end, "PLACE", (), "single.place", strength)]
        senses = self._senses(gazetteer, char, type_)
        return [Proposal(at, end, type_, senses, KB, strength)] if senses else []

    def _runs(self, gazetteer, start: int, run: str) -> list[Proposal]:
        """宋齐梁陈, 宋、齐、梁、陈: every name of a run of one-character periods in the order of
        time (清明 is a festival, not two dynasties), each once (元元 in 昇元元年 is no run);
        without 、 each must follow the one before within a century (陈元龙 and 吴清扬 are
        persons, not 陈 and 元), and there must be three (明清 is a pair)."""
        chars = run.replace("、", "")
        if len(set(chars)) < len(chars):
            return []
        out, last, listed = [], None, "、" in run
        contexts = {c for c, _ in _contexts()}
        for offset, char in enumerate(run):
            senses = self._senses(gazetteer, char, "PERIOD")
            if char == "、" or not senses or char in contexts:
                continue
            spans = [(e.start, e.end) for e in (gazetteer.entities[n.entity] for n in senses)
                     if e.start is not None and e.end is not None]
            nxt = _next_span(spans, last, listed)
            if last is not None and nxt is None:
                return []
            last = nxt if nxt is not None else last
            out.append(Proposal(start + offset, start + offset + 1, "PERIOD", senses, KB, 0.8))
        return out if len(out) >= 2 and (listed or len(out) > 2) else []

    @staticmethod
    def _senses(gazetteer, char: str, type_: str):
        return tuple(n for n in gazetteer.singles.get(char, ())
                     if gazetteer.entities[n.entity].type == type_)

    def _before_eras(self, norm: str, gazetteer, found) -> list[Proposal]:
        out = []
        for p in found:
            if p.start == 0 or norm[p.start - 1] not in gazetteer.singles:
                continue
            eras = [gazetteer.entities[n.entity] for n in p.senses]
            dynasties = _with_wholes({iri for e in eras if e.cls == "ReignEra"
                                      for iri in e.related}, gazetteer)
            senses = tuple(n for n in gazetteer.singles[norm[p.start - 1]]
                           if gazetteer.entities[n.entity].iri in dynasties)
            if senses:
                out.append(Proposal(p.start - 1, p.start, "PERIOD", senses, KB, 0.9))
        return out

    def _before_names(self, norm: str, gazetteer, found) -> list[Proposal]:
        """。明|朱元璋, 。宋|王安石: a dynasty at the start of a clause or after the 事见 that cites
        a source (事见清|钱大昕《…》), right before a KB name of a person of its time or of a
        place, is a name (the person's or the place's dynasty)."""
        out = []
        for p in found:
            at = p.start - 1
            if p.length < 2 or at < 0 or (at > 0 and norm[at - 1] not in _CLAUSE_ENDS
                                          and not norm.endswith(_CITING, 0, at)):
                continue
            kinds = [gazetteer.entities[n.entity] for n in p.senses]
            senses = tuple(n for n in self._senses(gazetteer, norm[at], "PERIOD")
                           if any(k.type == "PLACE" or k.type == "PERSON" and _overlap(
                               k, gazetteer.entities[n.entity]) for k in kinds))
            if senses:
                out.append(Proposal(at, at + 1, "PERIOD", senses, KB, 0.75))
        return out


def _overlap(person, dynasty) -> bool:
    spans = (person.start, person.end, dynasty.start, dynasty.end)
    return None in spans or (person.start <= dynasty.end and dynasty.start <= person.end)


def _with_wholes(dynasties: set[str], gazetteer) -> set[str]:
    """The dynasties and the dynasties they are part of: 宋 before 咸淳, an era of 南宋."""
    wholes = set()
    for iri in dynasties:
        at = gazetteer.index.get(iri)
        entity = gazetteer.entities[at] if at is not None else None
        if entity is not None and entity.cls == "Dynasty":
            wholes |= {r for r in entity.related if _is_dynasty(r, gazetteer)}
    return dynasties | wholes


def _is_dynasty(iri: str, gazetteer) -> bool:
    at = gazetteer.index.get(iri)
    return at is not None and gazetteer.entities[at].cls == "Dynasty"
