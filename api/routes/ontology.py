"""``/ontology``: the jl ontology as a page for people or as RDF; its context and shapes."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from api.html import render
from api.rdf_response import HTML, RDF_OFFERS, negotiate
from ontology import CONTEXT_PATH, JL, ONTOLOGY_PATH, SHAPES_PATH

router = APIRouter(tags=["ontology"])
RDFLIB_FORMAT = {"text/turtle": "turtle", "application/n-triples": "nt",
                 "application/rdf+xml": "xml", "application/ld+json": "json-ld",
                 "application/json": "json-ld", "text/plain": "nt", "application/xml": "xml"}


@cache
def _graph() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def _text(graph: Graph, term: URIRef, prop: URIRef, lang: str | None = None) -> str:
    for value in graph.objects(term, prop):
        if lang is None or getattr(value, "language", None) == lang:
            return str(value)
    return ""


def _term(graph: Graph, term: URIRef) -> dict[str, object]:
    qname = lambda t: graph.namespace_manager.normalizeUri(t)  # noqa: E731
    return {"local": str(term)[len(JL):], "zh": _text(graph, term, RDFS.label, "zh"),
            "en": _text(graph, term, RDFS.label, "en"),
            "comment": _text(graph, term, RDFS.comment, "en") or _text(graph, term, RDFS.comment),
            "parents": [qname(p) for p in graph.objects(term, RDFS.subClassOf)
                        if isinstance(p, URIRef)],
            "domain": ", ".join(qname(d) for d in graph.objects(term, RDFS.domain)),
            "range": ", ".join(qname(r) for r in graph.objects(term, RDFS.range))}


def _terms(graph: Graph, kinds: tuple[URIRef, ...]) -> list[dict[str, object]]:
    found = {s for kind in kinds for s in graph.subjects(RDF.type, kind)
             if isinstance(s, URIRef) and str(s).startswith(JL)}
    return [_term(graph, t) for t in sorted(found)]


@router.api_route("/ontology", methods=["GET", "HEAD"], summary="The jl ontology")
def ontology_document(request: Request) -> Response:
    """HTML for browsers; Turtle, N-Triples, RDF/XML or JSON-LD by Accept."""
    media, _ = negotiate(request.headers.get("accept"), [HTML, *RDF_OFFERS])
    graph = _graph()
    if media != HTML:
        body = graph.serialize(format=RDFLIB_FORMAT[media]).encode()
        media_type = media if media.endswith("json") else f"{media}; charset=utf-8"
        return Response(body, media_type=media_type, headers={"Vary": "Accept"})
    onto = URIRef(JL.rstrip("#"))
    context = {"title": _text(graph, onto, RDFS.label, "zh") or "jl ontology",
               "comment": _text(graph, onto, RDFS.comment), "namespace": JL,
               "classes": _terms(graph, (OWL.Class,)),
               "properties": _terms(graph, (OWL.ObjectProperty, OWL.DatatypeProperty))}
    return render(request, "ontology.html", context, headers={"Vary": "Accept, Cookie"})


@router.get("/ontology/context.jsonld", summary="The JSON-LD @context")
def jsonld_context() -> FileResponse:
    """The stable JSON-LD context of the API and of our JSON-LD documents."""
    return FileResponse(CONTEXT_PATH, media_type="application/ld+json")


@router.get("/ontology/shapes", summary="The SHACL shapes")
def shapes() -> FileResponse:
    """The SHACL shapes that `jinling validate` checks."""
    return FileResponse(SHAPES_PATH, media_type="text/turtle; charset=utf-8")
