"""Vocabulary terms as pyoxigraph NamedNodes, made once and reused.

>>> BF.Work.value
'http://id.loc.gov/ontologies/bibframe/Work'
>>> JL.Tombstone.value
'https://kg.jllib.cn/ontology#Tombstone'
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from ontology import JL as JL_IRI


class Namespace:
    """Terms of one vocabulary; attribute or item access mints and caches the NamedNode."""

    def __init__(self, base: str):
        self._base = base
        self._terms: dict[str, NamedNode] = {}

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)  # later reads are plain attribute lookups
        return term

    def __getitem__(self, name: str) -> NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = NamedNode(self._base + name)
        return term

    def __str__(self) -> str:
        return self._base


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
DCMITYPE = Namespace("http://purl.org/dc/dcmitype/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
BF = Namespace("http://id.loc.gov/ontologies/bibframe/")
BFLC = Namespace("http://id.loc.gov/ontologies/bflc/")
MADS = Namespace("http://www.loc.gov/mads/rdf/v1#")
SCHEMA = Namespace("https://schema.org/")
JL = Namespace(JL_IRI)

A = RDF.type
