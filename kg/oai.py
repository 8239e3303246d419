"""An OAI-PMH 2.0 data provider over the store: what district libraries harvest.

`respond` turns one request's arguments (a list of pairs, so a repeated argument shows) into
the response document. The server answers it at ``/oai`` (GET and POST)::

    /oai?verb=Identify
    /oai?verb=ListSets
    /oai?verb=ListRecords&metadataPrefix=oai_dc&set=graph:catalogue&from=2025-01-01
    /oai?verb=ListRecords&resumptionToken=…
    /oai?verb=GetRecord&identifier=oai:kg.jllib.cn:entity/person/zhu-yuanzhang&metadataPrefix=rdf

* Which resources are records, their datestamps and their sets: see `kg.oai_records`.
  Identifiers are ``oai:{host of the base IRI}:{path of the IRI under the base}``.
* Formats: ``oai_dc`` (title, creator, subject, description, publisher, date, type,
  identifier, language; ``oai_dc.rq``) and ``rdf``, the record's description as RDF/XML (what
  the record's IRI dereferences to), in an ``rdf:RDF`` element.
* Lists come a page at a time (``JINLING_OAI_PAGE_SIZE``, default 100). A resumption token
  is stateless: it carries the request's arguments, the last identifier's IRI, the cursor and
  the complete list size, and is good for `TOKEN_HOURS` after it was issued; records added or
  removed during a harvest do not shift the pages (the next page starts after an IRI, not at an
  offset). A token that is malformed, expired or from another verb is ``badResumptionToken``.
* Deleted records: ``transient``. Ingest keeps a tombstone for each deleted source record, and
  those are listed with ``status="deleted"``; a resource removed by other means (a dropped
  graph, a SPARQL update) leaves none.
* Granularity is seconds (``YYYY-MM-DDThh:mm:ssZ``); ``from``/``until`` take days too, both
  bounds inclusive.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lxml import etree
from pyoxigraph import Literal, NamedNode, RdfFormat, serialize

from kg.errors import KgError
from kg.oai_records import EPOCH, Record, Records, Selection
from kg.vocab import BF, JL
from sparql import queries

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REPOSITORY_NAME = "Jinling Knowledge Graph · 金陵知识图谱"
TOKEN_HOURS = 24
_ARGUMENTS = ("identifier", "metadataPrefix", "from", "until", "set", "resumptionToken")
_LISTING = (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set", "resumptionToken"}))
VERBS: dict[str, tuple[frozenset[str], frozenset[str]]] = {  # required, optional
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset({"resumptionToken"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
    "ListIdentifiers": _LISTING,
    "ListRecords": _LISTING,
}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")
_PREFIX = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
_REPOSITORY_ID = re.compile(r"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$")
_TYPE_NAMESPACES = (str(JL), str(BF))   # dc:type names their classes
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Format:
    """A metadata format: its prefix, schema and namespace."""

    prefix: str
    schema: str
    namespace: str


FORMATS = {
    "oai_dc": Format("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
    "rdf": Format("rdf", "http://www.openarchives.org/OAI/2.0/rdf.xsd", RDF),
}


class OaiError(KgError):
    """A request the protocol answers with an error element; ``code`` is its error code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Provider:
    """What answers requests: the records, the URL harvested, and the page size."""

    records: Records
    base_url: str
    page_size: int = 100


def respond(provider: Provider, pairs: Sequence[tuple[str, str]],
            now: datetime | None = None) -> bytes:
    """The OAI-PMH response document for a request's arguments, as UTF-8 XML.

    >>> from sparql.embedded import EmbeddedStore
    >>> from kg.iri import Minter
    >>> provider = Provider(Records(EmbeddedStore(), Minter("https://kg.jllib.cn/")),
    ...                     "http://localhost/oai")
    >>> b'<error code="badVerb">' in respond(provider, [("verb", "Dance")])
    True
    """
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    echoed: dict[str, str] = {}
    try:
        verb, arguments = parse_arguments(pairs)
        echoed = {"verb": verb, **arguments}
        body = HANDLERS[verb](provider, arguments, now)
    except OaiError as err:
        body = _element("error", err.args[0], code=err.code)
        if err.code in ("badVerb", "badArgument"):
            echoed = {}  # its arguments may not fit the request element's attribute types
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    root.append(_element("responseDate", _stamp(now)))
    root.append(_request(provider.base_url, echoed))
    root.append(body)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def parse_arguments(pairs: Sequence[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """The verb and its arguments, checked against what the verb takes.

    Raises:
        OaiError: badVerb (none, several, unknown) or badArgument (repeated, unknown,
            missing, or not exclusive beside a resumptionToken).
    """
    verbs = [value for key, value in pairs if key == "verb"]
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "give one verb of " + ", ".join(VERBS))
    arguments: dict[str, str] = {}
    for key, value in pairs:
        if key in arguments:
            raise OaiError("badArgument", f"argument {key} is repeated")
        if key != "verb":
            arguments[key] = value
    required, optional = VERBS[verbs[0]]
    unknown = sorted(set(arguments) - required - optional)
    if unknown:
        raise OaiError("badArgument", f"{verbs[0]} does not take {', '.join(unknown)}")
    if "resumptionToken" in arguments and len(arguments) > 1:
        raise OaiError("badArgument", "resumptionToken is an exclusive argument")
    missing = sorted(required - set(arguments)) if "resumptionToken" not in arguments else []
    if missing:
        raise OaiError("badArgument", f"{verbs[0]} needs {', '.join(missing)}")
    return verbs[0], arguments


# -- verbs ---------------------------------------------------------------------------------


def identify(provider: Provider, _: dict[str, str], now: datetime) -> etree._Element:
    """Identify: the repository, its granularity and deletion policy, its identifier scheme."""
    records = provider.records
    out = _element("Identify")
    for name, text in (("repositoryName", REPOSITORY_NAME), ("baseURL", provider.base_url),
                       ("protocolVersion", "2.0"), ("adminEmail", f"admin@{records.host}"),
                       ("earliestDatestamp", _stamp(EPOCH)), ("deletedRecord", "transient"),
                       ("granularity", "YYYY-MM-DDThh:mm:ssZ")):
        out.append(_element(name, text))
    if _REPOSITORY_ID.match(records.host):  # what the oai-identifier scheme allows
        out.append(_oai_identifier(records))
    return out


def list_metadata_formats(provider: Provider, arguments: dict[str, str],
                          now: datetime) -> etree._Element:
    """ListMetadataFormats: every record has both formats; an identifier must exist."""
    if "identifier" in arguments:
        _record(provider.records, arguments["identifier"])
    out = _element("ListMetadataFormats")
    for fmt in FORMATS.values():
        item = etree.SubElement(out, f"{{{OAI}}}metadataFormat")
        for name, text in (("metadataPrefix", fmt.prefix), ("schema", fmt.schema),
                           ("metadataNamespace", fmt.namespace)):
            item.append(_element(name, text))
    return out


def list_sets(provider: Provider, arguments: dict[str, str], now: datetime) -> etree._Element:
    """ListSets: the sets some record is in, all in one response."""
    if "resumptionToken" in arguments:  # every set fits one response: no token was issued
        raise OaiError("badResumptionToken", "ListSets issues no resumption tokens")
    specs = provider.records.all_sets()
    if not specs:
        raise OaiError("noSetHierarchy", "there are no records, so there are no sets")
    out = _element("ListSets")
    for spec in specs:
        item = etree.SubElement(out, f"{{{OAI}}}set")
        item.append(_element("setSpec", spec))
        item.append(_element("setName", _set_name(spec)))
    return out


def get_record(provider: Provider, arguments: dict[str, str], now: datetime) -> etree._Element:
    """GetRecord: one record's header, and its metadata unless it is deleted."""
    fmt = _format(arguments["metadataPrefix"])
    record = _record(provider.records, arguments["identifier"])
    out = _element("GetRecord")
    out.append(_records(provider.records, [record], fmt)[0])
    return out


def list_identifiers(provider: Provider, arguments: dict[str, str],
                     now: datetime) -> etree._Element:
    """ListIdentifiers: a page of headers."""
    return _list(provider, "ListIdentifiers", arguments, now)


def list_records(provider: Provider, arguments: dict[str, str], now: datetime) -> etree._Element:
    """ListRecords: a page of records."""
    return _list(provider, "ListRecords", arguments, now)


Handler = Callable[[Provider, dict[str, str], datetime], etree._Element]
HANDLERS: dict[str, Handler] = {
    "Identify": identify, "ListMetadataFormats": list_metadata_formats, "ListSets": list_sets,
    "GetRecord": get_record, "ListIdentifiers": list_identifiers, "ListRecords": list_records,
}


@dataclass(frozen=True)
class _Position:
    """Where a list request stands: after which IRI, at which cursor, of how many."""

    after: str = ""
    cursor: int = 0
    total: int | None = None


def _list(provider: Provider, verb: str, arguments: dict[str, str],
          now: datetime) -> etree._Element:
    position = _Position()
    if "resumptionToken" in arguments:
        arguments, position = read_token(verb, arguments["resumptionToken"], now)
    chosen = selection(arguments)
    fmt = _format(arguments["metadataPrefix"])
    heads = provider.records.listing(chosen, position.after)
    if not heads:
        raise OaiError("noRecordsMatch", "no records match the arguments")
    total = len(heads) if position.total is None else position.total
    page = provider.records.records(heads[:provider.page_size])
    out = _element(verb)
    if verb == "ListIdentifiers":
        out.extend(_header(record) for record in page)
    else:
        out.extend(_records(provider.records, page, fmt))
    more = len(heads) > len(page)
    if more or position.cursor:
        token = _Position(page[-1].iri, position.cursor + len(page), total)
        text = write_token(verb, arguments, token, now) if more else ""
        out.append(_element("resumptionToken", text, completeListSize=str(total),
                            cursor=str(position.cursor)))
        if more:
            out[-1].set("expirationDate", _stamp(now + timedelta(hours=TOKEN_HOURS)))
    return out


def selection(arguments: dict[str, str]) -> Selection:
    """The datestamp range and set of a list request.

    Raises:
        OaiError: badArgument for a malformed date or set, mixed granularities, or from
            after until.
    """
    start, end = arguments.get("from"), arguments.get("until")
    if start and end and len(start) != len(end):
        raise OaiError("badArgument", "from and until must have the same granularity")
    first, last = _moment(start, end_of_day=False), _moment(end, end_of_day=True)
    if first and last and first > last:
        raise OaiError("badArgument", "from is later than until")
    spec = arguments.get("set")
    if spec is not None and not _SET_SPEC.match(spec):
        raise OaiError("badArgument", f"{spec!r} is not a setSpec")
    return Selection(first, last, spec)


def _moment(text: str | None, *, end_of_day: bool) -> datetime | None:
    if text is None:
        return None
    try:
        if _SECOND.match(text):
            return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        if _DAY.match(text):
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
            return day + timedelta(days=1, seconds=-1) if end_of_day else day
    except ValueError:
        pass
    raise OaiError("badArgument", f"{text!r} is not a date (YYYY-MM-DD or "
                   "YYYY-MM-DDThh:mm:ssZ)")


# -- resumption tokens ---------------------------------------------------------------------


def write_token(verb: str, arguments: dict[str, str], position: _Position,
                now: datetime) -> str:
    """A stateless token for the next page: the request, where it stands, when it expires."""
    payload = {"verb": verb, "args": arguments, "after": position.after,
               "cursor": position.cursor, "total": position.total,
               "expires": int((now + timedelta(hours=TOKEN_HOURS)).timestamp())}
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def read_token(verb: str, token: str, now: datetime) -> tuple[dict[str, str], _Position]:
    """The arguments and position a token carries.

    Raises:
        OaiError: badResumptionToken when it is malformed, expired or from another verb.
    """
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        arguments, position = payload["args"], _Position(
            str(payload["after"]), int(payload["cursor"]), int(payload["total"]))
        fresh = payload["verb"] == verb and now.timestamp() <= int(payload["expires"])
    except (binascii.Error, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise OaiError("badResumptionToken", "the resumptionToken is not one of ours") from None
    if not fresh:
        raise OaiError("badResumptionToken", "the resumptionToken has expired, or belongs to "
                       "another verb: start the list again")
    if not isinstance(arguments, dict) or set(arguments) - set(_ARGUMENTS) or \
            "metadataPrefix" not in arguments:
        raise OaiError("badResumptionToken", "the resumptionToken is not one of ours")
    return {str(k): str(v) for k, v in arguments.items()}, position


# -- records and metadata ------------------------------------------------------------------


def _format(prefix: str) -> Format:
    if not _PREFIX.match(prefix):
        raise OaiError("badArgument", f"{prefix!r} is not a metadataPrefix")
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat",
                       f"no format {prefix}; there are {', '.join(FORMATS)}")
    return FORMATS[prefix]


def _record(records: Records, identifier: str) -> Record:
    iri = records.iri_of(identifier)
    record = records.get(iri) if iri else None
    if record is None:
        raise OaiError("idDoesNotExist", f"no record {identifier}")
    return record


def _records(records: Records, page: list[Record], fmt: Format) -> list[etree._Element]:
    live = [r.iri for r in page if not r.deleted]
    dublin_core = records.dublin_core(live) if fmt.prefix == "oai_dc" else {}
    out = []
    for record in page:
        item = _element("record")
        item.append(_header(record))
        if not record.deleted:
            metadata = etree.SubElement(item, f"{{{OAI}}}metadata")
            metadata.append(_oai_dc(record, dublin_core[record.iri]) if fmt.prefix == "oai_dc"
                            else _rdf(records, record))
        out.append(item)
    return out


def _header(record: Record) -> etree._Element:
    header = _element("header")
    if record.deleted:
        header.set("status", "deleted")
    header.append(_element("identifier", record.identifier))
    header.append(_element("datestamp", _stamp(record.datestamp)))
    header.extend(_element("setSpec", spec) for spec in record.sets)
    return header


_DC_ORDER = ("title", "creator", "subject", "description", "publisher", "date", "type",
             "identifier", "language")


def _oai_dc(record: Record, values: list[tuple[str, object]]) -> etree._Element:
    """The record as simple Dublin Core; duplicate values are written once."""
    dc = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    seen: set[tuple[str, str, str]] = set()
    pairs = [*values, ("identifier", Literal(record.iri))]
    for element, value in sorted(pairs, key=lambda pair: _DC_ORDER.index(pair[0])):
        text, language = _dc_value(element, value)
        if text and (element, text, language) not in seen:
            seen.add((element, text, language))
            item = etree.SubElement(dc, f"{{{DC}}}{element}")
            item.text = _xml_text(text)
            if language:
                item.set(XML_LANG, language)
    return dc


def _dc_value(element: str, value: object) -> tuple[str, str]:
    """(text, language tag) of a value; classes by local name, languages by their code."""
    if isinstance(value, Literal):
        return value.value.strip(), value.language or ""
    if isinstance(value, NamedNode) and element == "type":
        name = value.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return (name, "") if value.value.startswith(_TYPE_NAMESPACES) else ("", "")
    if isinstance(value, NamedNode):  # id.loc.gov languages end in their ISO 639-2 code
        return value.value.rstrip("/").rsplit("/", 1)[-1], ""
    return "", ""


def _rdf(records: Records, record: Record) -> etree._Element:
    """The record's description (what its IRI dereferences to) as an rdf:RDF element."""
    triples = records.store.query(queries.load("describe"), {"iri": NamedNode(record.iri)})
    data = serialize(triples.triples, format=RdfFormat.RDF_XML)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


# -- XML -----------------------------------------------------------------------------------


def _element(name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.Element(f"{{{OAI}}}{name}", attributes)
    if text is not None:
        element.text = _xml_text(text)
    return element


def _request(base_url: str, echoed: dict[str, str]) -> etree._Element:
    """The request element: the base URL, and the arguments as attributes."""
    request = _element("request", base_url)
    for key in ("verb", *_ARGUMENTS):
        if echoed.get(key):
            request.set(key, echoed[key])
    return request


def _oai_identifier(records: Records) -> etree._Element:
    description = _element("description")
    scheme = etree.SubElement(description, f"{{{IDENTIFIER}}}oai-identifier",
                              nsmap={None: IDENTIFIER})
    scheme.set(f"{{{XSI}}}schemaLocation",
               f"{IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd")
    sample = records.identifier(records.minter.entity("person", "zhu-yuanzhang").value)
    for name, text in (("scheme", "oai"), ("repositoryIdentifier", records.host),
                       ("delimiter", ":"), ("sampleIdentifier", sample)):
        etree.SubElement(scheme, f"{{{IDENTIFIER}}}{name}").text = text
    return description


def _set_name(spec: str) -> str:
    kind, _, rest = spec.partition(":")
    if kind == "graph":
        return f"Records of graph {rest.replace(':', '/')}"
    return f"Records of type {rest} (jl:{rest} or bf:{rest})"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _xml_text(text: str) -> str:
    """The text without the characters XML 1.0 cannot carry (control characters)."""
    return _NOT_XML.sub("", text)
