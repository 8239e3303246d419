"""The RDF terms of the generated KB files and how each is written in Turtle.

Entities of the KB are written as prefixed names (``person:li-bai``), which is why their slugs
must be lower-case pinyin, digits and hyphens; anything else is escaped by pyoxigraph, so no
literal or IRI is escaped by hand here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

# Relative prefixes: the loader resolves them against the configured base (data/README.md).
ENTITY_PREFIXES = {
    "person": "entity/person/",
    "place": "entity/place/",
    "placename": "entity/placename/",
    "organization": "entity/organization/",
    "event": "entity/event/",
    "period": "entity/period/",
}
VOCAB_PREFIXES = {
    "jl": "https://kg.jllib.cn/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
}
PREFIXES = {**VOCAB_PREFIXES, **ENTITY_PREFIXES}

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGE = re.compile(r"zh-Hans|zh-Hant|en")
DECIMAL = re.compile(r"-?\d+\.\d+")


class TermError(ValueError):
    """A term that cannot be written: a bad slug, language tag or number."""


@dataclass(frozen=True, order=True)
class Ref:
    """An entity of the KB: ``kind:slug`` (kind is one of ENTITY_PREFIXES)."""

    curie: str

    def __post_init__(self):
        kind, _, slug = self.curie.partition(":")
        if kind not in ENTITY_PREFIXES or not SLUG.fullmatch(slug):
            raise TermError(f"not an entity name (kind:slug, slug in [a-z0-9-]): {self.curie!r}")

    @property
    def kind(self) -> str:
        return self.curie.partition(":")[0]

    def turtle(self) -> str:
        return self.curie


@dataclass(frozen=True, order=True)
class Vocab:
    """A term of a vocabulary, as a prefixed name: a class such as ``jl:Person``."""

    curie: str

    def __post_init__(self):
        if self.curie.partition(":")[0] not in VOCAB_PREFIXES:
            raise TermError(f"no vocabulary prefix in {self.curie!r}")

    def turtle(self) -> str:
        return self.curie


@dataclass(frozen=True, order=True)
class Iri:
    """An IRI outside the KB (CHGIS, DILA)."""

    value: str

    def turtle(self) -> str:
        return str(ox.NamedNode(self.value))


@dataclass(frozen=True, order=True)
class Text:
    """A language-tagged string."""

    value: str
    lang: str

    def __post_init__(self):
        if not LANGUAGE.fullmatch(self.lang):
            raise TermError(f"language tag {self.lang!r} of {self.value!r}: "
                            "zh-Hans, zh-Hant or en")
        if not self.value.strip():
            raise TermError(f"empty @{self.lang} string")

    def turtle(self) -> str:
        return f"{ox.Literal(self.value)}@{self.lang}"


@dataclass(frozen=True, order=True)
class Decimal:
    """An xsd:decimal kept as written (coordinates), e.g. ``32.05256``."""

    value: str

    def __post_init__(self):
        if not DECIMAL.fullmatch(self.value):
            raise TermError(f"not a decimal: {self.value!r}")

    def turtle(self) -> str:
        return self.value


Term = Ref | Vocab | Iri | Text | Decimal | int


def turtle(term: Term) -> str:
    """The term in Turtle: years as bare integers, entities as prefixed names.

    >>> turtle(Text('他说"好"', "zh-Hans")), turtle(-333), turtle(Ref("place:nanjing"))
    ('"他说\\\\"好\\\\""@zh-Hans', '-333', 'place:nanjing')
    """
    if isinstance(term, bool):
        raise TermError("a boolean is not a KB term")
    if isinstance(term, int):
        return str(term)
    return term.turtle()


def key(term: Term) -> tuple:
    """A sort and identity key for any term (ints and the term classes do not compare)."""
    return (type(term).__name__, term)
