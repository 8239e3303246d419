"""An app over an in-memory store with a little data, and tokens of each role."""

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import RdfFormat
from support import LiveServer, free_port, jinling_env, start_server

from api.app import create_app
from kg.auth import Role, TokenFile
from kg.inference import install_ontology, materialise
from kg.iri import Minter
from kg.settings import Settings
from sparql.embedded import EmbeddedStore

BASE = "https://kg.jllib.cn/"
PERSONS = """
@prefix jl: <https://kg.jllib.cn/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<entity/person/zhu-yuanzhang> a jl:Person ;
    skos:prefLabel "朱元璋"@zh, "Zhu Yuanzhang"@en ;
    skos:altLabel "<script>alert(1)</script>"@en .
<entity/organization/jinling-library> a jl:Organization ; skos:prefLabel "金陵图书馆"@zh .
"""


@dataclass
class Api:
    client: TestClient
    store: EmbeddedStore
    minter: Minter
    tokens: dict[str, str]

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture
def api(tmp_path):
    settings = Settings(store=tmp_path / "store", tokens=tmp_path / "tokens.json",
                        changes=tmp_path / "changes.sqlite", uploads=tmp_path / "uploads",
                        query_timeout=5, result_limit=50)
    store, minter = EmbeddedStore(), Minter(BASE)
    store.load(PERSONS.encode(), format=RdfFormat.TURTLE, graph=minter.graph("kb"),
               base_iri=BASE)
    install_ontology(store, minter)
    materialise(store, minter)
    tokens = TokenFile(settings.tokens)
    secrets = {
        "admin": tokens.create(Role.ADMIN)[1],
        "curator": tokens.create(Role.CURATOR)[1],
        "district": tokens.create(Role.DISTRICT, "district/xuanwu")[1],
    }
    with TestClient(create_app(settings, store, tokens)) as client:
        yield Api(client, store, minter, secrets)
    store.close()



@pytest.fixture
def live_server(tmp_path):
    """A real `jinling serve` process over a scratch store."""
    port = free_port()
    env = jinling_env(tmp_path, JINLING_PORT=port)
    process = start_server(env, port)
    yield LiveServer(f"http://127.0.0.1:{port}", env, process)
    process.terminate()
    process.wait(timeout=15)
