from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

from kg.inference import install_ontology, materialise
from kg.iri import Minter
from kg.loading import load_files, plan
from kg.validate import validate
from sparql.embedded import EmbeddedStore

DATA = Path(__file__).resolve().parents[2] / "data"
BASE = "https://kg.jllib.cn/"
NAMELESS = b"<entity/person/nameless> a <https://kg.jllib.cn/ontology#Person> ."


@pytest.fixture
def loaded():
    store, minter = EmbeddedStore(), Minter(BASE)
    load_files(store, minter, plan([DATA]), base_iri=BASE)
    install_ontology(store, minter)
    materialise(store, minter)
    yield store, minter
    store.close()


def test_inference_agents_include_people_and_organisations(loaded):
    store, _ = loaded
    query = ("SELECT DISTINCT ?t WHERE { ?x a <https://kg.jllib.cn/ontology#Agent> ; a ?t }")
    types = {r["t"].value.rsplit("#", 1)[-1] for r in store.query(query)}
    assert {"Person", "Organization"} <= types


def test_validate_sample_conforms_whole_and_per_graph(loaded):
    store, minter = loaded
    assert validate(store, minter).conforms
    for name in ("kb", "catalogue", "oral-history"):
        report = validate(store, minter, minter.graph(name))
        assert report.conforms, report.text()


def test_validate_reports_a_nameless_person_in_its_graph_only(loaded):
    store, minter = loaded
    store.load(NAMELESS, format=RdfFormat.TURTLE, graph=minter.graph("district/x"),
               base_iri=BASE)
    report = validate(store, minter, minter.graph("district/x"))
    assert not report.conforms
    assert any(v.focus == BASE + "entity/person/nameless" for v in report.violations)
    assert "nameless" in report.text()
    assert validate(store, minter, minter.graph("kb")).conforms
