"""``/api/v1/network/…`` and ``jinling network``, over the mentions fixture of tests/kg/network."""

import json
from pathlib import Path

from pyoxigraph import RdfFormat
from support import jinling, jinling_env

FIXTURE = Path(__file__).resolve().parents[1] / "kg" / "network" / "mentions.trig"
E = "https://kg.jllib.cn/entity/"
ZHU, XIAOLING, SUN = E + "person/zhu-yuanzhang", E + "place/ming-xiaoling", E + "person/sun-quan"


def loaded(api):
    api.store.load(FIXTURE.read_bytes(), format=RdfFormat.TRIG)
    return api.client


def test_api_neighbours_with_labels_and_weights(api):
    client = loaded(api)
    body = client.get("/api/v1/network/neighbours", params={"entity": XIAOLING}).json()
    assert body["entity"]["label"] == "明孝陵"
    assert [(n["label"], n["weight"]) for n in body["neighbours"]] == [("朱元璋", 1), ("钟山", 1)]


def test_api_path_and_central_by_collection(api):
    client = loaded(api)
    found = client.get("/api/v1/network/path", params={"from": SUN, "to": XIAOLING}).json()
    assert [p["label"] for p in found["path"]] == ["孙权", "朱元璋", "明孝陵"]
    apart = client.get("/api/v1/network/path",
                       params={"from": SUN, "to": XIAOLING, "graph": "documents"}).json()
    assert apart == {"path": None}
    central = client.get("/api/v1/network/central", params={"top": 2}).json()
    assert [e["label"] for e in central["entities"]] == ["朱元璋", "明孝陵"]


def test_api_errors_are_problem_documents(api):
    client = loaded(api)
    missing = client.get("/api/v1/network/neighbours", params={"entity": E + "person/nobody"})
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert "not mentioned" in missing.json()["detail"]
    bad = client.get("/api/v1/network/central", params={"measure": "pagerank"})
    assert bad.status_code == 422


def test_cli_network_prints_json_lines(tmp_path):
    env = jinling_env(tmp_path)
    jinling(env, "load", str(FIXTURE), "--no-infer")
    lines = jinling(env, "network", "neighbours", ZHU).stdout.splitlines()
    assert [json.loads(x)["label"] for x in lines] == ["孙权", "明孝陵"]
    path = jinling(env, "network", "path", SUN, XIAOLING, "--graph", "documents", check=False)
    assert path.returncode == 1 and "are not connected" in path.stderr
    central = jinling(env, "network", "central", "--top", "1").stdout.splitlines()
    assert json.loads(central[0])["entity"] == ZHU
