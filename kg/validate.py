"""SHACL validation of the store (or one graph) against the shipped shapes, with pySHACL."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pyshacl
from pyoxigraph import NamedNode, RdfFormat
from rdflib import Dataset, Graph, Namespace, URIRef

from kg.graphs import ONTOLOGY
from kg.iri import Minter
from ontology import ONTOLOGY_PATH, SHAPES_PATH
from sparql import Store

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One SHACL result."""

    focus: str
    path: str | None
    severity: str
    message: str
    value: str | None = None

    def line(self) -> str:
        """The result as one readable line."""
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of one validation run."""

    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        """A report for people: one line per problem, then a summary line."""
        lines = [v.line() for v in self.violations]
        verdict = "conforms" if self.conforms else f"{len(self.violations)} problems"
        lines.append(f"checked {self.triples} triples against the shapes: {verdict}")
        return "\n".join(lines)


def _data_graph(store: Store, graphs: list[NamedNode] | None) -> Graph:
    buffer = io.BytesIO()
    if graphs is None:
        store.dump(buffer, format=RdfFormat.N_QUADS)
    else:
        for graph in graphs:
            store.dump(buffer, format=RdfFormat.N_QUADS, graph=graph)
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue(), format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _short(graph: Graph, node: object) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except ValueError:
            return str(node)
    return str(node)


def validate(store: Store, minter: Minter, graph: NamedNode | None = None) -> ValidationReport:
    """Validate the data against the shapes; with ``graph``, report only that graph's nodes.

    The whole store is always the data graph: a graph's resources link to entities described
    in other graphs (the authority KB, the inferred types), and checks on those links need them.
    """
    skip = {minter.graph(ONTOLOGY)}
    data = _data_graph(store, [g for g in store.graphs() if g not in skip])
    focus = None if graph is None else {str(t.subject.value) for t in store.graph_triples(graph)}
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
                                            inference="none", allow_warnings=True)
    violations = [
        Violation(str(results.value(r, SH.focusNode)),
                  _short(shapes, results.value(r, SH.resultPath)),
                  _short(shapes, results.value(r, SH.resultSeverity)) or "sh:Violation",
                  str(results.value(r, SH.resultMessage) or "constraint not met"),
                  _short(data, results.value(r, SH.value)))
        for r in results.subjects(SH.focusNode, None)
    ]
    if focus is not None:
        violations = [v for v in violations if v.focus in focus]
        conforms = not violations
    violations.sort(key=lambda v: (v.focus, v.path or ""))
    return ValidationReport(bool(conforms), len(data), violations)
