"""Names found by regular expressions (kg/linking/tables/patterns.tsv): party congresses,
emperors' temple names, commemorative days. An emperor's posthumous title right before a KB
person's name is no mention of its own (末帝孙皓: the name is the mention, as for noble
titles); a temple name is (太祖朱元璋).

>>> [(p.start, p.end, p.type) for p in Patterns()("党的十八大以来", [])]
[(2, 5, 'EVENT')]
>>> [(p.start, p.end, p.type) for p in Patterns()("仁宗天圣二年", [])]
[(0, 2, 'PERSON')]
"""

from __future__ import annotations

import re
from functools import cache

from spacy.util import registry

from kg.linking.errors import LinkTableError
from kg.linking.model import Proposal
from kg.linking.recognizers.persons import kb_persons
from kg.linking.tables import TABLES, number, table


@cache
def _rules() -> list[tuple[re.Pattern, str, float, tuple[str, ...], tuple[str, ...]]]:
    """(pattern, type, strength, prefixes, needs) of each row of patterns.tsv."""
    rules = []
    for n, row in enumerate(table("patterns"), 1):
        try:
            pattern = re.compile(row["pattern"])
        except re.error as err:
            raise LinkTableError(f"{TABLES / 'patterns.tsv'}: row {n}, column 'pattern': "
                                 f"{err}") from None
        prefixes = tuple(sorted(filter(None, row["prefix"].split("|")), key=len, reverse=True))
        needs = tuple(filter(None, row["needs"].split("|")))
        rules.append((pattern, row["type"], number(row, "strength", "patterns"), prefixes,
                      needs))
    return rules


class Patterns:
    """The pattern recogniser (``jinling.patterns.v1``)."""

    gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def _persons(self, found: list[Proposal]) -> set[int]:
        """Where a KB name that can only be a person starts (not an era too: 宪宗|元和初)."""
        if self.gazetteer is None:
            return set()
        entities = self.gazetteer.entities
        return {p.start for p in kb_persons(found, self.gazetteer)
                if all(entities[n.entity].type == "PERSON" for n in p.senses)}

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        out = []
        named = self._persons(found)
        for pattern, type_, strength, prefixes, needs in _rules():
            if needs and not any(word in norm for word in needs):
                continue
            group = "name" if "name" in pattern.groupindex else 0
            for m in pattern.finditer(norm):
                if type_ == "PERSON" and m.end(group) in named and m.group(group)[-1] == "帝":
                    continue  # 末帝|孙皓: a title before the name, which is the mention (but
                    # a temple name is a name: 太祖|朱元璋)
                start = m.start(group)
                before = next((p for p in prefixes if norm.endswith(p, 0, start)), "")
                out.append(Proposal(start - len(before), m.end(group), type_, (), "pattern",
                                    strength))
        return out


@registry.misc("jinling.patterns.v1")
def make_patterns() -> Patterns:
    """Names by the regular expressions of patterns.tsv (`Patterns`)."""
    return Patterns()
