"""``/oai``: every verb's response valid against the OAI-PMH schemas, paging, selection,
deleted records and errors, over a store with KB entities and an ingested CNMARC file."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from pyoxigraph import RdfFormat

from api.app import create_app
from ingest.marc.source import SOURCE
from ingest.run import RunOptions, ingest_files
from kg.auth import TokenFile
from kg.iri import Minter
from kg.settings import Settings
from sparql.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
XSD_DIR = ROOT.parent / "shared" / "conformance" / "oai-pmh-xsd"
CNMARC = ROOT / "data" / "marc" / "jinling-cnmarc.iso"
BASE = "https://kg.jllib.cn/"
OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {"o": OAI, "dc": "http://purl.org/dc/elements/1.1/",
      "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
PAGE = 4
KB = """@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<entity/person/zhu-yuanzhang> a jl:Person ; skos:prefLabel "朱元璋"@zh-Hans, "Zhu Yuanzhang"@en .
<entity/place/zhongshan> a jl:Place ; skos:prefLabel "钟山"@zh-Hans .
<entity/period/ming> a jl:Dynasty ; skos:prefLabel "明"@zh-Hans .
"""
# The schemas' own locations, read from the folder instead.
LOCAL = {"http://www.w3.org/2001/03/xml.xsd": "xml.xsd", "http://www.w3.org/2001/xml.xsd":
         "xml.xsd", "http://dublincore.org/schemas/xmls/simpledc20021212.xsd":
         "simpledc20021212.xsd"}
# No schema is published for RDF/XML: this one checks the rdf:RDF element, its content laxly.
RDF_XSD = """<schema xmlns="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"
  targetNamespace="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><element name="RDF"><complexType>
  <sequence><any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></sequence>
  <anyAttribute processContents="lax"/></complexType></element></schema>"""


class _Local(etree.Resolver):
    def resolve(self, url, pubid, context):
        name = LOCAL.get(url)
        return self.resolve_filename(str(XSD_DIR / name), context) if name else None


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    if not XSD_DIR.is_dir():
        pytest.skip("../shared/conformance/oai-pmh-xsd is absent")
    rdf = tmp_path_factory.mktemp("xsd") / "rdf.xsd"
    rdf.write_text(RDF_XSD)
    imports = [(OAI, XSD_DIR / "OAI-PMH.xsd"), (OAI + "oai_dc/", XSD_DIR / "oai_dc.xsd"),
               (OAI + "oai-identifier", XSD_DIR / "oai-identifier.xsd"), (NS["rdf"], rdf)]
    body = "".join(f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>'
                   for ns, path in imports)
    parser = etree.XMLParser()
    parser.resolvers.add(_Local())
    wrapper = etree.fromstring(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{body}</xs:schema>', parser)
    return etree.XMLSchema(wrapper)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oai")
    settings = Settings(store=folder / "store", tokens=folder / "tokens.json",
                        oai_page_size=PAGE)
    store, minter = EmbeddedStore(), Minter(BASE)
    store.load(KB.encode(), format=RdfFormat.TURTLE, graph=minter.graph("kb"), base_iri=BASE)
    options = RunOptions(graph="catalogue", source="catalogue", version=SOURCE.version)
    ingest_files(store, minter, [CNMARC], SOURCE.reader(),
                 SOURCE.converter(minter, "catalogue", SOURCE.context(store)), options)
    with TestClient(create_app(settings, store, TokenFile(settings.tokens)),
                    base_url="http://testserver") as client:
        yield client
    store.close()


def oai(client, schema, method="GET", **arguments):
    """The parsed response, after checking it is a valid OAI-PMH document."""
    arguments = {k.rstrip("_"): v for k, v in arguments.items()}
    reply = (client.post("/oai", data=arguments) if method == "POST"
             else client.get("/oai", params=arguments))
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/xml")
    doc = etree.fromstring(reply.content)
    assert schema.validate(doc), schema.error_log.last_error
    return doc


def errors(doc):
    return [e.get("code") for e in doc.findall("o:error", NS)]


def harvest(client, schema, verb, **arguments):
    """Every item of a list, following resumption tokens; and the tokens' attributes."""
    items, tokens = [], []
    doc = oai(client, schema, verb=verb, **arguments)
    while True:
        assert not errors(doc), errors(doc)
        items += doc.findall(f"o:{verb}/o:header" if verb == "ListIdentifiers"
                             else f"o:{verb}/o:record", NS)
        token = doc.find(f"o:{verb}/o:resumptionToken", NS)
        if token is None or not token.text:
            tokens.append(None if token is None else dict(token.attrib))
            return items, tokens
        tokens.append(dict(token.attrib))
        doc = oai(client, schema, verb=verb, resumptionToken=token.text)


def ident(item):
    return item.findtext(".//o:identifier", namespaces=NS)


def test_identify(client, schema):
    doc = oai(client, schema, verb="Identify")
    assert doc.findtext("o:Identify/o:baseURL", namespaces=NS) == "http://testserver/oai"
    assert doc.findtext("o:Identify/o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert doc.findtext("o:Identify/o:deletedRecord", namespaces=NS) == "transient"
    assert oai(client, schema, "POST", verb="Identify").find("o:Identify", NS) is not None


def test_list_metadata_formats(client, schema):
    doc = oai(client, schema, verb="ListMetadataFormats",
              identifier="oai:kg.jllib.cn:entity/person/zhu-yuanzhang")
    assert [p.text for p in doc.iterfind(".//o:metadataPrefix", NS)] == ["oai_dc", "rdf"]


def test_list_sets(client, schema):
    doc = oai(client, schema, verb="ListSets")
    specs = {s.text for s in doc.iterfind(".//o:setSpec", NS)}
    assert {"graph:kb", "graph:catalogue", "type:Work", "type:Instance", "type:Person",
            "type:Dynasty"} <= specs


def test_paging_lists_every_record_once(client, schema):
    headers, tokens = harvest(client, schema, "ListIdentifiers", metadataPrefix="oai_dc")
    ids = [ident(h) for h in headers]
    assert len(ids) == len(set(ids)) > 3 * PAGE
    assert tokens[-1] is not None and tokens[-1]["completeListSize"] == str(len(ids))
    assert [int(t["cursor"]) for t in tokens] == list(range(0, len(ids), PAGE))
    records, _ = harvest(client, schema, "ListRecords", metadataPrefix="oai_dc")
    assert [ident(r) for r in records] == ids


def test_deleted_records_have_a_status_and_no_metadata(client, schema):
    records, _ = harvest(client, schema, "ListRecords", metadataPrefix="oai_dc",
                         set="graph:catalogue")
    deleted = [r for r in records if r.find("o:header", NS).get("status") == "deleted"]
    assert {ident(r) for r in deleted} == {"oai:kg.jllib.cn:works/catalogue/JL0000013",
                                           "oai:kg.jllib.cn:instances/catalogue/JL0000013"}
    assert all(r.find("o:metadata", NS) is None for r in deleted)
    doc = oai(client, schema, verb="GetRecord", metadataPrefix="oai_dc",
              identifier="oai:kg.jllib.cn:works/catalogue/JL0000013")
    assert doc.find(".//o:header", NS).get("status") == "deleted"


def test_get_record_in_both_formats(client, schema):
    identifier = "oai:kg.jllib.cn:works/catalogue/JL0000001"
    dc = oai(client, schema, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
    assert "随园诗话" in [t.text for t in dc.iterfind(".//dc:title", NS)]
    assert dc.findtext(".//dc:identifier", namespaces=NS) == BASE + "works/catalogue/JL0000001"
    assert {"graph:catalogue", "type:Work"} <= {s.text for s in dc.iterfind(".//o:setSpec", NS)}
    rdf = oai(client, schema, "POST", verb="GetRecord", metadataPrefix="rdf",
              identifier=identifier)
    described = rdf.xpath("//o:metadata/rdf:RDF/*/@rdf:about", namespaces=NS)
    assert BASE + "works/catalogue/JL0000001" in described


def test_selective_harvesting(client, schema):
    every, _ = harvest(client, schema, "ListIdentifiers", metadataPrefix="oai_dc")
    stamps = {ident(h): h.findtext("o:datestamp", namespaces=NS) for h in every}
    ingested = max(stamps.values())
    later, _ = harvest(client, schema, "ListIdentifiers", metadataPrefix="oai_dc",
                       from_=ingested)
    assert {ident(h) for h in later} == {i for i, s in stamps.items() if s >= ingested}
    earlier, _ = harvest(client, schema, "ListIdentifiers", metadataPrefix="oai_dc",
                         until="2000-01-01")   # the KB, loaded without provenance
    assert {ident(h) for h in earlier} == {i for i, s in stamps.items() if s < "2000"} != set()
    kb, _ = harvest(client, schema, "ListIdentifiers", metadataPrefix="rdf", set="type:Place")
    assert [ident(h) for h in kb] == ["oai:kg.jllib.cn:entity/place/zhongshan"]


@pytest.mark.parametrize("arguments, code", [
    ({}, "badVerb"),
    ({"verb": "Dance"}, "badVerb"),
    ({"verb": "Identify", "foo": "bar"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "yesterday"},
     "badArgument"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2001-01-02",
      "until": "2001-01-01"}, "badArgument"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2000-01-01",
      "until": "2000-01-02T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:kg.jllib.cn:nope"},
     "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:else.org:x"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "1900-01-01"},
     "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "graph:nope"},
     "noRecordsMatch"),
    ({"verb": "ListRecords", "resumptionToken": "junk"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "junk"}, "badResumptionToken"),
])
def test_errors(client, schema, arguments, code):
    doc = oai(client, schema, **arguments)
    assert errors(doc) == [code]
    if code in ("badVerb", "badArgument"):
        assert not doc.find("o:request", NS).attrib


def test_repeated_argument_is_bad(client, schema):
    reply = client.get("/oai?verb=GetRecord&metadataPrefix=oai_dc&metadataPrefix=oai_dc"
                       "&identifier=oai:kg.jllib.cn:entity/place/zhongshan")
    doc = etree.fromstring(reply.content)
    assert schema.validate(doc) and errors(doc) == ["badArgument"]


def test_token_of_another_verb_is_bad(client, schema):
    doc = oai(client, schema, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = doc.findtext(".//o:resumptionToken", namespaces=NS)
    assert errors(oai(client, schema, verb="ListRecords", resumptionToken=token)) == [
        "badResumptionToken"]
