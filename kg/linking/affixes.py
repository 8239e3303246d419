"""KB names followed by a word that changes the mention: 金陵城 is still 金陵 (a place with
城, 市, 府, 州 after its name: kg/linking/tables/place_extensions.tsv) and 康熙帝 is a person,
not the era 康熙 (era_persons.tsv).
"""

from __future__ import annotations

from functools import cache

from kg.linking.model import KB, Proposal
from kg.linking.tables import number, table


@cache
def _places() -> dict[str, float]:
    return {r["follow"]: number(r, "strength", "place_extensions")
            for r in table("place_extensions")}


@cache
def _emperors() -> dict[str, float]:
    return {r["follow"]: number(r, "strength", "era_persons") for r in table("era_persons")}


def _follow(norm: str, end: int, words: dict[str, float]) -> tuple[str, float] | None:
    for word in sorted(words, key=len, reverse=True):
        if norm.startswith(word, end):
            return word, words[word]
    return None


def extend(norm: str, found: list[Proposal], gazetteer) -> list[Proposal]:
    """The longer mentions that KB names with their next words make."""
    out = []
    entities = gazetteer.entities
    for p in found:
        if p.origin != KB:
            continue
        places = tuple(n for n in p.senses if entities[n.entity].type == "PLACE")
        word = _follow(norm, p.end, _places()) if places else None
        if word is not None:
            out.append(Proposal(p.start, p.end + len(word[0]), "PLACE", places, KB, word[1]))
        eras = any(entities[n.entity].cls == "ReignEra" for n in p.senses)
        word = _follow(norm, p.end, _emperors()) if eras else None
        if word is not None:
            out.append(Proposal(p.start, p.end + len(word[0]), "PERSON", (), "era.emperor",
                                word[1]))
    return out
