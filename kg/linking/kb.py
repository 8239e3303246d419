"""What the linker knows of the knowledge base: entities, their names, years and neighbours.

`read_kb` asks a store (the configured one, or an in-memory one filled from the Turtle files
under ``data/``) three named queries (``link_names``, ``link_facts``, ``link_relations``) and
returns a `KnowledgeBase`: plain Python values that the gazetteer compiles and caches.

>>> from pyoxigraph import RdfFormat
>>> from sparql.embedded import EmbeddedStore
>>> store = EmbeddedStore()
>>> _ = store.load('''@prefix jl: <https://kg.jllib.cn/ontology#> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://kg.jllib.cn/entity/person/a> a jl:Person ; skos:prefLabel "孫權"@zh-Hant ;
...     jl:courtesyName "仲谋"@zh-Hans ; jl:birthYear 182 .'''.encode(), format=RdfFormat.TURTLE)
>>> kb = read_kb(store)
>>> [(e.type, e.label, e.start) for e in kb.entities]
[('PERSON', '孙权', 182)]
>>> sorted((n.text, n.kind) for n in kb.names)
[('仲谋', 'courtesy'), ('孙权', 'pref')]
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.linking.normalize import normalise
from kg.linking.tables import number, table
from kg.vocab import BF, JL, SCHEMA, SKOS, Namespace
from sparql import Store, queries
from sparql.text import bind_block, values_list

_PREFIXES = {"jl": JL, "skos": SKOS, "bf": BF, "schema": SCHEMA,
             "time": Namespace("http://www.w3.org/2006/time#")}
# a heading's qualifier: 袁枚 (1716-1797), 金陵 (南京)
_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity of the KB as the linker sees it."""

    iri: str
    type: str                      # PERSON, PLACE, ORGANIZATION, WORK, EVENT or PERIOD
    cls: str                       # its class's local name: Person, PlaceName, ReignEra …
    label: str | None              # preferred label, simplified
    start: int | None = None       # first year (birth, start of use, start of period)
    end: int | None = None         # last year
    place: str | None = None       # for a jl:PlaceName: the place it names
    related: frozenset[str] = field(default_factory=frozenset)
    prominence: float = 0.0        # log(1 + links + names): how well known it is


@dataclass(frozen=True, slots=True)
class Name:
    """One normalised name of one entity."""

    text: str
    entity: int                    # position in KnowledgeBase.entities
    kind: str                      # pref, alt, alias, courtesy, art
    prior: float                   # how much the name alone says (name_kinds.tsv)


@dataclass
class KnowledgeBase:
    """Entities and their names, ready for the gazetteer."""

    entities: list[Entity]
    names: list[Name]

    def index(self) -> dict[str, int]:
        """Entity IRI -> position."""
        return {e.iri: i for i, e in enumerate(self.entities)}


def curie(text: str) -> NamedNode:
    """``jl:Person`` as a NamedNode (prefixes jl, skos, bf, schema, time)."""
    prefix, _, local = text.partition(":")
    return _PREFIXES[prefix][local]


def class_types() -> dict[str, tuple[str, int]]:
    """Class IRI -> (type, rank) from types.tsv."""
    return {curie(r["class"]).value: (r["type"], int(number(r, "rank", "types")))
            for r in table("types")}


def name_kinds() -> dict[str, tuple[str, float]]:
    """Name property IRI -> (kind, prior) from name_kinds.tsv."""
    return {curie(r["property"]).value: (r["kind"], number(r, "prior", "name_kinds"))
            for r in table("name_kinds")}


def clean_name(label: str) -> str:
    """A label as matched in text: qualifier dropped, normalised.

    >>> clean_name("袁枚 (1716-1797)"), clean_name("應天府")
    ('袁枚', '应天府')
    """
    return normalise(_QUALIFIER.sub("", label).strip())


def _classes_block() -> str:
    return values_list("class", (NamedNode(iri) for iri in class_types()))


def _select(store: Store, name: str, extra: str = "") -> Iterable:
    text = bind_block(queries.load(name), _classes_block() + extra)
    return store.query(text)


def read_kb(store: Store) -> KnowledgeBase:
    """The entities and names of every class in types.tsv, with years and links.

    Raises the store's errors (`sparql.StoreError`) unchanged.
    """
    types, kinds = class_types(), name_kinds()
    found, shown = _read_names(store, types, kinds)
    facts = {row["entity"].value: row for row in _select(store, "link_facts")}
    links = _read_links(store, set(found))
    entities, names, where = [], [], {}
    for iri in sorted(found):
        cls_iri, labels = found[iri]
        where[iri] = len(entities)
        entities.append(_entity(iri, cls_iri, types, labels, facts.get(iri), links[iri],
                                shown.get(iri)))
        names += [Name(text, where[iri], kind, prior) for text, kind, prior in labels]
    return KnowledgeBase(entities, names)


def _read_names(store: Store, types: dict, kinds: dict
                ) -> tuple[dict[str, tuple[str, list]], dict[str, str]]:
    """(IRI -> (best class, [(name, kind, prior)]), IRI -> its zh-Hans preferred label as
    written: 柳诒徵 keeps the 徵 that matching folds to 征)."""
    block = " " + values_list("property", (NamedNode(p) for p in kinds))
    classes: dict[str, str] = {}
    shown: dict[str, str] = {}
    labels: dict[str, dict[str, tuple[str, float, str]]] = defaultdict(dict)
    for row in _select(store, "link_names", block):
        iri, cls = row["entity"].value, row["class"].value
        if iri not in classes or types[cls][1] < types[classes[iri]][1]:
            classes[iri] = cls
        kind, prior = kinds[row["property"].value]
        text = clean_name(row["label"].value)
        if kind == "pref" and (row["label"].language or "").lower() == "zh-hans" and text:
            shown[iri] = min(shown.get(iri, "\uffff"), _QUALIFIER.sub("", row["label"].value)
                             .strip())
        if text and prior > labels[iri].get(text, ("", -1.0))[1]:
            labels[iri][text] = (kind, prior, row["label"].language or "")
    return ({iri: (classes[iri], [(t, k, p) for t, (k, p, _) in sorted(labels[iri].items())])
             for iri in classes}, shown)


def _read_links(store: Store, known: set[str]) -> dict[str, set[str]]:
    links: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, "link_relations"):
        other = row["other"].value
        if other in known:
            links[row["entity"].value].add(other)
    return links


def _year(row, key: str) -> int | None:
    term = row.get(key) if row is not None else None
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def _entity(iri: str, cls_iri: str, types: dict, labels: list, facts, related: set[str],
            shown: str | None = None) -> Entity:
    pref = [t for t, k, _ in labels if k == "pref"]
    start, end = _year(facts, "start"), _year(facts, "end")
    if start is None and end is None:
        start, end = _year(facts, "periodStart"), _year(facts, "periodEnd")
    place = facts.get("place") if facts is not None else None
    label = shown or (pref[0] if pref else (labels[0][0] if labels else None))
    return Entity(iri=iri, type=types[cls_iri][0], cls=cls_iri.rsplit("#", 1)[-1].rsplit(
        "/", 1)[-1], label=label, start=start, end=end, place=place.value if place else None,
        related=frozenset(related), prominence=math.log1p(len(related) + len(labels)))
