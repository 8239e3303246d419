"""``/sparql``: the SPARQL 1.1 Protocol for queries and updates, and the service description."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from pyoxigraph import BlankNode, NamedNode, Triple
from starlette.concurrency import run_in_threadpool

from api.problems import Problem
from api.rdf_response import (
    RDF_OFFERS,
    RESULT_OFFERS,
    graph_body,
    negotiate,
    results_media,
    serialized_response,
)
from api.state import logged_write, state
from kg.scope import update_targets
from sparql import Dataset
from sparql.errors import UpdateSentAsQuery
from sparql.text import add_using, has_dataset_clause, looks_like_update

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
DEFAULT_RESULTS = "application/sparql-results+json"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _bad(detail: str, status: int = 400) -> Problem:
    return Problem(status, "Bad SPARQL request", detail)


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise _bad(f"send one {name} parameter, not {len(values)}")
    return values[0] if values else None


def _graphs(params: dict[str, list[str]], name: str) -> tuple[NamedNode, ...]:
    try:
        return tuple(NamedNode(v) for v in params.get(name, []))
    except ValueError as err:
        raise _bad(f"{name} is not an IRI: {err}") from None


def _decode(body: bytes, content_type: str) -> str:
    charset = "utf-8"
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip('"').lower()
    if charset not in ("utf-8", "utf8"):
        raise _bad(f"send the body as UTF-8, not {charset}", 415)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad("the body is not valid UTF-8") from None


async def _params(request: Request) -> dict[str, list[str]]:
    """Query-string parameters merged with a form body or a direct query/update body."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    text = _decode(await request.body(), content_type)
    if media == FORM:
        for key, values in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
    elif media in (QUERY_TYPE, UPDATE_TYPE):
        params.setdefault("query" if media == QUERY_TYPE else "update", []).append(text)
    else:
        raise _bad(f"POST a form ({FORM}), {QUERY_TYPE} or {UPDATE_TYPE}, not "
                   f"{media or 'a body without Content-Type'}", 415)
    return params


def _base_declared(request: Request, text: str) -> str:
    # Relative IRIs in a request resolve against the endpoint URL (SPARQL 1.1 Protocol).
    endpoint = NamedNode(str(request.url.replace(query="")))
    return f"BASE {endpoint}\n{text}"


async def _run_query(request: Request, text: str, params: dict[str, list[str]]) -> Response:
    app = state(request)
    defaults, named = _graphs(params, "default-graph-uri"), _graphs(params, "named-graph-uri")
    dataset = Dataset(defaults, named) if defaults or named else None
    if looks_like_update(text):
        raise UpdateSentAsQuery()
    accept = request.headers.get("accept")
    media = results_media(accept)
    settings = app.settings
    result = await app.store.aquery_serialized(
        _base_declared(request, text), RESULT_OFFERS[media or DEFAULT_RESULTS], dataset=dataset,
        timeout=settings.query_timeout, limit=settings.result_limit,
        max_bytes=settings.result_max_bytes)
    return serialized_response(result, accept, media, request.method == "HEAD")


def _run_update(request: Request, text: str, params: dict[str, list[str]]) -> Response:
    if request.method != "POST":
        raise _bad("send updates with POST, never GET", 405)
    using = _graphs(params, "using-graph-uri")
    using_named = _graphs(params, "using-named-graph-uri")
    if (using or using_named) and has_dataset_clause(text):
        raise _bad("the update names its dataset (USING/WITH) and the request does too "
                   "(using-graph-uri/using-named-graph-uri): keep one")
    targets = update_targets(text)
    text = _base_declared(request, add_using(text, list(using), list(using_named)))
    store = state(request).store
    logged_write(request, targets, lambda: store.update(text), "Update", "SPARQL update")
    return Response(status_code=204)


@router.api_route("/sparql", methods=["GET", "POST", "HEAD"],
                  summary="SPARQL 1.1 Protocol: query (GET/POST) and update (POST)")
async def sparql_endpoint(request: Request) -> Response:
    """Queries by GET or POST, updates by POST; a bare GET returns the service description."""
    params = await _params(request)
    query, update = _single(params, "query"), _single(params, "update")
    if query is not None and update is not None:
        raise _bad("send either query or update, not both")
    if query is not None:
        return await _run_query(request, query, params)
    if update is not None:
        return await _in_thread(_run_update, request, update, params)
    if request.method == "POST":
        raise _bad("the request carries no query and no update")
    return service_description(request)


async def _in_thread(fn, *args) -> Response:
    # The store blocks; keep the event loop free for other requests.
    return await run_in_threadpool(fn, *args)


def service_description(request: Request) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint."""
    endpoint = NamedNode(str(request.url.replace(query="")))
    media, params = negotiate(request.headers.get("accept"), list(RDF_OFFERS))
    body = graph_body(_description(endpoint), media, params)
    return Response(b"" if request.method == "HEAD" else body, media_type=media,
                    headers={"Vary": "Accept"})


def _description(endpoint: NamedNode) -> list[Triple]:
    sd = lambda local: NamedNode(SD + local)  # noqa: E731 - a local shorthand
    dataset, default = BlankNode(), BlankNode()
    triples = [
        Triple(endpoint, RDF_TYPE, sd("Service")),
        Triple(endpoint, sd("endpoint"), endpoint),
        Triple(endpoint, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(endpoint, sd("supportedLanguage"), sd("SPARQL11Update")),
        Triple(endpoint, sd("feature"), sd("UnionDefaultGraph")),
        Triple(endpoint, sd("feature"), sd("EmptyGraphs")),
        Triple(endpoint, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default),
        Triple(default, RDF_TYPE, sd("Graph")),
    ]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
        triples.append(Triple(endpoint, sd("resultFormat"), NamedNode(FORMATS + name)))
    return triples

