"""What the hand-written files of data/kb already say, as the build's first source.

The build never rewrites them; it reads their entities and facts so that it types no entity
twice, keeps their years and preferred names, and links to what they describe.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .source import SourceError
from .terms import ENTITY_PREFIXES, VOCAB_PREFIXES, Iri, Ref, Term, Text, Vocab

BASE = "https://kg.jllib.cn/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
LANGUAGES = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}


def read_stated(files: list[Path]) -> tuple[dict[Ref, list[tuple[str, Term]]], dict[Ref, str]]:
    """(facts by entity, class by entity) of the hand-written Turtle files."""
    facts: dict[Ref, list[tuple[str, Term]]] = {}
    types: dict[Ref, str] = {}
    for path in files:
        try:
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE))
        except SyntaxError as err:
            raise SourceError(f"not Turtle: {err}", source=str(path)) from None
        for quad in quads:
            subject = _entity(quad.subject)
            if subject is None:
                continue
            pred = _curie(quad.predicate.value)
            if quad.predicate.value == RDF_TYPE:
                types[subject] = _curie(quad.object.value)
                continue
            obj = _term(quad.object)
            if pred and obj is not None:
                facts.setdefault(subject, []).append((pred, obj))
    return facts, types


def _entity(node) -> Ref | None:
    if not isinstance(node, ox.NamedNode) or not node.value.startswith(BASE):
        return None
    path = node.value[len(BASE):]
    for kind, prefix in ENTITY_PREFIXES.items():
        if path.startswith(prefix):
            return Ref(f"{kind}:{path[len(prefix):]}")
    return None


def _curie(iri: str) -> str:
    for prefix, namespace in VOCAB_PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _term(node) -> Term | None:
    if isinstance(node, ox.NamedNode):
        entity = _entity(node)
        if entity is not None:
            return entity
        curie = _curie(node.value)
        return Vocab(curie) if curie != node.value else Iri(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Text(node.value, LANGUAGES.get(node.language, node.language))
        if node.datatype.value == XSD_INTEGER:
            return int(node.value)
    return None
