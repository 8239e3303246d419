"""The knowledge base being built: entities, their owners, and the rules that merge facts.

Facts arrive in priority order: first the hand-written Turtle files of data/kb (read, never
rewritten), then the fact tables of data/kb/src, then the corpus (DILA, poets, administrative
divisions, CHGIS). The first source to state something wins:

- an entity is typed once, in the file of the first source that declares it (its owner);
  a later source may add facts to it in its own file, which keeps every fact in the file whose
  licence covers it;
- a functional property (years, jl:nameOf) keeps its first value; a different later value is
  dropped and reported, never written next to the first;
- one skos:prefLabel per language: a later preferred name in a taken language becomes a
  skos:altLabel; a name already given under any label property is not repeated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .terms import Ref, Term, Text, Vocab, key

FAMILY = {
    "jl:Person": "person",
    "jl:Place": "place",
    "jl:PlaceName": "placename",
    "jl:Organization": "organization",
    "jl:Event": "event",
    "jl:Period": "period",
    "jl:Dynasty": "period",
    "jl:ReignEra": "period",
}
FUNCTIONAL = {"jl:birthYear", "jl:deathYear", "jl:periodStart", "jl:periodEnd",
              "jl:startYear", "jl:endYear", "jl:nameOf"}
LABELS = {"skos:prefLabel", "jl:courtesyName", "jl:artName", "skos:altLabel", "jl:alias"}


class KBError(ValueError):
    """Facts that cannot be merged: an entity typed twice, or a reference to nothing."""


@dataclass
class Fact:
    pred: str
    obj: Term
    out: str     # the generated file (outputs.tsv key) the fact is written to
    origin: str  # where it came from (table and line), for error messages


@dataclass
class _Subject:
    """What is already said of one entity."""

    functional: dict[str, Term] = field(default_factory=dict)
    labels: set[tuple[str, str]] = field(default_factory=set)
    pref: dict[str, str] = field(default_factory=dict)  # language -> preferred name
    seen: set[tuple[str, tuple]] = field(default_factory=set)


class KB:
    """Entities and facts, merged as they arrive (see the module docstring)."""

    def __init__(self, stated: dict[Ref, list[tuple[str, Term]]], stated_types: dict[Ref, str]):
        self.types: dict[Ref, str] = dict(stated_types)
        self.stated = set(stated_types)
        self.owner: dict[Ref, str] = {}
        self.facts: dict[Ref, list[Fact]] = defaultdict(list)
        self.dropped: list[str] = []
        self._subjects: dict[Ref, _Subject] = defaultdict(_Subject)
        for ref, facts in stated.items():
            for pred, obj in facts:
                self._admit(ref, pred, obj, "hand-written")

    def declare(self, ref: Ref, cls: str, out: str, origin: str) -> bool:
        """Type ``ref`` as ``cls`` in file ``out`` unless it is typed already.

        Returns True if this call typed it. Raises KBError if the class does not fit the
        IRI (a person under entity/place/); as the IRI's kind fixes the family of its class,
        no entity can be typed in two families.
        """
        if FAMILY.get(cls) != ref.kind:
            raise KBError(f"{origin}: {ref.curie} cannot be a {cls}")
        if ref in self.types:
            return False
        self.types[ref] = cls
        self.owner[ref] = out
        self.facts[ref].insert(0, Fact("a", Vocab(cls), out, origin))
        return True

    def add(self, ref: Ref, pred: str, obj: Term | None, out: str, origin: str) -> None:
        """Add one fact (``obj`` None or '' adds nothing), subject to the merge rules."""
        if obj is None or obj == "":
            return
        kept = self._admit(ref, pred, obj, origin)
        if kept:
            self.facts[ref].append(Fact(kept, obj, out, origin))

    def has(self, ref: Ref) -> bool:
        return ref in self.types

    def names(self, lang: str = "zh-Hans") -> set[str]:
        """Every name in a language that some entity has so far, labels and aliases alike."""
        return {value for said in self._subjects.values() for value, language in said.labels
                if language == lang}

    def value(self, ref: Ref, pred: str) -> Term | None:
        """The value of a functional property, from any source so far."""
        return self._subjects[ref].functional.get(pred) if ref in self._subjects else None

    def pref_label(self, ref: Ref, lang: str = "zh-Hans") -> str | None:
        """The preferred name in a language, from any source so far."""
        return self._subjects[ref].pref.get(lang) if ref in self._subjects else None

    def objects(self, ref: Ref, pred: str) -> list[Term]:
        """The values the generated files give ``ref`` under ``pred`` (not the hand-written)."""
        return [f.obj for f in self.facts.get(ref, []) if f.pred == pred]

    def _admit(self, ref: Ref, pred: str, obj: Term, origin: str) -> str | None:
        """The predicate to write the fact under, or None to drop it."""
        said = self._subjects[ref]
        if (pred, key(obj)) in said.seen:
            return None
        if pred in FUNCTIONAL:
            first = said.functional.setdefault(pred, obj)
            if first != obj:
                self.dropped.append(f"{origin}: {ref.curie} {pred} {obj} (kept {first})")
                return None
        if pred in LABELS and isinstance(obj, Text):
            pred = self._label(said, pred, obj)
        if pred:
            said.seen.add((pred, key(obj)))
        return pred

    @staticmethod
    def _label(said: _Subject, pred: str, obj: Text) -> str | None:
        if (obj.value, obj.lang) in said.labels:
            return None
        said.labels.add((obj.value, obj.lang))
        if pred == "skos:prefLabel":
            if obj.lang in said.pref:
                return "skos:altLabel"
            said.pref[obj.lang] = obj.value
        return pred

    def check(self) -> None:
        """Raise KBError for facts about untyped entities and references to unknown ones."""
        problems = [f"{facts[0].origin}: {ref.curie} has facts but no type"
                    for ref, facts in self.facts.items() if ref not in self.types]
        for ref, facts in self.facts.items():
            problems += [f"{f.origin}: {ref.curie} {f.pred} {f.obj.curie}: no such entity"
                         for f in facts if isinstance(f.obj, Ref) and f.pred != "a"
                         and f.obj not in self.types]
        if problems:
            raise KBError(f"{len(problems)} problems:\n" + "\n".join(problems[:40]))

    def by_file(self) -> dict[str, list[tuple[Ref, list[Fact]]]]:
        """Facts grouped by output file, then by subject in order of first appearance."""
        grouped: dict[str, dict[Ref, list[Fact]]] = defaultdict(dict)
        for ref, facts in self.facts.items():
            for fact in facts:
                grouped[fact.out].setdefault(ref, []).append(fact)
        return {out: list(subjects.items()) for out, subjects in grouped.items()}

    def counts(self) -> dict[str, int]:
        """Entities by class, hand-written ones included."""
        counted: dict[str, int] = defaultdict(int)
        for cls in self.types.values():
            counted[cls] += 1
        return dict(sorted(counted.items()))
