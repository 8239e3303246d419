"""``/query``: the SPARQL page. A query editor over ``/sparql`` (YASGUI, once `make web` has
installed it into api/node_modules: highlighting, prefixes, results as a table and downloads),
example queries for Nanjing studies (sparql/examples), and without scripts a plain form whose
results come back as a table, with the same results to download from ``/query/results.EXT``.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from pyoxigraph import QueryResultsFormat

from api.html import render
from api.problems import Problem
from api.state import AppState, state
from sparql import queries
from sparql.errors import QuerySyntaxError, QueryTimeout, ResultLimitExceeded
from sparql.text import looks_like_update

router = APIRouter(tags=["pages"])
DOWNLOADS = {"csv": ("text/csv", QueryResultsFormat.CSV),
             "tsv": ("text/tab-separated-values", QueryResultsFormat.TSV),
             "json": ("application/sparql-results+json", QueryResultsFormat.JSON),
             "xml": ("application/sparql-results+xml", QueryResultsFormat.XML)}
Text = Annotated[str, Query(description="A SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)")]


@router.get("/query", response_class=HTMLResponse, summary="The SPARQL page")
async def query_page(request: Request, query: Text = "", example: str = "") -> Response:
    """The editor with ``query``, else with the example named ``example``, else the first
    example; with ``query``, its results as a table too."""
    chosen = next((e for e in queries.examples() if e.name == example), queries.examples()[0])
    table, error = (await _table(request, query)) if query.strip() else (None, None)
    return render(request, "query.html", {
        "query": query or chosen.text, "examples": queries.examples(), "table": table,
        "error": error, "downloads": list(DOWNLOADS), "editor": request.app.state.editor},
        status=400 if error else 200)


@router.get("/query/results.{ext}", summary="A query's results as a file to download")
async def download(request: Request, ext: str, query: Text) -> Response:
    """The results of ``query`` in CSV, TSV, SPARQL JSON or SPARQL XML, as an attachment."""
    if ext not in DOWNLOADS:
        raise Problem(404, "Not found", f"results come as {', '.join(DOWNLOADS)}, not {ext}")
    media, fmt = DOWNLOADS[ext]
    result = await _run(state(request), query, fmt)
    if result.kind == "graph":
        media, ext = "application/n-triples", "nt"
    return Response(result.data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="results.{ext}"'})


async def _run(app: AppState, text: str, fmt: QueryResultsFormat):
    if looks_like_update(text):
        raise Problem(400, "Bad SPARQL request", "this page only queries: send updates to "
                      "/sparql with a token")
    settings = app.settings
    return await app.store.aquery_serialized(text, fmt, timeout=settings.query_timeout,
                                             limit=settings.result_limit,
                                             max_bytes=settings.result_max_bytes)


async def _table(request: Request, text: str) -> tuple[dict | None, str | None]:
    """The query's results as columns and rows of cells (an IRI under the base links to its
    page), or the message of what went wrong."""
    app = state(request)
    try:
        result = await _run(app, text, QueryResultsFormat.JSON)
    except (QuerySyntaxError, QueryTimeout, ResultLimitExceeded) as err:
        return None, str(err)
    except Problem as err:
        return None, err.detail
    if result.kind == "graph":
        lines = result.data.decode("utf-8").splitlines()
        return {"columns": ["triple"], "rows": [[{"text": line}] for line in lines]}, None
    data = json.loads(result.data)
    if "boolean" in data:
        return {"columns": ["ASK"], "rows": [[{"text": str(data["boolean"]).lower()}]]}, None
    columns = data["head"]["vars"]
    rows = [[_cell(app, row.get(name)) for name in columns]
            for row in data["results"]["bindings"]]
    return {"columns": columns, "rows": rows}, None


def _cell(app: AppState, value: dict | None) -> dict:
    if value is None:
        return {"text": ""}
    if value["type"] == "uri":
        return {"text": value["value"], "href": app.minter.path_of(value["value"])}
    return {"text": value["value"], "lang": value.get("xml:lang")}
