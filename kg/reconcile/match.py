"""Reconciliation: candidates for each query of a batch, scored 0–100, best first.

Candidates come from the search index (`kg.search`, via `kg.reconcile.candidates`): the
resources with a name (label, alias, courtesy or art name, title) that matches the query as
written, in traditional or simplified characters, or as pinyin; text passages and their parts
are never candidates, and a merged entity gives way to the one it was merged into. A query with
conditions but no name takes its candidates from the store: the resources with one of the
given property values (compared as written, up to 200).

Scoring, in points:

- **Name** (from the index's tiers). A name that *is* the query (folded: 金陵圖書館 is
  金陵图书馆): 90 for a preferred label or a title, 80 for another name (alias, 字, 号 …);
  70 when the name only reads as the pinyin typed (nanjing for 南京; a resource that also has
  the name as written, Nanjing, scores by that). A name that *starts* with the query: 50 + 20 ×
  the share of the name the query covers (45 by pinyin). A name that *contains* it: 25 + 25 ×
  that share (25 by pinyin). No name asked for: 50.
- **Type.** With ``type``, only resources of that type are candidates (a type covers its
  subtypes: jl:Period finds dynasties and reign eras; several types: any of them, or each of
  them with ``type_strict: all``; a type the service does not know finds nothing). Without a
  type, a resource of none of the default types (a historic place name, a book) loses 2, so
  it follows the person, place … of the same name.
- **Conditions** (``properties``): +10 for each condition the candidate's values agree with,
  −25 for each it has values for and none agrees (`kg.reconcile.compare`); a condition it has
  no value for, or on a property the service does not know, counts for nothing.

The score is clamped to 0–100. ``match`` is true only for a confident unique match: the
candidate's name is the query as written (not by pinyin), it disagrees with no condition, and
no other candidate of the query is such a match too. ``features`` give the name score and
each condition's verdict, so a curator can see why.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode

from kg.reconcile import values as store_values
from kg.reconcile.batch import Query
from kg.reconcile.candidates import Candidate, Finder
from kg.reconcile.compare import agrees
from kg.reconcile.ids import Ids
from kg.reconcile.terms import Type, find_property, type_of_index
from kg.search import SearchIndex
from kg.views.labels import labels_of
from sparql import Store

AGREE, DISAGREE = 10, -25
DESCRIBED = ("jl:birthYear", "jl:deathYear", "jl:startYear", "jl:endYear", "jl:locatedIn")


def score(cand: Candidate) -> float:
    """The candidate's score (see the module)."""
    bonus = sum(AGREE if ok else DISAGREE for ok in cand.verdicts.values())
    return round(float(max(0, min(100, cand.name_score + bonus + cand.prior))), 2)


def sure(cand: Candidate) -> bool:
    """A name that is the query as written, and no condition that disagrees."""
    return cand.exact and all(cand.verdicts.values())


class Matcher:
    """Answers batches of queries over a store and its search index."""

    def __init__(self, store: Store, index: SearchIndex, ids: Ids):
        self.store, self.ids = store, ids
        self.finder = Finder(store, index, ids)

    def reconcile(self, batch: list[Query]) -> dict[str, dict]:
        """The result of each query, by its key: ``{"q0": {"result": [candidates]}}``."""
        found = {q.key: self.finder.find(q) for q in batch}
        self.finder.settle(batch, found)
        facts = self._facts(batch, found)
        return {q.key: {"result": self._result(q, found[q.key], facts)} for q in batch}

    def _facts(self, batch: list[Query], found: dict[str, list[Candidate]]) -> Facts:
        asked = {c.property.iri for q in batch for c in q.conditions if c.property}
        shown = {find_property(p).iri for p in DESCRIBED}
        iris = {c.iri for cands in found.values() for c in cands}
        read = store_values.values(self.store, iris, asked | shown)
        return Facts(read, store_values.names(self.store, _linked(read, asked)),
                     labels_of(self.store, _linked(read, shown)))

    def _result(self, query: Query, found: list[Candidate], facts: Facts) -> list[dict]:
        for cand in found:
            self._judge(cand, query, facts)
        ranked = sorted(found, key=lambda c: -score(c))[:query.limit]
        certain = [c for c in found if sure(c)]
        return [self._candidate(c, certain == [c], facts) for c in ranked]

    def _judge(self, cand: Candidate, query: Query, facts: Facts) -> None:
        """Record the verdict of each condition on the candidate (none where nothing tells)."""
        for cond in query.conditions:
            if cond.property is None:
                continue
            verdict = agrees(cond.property, cond.values, facts.values[cand.iri][cond.property.iri],
                             facts.names, self.ids.iri)
            if verdict is not None:
                cand.verdicts[cond.pid] = verdict

    def _candidate(self, cand: Candidate, match: bool, facts: Facts) -> dict:
        kind = type_of_index(cand.index_type)
        body = {"id": self.ids.of(cand.iri), "name": cand.name, "score": score(cand),
                "match": match,
                "type": [kind.reference() if kind else {"id": cand.index_type,
                                                        "name": cand.index_type}],
                "features": [{"id": "name", "value": cand.name_score}]
                + [{"id": pid, "value": ok} for pid, ok in cand.verdicts.items()]}
        described = describe(kind, facts.values[cand.iri], facts.labels)
        if described:
            body["description"] = described
        return body


@dataclass
class Facts:
    """What the store says about the candidates of a batch."""

    values: store_values.Values
    names: dict[str, dict[str, bool]]  # folded names of the entities conditions compare with
    labels: dict[str, str]         # display names of the entities descriptions show


def _linked(read: store_values.Values, props: set[str]) -> set[str]:
    """The resources that values of these properties point at."""
    return {t.value for per in read.values() for p, vals in per.items() if p in props
            for t in vals if isinstance(t, NamedNode)}


def describe(kind: Type | None, found: dict[str, list], labels: dict[str, str]) -> str:
    """A line that tells namesakes apart: the type's name, the years and where it lies
    (人物 · 1328—1398; 地点 · 位于 江苏)."""
    start = _first(found, ("jl:birthYear", "jl:startYear"))
    end = _first(found, ("jl:deathYear", "jl:endYear"))
    if start and end:
        years = start if start == end else f"{start}—{end}"
    else:
        years = f"{start}—" if start else f"—{end}" if end else ""
    place = labels.get(_first(found, ("jl:locatedIn",)), "")
    where = f"{find_property('jl:locatedIn').name} {place}" if place else ""
    return " · ".join(part for part in (kind.name if kind else "", years, where) if part)


def _first(found: dict[str, list], pids: tuple[str, ...]) -> str:
    return next((v.value for p in pids for v in found.get(find_property(p).iri, [])), "")
