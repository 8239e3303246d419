"""The types and properties the reconciliation service speaks of, and the ids it gives them.

Types and properties are data (``tables/types.tsv``, ``tables/properties.tsv``). Their ids are
CURIEs (``jl:Person``, ``jl:birthYear``, ``skos:altLabel``); callers may also give the full IRI
or, for ``jl:`` terms, the bare local name (``Person``, ``birthYear``), in any case for types.

>>> find_type("person").id, find_type("https://kg.jllib.cn/ontology#Period").index_types
('jl:Person', ('Period', 'Dynasty', 'ReignEra'))
>>> find_property("birthYear").kind, find_property("jl:locatedIn").range
('year', 'jl:Place')
>>> [t.id for t in broader(find_type("jl:Dynasty"))]
['jl:Period']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.tables import Tables
from kg.vocab import JL, OWL, RDFS, SCHEMA, SKOS

TABLES = Tables(Path(__file__).with_name("tables"))
PREFIXES = {"jl": str(JL), "skos": str(SKOS), "schema": str(SCHEMA), "owl": str(OWL),
            "rdfs": str(RDFS)}
ANY = "*"


@dataclass(frozen=True)
class Type:
    """A type of the service: a class of the ontology and the index types of its members."""

    id: str
    name: str
    en: str
    own: str                        # the index type of members of this very class ('' none)
    narrower: tuple[str, ...]       # the index types of its subclasses
    default: bool

    @property
    def iri(self) -> str:
        return expand(self.id)

    @property
    def index_types(self) -> tuple[str, ...]:
        """Every index type a member of this type may have."""
        return ((self.own,) if self.own else ()) + self.narrower

    def reference(self) -> dict[str, str]:
        """The type as the protocol writes it in candidates and suggestions."""
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class Property:
    """A property of the service: how its values compare and come out (see the table)."""

    id: str
    kind: str                       # year, number, entity, name, text, iri
    name: str
    en: str
    range: str                      # the type id of entity values ('' for literals)
    domains: tuple[str, ...]        # type ids, or ('*',) for any

    @property
    def iri(self) -> str:
        return expand(self.id)

    def describe(self) -> dict[str, str]:
        """The property as suggest and proposals write it."""
        return {"id": self.id, "name": self.name, "description": self.en}


def expand(curie: str) -> str:
    """The IRI of a CURIE of the tables (``jl:Person``)."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


@cache
def types() -> tuple[Type, ...]:
    """Every type, in table order (the default types first)."""
    return tuple(Type(r["id"], r["name"], r["en"], r["own"], tuple(r["narrower"].split()),
                      r["default"] == "yes") for r in TABLES.table("types"))


@cache
def properties() -> tuple[Property, ...]:
    """Every property, in table order."""
    return tuple(Property(r["id"], r["kind"], r["name"], r["en"], r["range"],
                          tuple(r["domains"].split())) for r in TABLES.table("properties"))


def _keys(term_id: str) -> set[str]:
    """The spellings a caller may use for a term: CURIE, IRI, and a jl: local name."""
    keys = {term_id, expand(term_id)}
    if term_id.startswith("jl:"):
        keys.add(term_id[3:])
    return keys


@cache
def _types_by_key() -> dict[str, Type]:
    return {key.lower(): t for t in types() for key in _keys(t.id)}


@cache
def _properties_by_key() -> dict[str, Property]:
    return {key: p for p in properties() for key in _keys(p.id)}


def find_type(key: str) -> Type | None:
    """The type of an id, IRI or local name (case does not matter), None for an unknown one."""
    return _types_by_key().get(key.strip().lower())


def find_property(key: str) -> Property | None:
    """The property of an id, IRI or jl: local name, None for an unknown one."""
    return _properties_by_key().get(key.strip())


@cache
def type_of_index(index_type: str) -> Type | None:
    """The type whose own members the search index types so (Person -> jl:Person)."""
    return next((t for t in types() if t.own == index_type), None)


def broader(kind: Type) -> list[Type]:
    """The types whose members include all members of this one (jl:Period for jl:Dynasty)."""
    return [t for t in types() if t is not kind and kind.own and kind.own in t.narrower]


def is_default(index_type: str) -> bool:
    """True when members of this index type belong to one of the default types."""
    return any(index_type in t.index_types for t in types() if t.default)


def properties_for(kind: Type | None) -> list[Property]:
    """The properties members of a type may have: those of the type (and the types above it)
    first, then those of anything; all of them for no type."""
    if kind is None:
        return list(properties())
    ids = {kind.id, *(t.id for t in broader(kind))}
    own = [p for p in properties() if ids & set(p.domains)]
    return own + [p for p in properties() if ANY in p.domains]
