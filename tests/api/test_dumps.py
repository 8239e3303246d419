"""``/dumps``: the manifest, gzipped N-Quads downloads with checksums, and regeneration."""

import base64
import gzip
import hashlib

from pyoxigraph import RdfFormat, parse

BASE = "https://kg.jllib.cn/"
DISTRICT = '<works/x/1> <http://purl.org/dc/terms/title> "玄武" .\n'


def _load(api, text, graph):
    api.store.load(text.encode(), format=RdfFormat.TURTLE, graph=api.minter.graph(graph),
                   base_iri=BASE)


def test_manifest_lists_every_graph_with_a_link(api):
    _load(api, DISTRICT, "district/xuanwu")
    reply = api.client.get("/dumps")
    assert reply.status_code == 200
    graphs = {g["name"]: g for g in reply.json()["graphs"]}
    assert {"kb", "district/xuanwu", "ontology"} <= set(graphs)
    assert graphs["district/xuanwu"]["href"] == "/dumps/district/xuanwu.nq.gz"
    assert graphs["district/xuanwu"]["triples"] == 1
    assert graphs["kb"]["sha256"] is None     # not made yet


def test_download_is_a_gzip_file_with_its_checksum(api):
    reply = api.client.get("/dumps/kb.nq.gz")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/gzip"
    assert "content-encoding" not in reply.headers      # a file, not a transfer encoding
    assert 'filename="kb.nq.gz"' in reply.headers["content-disposition"]
    digest = hashlib.sha256(reply.content)
    assert reply.headers["etag"] == f'"{digest.hexdigest()}"'
    assert reply.headers["digest"] == "SHA-256=" + base64.b64encode(digest.digest()).decode()
    quads = list(parse(gzip.decompress(reply.content), format=RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {BASE + "graphs/kb"}
    assert "朱元璋" in {q.object.value for q in quads}
    listed = {g["name"]: g for g in api.client.get("/dumps").json()["graphs"]}["kb"]
    assert (listed["sha256"], listed["bytes"]) == (digest.hexdigest(), len(reply.content))


def test_nested_graph_and_conditional_requests(api):
    _load(api, DISTRICT, "district/xuanwu")
    first = api.client.get("/dumps/district/xuanwu.nq.gz")
    assert first.status_code == 200 and b"" != first.content
    again = api.client.get("/dumps/district/xuanwu.nq.gz",
                           headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    head = api.client.head("/dumps/district/xuanwu.nq.gz")
    assert head.status_code == 200 and head.headers["etag"] == first.headers["etag"]


def test_a_changed_graph_is_dumped_again(api):
    first = api.client.get("/dumps/kb.nq.gz")
    _load(api, '<entity/person/li-yu> <http://www.w3.org/2000/01/rdf-schema#label> "李煜" .',
          "kb")
    second = api.client.get("/dumps/kb.nq.gz")
    assert second.headers["etag"] != first.headers["etag"]
    assert "李煜" in gzip.decompress(second.content).decode()


def test_errors_are_problems(api):
    for path, status in (("/dumps/nope.nq.gz", 404), ("/dumps/kb.ttl", 404),
                         ("/dumps/Bad Name.nq.gz", 400)):
        reply = api.client.get(path)
        assert reply.status_code == status, path
        assert reply.headers["content-type"] == "application/problem+json"
