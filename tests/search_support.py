"""A store of the sample data (`jinling load data/` and the document, ancient-book and
oral-history ingests, then inference), for the search index tests, and an app over it."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient
from ingest_support import MINTER, ingest_kind

from api.app import create_app
from kg.inference import install_ontology, materialise
from kg.iri import Minter
from kg.loading import load_files, plan
from kg.settings import Settings
from sparql.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BASE = "https://kg.jllib.cn/"
SEARCH_MINTER = Minter(BASE)
INGESTS = [("document", DATA / "documents", "documents"),
           ("ancient-book", DATA / "ancient-books" / "census.csv", "ancient-books"),
           ("oral-history", DATA / "oral-history" / "interviews", "oral-history")]


def sample_store(folder: Path) -> EmbeddedStore:
    """The sample data in an embedded store under ``folder`` (media and reports there too)."""
    store = EmbeddedStore(folder / "store")
    load_files(store, MINTER, plan([DATA]), base_iri=BASE)
    for kind, path, graph in INGESTS:
        ingest_kind(store, kind, [path], folder, graph)
    install_ontology(store, MINTER)
    materialise(store, MINTER)
    return store


@contextmanager
def sample_client(folder: Path) -> Iterator[TestClient]:
    """An app over the sample store under ``folder`` (its search index is built by the
    first request)."""
    store = sample_store(folder)
    settings = Settings(store=folder / "store", tokens=folder / "tokens.json")
    with TestClient(create_app(settings, store)) as client:
        yield client
    store.close()
