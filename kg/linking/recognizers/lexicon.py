"""Places and persons the KB does not hold, from lists of names: China's provinces and
prefecture-level cities (kg/linking/tables/admin_places.tsv), well-known places of Chinese
history and poetry outside Nanjing (historic_places.tsv), the countries of the world
(countries.tsv), and well-known persons of Chinese history by name or famous designation
(historic_persons.tsv: 贺知章, 子房). They are found with their own character automaton, like
the KB's names, and link to no entity; where the KB has the same name, the KB's proposal takes
the span (`kg.linking.resolve`). A person's name that is also an everyday word is left out.

>>> sorted((p.start, p.end) for p in Lexicon()("他从长安到杭州市", []))
[(2, 4), (5, 7), (5, 8)]
"""

from __future__ import annotations

from functools import cache

from spacy.util import registry

from kg.linking.gazetteer import _automaton
from kg.linking.lexicon import everyday_words
from kg.linking.model import Proposal
from kg.linking.normalize import normalise
from kg.linking.tables import column, table


@cache
def known_places() -> frozenset[str]:
    """The names of the place lists, normalised."""
    return frozenset(normalise(n) for n in column("admin_places", "name")
                     + column("historic_places", "name") + column("countries", "name"))


@cache
def _places():
    automaton = _automaton()
    for name in sorted(n for n in known_places() if len(n) >= 2):
        automaton.add_word(name, len(name))
    automaton.make_automaton()
    return automaton


@cache
def _persons():
    """The automaton of historic_persons.tsv: value (length, is a designation)."""
    everyday = everyday_words()
    automaton = _automaton()
    for row in table("historic_persons"):
        name = normalise(row["name"])
        if len(name) >= 2 and name not in everyday:
            automaton.add_word(name, (len(name), row["kind"] == "designation"))
    automaton.make_automaton()
    return automaton


class Lexicon:
    """The name-list recogniser (``jinling.lexicon.v1``); a designation (子房) is less sure
    than a personal name (``designation_strength``)."""

    def __init__(self, strength: float = 0.75, designation_strength: float = 0.6):
        self.strength = strength
        self.designation_strength = designation_strength

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        out = [Proposal(last + 1 - size, last + 1, "PLACE", (), "lexicon.place", self.strength)
               for last, size in _places().iter(norm)]
        return out + [Proposal(last + 1 - size, last + 1, "PERSON", (), "lexicon.person",
                               self.designation_strength if designation else self.strength)
                      for last, (size, designation) in _persons().iter(norm)]


@registry.misc("jinling.lexicon.v1")
def make_lexicon(strength: float = 0.75, designation_strength: float = 0.6) -> Lexicon:
    """Places and persons outside the KB from name lists (`Lexicon`)."""
    return Lexicon(strength, designation_strength)
