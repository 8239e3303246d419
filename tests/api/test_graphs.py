from urllib.parse import quote

TTL = {"content-type": "text/turtle; charset=utf-8"}
DATA = b'@prefix ex: <http://example.org/> . ex:a ex:name "\xe5\x8d\x97\xe4\xba\xac" .'
MORE = b'<http://example.org/b> <http://example.org/name> "b" .'


def test_graphs_put_get_direct_and_indirect_are_one_graph(api):
    r = api.client.put("/graphs/district/xuanwu", content=DATA, headers={**TTL, **api.auth("district")})
    assert r.status_code == 201
    iri = api.minter.graph("district/xuanwu").value
    direct = api.client.get("/graphs/district/xuanwu", headers={"accept": "application/n-triples"})
    indirect = api.client.get(f"/graphs?graph={quote(iri)}", headers={"accept": "application/n-triples"})
    assert direct.status_code == indirect.status_code == 200
    assert direct.text == indirect.text and "南京" in direct.text


def test_graphs_put_replaces_post_adds(api):
    headers = {**TTL, **api.auth("curator")}
    api.client.put("/graphs/g1", content=DATA, headers=headers)
    assert api.client.post("/graphs/g1", content=MORE, headers=headers).status_code == 204
    assert len(api.store.graph_triples(api.minter.graph("g1"))) == 2
    assert api.client.put("/graphs/g1", content=MORE, headers=headers).status_code == 204
    assert len(api.store.graph_triples(api.minter.graph("g1"))) == 1


def test_graphs_malformed_body_changes_nothing(api):
    headers = {**TTL, **api.auth("curator")}
    api.client.put("/graphs/g1", content=DATA, headers=headers)
    r = api.client.put("/graphs/g1", content=b"<http://e/a> <http://e/b> .", headers=headers)
    assert r.status_code == 400 and "request body:1:" in r.json()["detail"]
    assert len(api.store.graph_triples(api.minter.graph("g1"))) == 1


def test_graphs_scope_and_token(api):
    assert api.client.put("/graphs/kb", content=DATA, headers=TTL).status_code == 401
    r = api.client.put("/graphs/kb", content=DATA, headers={**TTL, **api.auth("district")})
    assert r.status_code == 403
    assert "朱元璋" in api.client.get("/graphs/kb").text


def test_graphs_delete_and_404(api):
    headers = {**TTL, **api.auth("curator")}
    api.client.put("/graphs/g2", content=DATA, headers=headers)
    assert api.client.delete("/graphs/g2", headers=api.auth("curator")).status_code == 204
    assert api.client.get("/graphs/g2").status_code == 404
    assert api.client.head("/graphs/g2").status_code == 404


def test_graphs_post_creates_new_graph(api):
    r = api.client.post("/graphs", content=DATA, headers={**TTL, **api.auth("curator")})
    assert r.status_code == 201
    location = r.headers["location"]
    assert api.client.get(f"/graphs?graph={quote(location)}").status_code == 200


def test_graphs_listing(api):
    names = {g["name"] for g in api.client.get("/graphs").json()["graphs"]}
    assert {"kb", "ontology", "inferred"} <= names


def test_graphs_unsupported_media_type(api):
    r = api.client.put("/graphs/g3", content=b"x", headers={"content-type": "image/png",
                                                           **api.auth("admin")})
    assert r.status_code == 415


def test_graphs_post_dataset_checks_every_graph(api):
    quads = (b"<http://e/a> <http://e/b> <http://e/c> <https://kg.jllib.cn/graphs/district/xuanwu> .\n"
             b"<http://e/a> <http://e/b> <http://e/c> <https://kg.jllib.cn/graphs/kb> .\n")
    headers = {"content-type": "application/n-quads", **api.auth("district")}
    before = len(api.store)
    assert api.client.post("/graphs", content=quads, headers=headers).status_code == 403
    assert len(api.store) == before
    bad = api.client.post("/graphs", content=b"<http://e/a> <http://e/b> .", headers=headers)
    assert bad.status_code == 400 and "request body:1:" in bad.json()["detail"]
    assert api.client.post("/graphs", content=quads, headers={
        "content-type": "application/n-quads", **api.auth("curator")}).status_code == 204
    assert len(api.store) == before + 2
