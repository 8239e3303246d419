"""kg.views.context and kg.views.render: which key a value takes, and the JSON shape it gets."""

import json

import pytest
from pyld import jsonld
from pyoxigraph import BlankNode, Literal, NamedNode

from kg.views import context
from kg.views.context import Vocabulary, api_context, vocabulary
from kg.views.render import Description, Statement
from kg.vocab import BF, DCT, JL, OA, RDF, RDFS, SKOS, XSD

S = "https://kg.jllib.cn/works/x/1"
G = "https://kg.jllib.cn/graphs/x"


@pytest.mark.parametrize("iri, key", [
    (JL.Person.value, "Person"),
    (JL.machine.value, "machine"),
    (BF.Text.value, "bf:Text"),
    (DCT.date.value, "dcterms:date"),
    ("http://example.org/thing", "http://example.org/thing"),
])
def test_compact_gives_a_term_a_compact_iri_or_the_iri(iri, key):
    assert vocabulary().compact(iri) == key
    assert vocabulary().expand(key) == (iri if ":" in key else key)  # terms are not prefixes


@pytest.mark.parametrize("predicate, kind, datatype, term", [
    (SKOS.prefLabel, "lang", None, "prefLabel"),
    (SKOS.prefLabel, "string", None, "prefLabel"),   # under "@none"
    (SKOS.prefLabel, "ref", None, None),
    (JL.birthYear, "typed", XSD.integer.value, "birthYear"),
    (JL.birthYear, "typed", XSD.gYear.value, None),
    (JL.activeIn, "ref", None, "activeIn"),
    (JL.activeIn, "lang", None, None),
    (BF.title, "ref", None, "title"),
    (OA.hasBody, "ref", None, "body"),                # the ontology's term before the API's
    (JL.imageFile, "string", None, "imageFile"),
    (RDF.value, "typed", XSD.integer.value, "value"),  # a plain term takes integers as they are
    (RDF.value, "typed", XSD.date.value, None),
])
def test_a_term_is_used_only_where_the_value_keeps_its_meaning(predicate, kind, datatype, term):
    found = vocabulary().term_for(predicate.value, kind, datatype)
    assert (found.name if found else None) == term


@pytest.mark.parametrize("name, iri", [
    ("person", JL.Person.value), ("PlaceName", JL.PlaceName.value),
    ("reignera", JL.ReignEra.value), ("concept", SKOS.Concept.value),
    ("bf:Text", BF.Text.value), ("dragon", None), ("nope:Thing", None), ("bf: x", None),
])
def test_type_names(name, iri):
    found = vocabulary().class_named(name)
    assert (found.value if found else None) == iri


def test_the_api_context_keeps_every_ontology_term_and_refuses_to_redefine_one(tmp_path,
                                                                               monkeypatch):
    ontology = json.loads(context.CONTEXT_PATH.read_text())["@context"]
    assert all(api_context()[k] == v for k, v in ontology.items())
    clash = tmp_path / "api.jsonld"
    clash.write_text(json.dumps({"@context": {"label": "jlapi:label"}}))
    monkeypatch.setattr(context, "API_TERMS_PATH", clash)
    with pytest.raises(ValueError, match="redefines ontology terms: \\['label'\\]"):
        api_context.__wrapped__()


def _node(*rows: tuple, names: dict | None = None, vocab: Vocabulary | None = None) -> dict:
    statements = [Statement(s, p.value, o, G) for s, p, o in rows]
    return Description(S, statements, names, vocab).node(S)


@pytest.mark.parametrize("predicate, value, key, shape", [
    (SKOS.prefLabel, Literal("南京", language="zh-hans"), "prefLabel", {"zh-hans": ["南京"]}),
    (RDFS.label, Literal("JL-GJ/0001"), "label", {"@none": ["JL-GJ/0001"]}),
    (JL.birthYear, Literal(1328), "birthYear", [1328]),
    (JL.startTime, Literal("6.5", datatype=XSD.decimal), "startTime", [6.5]),
    (JL.endTime, Literal("58", datatype=XSD.decimal), "endTime", [58]),
    (JL.signed, Literal(True), "signed", [True]),
    (DCT.date, Literal("2026-11", datatype=XSD.gYearMonth), "dcterms:date",
     [{"@value": "2026-11", "@type": "xsd:gYearMonth"}]),
    (BF.editionStatement, Literal("刻本", language="zh-hans"), "editionStatement",
     {"zh-hans": ["刻本"]}),
    (BF.code, Literal("甲", language="zh"), "bf:code", [{"@value": "甲", "@language": "zh"}]),
    (BF.code, Literal("110000"), "bf:code", ["110000"]),
    (JL.activeIn, NamedNode("https://kg.jllib.cn/entity/period/ming"), "activeIn",
     [{"id": "https://kg.jllib.cn/entity/period/ming", "name": "明"}]),
])
def test_values_take_their_shape(predicate, value, key, shape):
    node = _node((S, predicate, value), names={"https://kg.jllib.cn/entity/period/ming": "明"})
    assert node == {"id": S, key: shape}


def test_owned_nodes_are_embedded_one_level_and_blank_nodes_have_no_id():
    title, blank = S + "#title", BlankNode("b1")
    node = _node((S, RDF.type, BF.Work), (S, BF.title, NamedNode(title)),
                 (title, BF.mainTitle, Literal("随园诗话", language="zh-hans")),
                 (title, BF.title, NamedNode(S)),  # a cycle back to the root stays a reference
                 (S, BF.note, blank), ("_:b1", RDFS.label, Literal("线装", language="zh-hans")))
    assert node == {"id": S, "type": ["bf:Work"],
                    "bf:note": [{"label": {"zh-hans": ["线装"]}}],
                    "title": [{"id": title, "mainTitle": {"zh-hans": ["随园诗话"]},
                               "title": [{"id": S}]}]}


def test_a_rendered_node_expands_to_its_statements():
    rows = [(S, RDF.type, JL.Person), (S, SKOS.prefLabel, Literal("甲", language="zh-hans")),
            (S, RDFS.label, Literal("plain")), (S, JL.birthYear, Literal(1328)),
            (S, BF.code, Literal("甲", language="zh")), (S, JL.activeIn, NamedNode(S + "/p")),
            (S, DCT.date, Literal("2026-11", datatype=XSD.gYearMonth))]
    doc = {"@context": api_context(), **_node(*rows)}
    quads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    expected = {f"{NamedNode(S)} {p} {o} ." for _, p, o in rows}
    assert set(quads.splitlines()) == expected
