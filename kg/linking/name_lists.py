"""The linker's lists of names the KB does not hold (kg/linking/tables/): China's provinces and
prefecture-level cities (admin_places.tsv), well-known places of Chinese history and poetry
outside Nanjing (historic_places.tsv), the countries of the world (countries.tsv) and
well-known persons of Chinese history by name or famous designation (historic_persons.tsv),
named works that texts cite without book-title marks (historic_works.tsv: 后庭花, 长门赋),
well-known organisations outside Nanjing (historic_orgs.tsv: 汲古阁, 故宫博物院, 复社) and the
festivals of the year (festivals.tsv: 七夕, 重阳).

The gazetteer puts them into its own automaton, so that one pass over a text finds both the
KB's names and these (`kg.linking.gazetteer`); the lexicon recogniser makes the proposals
(`kg.linking.recognizers.lexicon`).

>>> ("长安", "PLACE", False) in listed_names()
True
"""

from __future__ import annotations

from functools import cache

from kg.linking.normalize import normalise
from kg.linking.tables import column, table


def normalised(names: list[str]) -> list[str]:
    """The names normalised in one pass (one OpenCC call, not one per name)."""
    return normalise("\n".join(names)).split("\n") if names else []


@cache
def known_places() -> frozenset[str]:
    """The names of the place lists, normalised."""
    return frozenset(normalised(column("admin_places", "name") + column("historic_places", "name")
                                 + column("countries", "name")))


@cache
def listed_names() -> tuple[tuple[str, str, bool], ...]:
    """(normalised name, type, is a designation) of every listed name of two characters or
    more; a name two lists have belongs to the first of places, persons, works, organisations,
    festivals."""
    places = known_places()
    out = [(name, "PLACE", False) for name in sorted(places) if len(name) >= 2]
    rows = table("historic_persons")
    out += [(name, "PERSON", row["kind"] == "designation")
            for row, name in zip(rows, normalised([r["name"] for r in rows]), strict=True)
            if len(name) >= 2 and name not in places]
    for table_name, type_ in (("historic_works", "WORK"), ("historic_orgs", "ORGANIZATION"),
                              ("festivals", "EVENT")):
        taken = {name for name, _, _ in out}
        names = normalised(column(table_name, "name"))
        out += [(name, type_, False) for name in dict.fromkeys(names)
                if len(name) >= 2 and name not in taken]
    return tuple(out)


@cache
def listed_texts() -> frozenset[str]:
    """Every listed name, normalised."""
    return frozenset(name for name, _, _ in listed_names())
