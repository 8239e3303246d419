"""Serialize graphs and query results for HTTP, by content negotiation."""

from __future__ import annotations

import json
from functools import cache

from fastapi import Response
from pyoxigraph import QueryResultsFormat, RdfFormat, Triple, parse
from rdflib import Graph

from api.negotiation import choose
from api.problems import Problem
from ontology import CONTEXT_PATH
from sparql.results import GraphResult, Serialized

HTML = "text/html"
RDF_OFFERS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/json": RdfFormat.JSON_LD,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/xml": RdfFormat.RDF_XML,
}
RESULT_OFFERS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
    "application/json": QueryResultsFormat.JSON,
    "application/xml": QueryResultsFormat.XML,
}
JSONLD_EXPANDED = "http://www.w3.org/ns/json-ld#expanded"
PREFIXES = {
    "jl": "https://kg.jllib.cn/ontology#",
    "bf": "http://id.loc.gov/ontologies/bibframe/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def not_acceptable(offers: list[str]) -> Problem:
    """The 406 problem, listing what we can send."""
    return Problem(406, "Not Acceptable", f"cannot send that media type; ask for one of: "
                   f"{', '.join(offers)}", {"Vary": "Accept"})


def negotiate(accept: str | None, offers: list[str]) -> tuple[str, dict[str, str]]:
    """The chosen media type and the Accept parameters that came with it; 406 otherwise."""
    chosen = choose(accept, offers)
    if chosen is None:
        raise not_acceptable(offers)
    return chosen[0], chosen[1].params


@cache
def _context() -> dict:
    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


def _jsonld(triples: list[Triple], expanded: bool) -> bytes:
    nt = GraphResult(triples).serialize(RdfFormat.N_TRIPLES)
    graph = Graph().parse(data=nt, format="nt")
    if expanded:
        return graph.serialize(format="json-ld").encode()
    return graph.serialize(format="json-ld", context=_context(), auto_compact=True).encode()


def graph_body(triples: list[Triple], media_type: str, params: dict[str, str]) -> bytes:
    """Triples in the negotiated RDF media type (JSON-LD compacted unless asked expanded)."""
    fmt = RDF_OFFERS[media_type]
    if fmt == RdfFormat.JSON_LD:
        return _jsonld(triples, params.get("profile") == JSONLD_EXPANDED)
    return GraphResult(triples).serialize(fmt, PREFIXES)


def results_media(accept: str | None) -> str | None:
    """The SPARQL results media type the client prefers, or None when it takes none."""
    chosen = choose(accept, list(RESULT_OFFERS))
    return chosen[0] if chosen else None


def serialized_response(result: Serialized, accept: str | None, media: str | None,
                        head: bool = False) -> Response:
    """Written-out results as the client asked: ``media`` for solutions and booleans (406 when
    None); for triples, N-Triples as they are, any other RDF type converted."""
    if result.kind == "graph":
        media, params = negotiate(accept, list(RDF_OFFERS))
        body = result.data
        if RDF_OFFERS[media] != RdfFormat.N_TRIPLES:
            triples = [q.triple for q in parse(body, RdfFormat.N_TRIPLES)]
            body = graph_body(triples, media, params)
    elif media is None:
        raise not_acceptable(list(RESULT_OFFERS))
    else:
        body = result.data
    return Response(b"" if head else body, media_type=_with_charset(media),
                    headers={"Vary": "Accept"})


def _with_charset(media: str) -> str:
    return media if media.endswith(("json", "xml")) else f"{media}; charset=utf-8"
