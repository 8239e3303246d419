"""The shipped ontology, shapes and JSON-LD context, and the sample data under data/.

The reasoner tests run HermiT through owlready2 and need `java`; they skip without it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from ontology import CONTEXT_PATH, JL, ONTOLOGY_PATH, SHAPES_PATH

BASE = "https://kg.jllib.cn/"
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_FILES = sorted(DATA_DIR.rglob("*.ttl"))

JLNS = Namespace(JL)
OA = Namespace("http://www.w3.org/ns/oa#")
# A plain namespace: pytest trips over rdflib's closed XSD namespace when collecting.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = """
@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Where each kind of node minted in the sample data lives under the base.
IRI_PATTERNS = [
    re.compile(r"entity/(person|place|placename|organization|event|period)/[a-z0-9-]+"),
    re.compile(r"(work|instance|item|interview|segment|mention)/[a-z0-9-]+"),
    re.compile(r"(interview|mention)/[a-z0-9-]+#[a-z]+"),
]

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DATATYPE_SPACES = (str(XSD), str(RDF))


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


@pytest.fixture(scope="module")
def sample() -> Graph:
    graph = Graph()
    for path in DATA_FILES:
        graph.parse(path, format="turtle", publicID=BASE)
    return graph


def jl_terms(ontology: Graph, types=TERM_TYPES) -> list[URIRef]:
    """The jl: terms declared with one of these OWL types."""
    found = {s for t in types for s in ontology.subjects(RDF.type, t)}
    return sorted(s for s in found if isinstance(s, URIRef) and str(s).startswith(JL))


def languages(graph: Graph, node: URIRef, predicate: URIRef) -> set[str]:
    """The primary language subtags of the values of a predicate ('zh', 'en' ...)."""
    return {(o.language or "").split("-")[0] for o in graph.objects(node, predicate)
            if isinstance(o, Literal)}


def validate(data: Graph, shapes: Graph, ontology: Graph, inference: str = "rdfs"):
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
                                              inference=inference)
    return conforms, report, text


def reason(graph: Graph, tmp_path: Path) -> None:
    """Run HermiT on the graph; raises OwlReadyInconsistentOntologyError if inconsistent."""
    if shutil.which("java") is None:
        pytest.skip("HermiT needs `java` on PATH")
    owlready2 = pytest.importorskip("owlready2")
    path = tmp_path / "graph.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    owlready2.sync_reasoner(world, infer_property_values=False, debug=0)


# ---------------------------------------------------------------- (a) the files parse


def test_ontology_files_parse(ontology, shapes):
    assert (URIRef("https://kg.jllib.cn/ontology"), RDF.type, OWL.Ontology) in ontology
    assert len(jl_terms(ontology)) > 40
    assert set(shapes.subjects(RDF.type, SH.NodeShape))


def test_ontology_context_is_json_ld(ontology):
    document = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))
    context = document["@context"]
    assert context["id"] == "@id" and context["type"] == "@type"
    assert context["jl"] == JL


def test_ontology_context_jl_terms_are_declared(ontology):
    context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    declared = {str(s) for s in ontology.subjects(RDF.type, None)}
    undeclared = []
    for term, value in context.items():
        iri = value["@id"] if isinstance(value, dict) else value
        if isinstance(iri, str) and iri.startswith("jl:") and JL + iri[3:] not in declared:
            undeclared.append(f"{term} -> {iri}")
    assert not undeclared, "context terms with no declaration in jl.ttl: " + ", ".join(undeclared)


def test_ontology_context_names_every_term_of_the_sample(sample):
    context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else value

    named = {expand(v["@id"] if isinstance(v, dict) else v) for v in context.values()
             if isinstance(v, (str, dict)) and not str(v).startswith("@")}
    used = {str(p) for p in sample.predicates() if p != RDF.type}
    used |= {str(t) for t in sample.objects(None, RDF.type)}
    assert not used - named, f"no short name in context.jsonld for {sorted(used - named)}"


def test_ontology_context_round_trips_to_rdf():
    jsonld = pytest.importorskip("pyld.jsonld")
    context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    document = {
        "@context": context,
        "id": BASE + "segment/s1",
        "type": "TranscriptSegment",
        "prefLabel": {"en": "Segment 1"},
        "segmentOf": BASE + "interview/i1",
        "startTime": "6.5",
        "text": {"zh-Hans": "金图"},
        "linkStatus": "accepted",
    }
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    graph = Graph().parse(data=nquads, format="nt")
    segment = URIRef(BASE + "segment/s1")
    assert (segment, RDF.type, JLNS.TranscriptSegment) in graph
    assert (segment, JLNS.segmentOf, URIRef(BASE + "interview/i1")) in graph
    assert (segment, JLNS.startTime, Literal("6.5", datatype=XSD.decimal)) in graph
    assert (segment, JLNS.text, Literal("金图", lang="zh-Hans")) in graph
    assert (segment, JLNS.linkStatus, JLNS.accepted) in graph


# ---------------------------------------------------------------- (b) every term is documented


def test_ontology_terms_have_labels_and_comments(ontology):
    problems = []
    for term in jl_terms(ontology):
        missing = {"zh", "en"} - languages(ontology, term, RDFS.label)
        if missing:
            problems.append(f"{term}: no rdfs:label in {sorted(missing)}")
        if "en" not in languages(ontology, term, RDFS.comment):
            problems.append(f"{term}: no English rdfs:comment")
    assert not problems, "\n".join(problems)


def test_ontology_properties_have_domain_and_range(ontology):
    problems = []
    for prop in jl_terms(ontology, PROPERTY_TYPES):
        domains = list(ontology.objects(prop, RDFS.domain))
        ranges = list(ontology.objects(prop, RDFS.range))
        if not domains or not ranges:
            problems.append(f"{prop}: needs rdfs:domain and rdfs:range")
        datatype_range = [str(r).startswith(DATATYPE_SPACES) for r in ranges]
        if (prop, RDF.type, OWL.DatatypeProperty) in ontology and not all(datatype_range):
            problems.append(f"{prop}: a datatype property needs a datatype range")
        if (prop, RDF.type, OWL.ObjectProperty) in ontology and any(datatype_range):
            problems.append(f"{prop}: an object property needs a class range")
    assert not problems, "\n".join(problems)


def test_ontology_concepts_have_labels(ontology):
    concepts = jl_terms(ontology, (OWL.NamedIndividual,))
    assert len(concepts) >= 11
    problems = [f"{c}: needs skos:prefLabel in zh and en" for c in concepts
                if {"zh", "en"} - languages(ontology, c, SKOS.prefLabel)]
    assert not problems, "\n".join(problems)


def test_ontology_declares_every_jl_term_in_use(ontology, shapes, sample):
    declared = {s for s in ontology.subjects(RDF.type, None)}
    used = {node for graph in (shapes, sample) for triple in graph for node in triple
            if isinstance(node, URIRef) and str(node).startswith(JL)}
    assert not used - declared, f"undeclared jl: terms: {sorted(used - declared)}"


def test_ontology_individuals_link_without_cycles(ontology):
    # pySHACL copies each owl:NamedIndividual into the data graph by following its links ten
    # levels deep; a cycle between individuals turns a one-second validation into minutes.
    individuals = set(ontology.subjects(RDF.type, OWL.NamedIndividual))
    links = {i: {o for o in ontology.objects(i) if o in individuals} for i in individuals}

    def reaches(start, goal, seen):
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n}))
                   for n in links[start])

    cyclic = sorted(str(i) for i in individuals if reaches(i, i, set()))
    assert not cyclic, f"individuals on a link cycle: {cyclic}"


# ---------------------------------------------------------------- (c) the reasoner


def test_ontology_is_consistent(ontology, tmp_path):
    reason(ontology, tmp_path)


def test_ontology_with_sample_data_is_consistent(ontology, sample, tmp_path):
    reason(ontology + sample, tmp_path)


def test_ontology_reasoner_catches_a_range_violation(ontology, tmp_path):
    owlready2 = pytest.importorskip("owlready2")
    bad = Graph().parse(data=PREFIXES + """
        <https://kg.jllib.cn/entity/person/x> a jl:Person ; jl:birthYear "early Ming" .
    """, format="turtle")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(ontology + bad, tmp_path)


# ---------------------------------------------------------------- (d) the sample conforms


@pytest.mark.parametrize("inference", ["rdfs", "none"])
def test_ontology_sample_data_conforms(sample, shapes, ontology, inference):
    conforms, _, text = validate(sample, shapes, ontology, inference)
    assert conforms, text


def test_ontology_sample_data_covers_the_main_classes(sample):
    typed = set(sample.objects(None, RDF.type))
    wanted = {"Person", "Place", "PlaceName", "Organization", "Event", "Period", "Dynasty",
              "ReignEra", "Work", "Instance", "Item", "AncientBook", "LocalDocument",
              "OralHistoryInterview", "TranscriptSegment", "Mention"}
    # Instance and Period are present through their subclasses.
    missing = {name for name in wanted - {"Instance", "Period"} if JLNS[name] not in typed}
    assert not missing, f"no sample node of class {sorted(missing)}"


# ---------------------------------------------------------------- (e) the shapes bite

NEGATIVE_CASES = {
    "person-without-label": (
        "<https://kg.jllib.cn/entity/person/nameless> a jl:Person ; jl:birthYear 1701 .",
        "https://kg.jllib.cn/entity/person/nameless", "has no name"),
    "segment-with-text-time": (
        """<https://kg.jllib.cn/segment/bad-time> a jl:TranscriptSegment ;
            skos:prefLabel "Segment 1"@en ;
            jl:segmentOf <https://kg.jllib.cn/interview/i1> ;
            jl:startTime "1:15" ; jl:endTime 92.0 ; jl:text "你好"@zh-Hans .
        <https://kg.jllib.cn/interview/i1> a jl:OralHistoryInterview ;
            skos:prefLabel "Interview"@en ; jl:interviewee <https://kg.jllib.cn/entity/person/p> .
        <https://kg.jllib.cn/entity/person/p> a jl:Person ; skos:prefLabel "P"@en .""",
        "https://kg.jllib.cn/segment/bad-time", "jl:startTime"),
    "mention-with-unknown-status": (
        """@prefix oa: <http://www.w3.org/ns/oa#> .
        <https://kg.jllib.cn/mention/m1> a jl:Mention ; skos:prefLabel "m"@en ;
            oa:hasBody <https://kg.jllib.cn/entity/place/nanjing> ;
            oa:hasTarget <https://kg.jllib.cn/mention/m1#target> ;
            jl:confidence 0.5 ; jl:linkStatus jl:woodblockEdition .
        <https://kg.jllib.cn/mention/m1#target> a oa:SpecificResource ;
            oa:hasSource <https://kg.jllib.cn/segment/s1> ;
            oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "南京" ] .""",
        "https://kg.jllib.cn/mention/m1", "jl:linkStatus"),
}


@pytest.mark.parametrize("case", sorted(NEGATIVE_CASES))
def test_ontology_shapes_reject_bad_records(case, shapes, ontology):
    turtle, focus, phrase = NEGATIVE_CASES[case]
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    conforms, report, text = validate(data, shapes, ontology)
    assert not conforms, f"{case} should not conform"
    assert URIRef(focus) in set(report.objects(None, SH.focusNode)), text
    messages = [str(m) for m in report.objects(None, SH.resultMessage)]
    assert any(phrase in m for m in messages), text


# ---------------------------------------------------------------- the sample data files


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_ontology_sample_files_are_relative_to_the_base(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(@base|BASE)\b", text, re.MULTILINE), "no @base: the loader sets it"
    absolute = re.search(re.escape(BASE) + r"(?!ontology#)", text)
    assert not absolute, "write IRIs under the base as relative IRIs"
    other = "https://example.org/kg/"
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=other))
    assert quads and all(q.subject.value.startswith(other) for q in quads
                         if isinstance(q.subject, ox.NamedNode))


def test_ontology_sample_iris_follow_the_scheme(sample):
    minted = {str(s) for s in sample.subjects() if str(s).startswith(BASE)}
    odd = sorted(iri for iri in minted
                 if not any(p.fullmatch(iri[len(BASE):]) for p in IRI_PATTERNS))
    assert minted and not odd, f"IRIs outside the scheme: {odd}"


def test_ontology_sample_quotes_match_their_segments(sample):
    selectors = list(sample.subjects(RDF.type, OA.TextQuoteSelector))
    assert selectors
    for selector in selectors:
        target = sample.value(None, OA.hasSelector, selector)
        source = sample.value(target, OA.hasSource)
        quote = "".join(str(sample.value(selector, p) or "")
                        for p in (OA.prefix, OA.exact, OA.suffix))
        texts = [str(t) for t in sample.objects(source, JLNS.text)]
        assert any(quote in t for t in texts), f"{selector}: {quote!r} not in {source}"
