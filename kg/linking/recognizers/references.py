"""Persons the text refers back to by part of a name (``jinling.references.v1``).

Once a text has named a person in full, classical prose goes on with the given name alone, and
says kin by a kinship word and one character:

- the one-character given name of a two-character name (徐铉 … 铉以文进; 柳浑 … 浑辅政), or a
  one-character subject (郢,金陵人 … 郢由是知名), where it heads a clause before a verb or adverb
  of given_name_contexts.tsv;
- the one-character surname of a person named just before, where it heads a clause the same
  way (识赵孟頫，赵为其诗作序), but not 王, the prince as often;
- a character beside a kinship word (kin_words.tsv) that makes, with the surname of a person the
  text names, a KB person's name (与弟锴俱有名: 徐锴).

It runs after the recognisers that find full names (its name sorts after ``persons``), so the
persons it refers back to are the KB's and those of every rule before it.

>>> from kg.linking.model import Proposal
>>> named = [Proposal(1, 3, "PERSON", (), "naming.frame", 0.7)]
>>> [(p.start, p.end) for p in References()("与柳浑、李泌善。浑辅政", named)]
[(8, 9)]
"""

from __future__ import annotations

import re
from functools import cache

from spacy.util import registry

from kg.linking.kb import Name
from kg.linking.model import KB, Proposal
from kg.linking.name_lists import NAME, listed_names
from kg.linking.recognizers.naming import BREAK, poem_lines
from kg.linking.recognizers.persons import (
    clause_adverbs,
    cues,
    is_han,
    kb_persons,
    occurrences,
    office_words,
    stops,
    surname_of,
    surnames,
)
from kg.linking.tables import table


class References:
    """The references recogniser (``jinling.references.v1``)."""

    def __init__(self, given_strength: float = 0.7):
        self.given_strength = given_strength
        self.gazetteer = None
        self._members: tuple[int, dict] = (0, {})

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        named = [p for p in found if p.type == "PERSON" and p.origin != KB]
        persons = kb_persons(found, self.gazetteer) + named
        out = self._given(norm, persons, found)
        out += self._surnamed(norm, persons, {(p.start, p.end) for p in out + found})
        # a kinsman's name is a KB name: only the surnames of surer names lead to it
        # (拜平章事 as a person would make 平 a family, and 补国子 刘宰's 平国)
        families = [p for p in persons if p.origin == KB or p.origin.startswith("naming.")]
        # a pattern's kinsman (人。颂子。) knows no family: the KB's kinsman may take his place
        taken = {(p.start, p.end) for p in out + found if p.origin != "pattern"}
        out += self._kin(norm, families + out, taken)
        return out + self._kinsmen(norm, found) + self._ancestors(norm, found) \
            + self._bracketed(norm, persons)

    def _bracketed(self, norm: str, persons: list[Proposal]) -> list[Proposal]:
        """程晋芳(鱼门): a courtesy or art name of two or three characters in brackets right
        after a person's name is that person, unless it is an everyday word, a name the
        gazetteer knows as something else or an editor's note (一作赜, 题拟)."""
        out = []
        for p in persons:
            close = norm.find(")", p.end, p.end + 5) if norm.startswith("(", p.end) else -1
            name = norm[p.end + 1:close] if close > 0 else ""
            if not 2 <= len(name) <= 3 \
                    or not all(map(is_han, name)) or name in self._words() \
                    or name[0] in _NOTE_OPENERS or any(c in _NOTE_WORDS for c in name) \
                    or (self.gazetteer is not None and self.gazetteer.lookup(name)):
                continue
            senses = self._given_senses(p, name)
            out.append(Proposal(p.end + 1, close, "PERSON", senses,
                                KB if senses else "naming.given", self.given_strength))
        return out

    def _words(self) -> frozenset[str]:
        return getattr(self.gazetteer, "words", frozenset())

    def _given(self, norm: str, persons: list[Proposal], found: list[Proposal]
               ) -> list[Proposal]:
        """The given name of a two-character name (or a one-character subject: 郢, or a monk's
        name after his hill: 天衣怀禅师), alone at the head of a clause."""
        given: dict[str, tuple[Name, ...]] = {}
        for p in persons:
            name = norm[p.start:p.end]
            if len(name) == 1 and p.origin == "naming.subject":
                given.setdefault(name, ())  # 郢,金陵人 … 郢由是知名
            elif p.origin == "naming.monk" and (char := _monk_given(name)) is not None:
                given.setdefault(char, ())  # 依天衣怀禅师。怀殁
            elif (char := _one_given(name)) is not None:
                senses = self._given_senses(p, char)
                if p.origin == KB and not senses:
                    continue  # a designation's tail is no given name (朱|子, 温|八叉)
                given[char] = given.get(char, ()) + senses
        taken = {(p.start, p.end) for p in persons}
        out = []
        for char, senses in sorted(given.items()):
            for at in occurrences(norm, char):
                if (at, at + 1) not in taken and self._heads_clause(norm, at):
                    out.append(Proposal(at, at + 1, "PERSON", senses,
                                        KB if senses else "naming.given", self.given_strength))
        return out

    def _surnamed(self, norm: str, persons: list[Proposal], taken: set[tuple[int, int]]
                  ) -> list[Proposal]:
        """识赵孟頫，赵为其诗作序: the surname alone of a person named just before, at the head
        of a clause, stands for him."""
        out = []
        for p in persons:
            name = norm[p.start:p.end]
            family = surname_of(name)
            if family is None or len(family) != 1 or len(name) > 3 or family in _NOT_ALONE:
                continue
            senses = self._given_senses(p, family) if p.origin == KB else ()
            if p.origin == KB and not senses:
                continue
            for offset in occurrences(norm[p.end:p.end + _BACK_REACH], family):
                at = p.end + offset
                if (at, at + 1) not in taken and self._heads_clause(norm, at):
                    taken.add((at, at + 1))
                    out.append(Proposal(at, at + 1, "PERSON", senses,
                                        KB if senses else "naming.given", self.given_strength))
        return out

    def _kin(self, norm: str, persons: list[Proposal], taken: set[tuple[int, int]]
             ) -> list[Proposal]:
        """与弟锴俱有名: a character beside a kinship word (kin_words.tsv) that makes, with the
        surname of a person the text names, a KB person's name is that person (徐锴); a listed
        person's name (与父洵: 苏洵), a person the KB does not know, when the character stands
        alone there and not in a poem's lines (寂子|机, 遣子|寻故岑)."""
        if self.gazetteer is None:
            return []
        members, listed = self._families(), _listed_families()
        named_families = {surname_of(norm[p.start:p.end]) for p in persons}
        families = sorted(named_families & members.keys())
        named = sorted(named_families & listed.keys())
        lines = poem_lines(norm)
        out = []
        for at, alone in _kin_positions(norm, self._words()) if families or named else ():
            senses = tuple(n for family in families for n in members[family].get(norm[at], ()))
            if (at, at + 1) in taken:
                continue
            if senses:
                out.append(Proposal(at, at + 1, "PERSON", senses, KB, self.given_strength))
            elif alone and (lines is None or at < lines) \
                    and any(norm[at] in listed[family] for family in named):
                out.append(Proposal(at, at + 1, "PERSON", (), "naming.kin", self.given_strength))
        return out

    def _kinsmen(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """弟崇简, 废兄弘倧, 裔孙复贞等, 勃父福畤, 曾祖依艺为巩令: a kinsman the KB need not
        hold, by two characters right after a kinship word (a given name, or a surname and a
        one-character name: 父张枢), where a list, a clause's end, an adverb or a verb that
        follows a given name closes them; not in a poem's lines (nor after 子 in its title: 送许
        子擢第), not an everyday word (弟子, 子孙, 宦游) or an office (国子|主簿)."""
        lines = poem_lines(norm)
        words, offices = self._words(), office_words()
        taken = {p.start for p in found if p.type == "PERSON" or p.origin == KB}
        out = []
        for m in _kinsman_regex().finditer(norm):
            at, name = m.start(2), m.group(2)
            if lines is not None and (at >= lines or m.group(1) == "子"):
                continue  # a poem's title says 子 of the man it honours (送许子|擢第)
            # 六世孙斌|始为刊刻: an adverb after a one-character name ends no two-character one
            if at in taken or name in words or name[1] in clause_adverbs() \
                    or name in offices or norm[m.start(1) - 1:m.start(1) + 1] in words \
                    or (m.group(1) + name[0]) in words or any(c in stops() for c in name):
                continue
            out.append(Proposal(at, at + 2, "PERSON", (), "naming.kin", _KINSMAN_STRENGTH))
            out += _siblings(norm, at + 2, name[0])
        return out + self._lone_kinsmen(norm, taken | {p.start for p in out}, lines)

    def _lone_kinsmen(self, norm: str, taken: set[int], lines: int | None) -> list[Proposal]:
        """其子庸辑为, 以弟顗病, 与弟缙俱: a kinsman by one character (_lone_kinsman_regex), not
        in a poem's lines, not a character that names no one (以父荫, 其子孙皆), a stop or an
        everyday word's start."""
        words, out = self._words(), []
        for m in _lone_kinsman_regex().finditer(norm):
            at = m.start(1)
            if at in taken or (lines is not None and at >= lines) or norm[at] in _no_names() \
                    or norm[at] in stops() or norm[at:at + 2] in words:
                continue
            out.append(Proposal(at, at + 1, "PERSON", (), "naming.kin", _KINSMAN_STRENGTH))
        return out

    def _ancestors(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """宰相彦博裔孙, 吴越王俶之子, 杜陵人,见素之后: an ancestor by a given name of one or two
        characters before a word of descent (ancestry_words.tsv), after a title or a clause's
        start; not in a poem's lines, not an everyday word or a stop."""
        lines, words = poem_lines(norm), self._words()
        taken = {(p.start, p.end) for p in found if p.type == "PERSON" or p.origin == KB}
        out = []
        for m in _descent_regex().finditer(norm):
            if lines is not None and m.start() >= lines:
                continue
            for size in (2, 1):
                at = m.start() - size
                name = norm[max(at, 0):m.start()]
                if at >= 0 and _titled_or_opened(norm, at) and name not in words \
                        and all(is_han(c) and c not in stops() for c in name):
                    if (at, m.start()) not in taken:
                        out.append(Proposal(at, m.start(), "PERSON", (), "naming.kin",
                                            _KINSMAN_STRENGTH))
                    break
        return out

    def _families(self) -> dict[str, dict[str, tuple[Name, ...]]]:
        """Surname -> one-character given name -> the KB persons so named (徐 -> 锴 -> 徐锴),
        once per gazetteer."""
        if self._members[0] != id(self.gazetteer):
            members: dict[str, dict[str, tuple[Name, ...]]] = {}
            for text, senses in zip(self.gazetteer.texts, self.gazetteer.senses, strict=True):
                family, char = surname_of(text), text[-1]
                # a person's own name, not a designation (祖龙: no 龙 of a family 祖)
                people = tuple(Name(char, n.entity, "given", 0.7) for n in senses
                               if n.kind == "pref"
                               and self.gazetteer.entities[n.entity].type == "PERSON")
                if family and len(text) == len(family) + 1 and people and char not in stops():
                    members.setdefault(family, {})[char] = people
            self._members = (id(self.gazetteer), members)
        return self._members[1]

    def _given_senses(self, p: Proposal, char: str) -> tuple[Name, ...]:
        if p.origin != KB or self.gazetteer is None:
            return ()
        return tuple(Name(char, n.entity, "given", 0.7) for n in p.senses
                     if n.kind == "pref" and self.gazetteer.entities[n.entity].type == "PERSON")

    def _heads_clause(self, norm: str, at: int) -> bool:
        """At the head of a clause (after punctuation or 时, 闻 …) and before a verb or adverb
        of given_name_contexts.tsv (铉以文进, 伸已卒), not inside an everyday word."""
        before, after = _given_contexts()
        if at + 1 >= len(norm) or norm[at + 1] not in after:
            return False
        if at > 0 and norm[at - 1] not in BREAK and norm[at - 1] not in before:
            return False
        words = self._words()
        return norm[at:at + 2] not in words and norm[at - 1:at + 1] not in words


# what opens or holds an editor's note in brackets rather than a name (一作赜, 题拟, 丙辰岁)
_NOTE_OPENERS = "一又或即今原本"
_NOTE_WORDS = "岁年拟题作名字号"
# how far after a full name its surname alone may stand for it (识赵孟頫，赵为其诗作序)
_BACK_REACH = 40
# surnames that alone are a title or a pronoun more often than a man (王: the prince)
_NOT_ALONE = frozenset("王公")


@cache
def _given_contexts() -> tuple[frozenset[str], frozenset[str]]:
    rows = table("given_name_contexts")
    return (frozenset(r["char"] for r in rows if r["position"] == "before"),
            frozenset(r["char"] for r in rows if r["position"] == "after"))


def _monk_given(name: str) -> str | None:
    """The last character of a monk's name before his title, which stands for him (天衣|怀|禅师:
    怀), when a hill or temple precedes it; else None."""
    bare = name.removesuffix("禅师").removesuffix("法师").removesuffix("上人")
    if len(bare) >= 2 and bare != name and bare[-1] not in stops():
        return bare[-1]
    return None


def _one_given(name: str) -> str | None:
    """The one-character given name of 徐铉 or, with a compound surname, 皇甫冉; else None."""
    family = surname_of(name)
    if family and len(name) == len(family) + 1 and name[-1] not in stops():
        return name[-1]
    return None


@cache
def _listed_families() -> dict[str, frozenset[str]]:
    """Surname -> the one-character given names of the listed persons of that family
    (historic_persons.tsv, poets.tsv: 苏 -> 洵)."""
    families: dict[str, set[str]] = {}
    for name, type_, kind in listed_names():
        family = surname_of(name)
        if type_ == "PERSON" and kind == NAME and family and len(name) == len(family) + 1 \
                and name[-1] not in stops():
            families.setdefault(family, set()).add(name[-1])
    return {family: frozenset(chars) for family, chars in families.items()}


@cache
def _kin_words() -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    rows = [r for r in table("kin_words") if r["position"] in ("before", "after")]
    words = sorted({r["word"] for r in rows}, key=len, reverse=True)
    return (re.compile("|".join(words)),
            frozenset(r["word"] for r in rows if r["position"] == "before"),
            frozenset(r["word"] for r in rows if r["position"] == "after"))


# a kinsman named after a kinship word is surer than a listed name that starts inside the word
# (裔孙复贞 is no 孙复 of the Song)
_KINSMAN_STRENGTH = 0.8


@cache
def _ancestry() -> tuple[tuple[str, ...], frozenset[str]]:
    rows = table("ancestry_words")
    return (tuple(r["word"] for r in rows if r["kind"] == "after"),
            frozenset(r["word"] for r in rows if r["kind"] == "title_end"))


@cache
def _descent_regex() -> re.Pattern:
    """A word of descent that a clause's end or 也 closes (之后。, 九世孙。)."""
    words = "|".join(sorted(_ancestry()[0], key=len, reverse=True))
    return re.compile(f"(?:{words}|[一二三四五六七八九十]世孙)(?=[，。；,;也)）]|$)")


def _titled_or_opened(norm: str, at: int) -> bool:
    """A clause starts at ``at``, or a title (person_cues.tsv) or a rank (王, 相: ancestry_words)
    ends there."""
    if at == 0 or norm[at - 1] in BREAK:
        return True
    return norm[at - 1] in _ancestry()[1] or any(
        norm[max(at - size, 0):at] in cues() for size in (2, 3))


def _siblings(norm: str, at: int, generation: str) -> list[Proposal]:
    """弟崇礼、崇粲: the brothers listed after a kinsman, whose given names share his first
    character (the generation's), each of two characters."""
    out = []
    while norm.startswith("、" + generation, at) and at + 3 <= len(norm) \
            and is_han(norm[at + 2]) and norm[at + 2] not in stops():
        out.append(Proposal(at + 1, at + 3, "PERSON", (), "naming.kin", _KINSMAN_STRENGTH))
        at += 3
    return out


@cache
def _kinsman_regex() -> re.Pattern:
    """A kinship word of kin_words.tsv that stands before a name (but 孙, a surname as
    often), two characters, and what closes them: 、, 等, 与, a clause's end, an adverb that
    opens a predicate (clause_adverbs.tsv) or a verb after a given name (given_name_contexts.tsv:
    为, 卒, 以 …)."""
    words = sorted((r["word"] for r in table("kin_words") if r["position"] == "before"
                    and r["word"] not in surnames()),
                   key=len, reverse=True)
    adverbs = "".join(sorted(clause_adverbs() | _given_contexts()[1] | _kin_deeds()))
    return re.compile(f"({'|'.join(words)})([\u4e00-\u9fff]{{2}})(?=[、等与，。；,;]|[{adverbs}])")


@cache
def _kin_deeds() -> frozenset[str]:
    return frozenset(r["word"] for r in table("kin_words") if r["position"] == "deed")


@cache
def _no_names() -> frozenset[str]:
    return frozenset(r["word"] for r in table("kin_words") if r["position"] == "no_name")


@cache
def _lone_kinsman_regex() -> re.Pattern:
    """A kinsman by a one-character given name: a kinship word of two characters or more, or
    one after an opener (其子, 以父), then the character, then a verb that a kinsman's name
    takes in a biography or an adverb that opens a predicate (其子|庸|辑为, 六世孙|斌|始为)."""
    rows = table("kin_words")
    kin = [r["word"] for r in rows if r["position"] == "before" and r["word"] not in surnames()]
    openers = "".join(r["word"] for r in rows if r["position"] == "opener")
    words = [w for w in kin if len(w) > 1] + [f"[{openers}]{w}" for w in kin if len(w) == 1]
    closers = "".join(sorted(clause_adverbs() | _given_contexts()[1] | _kin_deeds()))
    words.sort(key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(words)})([\u4e00-\u9fff])(?=[{closers}])")


def _kin_positions(norm: str, words: frozenset[str]) -> list[tuple[int, bool]]:
    """Where a character stands beside a kinship word of kin_words.tsv (弟|锴, 桧|兄), but
    not after a one-character word that ends an everyday word (太子|宾客); with whether the
    character stands alone there: no Han character goes on after 弟|锴 but a stop or another
    kinship word (与父|洵、, 与父|洵|弟辙), and 桧|兄 opens a clause or follows a title
    (宰相|崇|曾孙), not an everyday word (园|子)."""
    regex, before, after = _kin_words()
    found = []
    for m in regex.finditer(norm):
        at = m.end()
        if m.group() in before and at < len(norm) and not (
                len(m.group()) == 1 and norm[m.start() - 1:at] in words):
            found.append((at, at + 1 == len(norm) or not is_han(norm[at + 1])
                          or norm[at + 1] in stops() or regex.match(norm, at + 1) is not None))
        at = m.start() - 1
        if m.group() in after and at >= 0:
            found.append((at, _titled_or_opened(norm, at) and norm[at:m.end()] not in words))
    return [(at, alone) for at, alone in found if is_han(norm[at])]


@registry.misc("jinling.references.v1")
def make_references(given_strength: float = 0.7) -> References:
    """Persons referred back to by a given name or beside a kinship word (`References`)."""
    return References(given_strength)
