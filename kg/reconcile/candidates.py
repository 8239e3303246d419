"""Finding the candidates of a query, with the name part of their scores (see `match`).

The search index answers a name query with each resource's best-matching name. For a query in
Latin letters that may be a name read as pinyin (南京 for nanjing) while the resource also has
the name as written (Nanjing): such candidates are scored again against all their names in the
store, and keep the better score. A candidate that was merged into another entity
(``dcterms:isReplacedBy``) gives way to that entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import unescape

from kg.reconcile import values as store_values
from kg.reconcile.batch import Condition, Query, Value
from kg.reconcile.ids import Ids
from kg.reconcile.terms import Type, is_default, types
from kg.search import BadQuery, Hit, SearchIndex
from kg.search.text import fold, squeeze
from kg.views.labels import labels_of
from kg.vocab import DCT, RDF
from sparql import Store

PREFERRED = ("pref", "label", "title")   # kinds of index name that are a resource's own name
OFF_TYPE = -2                            # an untyped query's candidate of no default type
NO_NAME = 50                             # the name score of a query without a name
MAX_POOL = 200


@dataclass
class Candidate:
    """A resource found for a query, with what its score is made of."""

    iri: str
    name: str
    index_type: str
    name_score: float
    exact: bool                    # a name of it is the query as written
    spoken: bool = False           # the name matched as pinyin
    prior: int = 0                 # OFF_TYPE or 0
    verdicts: dict[str, bool] = field(default_factory=dict)   # condition pid -> agrees


def fold_query(text: str) -> str:
    return squeeze(fold(text))


def name_score(query: str, hit: Hit) -> tuple[float, bool, bool]:
    """The name score of an index hit, whether its name is the query as written, and whether
    it matched only as pinyin.

    >>> name_score("明太祖", Hit("x", "Person", "朱元璋", "<mark>明太祖</mark>", 4.2, "alias"))
    (80, True, False)
    >>> name_score("nanjing", Hit("x", "Place", "南京", "<mark>南京</mark>", 4.3, "pref"))
    (70, False, True)
    """
    tier, asked = int(hit.score), fold_query(query)
    name = fold_query(unescape(hit.snippet.replace("<mark>", "").replace("</mark>", "")))
    if asked not in name:
        return {4: 70, 3: 45}.get(tier, 25), False, True
    if tier >= 4:
        return (90 if hit.field in PREFERRED else 80), True, False
    return _partial(asked, name), False, False


def _partial(asked: str, name: str) -> float:
    """A name that starts with the query (50–70) or contains it (25–50), by how much of it the
    query covers."""
    share = min(1.0, len(asked) / max(1, len(name)))
    return round(50 + 20 * share if name.startswith(asked) else 25 + 25 * share, 2)


def written_score(asked: str, names: dict[str, bool]) -> tuple[float, bool] | None:
    """The best name score of the names (folded -> own name) that contain the folded query as
    written, and whether that name is the query; None when none does.

    >>> written_score("nanjing", {"南京": True, "nanjing": True, "nanking": False})
    (90, True)
    """
    scores = [((90 if own else 80), True) if name == asked else (_partial(asked, name), False)
              for name, own in names.items() if asked in name]
    return max(scores, default=None)


class Finder:
    """Finds candidates in the search index, or in the store by condition values."""

    def __init__(self, store: Store, index: SearchIndex, ids: Ids):
        self.store, self.index, self.ids = store, index, ids

    def find(self, query: Query) -> list[Candidate]:
        """The candidates of one query, in the index's order (best names first)."""
        allowed = query.index_types()
        if allowed == []:
            return []
        if query.text:
            found = self._by_name(query, allowed)
        else:
            found = self._by_values(query, allowed) if query.conditions else []
        if not query.types:
            for cand in found:
                cand.prior = 0 if is_default(cand.index_type) else OFF_TYPE
        return found

    def _by_name(self, query: Query, allowed: list[str] | None) -> list[Candidate]:
        pool = min(MAX_POOL, max(3 * query.limit, 30))
        try:
            hits = self.index.search(query.text, type=allowed, limit=pool).hits
        except BadQuery:  # nothing searchable in the query (only punctuation)
            return []
        return [Candidate(h.iri, h.label, h.type, *name_score(query.text, h))
                for h in hits if h.field != "text" and not h.owner]

    def _by_values(self, query: Query, allowed: list[str] | None) -> list[Candidate]:
        wanted = [(c.property.iri, self._as_text(c, v)) for c in query.conditions
                  if c.property for v in c.values]
        iris = store_values.subjects(self.store, wanted)
        classes = store_values.values(self.store, iris, [RDF.type.value])
        labels = labels_of(self.store, iris)
        found = []
        for iri in iris:
            kind = _most_specific({t.value for t in classes[iri][RDF.type.value]})
            if kind and (allowed is None or kind.own in allowed):
                name = labels.get(iri, self.ids.of(iri))
                found.append(Candidate(iri, name, kind.own, NO_NAME, False))
        return found

    def _as_text(self, condition: Condition, value: Value) -> str:
        """A condition value as the store writes it: an entity's IRI, else the text."""
        if condition.property.kind == "entity" and value.id:
            return self.ids.iri(value.id)
        return value.text

    def settle(self, batch: list[Query], found: dict[str, list[Candidate]]) -> None:
        """Score pinyin matches again by the names as written, and put the surviving entity
        in place of a merged one (one candidate per entity and query)."""
        spoken = {c.iri for cands in found.values() for c in cands if c.spoken}
        names = store_values.names(self.store, spoken)
        for query in batch:
            for cand in found[query.key]:
                better = written_score(fold_query(query.text), names.get(cand.iri, {}))
                if cand.spoken and better and better[0] > cand.name_score:
                    cand.name_score, cand.exact, cand.spoken = *better, False
        self._replace_merged(found)

    def _replace_merged(self, found: dict[str, list[Candidate]]) -> None:
        iris = {c.iri for cands in found.values() for c in cands}
        moved = {iri: per[DCT.isReplacedBy.value][0].value for iri, per in
                 store_values.values(self.store, iris, [DCT.isReplacedBy.value]).items()
                 if per[DCT.isReplacedBy.value]}
        labels = labels_of(self.store, moved.values())
        for key, cands in found.items():
            for cand in cands:
                if cand.iri in moved:
                    cand.iri = moved[cand.iri]
                    cand.name = labels.get(cand.iri, cand.name)
            first: dict[str, Candidate] = {}
            for cand in cands:
                first.setdefault(cand.iri, cand)
            found[key] = list(first.values())


def _most_specific(classes: set[str]) -> Type | None:
    """The type of a resource from its classes: the one with the fewest subtypes."""
    known = [t for t in types() if t.own and t.iri in classes]
    return min(known, key=lambda t: len(t.narrower), default=None)
