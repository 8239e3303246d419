"""KB names with a word beside them that changes the mention: 金陵城 is still 金陵 (a place with
城, 市, 府, 州 after its name: kg/linking/tables/place_extensions.tsv, but not where the
character starts a word: 南京|城市, 南京|市民), 康熙帝 is a person, not
the era 康熙 (era_persons.tsv), a reign era with a year count after it is a period whatever
overlaps its end (至大元年: not the dynasty's name 大元), and a courtesy or art name (or a
two-character alias) after its person's surname is that person by a name the KB need not list
(李太白, 杜子美, 王逸少, 张瑶星), as is one with 先生 or 居士 after it (简斋先生).
"""

from __future__ import annotations

import re
from functools import cache

from kg.linking.model import KB, Proposal
from kg.linking.name_lists import surnames
from kg.linking.tables import number, table

# a reign era's year count (元年, 十五载)
YEAR_COUNT = re.compile(r"(?:元|[一二三四五六七八九十廿卅]{1,4})[年载]")


@cache
def _places() -> dict[str, float]:
    return _longest_first({r["follow"]: number(r, "strength", "place_extensions")
                           for r in table("place_extensions")})


@cache
def _place_unless() -> dict[str, str]:
    """Extension -> the characters after which it starts a word instead (城|市)."""
    return {r["follow"]: r["unless"].strip("-") for r in table("place_extensions")}


@cache
def _emperors() -> dict[str, float]:
    return _longest_first({r["follow"]: number(r, "strength", "era_persons")
                           for r in table("era_persons")})


@cache
def _alone() -> frozenset[str]:
    """The words after which the era alone is the emperor (康熙南巡)."""
    return frozenset(r["follow"] for r in table("era_persons") if r["span"] == "name")


def _follow(norm: str, end: int, words: dict[str, float]) -> tuple[str, float] | None:
    """The first of ``words`` (longest first: `_longest_first`) that stands at ``end``."""
    for word in words:
        if norm.startswith(word, end):
            return word, words[word]
    return None


def _longest_first(words: dict[str, float]) -> dict[str, float]:
    return {w: words[w] for w in sorted(words, key=len, reverse=True)}


@cache
def _name_words() -> dict[str, tuple[str, ...]]:
    words: dict[str, list[str]] = {}
    for r in table("name_words"):
        words.setdefault(r["name"], []).append(r["word"])
    return {name: tuple(ws) for name, ws in words.items()}


def extension_in_word(norm: str, end: int) -> bool:
    """True when the place extension that ends at ``end`` starts a word with the next character
    instead (南京城|市, 南京市|民: place_extensions.tsv, column unless)."""
    unless = _place_unless().get(norm[end - 1:end], "") if end > 0 else ""
    return end < len(norm) and norm[end] in unless if unless else False


def in_word(norm: str, start: int, end: int) -> bool:
    """True when the name at [start, end) begins an everyday word of name_words.tsv (雨花|石)."""
    words = _name_words().get(norm[start:end])
    return words is not None and norm.startswith(words, start)


def extend(norm: str, found: list[Proposal], gazetteer) -> list[Proposal]:
    """The longer mentions that KB names with their next words make."""
    out = []
    entities = gazetteer.entities
    for p in found:
        if p.origin != KB:
            continue
        places = tuple(n for n in p.senses if entities[n.entity].type == "PLACE")
        word = _follow(norm, p.end, _places()) if places else None
        if word is not None and not extension_in_word(norm, p.end + len(word[0])):
            out.append(Proposal(p.start, p.end + len(word[0]), "PLACE", places, KB, word[1]))
        eras = any(entities[n.entity].cls == "ReignEra" for n in p.senses)
        if eras and p.type is None and YEAR_COUNT.match(norm, p.end):
            p.type = "PERIOD"  # typed by evidence, the era is no longer a weak name to resolve
        word = _follow(norm, p.end, _emperors()) if eras else None
        if word is not None:
            end = p.end if word[0] in _alone() else p.end + len(word[0])
            out.append(Proposal(p.start, end, "PERSON", (), "era.emperor", word[1]))
        out += _surnamed(norm, p, entities) + _honoured(norm, p, entities)
    return out


# what follows a courtesy or art name as part of the designation (简斋先生, 六一居士): all
# of two characters
_HONOURS = frozenset({"先生", "居士", "处士", "山人"})


def _honoured(norm: str, p: Proposal, entities) -> list[Proposal]:
    """简斋先生: a person's courtesy or art name with 先生, 居士, 处士 or 山人 after it is that
    person by the whole designation, unless a surname stands before it (唐士衡先生)."""
    word = norm[p.end:p.end + 2]
    if word not in _HONOURS or (p.start > 0 and norm[p.start - 1] in surnames()):
        return []  # 唐|士衡先生: a surname before it makes another person's name
    senses = tuple(n for n in p.senses if n.kind in ("courtesy", "art")
                   and entities[n.entity].type == "PERSON")
    return [Proposal(p.start, p.end + len(word), "PERSON", senses, KB, 0.9)] if senses else []


def _surnamed(norm: str, p: Proposal, entities) -> list[Proposal]:
    """李太白: the surname of a person right before one of his courtesy or art names, or a
    two-character alias (张瑶星: 瑶星 is a name the KB gives 张怡 without saying which)."""
    out = []
    named = [n for n in p.senses if (n.kind in ("courtesy", "art") or (
                 n.kind == "alias" and p.length == 2)) and entities[n.entity].type == "PERSON"]
    for size in (1, 2) if named else ():
        surname = norm[p.start - size:p.start] if p.start >= size else ""
        senses = tuple(n for n in named if (entities[n.entity].label or "").startswith(surname)
                       and len(entities[n.entity].label or "") > size) if surname else ()
        if senses:
            out.append(Proposal(p.start - size, p.end, "PERSON", senses, KB, 0.85))
    return out
