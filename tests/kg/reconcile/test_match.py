"""Candidates and their scores (the rules in kg.reconcile.match), over the small store."""

import pytest

from kg.reconcile import ReconcileError
from kg.reconcile.candidates import written_score

LI_BAI, LI_BAI_1950 = "entity/person/li-bai", "entity/person/li-bai-1950"
NANJING, NANJING_NAME = "entity/place/nanjing", "entity/placename/nanjing-1368"
LIBRARY, WU = "entity/organization/jinling-library", "entity/person/wu-jingzi"


def found(service, query: dict) -> list[tuple[str, float, bool]]:
    [(_, result)] = service.reconcile({"q": query}).items()
    return [(c["id"], c["score"], c["match"]) for c in result["result"]]


@pytest.mark.parametrize("query, expected", [
    # the name as written: a preferred label 90, another name 80; folded
    ({"query": "金陵图书馆"}, [(LIBRARY, 90, True)]),
    ({"query": "金陵圖書館"}, [(LIBRARY, 90, True)]),
    ({"query": "金图"}, [(LIBRARY, 80, True)]),
    ({"query": "敏轩"}, [(WU, 80, True)]),
    # pinyin 70 and never a match, unless a name as written is the query too
    ({"query": "taibai"}, [(LI_BAI, 70, False)]),
    ({"query": "Li Bai"}, [(LI_BAI, 90, True), (LI_BAI_1950, 70, False)]),
    # a name that starts with the query, or contains it, by how much of it the query covers
    ({"query": "秦淮"}, [("entity/place/qinhuai-he", 63.33, False)]),
    ({"query": "淮"}, [("entity/place/qinhuai-he", 60, False)]),   # 淮水 starts with it
    ({"query": "天京"}, [("entity/event/taiping", 31.25, False)]),
    # namesakes: no match until a condition tells them apart
    ({"query": "李白"}, [(LI_BAI, 90, False), (LI_BAI_1950, 90, False)]),
    ({"query": "李白", "properties": [{"pid": "jl:birthYear", "v": 701}]},
     [(LI_BAI, 100, True), (LI_BAI_1950, 65, False)]),
    ({"query": "李白", "properties": [{"pid": "jl:birthYear", "v": "1950年"}]},
     [(LI_BAI_1950, 100, True), (LI_BAI, 65, False)]),
    # a condition the other namesake has no value for tells nothing about it
    ({"query": "李白", "properties": [{"pid": "jl:activeIn", "v": "唐朝"}]},
     [(LI_BAI, 100, False), (LI_BAI_1950, 90, False)]),
    ({"query": "李白", "properties": [{"pid": "activeIn", "v": {"id": "entity/period/tang"}},
                                     {"pid": "jl:birthYear", "v": 701}]},
     [(LI_BAI, 100, True), (LI_BAI_1950, 65, False)]),
    # a property the service does not know counts for nothing
    ({"query": "李白", "properties": [{"pid": "P569", "v": "701"}]},
     [(LI_BAI, 90, False), (LI_BAI_1950, 90, False)]),
    # without a type, a resource of no default type follows; with one, only that type
    ({"query": "南京"}, [(NANJING, 90, False), (NANJING_NAME, 88, False)]),
    ({"query": "南京", "type": "jl:Place"}, [(NANJING, 90, True)]),
    ({"query": "南京", "type": "jl:PlaceName"}, [(NANJING_NAME, 90, True)]),
    ({"query": "南京", "type": ["jl:Place", "jl:PlaceName"], "type_strict": "all"}, []),
    ({"query": "南京", "type": "DifferentiatedPerson"}, []),
    ({"query": "唐", "type": "jl:Period"}, [("entity/period/tang", 90, True)]),
    ({"query": "唐", "type": "jl:Person"}, []),
    # a merged entity gives way to the one it was merged into
    ({"query": "吴敏轩"}, [(WU, 90, True)]),
    # conditions only: the resources with the value, 50 + the conditions
    ({"properties": [{"pid": "jl:birthYear", "v": 701}]}, [(LI_BAI, 60, False)]),
    ({"properties": [{"pid": "jl:locatedIn", "v": {"id": NANJING}}], "type": "jl:Organization"},
     [(LIBRARY, 60, False)]),
    ({"properties": [{"pid": "jl:locatedIn", "v": "南京"}]},
     [("entity/organization/jinling-library", 60, False), ("entity/place/qinhuai-he", 60, False)]),
    ({"properties": [{"pid": "uid", "v": "27eb892afbb2"}]}, []),
    # nothing to search for
    ({"query": "。"}, []),
    ({"query": "  "}, []),
    ({"query": "Christel Hanewinckel"}, []),
])
def test_match_candidates_and_scores(service, query, expected):
    assert found(service, query) == expected


def test_match_limit_keeps_the_best(service):
    assert found(service, {"query": "李白", "limit": 1,
                           "properties": [{"pid": "jl:birthYear", "v": 1950}]}) == [
        (LI_BAI_1950, 100, True)]


def test_match_candidate_shape(service):
    result = service.reconcile('{"q0": {"query": "李白", "properties": '
                               '[{"pid": "jl:birthYear", "v": 701}]}, "q1": {"query": "秦淮河"}}')
    first = result["q0"]["result"][0]
    assert first == {
        "id": LI_BAI, "name": "李白", "score": 100.0, "match": True,
        "type": [{"id": "jl:Person", "name": "人物"}],
        "features": [{"id": "name", "value": 90}, {"id": "jl:birthYear", "value": True}],
        "description": "人物 · 701—762"}
    assert result["q0"]["result"][1]["description"] == "人物 · 1950—"
    assert result["q1"]["result"][0]["description"] == "地点 · 位于 南京"


def test_match_descriptions_by_type(service):
    result = service.reconcile({"e": {"query": "太平天国定都天京"}, "p": {"query": "南京"}})
    assert result["e"]["result"][0]["description"] == "事件 · 1853"
    assert [c.get("description") for c in result["p"]["result"]] == [
        "地点", "历史地名 · 1368—1377"]


def test_match_bad_batch_is_an_error(service):
    with pytest.raises(ReconcileError, match="queries.q0"):
        service.reconcile({"q0": {"limit": 1}})


def test_match_written_score():
    assert written_score("nanjing", {"南京": True, "nanjing": False}) == (80, True)
    assert written_score("nanj", {"nanjing": True}) == (61.43, False)
    assert written_score("jing", {"nanjing": True}) == (39.29, False)
    assert written_score("beijing", {"南京": True}) is None
