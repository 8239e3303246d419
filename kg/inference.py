"""The ontology graph and the ``inferred`` graph of class and property hierarchies.

After `materialise`, ``?x a jl:Agent`` finds persons and organisations, and a query on a
super-property finds values given with its sub-properties.
"""

from __future__ import annotations

from pyoxigraph import RdfFormat

from kg.graphs import INFERRED, ONTOLOGY
from kg.iri import Minter
from ontology import ONTOLOGY_PATH
from sparql import Store, queries


def install_ontology(store: Store, minter: Minter) -> int:
    """Replace the ``ontology`` graph with the shipped ontology; returns its triple count."""
    report = store.load(ONTOLOGY_PATH.read_bytes(), format=RdfFormat.TURTLE,
                        graph=minter.graph(ONTOLOGY), replace=True, name=str(ONTOLOGY_PATH))
    return report.quads


def materialise(store: Store, minter: Minter) -> int:
    """Recompute the ``inferred`` graph in one update; returns its triple count."""
    inferred, ontology = minter.graph(INFERRED), minter.graph(ONTOLOGY)
    store.update(queries.load("materialise_hierarchy"),
                 {"inferred": inferred, "ontology": ontology})
    result = store.query(queries.load("graph_size"), {"g": inferred})
    return int(next(iter(result))["n"].value)
