"""Reading the batches and extension requests OpenRefine sends."""

import json

import pytest

from kg.reconcile.batch import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_QUERIES,
    Value,
    read_batch,
    read_extension,
)
from kg.reconcile.errors import ReconcileError


def test_batch_reads_every_field_as_openrefine_sends_it():
    [query] = read_batch(json.dumps({"q0": {
        "query": " 南京 ", "type": "jl:Place", "limit": 3, "type_strict": "should",
        "properties": [{"pid": "jl:locatedIn", "v": "江苏"},
                       {"pid": "jl:startYear", "v": [1368, {"id": "x", "name": "洪武"}]},
                       {"pid": "P17", "v": True}]}}))
    assert (query.key, query.text, query.limit, query.strict) == ("q0", "南京", 3, "should")
    assert [t.id for t in query.types] == ["jl:Place"]
    located, start, unknown = query.conditions
    assert located.property.id == "jl:locatedIn" and located.values == (Value("江苏"),)
    assert start.values == (Value("1368"), Value("洪武", "x"))
    assert (unknown.pid, unknown.property, unknown.values) == ("P17", None, (Value("true"),))


@pytest.mark.parametrize("body, limit", [
    ({"query": "a"}, DEFAULT_LIMIT),
    ({"query": "a", "limit": 2.0}, 2),
    ({"query": "a", "limit": 0}, 1),
    ({"query": "a", "limit": 10_000}, MAX_LIMIT),
])
def test_batch_limits(body, limit):
    assert read_batch({"q": body})[0].limit == limit


@pytest.mark.parametrize("types, strict, allowed", [
    (None, "any", None),
    ("jl:Person", "any", ["Person"]),
    ("jl:Period", "should", ["Dynasty", "Period", "ReignEra"]),
    (["jl:Person", "jl:Place"], "any", ["Person", "Place"]),
    (["jl:Agent", "jl:Person"], "all", ["Person"]),
    (["jl:Person", "jl:Place"], "all", []),
    (["jl:Person", "Dragon"], "any", ["Person"]),
    (["jl:Person", "Dragon"], "all", []),
    ("Dragon", "any", []),
])
def test_batch_index_types_follow_type_strict(types, strict, allowed):
    body = {"query": "a", "type_strict": strict} | ({"type": types} if types else {})
    assert read_batch({"q": body})[0].index_types() == allowed


@pytest.mark.parametrize("batch, message", [
    ("{not json", "queries: not JSON"),
    ("[1, 2]", "queries: give a JSON object"),
    ({"q0": "南京"}, "queries.q0: give a JSON object"),
    ({"q1": {"limit": 1}}, "queries.q1: give 'query' or some 'properties'"),
    ({"q1": {"properties": []}}, "queries.q1: give 'query' or some 'properties'"),
    ({"q0": {"query": "a", "props": []}}, "queries.q0: unknown field 'props'"),
    ({"q0": {"query": 5}}, "queries.q0.query: give a string"),
    ({"q0": {"query": "a", "type": 5}}, "queries.q0.type: give a type id"),
    ({"q0": {"query": "a", "limit": "5"}}, "queries.q0.limit: give a number"),
    ({"q0": {"query": "a", "type_strict": "most"}}, "queries.q0.type_strict: one of"),
    ({"q0": {"query": "a", "properties": {"pid": "x"}}}, "queries.q0.properties: give a list"),
    ({"q0": {"query": "a", "properties": [{"pid": "x"}]}}, "each item needs 'pid' and 'v'"),
    ({"q0": {"query": "a", "properties": [{"pid": "x", "v": None}]}}, r"\(x\): a value is"),
    ({f"q{i}": {"query": "a"} for i in range(MAX_QUERIES + 1)}, "at most"),
])
def test_batch_errors_name_the_query_and_field(batch, message):
    with pytest.raises(ReconcileError, match=message):
        read_batch(batch)


def test_extension_reads_ids_properties_and_limits():
    asked = read_extension(json.dumps({
        "ids": ["entity/person/li-bai", "https://kg.jllib.cn/entity/place/nanjing"],
        "properties": [{"id": "birthYear"}, {"id": "skos:prefLabel", "settings": {"limit": "2"}},
                       {"id": "jl:activeIn", "settings": {"limit": 0}}]}))
    assert asked.ids == ("entity/person/li-bai", "https://kg.jllib.cn/entity/place/nanjing")
    assert [(p.id, most) for p, most in asked.properties] == [
        ("jl:birthYear", 0), ("skos:prefLabel", 2), ("jl:activeIn", 0)]


@pytest.mark.parametrize("request_, message", [
    ("nope", "extend: not JSON"),
    ({"properties": []}, "extend.ids: give a list"),
    ({"ids": [1], "properties": []}, "extend.ids: give a list"),
    ({"ids": []}, "extend.properties: give a list"),
    ({"ids": [], "properties": ["jl:birthYear"]}, "each item needs an 'id'"),
    ({"ids": [], "properties": [{"id": "P569"}]}, "unknown property 'P569'"),
    ({"ids": [], "properties": [{"id": "jl:birthYear", "settings": {"limit": "x"}}]},
     r"\(jl:birthYear\).settings.limit"),
    ({"ids": [], "properties": [{"id": "jl:birthYear", "settings": {"limit": -1}}]},
     "0 or more"),
    ({"ids": ["x"] * 1001, "properties": []}, "at most 1000"),
])
def test_extension_errors(request_, message):
    with pytest.raises(ReconcileError, match=message):
        read_extension(request_)
