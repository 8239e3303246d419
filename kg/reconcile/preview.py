"""The preview card of an entity: what a curator needs to accept or reject a candidate.

Its name, types, years, other names, a few relations and the start of its note, read through
the JSON-LD API's view of a resource (`kg.views`), so a merged entity shows the one it was
merged into. The card holds plain text; the HTTP layer escapes it into HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.reconcile.ids import Ids
from kg.reconcile.terms import find_property, find_type
from kg.views.context import vocabulary
from kg.views.describe import describe
from kg.views.entities import arrange
from kg.views.errors import NotFound, Replaced
from kg.views.labels import language_rank
from kg.views.listing import display_name
from sparql import Store

MAX_NAMES, MAX_FACTS, MAX_VALUES, NOTE_LENGTH = 6, 4, 3, 140


@dataclass
class Card:
    """What a preview shows, as text."""

    id: str
    iri: str
    name: str
    types: list[str]
    dates: list[tuple[str, str]] = field(default_factory=list)      # (property, year)
    names: list[str] = field(default_factory=list)                  # other names
    facts: list[tuple[str, list[str]]] = field(default_factory=list)   # (property, values)
    note: str = ""


def card(store: Store, ids: Ids, id_: str) -> Card:
    """The card of the entity with this id (that of the surviving entity for a merged one).

    Raises:
        NotFound: nothing is known about it. Gone: it was deleted (a tombstone).
    """
    try:
        iri = NamedNode(ids.iri(id_))
    except ValueError:
        raise NotFound(f"{id_!r} is not an entity id") from None
    try:
        found = describe(store, ids.minter, iri)
    except Replaced as moved:
        iri = NamedNode(moved.target)
        found = describe(store, ids.minter, iri)
    doc = arrange(found.node(iri.value), display_name(found, iri.value), found.graphs())
    name = doc["name"] or ids.of(iri.value)
    return Card(ids.of(iri.value), iri.value, name, [_type_name(t) for t in doc["type"]],
                [(_property_name(k), str(v)) for k, vals in doc["dates"].items() for v in vals],
                _other_names(doc, name), _facts(doc["relations"]), _note(doc.get("note")))


def _iri(key: str) -> str:
    """The IRI of a key of the API's documents (activeIn, Person)."""
    words = vocabulary()
    if key in words.classes:
        return words.classes[key]
    return next((t.iri for t in words.terms if t.name == key), words.expand(key))


def _type_name(key: str) -> str:
    kind = find_type(_iri(key))
    return kind.name if kind else key


def _property_name(key: str) -> str:
    prop = find_property(_iri(key))
    return prop.name if prop else key


def _by_language(values: dict[str, list[str]]) -> list[str]:
    """The strings of a language map, simplified Chinese first."""
    return [v for lang in sorted(values, key=language_rank) for v in values[lang]]


def _other_names(doc: dict, name: str) -> list[str]:
    found = _by_language(doc.get("prefLabel", {}))
    for names in doc["aliases"].values():
        found += _by_language(names)
    unique = [n for n in dict.fromkeys(found) if n != name]
    return unique[:MAX_NAMES]


def _facts(relations: dict[str, list[dict]]) -> list[tuple[str, list[str]]]:
    return [(_property_name(key), [r.get("name") or r["id"] for r in refs[:MAX_VALUES]])
            for key, refs in list(relations.items())[:MAX_FACTS]]


def _note(note: object) -> str:
    if not isinstance(note, dict):
        return ""
    text = next(iter(_by_language(note)), "")
    return text if len(text) <= NOTE_LENGTH else text[:NOTE_LENGTH - 1] + "…"
