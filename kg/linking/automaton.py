"""Many names found in one pass over a text: an Aho-Corasick automaton with a value per name.

The matching is ahocorasick_rs (the Rust aho-corasick crate): its automaton steps through a
character with a table lookup, where pyahocorasick searched the children of each node, which
with thousands of names starting on thousands of characters made the gazetteer's pass over
the text ten times slower. The Rust object cannot be pickled; the names and values are, and
the automaton is rebuilt from them (a few hundredths of a second for the KB's names).

>>> names = NameAutomaton([("秦淮", 1), ("秦淮河", 2), ("淮河", 3)])
>>> names.matches("沿着秦淮河走")
[(2, 4, 1), (2, 5, 2), (3, 5, 3)]
>>> NameAutomaton().matches("秦淮河")
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

V = TypeVar("V")


def _rust_automaton(texts: list[str], kind: str = "Standard"):
    try:
        import ahocorasick_rs
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("the entity linker needs ahocorasick-rs: "
                          ".venv/bin/pip install 'ahocorasick-rs>=1.0'") from err
    return ahocorasick_rs.AhoCorasick(texts, matchkind=getattr(ahocorasick_rs.MatchKind, kind))


class NameAutomaton(Generic[V]):
    """The names and their values; a name given twice keeps its last value."""

    def __init__(self, names: Iterable[tuple[str, V]] = ()):
        self._build(dict(names))

    def _build(self, values: dict[str, V]) -> None:
        self.texts: list[str] = list(values)
        self.values: list[V] = list(values.values())
        self._automaton = _rust_automaton(self.texts) if self.texts else None

    def matches(self, text: str) -> list[tuple[int, int, V]]:
        """Every occurrence of a name, overlapping ones too, as (start, end, value): by end,
        and at one end the longest first. Offsets are ``str`` offsets of ``text``."""
        if self._automaton is None:
            return []
        values = self.values
        found = [(start, end, values[at]) for at, start, end
                 in self._automaton.find_matches_as_indexes(text, overlapping=True)]
        found.sort(key=lambda match: (match[1], match[0]))
        return found

    def __len__(self) -> int:
        return len(self.texts)

    def __getstate__(self) -> dict:
        return {"values": dict(zip(self.texts, self.values, strict=True))}

    def __setstate__(self, state: dict) -> None:
        self._build(state["values"])


class Words:
    """The words of a list where they stand in a text, leftmost first and at one place the
    longest, none overlapping: what ``re.finditer`` finds with an alternation of the words
    longest first, in one pass (the regex tries every word at every character).

    >>> Words(["馆长", "副馆长", "长"]).find("副馆长焦翔与馆长")
    [(0, 3, '副馆长'), (6, 8, '馆长')]
    """

    def __init__(self, words: Iterable[str]):
        self.words = sorted(set(filter(None, words)))
        self._automaton = _rust_automaton(self.words, "LeftmostLongest") if self.words else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of each occurrence, in the text's order."""
        if self._automaton is None:
            return []
        words = self.words
        return [(start, end, words[at])
                for at, start, end in self._automaton.find_matches_as_indexes(text)]
