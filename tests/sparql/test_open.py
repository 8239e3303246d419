"""`open_store` picks the backend from its arguments."""

from __future__ import annotations

from pathlib import Path

from sparql import open_store
from sparql.embedded import EmbeddedStore
from sparql.remote import RemoteStore


def test_open_store_without_endpoint_is_embedded(tmp_path: Path):
    memory = open_store()
    disk = open_store(location=tmp_path / "kb")
    try:
        assert isinstance(memory, EmbeddedStore) and memory.path is None
        assert isinstance(disk, EmbeddedStore) and disk.path == tmp_path / "kb"
    finally:
        memory.close()
        disk.close()


def test_open_store_with_endpoint_is_remote():
    store = open_store(endpoint="http://kb.example/query", gsp_endpoint="http://kb.example/store",
                       token="secret", timeout=5.0)
    try:
        assert isinstance(store, RemoteStore)
        assert store.update_url == "http://kb.example/query"
        assert store.gsp_url == "http://kb.example/store"
        assert store.timeout == 5.0
    finally:
        store.close()
