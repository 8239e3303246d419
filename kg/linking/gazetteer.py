"""The gazetteer: every KB name in one character-level automaton, independent of segmentation.

Names are matched in the normalised text (simplified, half-width) with an Aho-Corasick
automaton (`kg.linking.automaton`), so a name is found wherever its characters stand,
whatever a word segmenter would have made of them. Every match is reported, overlapping ones
too; choosing among overlaps is the resolver's job. One-character names (明, 清, 宁) are kept
apart: they count only in the contexts of kg/linking/tables/single_contexts.tsv.

Aliases of a period that are another of its names with a period before it (明永乐, 北宋建隆)
or a generic ending after it (民国时期; name_tails.tsv) are left out: the text's 明永乐 is two
mentions, 明 and 永乐, and 民国时期 is 民国. Each name's commonness as an everyday word
(`kg.linking.lexicon`) is kept for the disambiguator.

>>> from kg.linking.kb import Entity, KnowledgeBase, Name
>>> kb = KnowledgeBase([Entity("e:1", "PLACE", "Place", "秦淮河"),
...                     Entity("e:2", "PERIOD", "Dynasty", "明")],
...                    [Name("秦淮河", 0, "pref", 1.0), Name("秦淮", 0, "alt", 0.85),
...                     Name("明", 1, "pref", 1.0)])
>>> gaz = Gazetteer(kb)
>>> [(s, e, gaz.texts[n]) for s, e, n in gaz.find("沿着秦淮河走")]
[(2, 4, '秦淮'), (2, 5, '秦淮河')]
>>> gaz.singles["明"][0].entity
1
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from kg.linking.automaton import NameAutomaton
from kg.linking.kb import Entity, KnowledgeBase, Name
from kg.linking.lexicon import commonness, everyday_nouns, everyday_words
from kg.linking.name_lists import listed_names
from kg.linking.tables import column


@cache
def _tails() -> tuple[str, ...]:
    return tuple(column("name_tails", "tail"))


def compounds(kb: KnowledgeBase) -> set[tuple[str, int]]:
    """(name, entity) pairs of a period that are another name of it with a period's name
    before it (明永乐) or a generic ending after it (民国时期)."""
    by_entity: dict[int, set[str]] = defaultdict(set)
    for name in kb.names:
        by_entity[name.entity].add(name.text)
    periods = {n.text for n in kb.names if kb.entities[n.entity].type == "PERIOD"}
    dropped = set()
    for entity, texts in by_entity.items():
        if kb.entities[entity].type != "PERIOD":
            continue
        for text in texts:
            if any(text == other + tail for other in texts for tail in _tails()) or any(
                    len(other) >= 2 and text.endswith(other) and text[:-len(other)] in periods
                    for other in texts if other != text):
                dropped.add((text, entity))
    return dropped


class Gazetteer:
    """KB entities, their names by normalised text, and the automaton over the names."""

    def __init__(self, kb: KnowledgeBase, *, min_length: int = 2):
        self.entities: list[Entity] = kb.entities
        self.index: dict[str, int] = kb.index()
        by_text: dict[str, list[Name]] = defaultdict(list)
        dropped = compounds(kb)
        for name in kb.names:
            if (name.text, name.entity) not in dropped:
                by_text[name.text].append(name)
        self.common: dict[str, float] = commonness(by_text)
        self.words: frozenset[str] = everyday_words()
        self.nouns: frozenset[str] = everyday_nouns()  # read with the words, pickled with them
        self.texts: list[str] = []
        self.senses: list[tuple[Name, ...]] = []
        self.singles: dict[str, tuple[Name, ...]] = {}
        self.numbers: dict[str, int] = {}  # KB name -> its number
        self.weak: frozenset[int] = frozenset()
        self.listed: list[tuple[int, str, str]] = []  # (length, type, kind) by -1 - value
        self.also_listed: dict[int, tuple[int, str, str]] = {}  # KB name number -> the same
        self.listed_in: tuple[str, list] | None = None  # the last text scanned, its listed names
        for text in sorted(by_text):
            senses = tuple(sorted(by_text[text], key=lambda n: (-n.prior, n.entity)))
            if len(text) < min_length:
                self.singles[text] = senses
                continue
            self.numbers[text] = len(self.texts)
            self.texts.append(text)
            self.senses.append(senses)
        listed = self._add_listed(by_text, min_length)
        self.automaton = NameAutomaton([*self.numbers.items(), *listed])
        self.weak = frozenset(n for n, senses in enumerate(self.senses)
                              if len(self.texts[n]) == 2 and all(
                                  s.kind != "pref" or self.entities[s.entity].cls == "ReignEra"
                                  for s in senses))

    def _add_listed(self, by_text: dict, min_length: int) -> list[tuple[str, int]]:
        """The names of the linker's lists that no KB name has (`kg.linking.name_lists`), under
        negative values: one pass over a text then finds both."""
        out = []
        for text, type_, kind in listed_names():
            if text in self.numbers:  # a KB name too: the match yields both
                self.also_listed[self.numbers[text]] = (len(text), type_, kind)
            elif text not in by_text and len(text) >= min_length:
                out.append((text, -1 - len(self.listed)))
                self.listed.append((len(text), type_, kind))
        return out

    def straddles(self, norm: str, start: int, end: int, number: int) -> bool:
        """True when a two-character name that is only an alias, a courtesy name or a reign era
        is the end of one everyday word and the start of the next (全国图书馆 holds no 国图,
        搭建文献 no era 建文).

        >>> from kg.linking.kb import Entity, KnowledgeBase, Name
        >>> gaz = Gazetteer(KnowledgeBase([Entity("e:1", "PERIOD", "ReignEra", "建文")],
        ...                               [Name("建文", 0, "pref", 1.0)]))
        >>> gaz.words = frozenset({"搭建", "文献"})
        >>> gaz.straddles("搭建文献", 1, 3, 0), gaz.straddles("明代建文年间", 2, 4, 0)
        (True, False)
        """
        return number in self.weak and 0 < start and end < len(norm) and \
            norm[start - 1:start + 1] in self.words and norm[end - 1:end + 1] in self.words

    def find(self, norm: str) -> list[tuple[int, int, int]]:
        """Every match in the normalised text: (start, end, name number), by start."""
        also, found, listed = self.also_listed, [], []
        for start, end, n in self.automaton.matches(norm):
            if n >= 0:
                found.append((start, end, n))
                if n in also:
                    listed.append((end - 1, also[n]))
            else:
                listed.append((end - 1, self.listed[-1 - n]))
        self.listed_in = (norm, listed)  # for the lexicon recogniser, which comes next
        found.sort()
        return found

    def listed_scan(self, norm: str) -> list | None:
        """The listed names ``find`` met in this very text, as (end - 1, (length, type, kind of
        listed name)); None for another text."""
        scanned = self.listed_in
        return scanned[1] if scanned is not None and scanned[0] is norm else None

    def entity(self, iri: str) -> Entity | None:
        """The entity with this IRI, or None."""
        at = self.index.get(iri)
        return None if at is None else self.entities[at]

    def lookup(self, text: str) -> tuple[Name, ...]:
        """The senses of a normalised name (any length), or ()."""
        if text in self.singles:
            return self.singles[text]
        at = self.numbers.get(text)
        return () if at is None else self.senses[at]
