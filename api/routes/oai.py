"""``/oai``: the OAI-PMH 2.0 data provider (`kg.oai`), by GET and by POST, for harvesters.

Every answer is an OAI-PMH document (``text/xml``) with status 200, protocol errors included:
the protocol has its own error element, so this route does not use problem+json. Reads need no
token.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from api.state import state
from kg.oai import Provider, respond
from kg.oai_records import Records

router = APIRouter(tags=["oai-pmh"])
MEDIA_TYPE = "text/xml; charset=utf-8"

_ARGUMENTS = [
    ("verb", "Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers or "
     "ListRecords", "ListRecords"),
    ("metadataPrefix", "oai_dc or rdf", "oai_dc"),
    ("identifier", "a record's identifier", "oai:kg.jllib.cn:entity/person/zhu-yuanzhang"),
    ("from", "first datestamp, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ", "2025-01-01"),
    ("until", "last datestamp, inclusive", "2025-12-31T23:59:59Z"),
    ("set", "graph:{name} (/ written :) or type:{class}", "graph:catalogue"),
    ("resumptionToken", "the token of the page before; exclusive", None),
]
_EXAMPLE = """<?xml version='1.0' encoding='UTF-8'?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-01-01T00:00:00Z\
</responseDate><request verb="GetRecord" identifier="oai:kg.jllib.cn:works/catalogue/JL0000001" \
metadataPrefix="oai_dc">https://kg.jllib.cn/oai</request><GetRecord><record><header>\
<identifier>oai:kg.jllib.cn:works/catalogue/JL0000001</identifier>\
<datestamp>2025-01-01T00:00:00Z</datestamp><setSpec>graph:catalogue</setSpec>\
<setSpec>type:Work</setSpec></header><metadata>…</metadata></record></GetRecord></OAI-PMH>"""
_RESPONSES = {200: {"description": "An OAI-PMH response (errors too, as error elements).",
                    "content": {"text/xml": {"example": _EXAMPLE}}}}
_QUERY = {"parameters": [
    {"name": name, "in": "query", "required": name == "verb", "description": text,
     "schema": {"type": "string"}, **({"example": example} if example else {})}
    for name, text, example in _ARGUMENTS]}
_FORM = {"requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {
    "schema": {"type": "object", "required": ["verb"], "properties": {
        name: {"type": "string", "description": text} for name, text, _ in _ARGUMENTS}}}}}}


def _answer(request: Request, pairs: list[tuple[str, str]]) -> Response:
    app = state(request)
    provider = Provider(Records(app.store, app.minter), str(request.url.replace(query="")),
                        app.settings.oai_page_size)
    return Response(respond(provider, pairs), media_type=MEDIA_TYPE)


@router.get("/oai", summary="OAI-PMH 2.0 request", responses=_RESPONSES, openapi_extra=_QUERY)
async def oai_get(request: Request) -> Response:
    """Harvest the records: works, instances and authority records of every ingested source,
    and the knowledge base's entities, in ``oai_dc`` or ``rdf`` (RDF/XML)."""
    pairs = list(request.query_params.multi_items())
    return await run_in_threadpool(_answer, request, pairs)


@router.post("/oai", summary="OAI-PMH 2.0 request, arguments in a form body",
             responses=_RESPONSES, openapi_extra=_FORM)
async def oai_post(request: Request) -> Response:
    """The same as GET, with the arguments as ``application/x-www-form-urlencoded``."""
    form = await request.form()
    pairs = [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
    return await run_in_threadpool(_answer, request, pairs)
