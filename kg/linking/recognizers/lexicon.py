"""Places the KB does not hold, from lists of names: China's provinces and prefecture-level
cities (kg/linking/tables/admin_places.tsv), well-known places of Chinese history and
poetry outside Nanjing (historic_places.tsv) and the countries of the world (countries.tsv).
They are found with their own character automaton, like the KB's names, and link to no entity;
where the KB has the same name, the KB's proposal takes the span (`kg.linking.resolve`).

>>> sorted((p.start, p.end) for p in Lexicon()("他从长安到杭州市", []))
[(2, 4), (5, 7), (5, 8)]
"""

from __future__ import annotations

from functools import cache

from spacy.util import registry

from kg.linking.gazetteer import _automaton
from kg.linking.model import Proposal
from kg.linking.normalize import normalise
from kg.linking.tables import column


@cache
def _places():
    names = {normalise(n) for n in column("admin_places", "name")
             + column("historic_places", "name") + column("countries", "name")}
    automaton = _automaton()
    for name in sorted(n for n in names if len(n) >= 2):
        automaton.add_word(name, len(name))
    automaton.make_automaton()
    return automaton


class Lexicon:
    """The place-list recogniser (``jinling.lexicon.v1``)."""

    def __init__(self, strength: float = 0.75):
        self.strength = strength

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        return [Proposal(last + 1 - size, last + 1, "PLACE", (), "lexicon.place", self.strength)
                for last, size in _places().iter(norm)]


@registry.misc("jinling.lexicon.v1")
def make_lexicon(strength: float = 0.75) -> Lexicon:
    """Places outside the KB from name lists (`Lexicon`)."""
    return Lexicon(strength)
