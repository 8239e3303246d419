"""The OAI-PMH protocol layer (`kg.oai`) and its records (`kg.oai_records`) on a small store."""

from datetime import UTC, datetime, timedelta

import pytest
from pyoxigraph import RdfFormat

from kg.iri import Minter
from kg.oai import OaiError, _Position, parse_arguments, read_token, selection, write_token
from kg.oai_records import EPOCH, Records, Selection
from sparql.embedded import EmbeddedStore

BASE = "https://kg.jllib.cn/"
NOW = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)
DATA = """
@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix bf: <http://id.loc.gov/ontologies/bibframe/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
KB = DATA + """
<entity/person/wang-anshi> a jl:Person ; skos:prefLabel "王安石"@zh-Hans .
<entity/place/zhongshan> a jl:Place ; skos:prefLabel "钟山"@zh-Hans .
<entity/concept/poetry> a skos:Concept ; skos:prefLabel "诗"@zh-Hans .
"""
CATALOGUE = DATA + """
<works/c/1> a bf:Work ; bf:hasInstance <instances/c/1> .
<instances/c/1> a bf:Instance ; bf:adminMetadata <instances/c/1#admin> .
<instances/c/1#admin> jl:sourceDigest "abc" .
<works/c/2> a jl:Tombstone ; jl:deletedAt "2025-02-10T08:00:00Z"^^xsd:dateTime .
<activities/ingest/c> a prov:Activity ; prov:endedAtTime "2025-02-01T10:00:00+08:00"^^xsd:dateTime .
"""


@pytest.fixture
def records():
    store, minter = EmbeddedStore(), Minter(BASE)
    for name, data in (("kb", KB), ("district/xuanwu", CATALOGUE)):
        store.load(data.encode(), format=RdfFormat.TURTLE, graph=minter.graph(name),
                   base_iri=BASE)
    yield Records(store, minter)
    store.close()


def _ids(heads):
    return [h.iri.removeprefix(BASE) for h in heads]


def test_records_are_sources_roots_kb_entities_and_tombstones(records):
    assert _ids(records.listing(Selection())) == [
        "entity/person/wang-anshi", "entity/place/zhongshan", "instances/c/1", "works/c/1",
        "works/c/2"]  # the concept is not a KB entity class; the activity is no record


@pytest.mark.parametrize("iri, stamp, deleted", [
    ("works/c/2", datetime(2025, 2, 10, 8, tzinfo=UTC), True),      # the tombstone's time
    ("works/c/1", datetime(2025, 2, 1, 2, tzinfo=UTC), False),      # its graph's activity, UTC
    ("entity/person/wang-anshi", EPOCH, False),                     # no provenance at all
])
def test_datestamps(records, iri, stamp, deleted):
    record = records.get(BASE + iri)
    assert (record.datestamp, record.deleted) == (stamp, deleted)


def test_sets_follow_graphs_and_types(records):
    assert records.get(BASE + "works/c/1").sets == ("graph:district:xuanwu", "type:Work")
    assert records.get(BASE + "works/c/2").sets == ("graph:district:xuanwu",)
    assert records.all_sets() == ["graph:district:xuanwu", "graph:kb", "type:Instance",
                                  "type:Person", "type:Place", "type:Work"]


@pytest.mark.parametrize("spec, expected", [
    ("graph:kb", ["entity/person/wang-anshi", "entity/place/zhongshan"]),
    ("graph:district", ["instances/c/1", "works/c/1", "works/c/2"]),   # a set and its subsets
    ("graph:district:xuanwu", ["instances/c/1", "works/c/1", "works/c/2"]),
    ("graph:distr", []),
    ("type:Person", ["entity/person/wang-anshi"]),
    ("type:Tombstone", []),
    ("type:No-Such", []),
    ("other:kb", []),
])
def test_set_selection(records, spec, expected):
    assert _ids(records.listing(Selection(set_spec=spec))) == expected


def test_datestamp_range_and_cursor(records):
    late = Selection(start=datetime(2025, 2, 5, tzinfo=UTC))
    assert _ids(records.listing(late)) == ["works/c/2"]
    early = Selection(end=datetime(2025, 2, 1, 2, tzinfo=UTC))   # inclusive
    assert "works/c/1" in _ids(records.listing(early))
    assert _ids(records.listing(Selection(), after=BASE + "instances/c/1")) == [
        "works/c/1", "works/c/2"]


@pytest.mark.parametrize("identifier, iri", [
    ("oai:kg.jllib.cn:works/c/1", BASE + "works/c/1"),
    ("oai:other.org:works/c/1", None),
    ("oai:kg.jllib.cn:", None),
    ("oai:kg.jllib.cn:a b", None),
])
def test_identifiers_map_to_iris(records, identifier, iri):
    assert records.iri_of(identifier) == iri


def test_dublin_core_values(records):
    values = records.dublin_core([BASE + "entity/person/wang-anshi"])
    pairs = {(e, getattr(v, "value", v)) for e, v in values[BASE + "entity/person/wang-anshi"]}
    assert ("title", "王安石") in pairs and ("type", "https://kg.jllib.cn/ontology#Person") in pairs


@pytest.mark.parametrize("pairs, code", [
    ([], "badVerb"),
    ([("verb", "Dance")], "badVerb"),
    ([("verb", "Identify"), ("verb", "Identify")], "badVerb"),
    ([("verb", "Identify"), ("foo", "bar")], "badArgument"),
    ([("verb", "ListRecords")], "badArgument"),
    ([("verb", "GetRecord"), ("identifier", "x"), ("identifier", "x"),
      ("metadataPrefix", "oai_dc")], "badArgument"),
    ([("verb", "ListRecords"), ("resumptionToken", "t"), ("metadataPrefix", "oai_dc")],
     "badArgument"),
])
def test_bad_arguments(pairs, code):
    with pytest.raises(OaiError) as caught:
        parse_arguments(pairs)
    assert caught.value.code == code


def test_good_arguments():
    assert parse_arguments([("verb", "ListRecords"), ("resumptionToken", "t")]) == (
        "ListRecords", {"resumptionToken": "t"})


@pytest.mark.parametrize("arguments, first, last", [
    ({"from": "2025-01-02"}, datetime(2025, 1, 2, tzinfo=UTC), None),
    ({"until": "2025-01-02"}, None, datetime(2025, 1, 2, 23, 59, 59, tzinfo=UTC)),
    ({"from": "2025-01-02T03:04:05Z", "until": "2025-01-02T03:04:05Z"},
     datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)),
])
def test_selection_dates(arguments, first, last):
    chosen = selection(arguments)
    assert (chosen.start, chosen.end) == (first, last)


@pytest.mark.parametrize("arguments", [
    {"from": "junk"}, {"from": "2025-02-30"}, {"until": "2025-01-02T03:04:05"},
    {"from": "2025-01-02", "until": "2025-01-03T00:00:00Z"},   # mixed granularity
    {"from": "2025-01-03", "until": "2025-01-02"},             # from after until
    {"set": "graph:a b"},
])
def test_selection_rejects(arguments):
    with pytest.raises(OaiError) as caught:
        selection(arguments)
    assert caught.value.code == "badArgument"


def test_token_round_trip():
    arguments = {"metadataPrefix": "oai_dc", "set": "graph:kb"}
    token = write_token("ListRecords", arguments, _Position(BASE + "x", 7, 20), NOW)
    assert read_token("ListRecords", token, NOW + timedelta(hours=1)) == (
        arguments, _Position(BASE + "x", 7, 20))


@pytest.mark.parametrize("verb, age, token", [
    ("ListIdentifiers", 0, None),         # issued for ListRecords
    ("ListRecords", 25, None),            # expired
    ("ListRecords", 0, "junk"),
    ("ListRecords", 0, "eyJ2ZXJiIjoxfQ"),  # valid base64 and JSON, not a token
])
def test_bad_tokens(verb, age, token):
    good = write_token("ListRecords", {"metadataPrefix": "oai_dc"}, _Position("", 1, 2), NOW)
    with pytest.raises(OaiError) as caught:
        read_token(verb, token or good, NOW + timedelta(hours=age))
    assert caught.value.code == "badResumptionToken"
