"""Overlap resolution: at most one proposal for each character of the text.

Longest first: 金陵图书馆 wins over the 金陵 inside it, and 南京市文化和旅游局 (a recogniser's
organisation) over the 南京 it begins with; but a KB name that starts inside an earlier KB name
of the same entity is dropped (孙中山先生: 孙中山, not the alias 中山先生 that starts in it). At
equal length a KB name wins over a rule's guess, then the stronger rule, then a KB name that is
more than a courtesy name or a reign era, then the earlier start. Before that, two cleanups:

- a rule's proposal and a KB name over the same span become the KB proposal, which takes the
  rule's type when one of its senses has it (孙中山 before 先生 is the person), and else
  ignores the rule (孙中山 is no place for ending in 山), except for a rule of
  ``_OVERRULING``, which then replaces the KB name (寿昌 in a list of places is no era,
  《乌衣巷》 no place);
- a rule's place that only adds characters in front of a KB place (着秦淮河 for the KB's
  秦淮河) is dropped, so a poor left boundary never hides a KB name; so is a rule's person
  that starts where a KB person's name starts (谢安两 for the KB's 谢安), unless the rule is
  sure of it (退休教师王建国 is not the KB's 王建);
- so is a rule's guess that only adds characters before an item of a list of places (复黄州
  in 收复黄州、寿昌等地);
- a rule's place that only adds characters before a person's name as sure as it or surer
  (徒弟汤晓峰: the guessed place 弟汤晓峰, for ending in 峰) is dropped too.

>>> from kg.linking.model import Proposal
>>> kb, rule = Proposal(2, 5, None, ()), Proposal(1, 5, "PLACE", (), "suffix", 0.6)
>>> [(p.start, p.end) for p in resolve([kb, Proposal(2, 4, None, ()), rule], "去秦淮河边走走。")]
[(1, 5)]
"""

from __future__ import annotations

from kg.linking.confidence import WEAK_KINDS
from kg.linking.model import KB, Proposal


def _merge_same_spans(proposals: list[Proposal], gazetteer) -> list[Proposal]:
    """A rule's proposal over a KB name's span: the KB name stays; it takes the rule's type
    only when one of its senses has that type (孙中山 is no place for being followed by 山)."""
    kb_spans = {(p.start, p.end): p for p in proposals if p.origin == KB}
    kept, overruled = [], set()
    for p in proposals:
        twin = kb_spans.get((p.start, p.end)) if p.origin != KB else None
        if twin is None:
            kept.append(p)
        elif twin.type is None and _has_type(twin, p.type, gazetteer):
            twin.type, twin.strength = p.type, max(p.strength, twin.strength)
        elif p.origin in _OVERRULING and not _has_type(twin, p.type, gazetteer) \
                and not _has_type(twin, "EVENT", gazetteer):
            kept.append(p)
            overruled.add(id(twin))
        elif p.origin.startswith(SECOND_OPINIONS) and _weak(twin, gazetteer):
            kept.append(p)  # 长安 the era or the city: the disambiguator may give it back
    return [p for p in kept if id(p) not in overruled]


# rules whose evidence outweighs a KB name of another type over the same span (but an
# event's: 《南京条约》 is the KB's treaty): an item of 收复黄州、寿昌等地 is a place, whatever else
# the KB calls 寿昌; a whole title in 《》 is a work (《乌衣巷》, a poet's 《洪崖》 named after
# his art name)
_OVERRULING = frozenset({"place.list", "work.title"})
_LIST_ITEMS = frozenset({"place.list"})  # the items of a list of places (复黄州 over 黄州)
# rules whose proposal stays beside a weak KB name of the same span (a reign era's, a courtesy
# name's) for the disambiguator to weigh: the lists (长安), a place by its context (长乐 (今属福建))
SECOND_OPINIONS = ("lexicon.", "place.")


def _has_type(p: Proposal, type_: str | None, gazetteer) -> bool:
    if gazetteer is None:
        return True
    return any(gazetteer.entities[n.entity].type == type_ for n in p.senses)


def _kb_type_ends(proposals: list[Proposal], gazetteer) -> dict[int, list[tuple[int, set]]]:
    ends: dict[int, list[tuple[int, set]]] = {}
    for p in proposals:
        if p.origin == KB and p.senses:
            types = {gazetteer.entities[n.entity].type for n in p.senses} if gazetteer else set()
            ends.setdefault(p.end, []).append((p.start, types))
    return ends


def _hides_kb_name(p: Proposal, ends: dict[int, list[tuple[int, set]]],
                   places: set[tuple[int, int]], norm: str) -> bool:
    """A rule's place that only adds characters before a KB place's name (着秦淮河), or a
    rule's organisation that only adds a place before a KB organisation's name (四牌楼|东南大学),
    unless that place is a city or province by its full name (南京市|鼓楼区图书馆 is the
    library's official name); a person's name may well end in a KB name (郭 + 子明)."""
    if p.origin == KB or p.type not in ("PLACE", "ORGANIZATION"):
        return False
    return any(start > p.start and p.type in types and (
        p.type == "PLACE" or ((p.start, start) in places and not _seat(norm, p.start, start)))
        for start, types in ends.get(p.end, ()))


def _seat(norm: str, start: int, end: int) -> bool:
    return end - start >= 3 and norm[end - 1] in _SEATS


_SEATS = "市省"  # the full name of a city or province ends so


def _list_ends(proposals: list[Proposal]) -> dict[int, int]:
    return {p.end: p.start for p in proposals if p.origin in _LIST_ITEMS}


def _overreaches_list(p: Proposal, ends: dict[int, int]) -> bool:
    """A rule's guess that only adds characters before an item of a list of places (复黄州
    for 黄州 in 收复黄州、寿昌等地)."""
    return p.origin != KB and p.origin not in _LIST_ITEMS and ends.get(p.end, p.start) > p.start


def _person_ends(proposals: list[Proposal], gazetteer) -> dict[int, list[Proposal]]:
    ends: dict[int, list[Proposal]] = {}
    for p in proposals:
        if p.type == "PERSON" or (p.origin == KB and _has_type(p, "PERSON", gazetteer)
                                  and p.senses):
            ends.setdefault(p.end, []).append(p)
    return ends


def _addressee_starts(proposals: list[Proposal]) -> dict[int, list[Proposal]]:
    starts: dict[int, list[Proposal]] = {}
    for p in proposals:
        if p.origin == "naming.addressee":
            starts.setdefault(p.start, []).append(p)
    return starts


def _swallows_person(p: Proposal, ends: dict[int, list[Proposal]],
                     starts: dict[int, list[Proposal]]) -> bool:
    """A rule's place that only adds characters before a person's name at least as sure of
    itself (的徒弟汤晓峰: 弟汤晓峰 for ending in 峰 is a guess; the person is the mention), or
    after a poem's addressee with his office (同|房侍御|山园: no place 房侍御山)."""
    return p.origin != KB and p.type == "PLACE" and (any(
        q.start > p.start and q.strength >= p.strength for q in ends.get(p.end, ())) or any(
        q.end < p.end and q.strength >= p.strength for q in starts.get(p.start, ())))


def _kb_starts(proposals: list[Proposal], gazetteer) -> dict[int, set]:
    starts: dict[int, set] = {}
    for p in proposals:
        if p.origin == KB and p.senses and gazetteer is not None:
            starts.setdefault(p.start, set()).update(
                gazetteer.entities[n.entity].type for n in p.senses)
    return starts


# a rule's person at least this sure keeps its span over a KB person's name it begins with
# (退休教师王建国: a title before and a boundary after, not the KB's 王建 and a guess)
_SURE_PERSON = 0.8
# names the KB or a list of names gives whole, not guesses (张守珪 of the list over the KB's 张守)
_LISTED = (KB, "lexicon.person")


def _weak(p: Proposal, gazetteer) -> bool:
    """A KB proposal whose every name is a courtesy, art or given name, or a reign era's: of two
    KB names of one length that overlap, the other wins (文益 over the courtesy name 师文 in
    师文益, 两汉 over the era 汉兴 in 两汉兴亡); a name the evidence gave a type (an era with a year
    count: 至大元年) is not weak."""
    if p.origin != KB or not p.senses or p.type is not None:
        return False
    return all(n.kind in WEAK_KINDS or (gazetteer is not None and
                                        gazetteer.entities[n.entity].cls == "ReignEra")
               for n in p.senses)


def _restated(proposals: list[Proposal]) -> set[int]:
    """The ids of KB proposals that start inside an earlier KB name of the same entities and
    run past it (孙|中山先生 after 孙中山): the name as written starts first."""
    late, open_ = set(), []  # open_: the KB names that the current start may be inside
    for p in sorted((p for p in proposals if p.origin == KB and p.senses), key=_start):
        open_ = [q for q in open_ if q.end > p.start]
        if any(q.start < p.start and q.end < p.end and _same_entities(p, q) for q in open_):
            late.add(id(p))
        open_.append(p)
    return late


def _start(p: Proposal) -> int:
    return p.start


def _same_entities(p: Proposal, q: Proposal) -> bool:
    """Every entity ``p`` may name, ``q`` may name too."""
    return {n.entity for n in p.senses} <= {n.entity for n in q.senses}


def resolve(proposals: list[Proposal], norm: str, gazetteer=None) -> list[Proposal]:
    """The proposals that win their stretch of ``norm`` (the normalised text), in text order."""
    late = _restated(proposals)
    proposals = _merge_same_spans([p for p in proposals if id(p) not in late], gazetteer)
    ends, lists = _kb_type_ends(proposals, gazetteer), _list_ends(proposals)
    proposals = [p for p in proposals if not _overreaches_list(p, lists)]
    if gazetteer is not None:
        starts = _kb_starts(proposals, gazetteer)
        persons = _person_ends(proposals, gazetteer)
        addressees = _addressee_starts(proposals)
        places = {(p.start, p.end) for p in proposals if p.type == "PLACE"} | {
            (start, end) for end, named in ends.items() for start, types in named
            if "PLACE" in types}
        proposals = [p for p in proposals if not _hides_kb_name(p, ends, places, norm)
                     and not _swallows_person(p, persons, addressees)
                     and not (p.origin not in _LISTED and p.type == "PERSON"
                              and "PERSON" in starts.get(p.start, ())
                              and p.strength < _SURE_PERSON)]
    ranked = sorted(proposals, key=lambda p: (-p.length, p.origin != KB, -p.strength,
                                              _weak(p, gazetteer), p.start))
    taken = bytearray(len(norm))
    chosen = []
    for p in ranked:
        if p.length > 0 and not any(taken[p.start:p.end]):
            taken[p.start:p.end] = b"\x01" * p.length
            chosen.append(p)
    chosen.sort(key=lambda p: p.start)
    return chosen
