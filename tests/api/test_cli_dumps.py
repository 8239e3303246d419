"""`jinling dumps`, run as a real process: a folder of gzipped N-Quads and its manifest."""

import gzip
import hashlib
import json

from pyoxigraph import RdfFormat
from support import jinling, jinling_env

from kg.iri import Minter
from sparql.embedded import EmbeddedStore

BASE = "https://kg.jllib.cn/"


def _fill(path):
    store, minter = EmbeddedStore(path), Minter(BASE)
    for name, text in (("kb", '<entity/person/a> <http://www.w3.org/2000/01/rdf-schema#label> '
                               '"甲" .'),
                       ("district/xuanwu", '<works/x/1> <http://purl.org/dc/terms/title> "玄武" .'),
                       ("ontology", '<o> <p> <q> .')):
        store.load(text.encode(), format=RdfFormat.TURTLE, graph=minter.graph(name),
                   base_iri=BASE)
    store.close()


def test_cli_dumps_chosen_graphs_with_checksums(tmp_path):
    env = jinling_env(tmp_path)
    _fill(tmp_path / "store")
    out = tmp_path / "out"
    result = jinling(env, "dumps", "--graph", "kb", "--graph", "district/xuanwu",
                     "--out", str(out))
    assert "wrote 2 dumps" in result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(g["file"] for g in manifest["graphs"]) == ["district~xuanwu.nq.gz",
                                                             "kb.nq.gz"]
    for entry in manifest["graphs"]:
        data = (out / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert gzip.decompress(data).decode().count("\n") == entry["triples"] == 1


def test_cli_dumps_every_graph_and_unknown_graph(tmp_path):
    env = jinling_env(tmp_path)
    _fill(tmp_path / "store")
    jinling(env, "dumps", "--out", str(tmp_path / "all"))
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "district~xuanwu.nq.gz", "kb.nq.gz", "manifest.json", "ontology.nq.gz"]
    failed = jinling(env, "dumps", "--graph", "nope", "--out", str(tmp_path / "x"), check=False)
    assert failed.returncode == 1 and "no graph nope" in failed.stderr
