"""The versioned ``@context`` of the JSON-LD REST API, and the keys it gives IRIs and values.

The API context is the ontology's context (``ontology/context.jsonld``) with the terms of
``api-context.jsonld`` beside this module added: display names, paging (Hydra), nesting of
related keys, text parts, mentions and shortcuts for BIBFRAME properties. An API term never
redefines an ontology term, so a key means the same in every document of the project.

A property's key is the term whose definition fits the value (a language map for a
language-tagged string, an ``@id`` term for an IRI ...), else a compact IRI (``bf:date``)
whose values are written so that they expand to the same RDF without a term.

>>> from kg.vocab import BF, SKOS
>>> vocab = vocabulary()
>>> vocab.compact("https://kg.jllib.cn/ontology#Person"), vocab.compact(BF.Text.value)
('Person', 'bf:Text')
>>> vocab.term_for(SKOS.prefLabel.value, "lang").name
'prefLabel'
>>> vocab.class_named("placename").value
'https://kg.jllib.cn/ontology#PlaceName'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode

from kg.vocab import XSD
from ontology import CONTEXT_PATH

API_TERMS_PATH = Path(__file__).with_name("api-context.jsonld")
NUMBERS = {XSD.integer.value, XSD.decimal.value, XSD.double.value, XSD.float.value}


@dataclass(frozen=True)
class Term:
    """One property term of the context: its key, the IRI it stands for and its value kind.

    ``kind`` is ``lang`` (a language map), ``ref`` (IRIs), ``number``, ``bool``, ``string``
    (a plain string), ``typed`` (the lexical form of ``datatype``), ``plain`` (no coercion)
    or ``reverse`` (nodes that point at the subject).
    """

    name: str
    iri: str
    kind: str
    datatype: str | None = None


@cache
def api_context() -> dict:
    """The API's ``@context`` object: the ontology's terms, then the API's own."""
    ontology = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    extra = json.loads(API_TERMS_PATH.read_text(encoding="utf-8"))["@context"]
    clash = sorted(set(ontology) & set(extra))
    if clash:
        raise ValueError(f"{API_TERMS_PATH.name} redefines ontology terms: {clash}")
    return {**ontology, **extra}


@cache
def vocabulary() -> Vocabulary:
    """The API context, read once."""
    return Vocabulary(api_context())


class Vocabulary:
    """Compaction of IRIs to keys and values to their JSON shape, by the API context."""

    def __init__(self, context: dict):
        self.prefixes = {k: v for k, v in context.items()
                         if isinstance(v, str) and v.endswith(("/", "#")) and ":" in v}
        self.classes: dict[str, str] = {}
        self.terms: list[Term] = []
        simple: dict[str, str] = {}
        for name, definition in context.items():
            if name.startswith("@") or name in self.prefixes or str(definition).startswith("@"):
                continue
            if isinstance(definition, str):
                simple.setdefault(self.expand(definition), name)
            if isinstance(definition, str) and name[:1].isupper():
                self.classes[name] = self.expand(definition)
            else:
                self.terms.append(self._term(name, definition))
        self._simple_keys = simple

    def expand(self, value: str) -> str:
        """A compact IRI (``jl:Person``) or full IRI, expanded."""
        prefix, colon, local = value.partition(":")
        if colon and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return value

    def compact(self, iri: str) -> str:
        """A term (``Person``, ``machine``), else a compact IRI with the longest prefix, else the
        IRI itself."""
        if iri in self._simple_keys:
            return self._simple_keys[iri]
        best = max((p for p, ns in self.prefixes.items() if iri.startswith(ns)),
                   key=lambda p: len(self.prefixes[p]), default=None)
        return f"{best}:{iri[len(self.prefixes[best]):]}" if best else iri

    def term_for(self, predicate: str, kind: str, datatype: str | None = None) -> Term | None:
        """The first term for ``predicate`` that takes a value of this kind, if any."""
        for term in self.terms:
            if term.iri == predicate and _fits(term, kind, datatype):
                return term
        return None

    def class_named(self, name: str) -> NamedNode | None:
        """The class a type name stands for: a class term in any case, or a compact IRI."""
        for term, iri in self.classes.items():
            if term.lower() == name.lower():
                return NamedNode(iri)
        expanded = self.expand(name)
        try:
            return NamedNode(expanded) if expanded != name else None
        except ValueError:  # not an IRI once expanded
            return None

    def _term(self, name: str, definition: str | dict) -> Term:
        if isinstance(definition, str):
            return Term(name, self.expand(definition), "plain")
        if "@reverse" in definition:
            return Term(name, self.expand(definition["@reverse"]), "reverse")
        iri = self.expand(definition.get("@id", name))
        if definition.get("@container") == "@language":
            return Term(name, iri, "lang")
        coerce = definition.get("@type")
        if coerce in ("@id", "@vocab"):
            return Term(name, iri, "ref")
        if coerce is None:
            return Term(name, iri, "plain")
        datatype = self.expand(coerce)
        return Term(name, iri, _datatype_kind(datatype), datatype)


def _datatype_kind(datatype: str) -> str:
    if datatype in NUMBERS:
        return "number"
    if datatype == XSD.boolean.value:
        return "bool"
    return "string" if datatype == XSD.string.value else "typed"


def _fits(term: Term, kind: str, datatype: str | None) -> bool:
    """Whether a value of ``kind`` (``ref``, ``lang``, ``string`` or ``typed`` with its
    datatype) keeps its meaning under ``term``."""
    if kind == "ref":
        return term.kind in ("ref", "plain")
    if kind == "lang":
        return term.kind == "lang"
    if kind == "string":
        return term.kind in ("lang", "string", "plain")
    if term.kind == "plain":
        return datatype in (XSD.integer.value, XSD.boolean.value)
    return term.kind in ("number", "bool", "typed") and term.datatype == datatype
