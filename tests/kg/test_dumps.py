"""N-Quads dumps per graph (`kg.dumps`): files, checksums, manifest, and the change stamp."""

import gzip
import hashlib
import json

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from kg.dumps import MANIFEST, fresh_dump, read_manifest, stamps, write_dump, write_dumps
from kg.iri import Minter
from kg.vocab import PROV, SKOS, XSD
from sparql import GraphNotFound
from sparql.embedded import EmbeddedStore
from sparql.text import delete_data, insert_data

BASE = "https://kg.jllib.cn/"
KB = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<entity/person/a> skos:prefLabel "甲"@zh, "A\\nline"@en .
<entity/person/b> skos:prefLabel "乙"@zh .
"""
DISTRICT = '<works/x/1> <http://purl.org/dc/terms/title> "玄武" .\n'


@pytest.fixture
def store():
    store, minter = EmbeddedStore(), Minter(BASE)
    store.load(KB.encode(), format=RdfFormat.TURTLE, graph=minter.graph("kb"), base_iri=BASE)
    store.load(DISTRICT.encode(), format=RdfFormat.TURTLE,
               graph=minter.graph("district/xuanwu"), base_iri=BASE)
    yield store
    store.close()


def _quads(path):
    return list(parse(gzip.decompress(path.read_bytes()), format=RdfFormat.N_QUADS))


def test_every_graph_gets_a_file_and_a_manifest_entry(store, tmp_path):
    written = write_dumps(store, Minter(BASE), tmp_path)
    assert sorted(d.file for d in written) == ["district~xuanwu.nq.gz", "kb.nq.gz"]
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert [(g["name"], g["triples"]) for g in manifest["graphs"]] == [
        ("district/xuanwu", 1), ("kb", 3)]
    for entry in manifest["graphs"]:
        path = tmp_path / entry["file"]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == path.stat().st_size
        quads = _quads(path)
        assert len(quads) == entry["triples"]
        assert {q.graph_name.value for q in quads} == {entry["graph"]}


def test_dump_is_reproducible_and_names_its_graph(store, tmp_path):
    first = write_dump(store, Minter(BASE), "kb", tmp_path / "a")
    again = write_dump(store, Minter(BASE), "kb", tmp_path / "b")
    assert first.sha256 == again.sha256
    assert "甲" in {q.object.value for q in _quads(tmp_path / "a" / first.file)}


def test_unknown_graph(store, tmp_path):
    with pytest.raises(GraphNotFound):
        write_dump(store, Minter(BASE), "nope", tmp_path)


def _add(store, text, graph="kb"):
    store.load(text.encode(), format=RdfFormat.TURTLE, graph=Minter(BASE).graph(graph),
               base_iri=BASE)


def test_fresh_dump_is_kept_until_the_graph_changes(store, tmp_path):
    minter = Minter(BASE)
    first = fresh_dump(store, minter, "kb", tmp_path)
    assert fresh_dump(store, minter, "kb", tmp_path) == first    # not written again
    _add(store, '<entity/person/c> <http://www.w3.org/2000/01/rdf-schema#label> "丙" .')
    grown = fresh_dump(store, minter, "kb", tmp_path)
    assert (grown.triples, grown.sha256 != first.sha256) == (4, True)
    assert read_manifest(tmp_path)[minter.graph("kb").value] == grown


def test_a_recorded_time_changes_the_stamp_at_the_same_size(store):
    iri = Minter(BASE).graph("kb")
    before = stamps(store, [iri])[iri.value]
    gone = Quad(NamedNode(BASE + "entity/person/b"), SKOS.prefLabel,
                Literal("乙", language="zh"), iri)
    ended = Quad(NamedNode(BASE + "activities/x"), PROV.endedAtTime,
                 Literal("2025-01-01T00:00:00Z", datatype=XSD.dateTime), iri)
    store.update(f"{delete_data([gone])} ;\n{insert_data([ended])}")
    after = stamps(store, [iri])[iri.value]
    assert before == "3|" and after == "3|2025-01-01T00:00:00Z"


def test_stamps_of_all_graphs(store):
    assert stamps(store) == {BASE + "graphs/kb": "3|", BASE + "graphs/district/xuanwu": "1|"}
