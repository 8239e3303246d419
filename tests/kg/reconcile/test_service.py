"""Data extension, property proposals, suggest, preview cards and the manifest, over the small
store."""

import pytest

from kg.reconcile import ReconcileError
from kg.views.errors import Gone, NotFound

LI_BAI, NANJING = "entity/person/li-bai", "entity/place/nanjing"


def test_extend_rows_for_every_id_as_given(service):
    answer = service.extend({
        "ids": [LI_BAI, "https://kg.jllib.cn/entity/place/qinhuai-he", "entity/none", "a b"],
        "properties": [{"id": "jl:birthYear"}, {"id": "activeIn"}, {"id": "jl:locatedIn"},
                       {"id": "skos:prefLabel", "settings": {"limit": "1"}}]})
    assert answer["meta"] == [
        {"id": "jl:birthYear", "name": "生年"},
        {"id": "jl:activeIn", "name": "活动时期", "type": {"id": "jl:Period", "name": "时期"}},
        {"id": "jl:locatedIn", "name": "位于", "type": {"id": "jl:Place", "name": "地点"}},
        {"id": "skos:prefLabel", "name": "规范名称"}]
    rows = answer["rows"]
    assert rows[LI_BAI] == {
        "jl:birthYear": [{"int": 701}],
        "jl:activeIn": [{"id": "entity/period/tang", "name": "唐"}],
        "jl:locatedIn": [],
        "skos:prefLabel": [{"str": "李白"}]}   # the limit keeps the simplified Chinese one
    assert rows["https://kg.jllib.cn/entity/place/qinhuai-he"]["jl:locatedIn"] == [
        {"id": NANJING, "name": "南京"}]
    empty = {"jl:birthYear": [], "jl:activeIn": [], "jl:locatedIn": [], "skos:prefLabel": []}
    assert rows["entity/none"] == empty and rows["a b"] == empty


def test_extend_literal_kinds(service):
    answer = service.extend({"ids": [NANJING, "entity/period/tang"], "properties": [
        {"id": "schema:latitude"}, {"id": "owl:sameAs"}, {"id": "skos:altLabel"},
        {"id": "jl:startYear"}]})
    nanjing, tang = answer["rows"][NANJING], answer["rows"]["entity/period/tang"]
    assert nanjing["schema:latitude"] == [{"float": 32.06}]
    assert nanjing["owl:sameAs"] == [{"str": "http://www.wikidata.org/entity/Q16666"}]
    assert nanjing["skos:altLabel"] == [{"str": "金陵"}]
    assert tang["jl:startYear"] == [{"int": 618}]      # inferred from jl:periodStart


def test_extend_unknown_property_is_an_error(service):
    with pytest.raises(ReconcileError, match="unknown property 'P569'"):
        service.extend({"ids": [LI_BAI], "properties": [{"id": "P569"}]})


def test_propose_properties_by_type(service):
    person = service.propose("jl:Person")
    assert person["type"] == "jl:Person"
    ids = [p["id"] for p in person["properties"]]
    assert ids[:2] == ["jl:courtesyName", "jl:artName"] and "jl:birthYear" in ids
    assert "jl:locatedIn" not in ids
    assert service.propose("jl:Person", 2) == {
        "type": "jl:Person", "limit": 2, "properties": [
            {"id": "jl:courtesyName", "name": "字", "description": "courtesy name"},
            {"id": "jl:artName", "name": "号", "description": "art name"}]}
    assert "type" not in service.propose(None)
    with pytest.raises(ReconcileError, match="unknown type 'Dragon'"):
        service.propose("Dragon")


@pytest.mark.parametrize("prefix, type_, expected", [
    ("李", None, [LI_BAI, "entity/person/li-bai-1950"]),
    # names as typed (Jinling Library) before pinyin (金陵), as the index orders them
    ("jinl", None, ["entity/organization/jinling-library", NANJING]),
    ("jinl", "jl:Organization", ["entity/organization/jinling-library"]),
    ("金陵圖", None, ["entity/organization/jinling-library"]),
    ("jt", None, ["entity/organization/jinling-library"]),           # initials of 金图
    ("唐", "jl:Period", ["entity/period/tang"]),
    ("唐", "jl:Person", []),
    ("", None, []),
])
def test_suggest_entities(service, prefix, type_, expected):
    found = service.suggest("entity", prefix, type_)["result"]
    assert [r["id"] for r in found] == expected


def test_suggest_entity_item_and_paging(service):
    [item] = service.suggest("entity", "jint")["result"]
    assert item == {"id": "entity/organization/jinling-library", "name": "金陵图书馆",
                    "description": "机构 · 金图", "notable": [{"id": "jl:Organization",
                                                            "name": "机构"}]}
    both = service.suggest("entity", "李")["result"]
    assert service.suggest("entity", "李", cursor=1, limit=1)["result"] == both[1:]
    with pytest.raises(ReconcileError, match="unknown type"):
        service.suggest("entity", "李", "Dragon")


@pytest.mark.parametrize("kind, prefix, expected", [
    ("type", "Per", ["jl:Person", "jl:Period"]),
    ("type", "朝", ["jl:Dynasty"]),
    ("type", "place", ["jl:Place", "jl:PlaceName"]),
    ("type", "name", ["jl:PlaceName"]),                   # contains: after the starts
    ("property", "birth", ["jl:birthYear"]),
    ("property", "jl:loc", ["jl:locatedIn"]),
    ("property", "年", ["jl:reignOf", "jl:birthYear", "jl:deathYear", "jl:startYear",
                       "jl:endYear"]),
    ("property", "zzz", []),
])
def test_suggest_types_and_properties(service, kind, prefix, expected):
    assert [r["id"] for r in service.suggest(kind, prefix)["result"]] == expected


def test_suggest_unknown_kind(service):
    with pytest.raises(ReconcileError, match="one of entity, type, property"):
        service.suggest("dragon", "a")


def test_preview_card(service):
    card = service.preview("entity/person/wu-jingzi")
    assert (card.id, card.name, card.types) == ("entity/person/wu-jingzi", "吴敬梓", ["人物"])
    assert card.dates == [("生年", "1701"), ("卒年", "1754")]
    assert card.names == ["吳敬梓", "敏轩", "文木老人"]
    assert card.facts == [("活动时期", ["清"])]
    assert card.note == "Author of <i>The Scholars</i> & other works."   # text, not HTML


def test_preview_card_of_a_merged_entity_is_the_survivor(service):
    assert service.preview("entity/person/wu-jingzi-old").id == "entity/person/wu-jingzi"
    assert service.preview("https://kg.jllib.cn/entity/place/nanjing").name == "南京"


@pytest.mark.parametrize("id_, error", [
    ("entity/person/nobody", NotFound), ("not an id", NotFound), ("entity/person/gone", Gone)])
def test_preview_errors(service, id_, error):
    with pytest.raises(error):
        service.preview(id_)


def test_manifest_urls_follow_the_root(service):
    manifest = service.manifest("http://example.org/kg/")
    assert manifest["identifierSpace"] == "https://kg.jllib.cn/"
    assert manifest["view"] == {"url": "http://example.org/kg/{{id}}"}
    assert manifest["preview"]["url"] == "http://example.org/kg/reconcile/preview?id={{id}}"
    assert manifest["extend"]["propose_properties"] == {
        "service_url": "http://example.org/kg/reconcile", "service_path": "/propose_properties"}
