"""Every IRI under the configured base dereferences at its path, by content negotiation."""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from starlette.concurrency import run_in_threadpool

from api.html import render
from api.problems import Problem
from api.rdf_response import HTML, RDF_OFFERS, graph_body, negotiate
from api.routes.curator import editable_fields
from api.sessions import current
from api.state import AppState, state
from kg.views import entity_page, reader
from kg.views.errors import ViewError
from kg.vocab import DCT, JL, A
from sparql import queries

router = APIRouter(tags=["linked data"])
RDF_PAGE_OFFERS = [m for m in RDF_OFFERS if m.count("/") == 1][:4]  # <link rel=alternate>
LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://www.w3.org/2000/01/rdf-schema#label")


def _link(app: AppState, term: NamedNode, labels: dict[str, str]) -> dict[str, str]:
    path = app.minter.path_of(term.value)
    return {"iri": term.value, "href": path or term.value,
            "text": labels.get(term.value) or _short(term.value)}


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def _labels(triples: list[Triple]) -> dict[str, str]:
    """A label per resource, preferring Chinese prefLabels."""
    ranked: dict[str, tuple[int, str]] = {}
    for t in triples:
        if t.predicate.value in LABELS and isinstance(t.object, Literal):
            lang = t.object.language or ""
            rank = (0 if lang.startswith("zh") else 1) + 2 * LABELS.index(t.predicate.value)
            if t.subject.value not in ranked or rank < ranked[t.subject.value][0]:
                ranked[t.subject.value] = (rank, t.object.value)
    return {k: v for k, (_, v) in ranked.items()}


def _value(app: AppState, term: object, labels: dict[str, str]) -> dict[str, str | None]:
    if isinstance(term, NamedNode):
        return {**_link(app, term, labels), "lang": None}
    if isinstance(term, Literal):
        return {"text": term.value, "href": None, "lang": term.language}
    return {"text": "[…]" if isinstance(term, BlankNode) else str(term), "href": None,
            "lang": None}


def _page(request: Request, iri: NamedNode, triples: list[Triple]) -> Response:
    app, labels = state(request), _labels(triples)
    grouped: dict[str, list] = defaultdict(list)
    for t in triples:
        if t.subject == iri:
            grouped[t.predicate.value].append(_value(app, t.object, labels))
    rows = [{"predicate": _link(app, NamedNode(p), labels), "values": v}
            for p, v in sorted(grouped.items())]
    incoming = [{**_link(app, r["s"], {r["s"].value: r["label"].value} if "label" in r else {}),
                 "via": _short(r["p"].value)}
                for r in app.store.query(queries.load("incoming"), {"iri": iri})]
    context = {"title": labels.get(iri.value, _short(iri.value)), "iri": iri.value,
               "rows": rows, "incoming": incoming, "path": request.url.path,
               "alternates": RDF_PAGE_OFFERS}
    return render(request, "resource.html", context, headers={"Vary": "Accept, Cookie"})


def _entity_page(request: Request, path: str) -> Response | None:
    """The page of an entity of the KB (``entity/{kind}/{key}``), or None for other resources."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != "entity":
        return None
    app = state(request)
    try:
        found = entity_page.page(app.store, app.minter, parts[1], parts[2])
    except ViewError:  # not an entity's kind, or gone: the plain description
        return None
    session = current(request)
    editing = editable_fields() if session else []
    return render(request, "entity.html", {**found, "path": request.url.path,
                                           "alternates": RDF_PAGE_OFFERS, "session": session,
                                           "editable": editing},
                  headers={"Vary": "Accept, Cookie"})


def _reader_page(request: Request, path: str) -> Response | None:
    """The reader of a local document, an interview or an ancient book, or None."""
    app = state(request)
    found = reader.reader(app.store, app.minter, path, str(request.base_url))
    if found is None:
        return None
    return render(request, "reader.html", {
        **found, "path": request.url.path, "alternates": RDF_PAGE_OFFERS,
        "pieces": reader.pieces, "text_of": reader.text_of,
        "viewer": request.app.state.viewer and found["kind"] == "book"},
        headers={"Vary": "Accept, Cookie"})


def describe(request: Request, path: str) -> Response:
    """The description of the resource whose IRI is the base plus this path."""
    app = state(request)
    iri = app.minter.from_path(path)
    media, params = negotiate(request.headers.get("accept"), [HTML, *RDF_OFFERS])
    triples = app.store.query(queries.load("describe"), {"iri": iri}).triples
    if not triples:
        raise Problem(404, "Not found", f"nothing is known about {iri.value}")
    replaced = [t.object for t in triples if t.subject == iri and t.predicate == DCT.isReplacedBy]
    if replaced:  # merged into another entity: its IRI stays, and leads there
        target = app.minter.path_of(replaced[0].value) or replaced[0].value
        # a curator may undo the merge: browsers must ask again rather than keep the 301
        return RedirectResponse(target, status_code=301,
                                headers={"Vary": "Accept", "Cache-Control": "no-cache"})
    if media == HTML:
        response = _entity_page(request, path) or _reader_page(request, path) \
            or _page(request, iri, triples)
    else:
        body = graph_body(triples, media, params)
        media_type = media if media.endswith("json") else f"{media}; charset=utf-8"
        response = Response(body, media_type=media_type, headers={"Vary": "Accept"})
    if Triple(iri, A, JL.Tombstone) in triples:
        response.status_code = 410  # its source record was deleted: the tombstone says when
    if request.method == "HEAD":
        return Response(b"", status_code=response.status_code, headers=dict(response.headers))
    return response


@router.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
async def resource(request: Request, path: str) -> Response:
    """Dereference ``{base}{path}``."""
    return await run_in_threadpool(describe, request, path)
