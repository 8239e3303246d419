"""Names the KB does not hold, from the linker's lists (`kg.linking.name_lists`): places of
China and of Chinese history, countries, China's counties, well-known persons of Chinese history
by name or famous designation (贺知章, 子房), named works cited without 《》 (后庭花) and
well-known organisations (汲古阁). The gazetteer's automaton finds them in the same pass as the
KB's names (this recogniser reads that pass); they link to no entity, and where the KB has the
same name, the KB's proposal takes the span (`kg.linking.resolve`).

A listed commandery or state before a noble rank is named without its 郡 or 国 (渤海郡王: 渤海).
A county's short name (德兴, 永嘉) counts only beside a word that makes it a place
(county_cues.tsv: 德兴人, 知全州) or right after a known place (京兆万年, 今福建霞浦): many are
words or phrases too. Left out: a person's designation that is also an everyday word (老子,
冰心), a name that straddles two everyday words (织女 in 纺织女工) or an office and a word
(曹参 in 仓曹参军) and a work on a poem's own title line.

>>> sorted((p.start, p.end) for p in Lexicon()("他从长安到杭州市", []))
[(2, 4), (5, 7), (5, 8)]
>>> [(p.start, p.end) for p in Lexicon()("德兴人。平和中正", [])]
[(0, 2)]
"""

from __future__ import annotations

from functools import cache

from spacy.util import registry

from kg.linking.affixes import extension_in_word
from kg.linking.automaton import NameAutomaton
from kg.linking.model import KB, Proposal
from kg.linking.name_lists import CUED, DESIGNATION, listed_names
from kg.linking.recognizers.naming import poem_lines
from kg.linking.recognizers.persons import office_words
from kg.linking.recognizers.suffixes import continuations
from kg.linking.tables import table

# a commandery or state, then a noble rank: the fief of a title (渤海郡王, 燕国公, 彭阳郡公)
_FIEFS = tuple(f"{unit}{rank}" for unit in "郡国" for rank in "王公侯伯")


@cache
def _cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(cues after a county's short name, cues before it), longest first."""
    rows = table("county_cues")
    return tuple(tuple(sorted((r["cue"] for r in rows if r["side"] == side), key=len,
                              reverse=True)) for side in ("after", "before"))


def _title_end(norm: str) -> int:
    """Where a poem's title line ends (0 for a text that is no poem)."""
    return norm.find("\n") if poem_lines(norm) is not None else 0


@cache
def _names():
    """The lists' own automaton, for a text the gazetteer has not scanned: value (length,
    type, kind of listed name)."""
    return NameAutomaton((name, (len(name), type_, kind)) for name, type_, kind in listed_names())


class Lexicon:
    """The name-list recogniser (``jinling.lexicon.v1``); a designation (子房) is less sure
    than a personal name (``designation_strength``)."""

    def __init__(self, strength: float = 0.75, designation_strength: float = 0.6):
        self.strength = strength
        self.designation_strength = designation_strength
        self.gazetteer = None
        self.words: frozenset[str] = frozenset()

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self.words = getattr(gazetteer, "words", frozenset())

    def _matches(self, norm: str):
        """(end - 1, (length, type, kind of listed name)) of each listed name: what the
        gazetteer's pass over this very text found, else a pass of the lists' own automaton."""
        listed = self.gazetteer.listed_scan(norm) if self.gazetteer is not None else None
        if listed is not None:
            return listed
        return [(end - 1, value) for _, end, value in _names().matches(norm)]

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        out, matches = [], list(self._matches(norm))
        place_ends = self._place_ends(found, matches)
        for last, (size, type_, kind) in matches:
            start = last + 1 - size
            end = last + 1
            if type_ == "PLACE" and norm.startswith(_FIEFS, end - 1) and end - start > 1:
                end -= 1  # 封渤海郡王, 燕国公: the title names the place without its 郡 or 国
            if kind == CUED and not self._cued(norm, start, end, place_ends):
                continue
            if self._kept(norm, start, end, type_, kind == DESIGNATION):
                out.append(Proposal(start, end, type_, (), f"lexicon.{type_.lower()}",
                                    self.designation_strength if kind == DESIGNATION
                                    else self.strength))
        return out

    def _place_ends(self, found: list[Proposal], matches: list) -> set[int]:
        """Where a known place ends: a KB name of a place, a listed place (not a cued one)."""
        ends = {last + 1 for last, (_, type_, kind) in matches
                if type_ == "PLACE" and kind != CUED}
        if self.gazetteer is not None:
            entities = self.gazetteer.entities
            ends.update(p.end for p in found if p.origin == KB and any(
                entities[n.entity].type == "PLACE" for n in p.senses))
        return ends

    def _cued(self, norm: str, start: int, end: int, place_ends: set[int]) -> bool:
        """True when a cue of county_cues.tsv stands right after or right before a county's
        short name (万年人, 知全州), or a known place right before it that is no everyday word
        (京兆万年; not 阳平|公安)."""
        after, before = _cues()
        if norm.startswith(after, end) or norm.endswith(before, 0, start):
            return True
        return start in place_ends and norm[start:end] not in self.words

    def _kept(self, norm: str, start: int, end: int, type_: str, designation: bool) -> bool:
        """No work on a poem's own title line, wherever it stands in it (金陵五题 乌衣巷, 杂曲歌辞
        长干行: the gold sets mark the place 长干 there), no designation that is an
        everyday word (老子), no place whose 市 or 城 starts a word (南京市|民) and no hall
        that names a court office (崇政殿|说书), no name that ends one everyday word or an
        office and starts the next (纺|织女|工, 仓|曹参|军), no person whose last character starts
        an office (李观|察)."""
        if type_ == "WORK" and (start == 0 or start < _title_end(norm)):
            return False
        if designation and norm[start:end] in self.words:
            return False
        if type_ == "PERSON" and norm[end - 1:end + 1] in office_words():
            return False  # 李|观察, 刘|隐士: a surname and an office, not the listed 李观, 刘隐
        if type_ == "PLACE" and extension_in_word(norm, end):
            return False  # 南京市|民: the listed 南京 is the name
        if type_ == "PLACE" and norm[end - 1] in _HALLS \
                and norm[end - 1:end + 1] in continuations():
            return False  # 崇政殿|说书: the hall's name is part of an office
        left = norm[start - 1:start + 1]
        return not (0 < start and end < len(norm) and norm[end - 1:end + 1] in self.words
                    and (left in self.words or left in office_words()))


_HALLS = "殿阁"  # a palace hall or pavilion that names a court office (崇政殿说书, 龙图阁待制)


@registry.misc("jinling.lexicon.v1")
def make_lexicon(strength: float = 0.75, designation_strength: float = 0.6) -> Lexicon:
    """Places and persons outside the KB from name lists (`Lexicon`)."""
    return Lexicon(strength, designation_strength)
