"""Named graphs by short name: one graph per source batch, tenant or stage."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.iri import Minter
from sparql import GraphNotFound, Store

# Graphs the project itself fills; users load into their own names.
ONTOLOGY = "ontology"
INFERRED = "inferred"


def graph_names(store: Store, minter: Minter) -> list[str]:
    """Short names of the graphs minted under our base, else their full IRIs."""
    return [minter.graph_name(g) or g.value for g in store.graphs()]


def existing_graph(store: Store, minter: Minter, name: str) -> NamedNode:
    """The IRI of a graph that must already exist (for reads).

    Raises:
        GraphNotFound: listing the graphs there are.
        InvalidGraphName: the name cannot be a graph name.
    """
    iri = minter.graph(name)
    if not store.has_graph(iri):
        raise GraphNotFound(name, graph_names(store, minter))
    return iri
