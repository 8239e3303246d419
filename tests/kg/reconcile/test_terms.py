"""The tables of types and properties agree with the ontology and with the search index, and
every spelling of an id finds its term."""

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

from kg.reconcile.terms import (
    broader,
    expand,
    find_property,
    find_type,
    is_default,
    properties,
    properties_for,
    type_of_index,
    types,
)
from kg.search.source import class_types
from ontology import ONTOLOGY_PATH

RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@pytest.fixture(scope="module")
def ontology():
    store = Store()
    store.load(ONTOLOGY_PATH.read_bytes(), format=RdfFormat.TURTLE)
    return store


def _labels(ontology, iri: str) -> dict[str, str]:
    return {q.object.language: q.object.value
            for q in ontology.quads_for_pattern(NamedNode(iri), NamedNode(RDFS + "label"), None)}


def _jl(terms):
    return [t for t in terms if t.id.startswith("jl:")]


@pytest.mark.parametrize("kind", _jl(types()), ids=lambda t: t.id)
def test_terms_type_names_are_the_ontology_labels(ontology, kind):
    assert _labels(ontology, kind.iri) == {"zh": kind.name, "en": kind.en}


@pytest.mark.parametrize("prop", _jl(properties()), ids=lambda p: p.id)
def test_terms_property_names_are_the_ontology_labels(ontology, prop):
    assert _labels(ontology, prop.iri) == {"zh": prop.name, "en": prop.en}


def test_terms_index_types_are_types_the_search_index_gives():
    known = {kind for kind, _ in class_types().values()}
    used = {i for t in types() for i in t.index_types}
    assert used <= known
    # and each own type is what the index gives members of that very class
    for t in types():
        if t.own:
            assert class_types()[t.iri][0] == t.own, t.id


def test_terms_narrower_types_are_subclasses_in_the_ontology(ontology):
    for kind in types():
        for narrower in kind.narrower:
            sub = type_of_index(narrower)
            assert sub is not None and ontology.query(
                f"ASK {{ <{sub.iri}> <{RDFS}subClassOf>+ <{kind.iri}> }}"), (kind.id, narrower)


def test_terms_ranges_and_domains_are_known_types():
    for prop in properties():
        assert prop.kind in ("year", "number", "entity", "name", "text", "iri"), prop.id
        assert not prop.range or find_type(prop.range), prop.id
        assert all(d == "*" or find_type(d) for d in prop.domains), prop.id
        assert bool(prop.range) <= (prop.kind == "entity"), prop.id


@pytest.mark.parametrize("spelling, expected", [
    ("jl:Person", "jl:Person"),
    ("Person", "jl:Person"),
    ("person", "jl:Person"),
    ("https://kg.jllib.cn/ontology#Period", "jl:Period"),
    ("skos:Concept", "skos:Concept"),
    (" jl:Dynasty ", "jl:Dynasty"),
    ("DifferentiatedPerson", None),
    ("", None),
])
def test_terms_find_type(spelling, expected):
    found = find_type(spelling)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize("spelling, expected", [
    ("jl:birthYear", "jl:birthYear"),
    ("birthYear", "jl:birthYear"),
    ("https://kg.jllib.cn/ontology#locatedIn", "jl:locatedIn"),
    ("skos:altLabel", "skos:altLabel"),
    ("http://www.w3.org/2004/02/skos/core#note", "skos:note"),
    ("altLabel", None),           # bare local names are for jl: terms only
    ("birthyear", None),          # property ids keep their case
    ("P17", None),
])
def test_terms_find_property(spelling, expected):
    found = find_property(spelling)
    assert (found.id if found else None) == expected


def test_terms_broader_and_defaults():
    assert [t.id for t in broader(find_type("jl:ReignEra"))] == ["jl:Period"]
    assert [t.id for t in broader(find_type("jl:Person"))] == ["jl:Agent"]
    assert broader(find_type("jl:Agent")) == []
    assert is_default("Dynasty") and is_default("Person")
    assert not is_default("PlaceName") and not is_default("Work")
    assert [t.id for t in types() if t.default] == [
        "jl:Person", "jl:Organization", "jl:Place", "jl:Event", "jl:Period"]


def test_terms_properties_for_a_type_put_its_own_first():
    dynasty = [p.id for p in properties_for(find_type("jl:Dynasty"))]
    assert dynasty[:3] == ["jl:startYear", "jl:endYear", "jl:founder"]
    assert "jl:birthYear" not in dynasty and "skos:prefLabel" in dynasty
    person = [p.id for p in properties_for(find_type("jl:Person"))]
    assert {"jl:birthYear", "jl:activeIn", "jl:courtesyName"} <= set(person)
    assert len(properties_for(None)) == len(properties())


def test_terms_expand():
    assert expand("schema:latitude") == "https://schema.org/latitude"
    assert expand("owl:sameAs") == "http://www.w3.org/2002/07/owl#sameAs"
