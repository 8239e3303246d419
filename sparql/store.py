"""The `Store` protocol that every backend implements, and the values it passes around."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QueryResultsFormat, RdfFormat, Triple

from sparql.results import QueryResult, Serialized

Term = NamedNode | BlankNode | Literal | Triple
Bindings = Mapping[str, Term]


@dataclass(frozen=True)
class Dataset:
    """An explicit RDF dataset for a query (the protocol's default-graph-uri/named-graph-uri).

    Without one, a query's default graph is the union of all graphs.
    """

    default_graphs: tuple[NamedNode, ...] = ()
    named_graphs: tuple[NamedNode, ...] = ()


@dataclass(frozen=True)
class LoadReport:
    """What one load wrote."""

    source: str
    format: str
    graph: str | None
    quads: int
    seconds: float


@runtime_checkable
class Store(Protocol):
    """An RDF quad store that answers SPARQL.

    Implementations: `sparql.embedded.EmbeddedStore` (Oxigraph in process, on disk or in
    memory) and `sparql.remote.RemoteStore` (any SPARQL 1.1 Query/Update/Graph Store endpoint).
    """

    def query(self, query: str, bindings: Bindings | None = None, *,
              dataset: Dataset | None = None, timeout: float | None = None,
              limit: int | None = None) -> QueryResult:
        """Evaluate a SPARQL query; the default graph is the union of all graphs.

        Raises QuerySyntaxError, QueryTimeout, ResultLimitExceeded.
        """
        ...

    def query_serialized(self, query: str, results_format: QueryResultsFormat, *,
                         dataset: Dataset | None = None, timeout: float | None = None,
                         limit: int | None = None, max_bytes: int | None = None
                         ) -> Serialized:
        """Evaluate a query and return its results written out: solutions and booleans in
        ``results_format``, triples as N-Triples. What the HTTP endpoint serves.

        Raises the errors of `query`, and ResultTooLarge past ``max_bytes``.
        """
        ...

    async def aquery_serialized(self, query: str, results_format: QueryResultsFormat, *,
                                dataset: Dataset | None = None, timeout: float | None = None,
                                limit: int | None = None, max_bytes: int | None = None
                                ) -> Serialized:
        """`query_serialized` for an event loop, without blocking it."""
        ...

    def add_batch(self, ntriples: bytes, graph: NamedNode) -> int:
        """Add N-Triples to ``graph`` in one atomic write; the fast path of the ingest.

        Returns the number of triples. Lines written from term objects are well-formed; other
        input may raise RdfSyntaxError, leaving the store unchanged.
        """
        ...

    def update(self, update: str, bindings: Bindings | None = None) -> None:
        """Apply a SPARQL update in one transaction. Raises QuerySyntaxError."""
        ...

    def held(self, quads: Sequence[Quad]) -> set[Quad]:
        """The quads of ``quads`` (in named graphs) that the store holds."""
        ...

    def values_of(self, subjects: Sequence[NamedNode], predicate: NamedNode,
                  graph: NamedNode) -> dict[str, Term]:
        """Subject IRI -> one object of ``predicate`` in ``graph``, for the subjects that
        have one; a point lookup per subject (the ingest asks this for every batch)."""
        ...

    def load(self, source: Path | bytes, *, format: RdfFormat | None = None,
             graph: NamedNode | None = None, base_iri: str | None = None,
             replace: bool = False, name: str | None = None) -> LoadReport:
        """Load a file or bytes; triples go to ``graph``. Malformed input loads nothing.

        With ``replace``, ``graph`` (the default graph when None) is emptied first, in the
        same transaction where the backend allows (the embedded store: bytes, and files up to
        64 MiB). Raises RdfSyntaxError naming the source, line and column.
        """
        ...

    def graphs(self) -> list[NamedNode]:
        """The named graphs in the store."""
        ...

    def has_graph(self, graph: NamedNode) -> bool:
        """True when the store holds this named graph."""
        ...

    def graph_triples(self, graph: NamedNode | None) -> list[Triple]:
        """The triples of one named graph, or of the default graph when ``graph`` is None."""
        ...

    def drop_graph(self, graph: NamedNode) -> bool:
        """Remove a named graph; False when there was none."""
        ...

    def dump(self, output: BinaryIO, *, format: RdfFormat = RdfFormat.N_QUADS,
             graph: NamedNode | None = None) -> None:
        """Write all graphs, or one, as N-Quads or TriG."""
        ...

    def close(self) -> None:
        """Release the store (locks, connections, threads)."""
        ...
