"""Which graphs a SPARQL update would write, read from its parsed algebra.

>>> t = update_targets("INSERT DATA { GRAPH <https://kg.jllib.cn/graphs/kb> { <a:a> <a:b> 1 } }")
>>> sorted(t.graphs), t.default
(['https://kg.jllib.cn/graphs/kb'], False)
>>> update_targets("DROP ALL").everything
True
"""

from __future__ import annotations

from rdflib import URIRef, Variable
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate

from kg.auth import Targets
from sparql.errors import QuerySyntaxError

_SPECIAL = {"ALL": "everything", "NAMED": "everything", "DEFAULT": "default"}


class _Collector:
    def __init__(self) -> None:
        self.graphs: set[str] = set()
        self.default = self.everything = self.fetches = False

    def graph_ref(self, ref: object) -> None:
        if isinstance(ref, URIRef):
            self.graphs.add(str(ref))
        elif isinstance(ref, str) and ref in _SPECIAL:
            setattr(self, _SPECIAL[ref], True)
        else:
            self.everything = True  # GRAPH ?g or anything we cannot pin down

    def template(self, clause: dict | None, with_graph: object = None) -> None:
        if clause is None:
            return
        for graph in dict.get(clause, "quads") or {}:
            self.everything |= isinstance(graph, Variable)
            if isinstance(graph, URIRef):
                self.graphs.add(str(graph))
        if dict.get(clause, "triples"):
            if with_graph is not None:
                self.graph_ref(with_graph)
            else:
                self.default = True

    def operation(self, op: dict) -> None:
        # rdflib's CompValue.get() has its own semantics; read the plain dict.
        get = lambda key: dict.get(op, key)  # noqa: E731
        name = op.name  # type: ignore[attr-defined]
        if name in ("InsertData", "DeleteData", "DeleteWhere"):
            self.template(op)
        elif name == "Modify":
            for part in ("delete", "insert"):
                self.template(get(part), get("withClause"))
        elif name == "Load":
            self.fetches = True
            self.graph_ref(get("graphiri") or "DEFAULT")
        elif name in ("Clear", "Drop", "Create"):
            self.graph_ref(get("graphiri"))
        elif name in ("Add", "Copy", "Move"):
            source, target = get("graph")
            self.graph_ref(target)
            if name == "Move":
                self.graph_ref(source)


def update_targets(text: str) -> Targets:
    """The graphs an update writes.

    Raises:
        QuerySyntaxError: the update does not parse.
    """
    try:
        parsed = translateUpdate(parseUpdate(text))
    except Exception as err:  # noqa: BLE001 - rdflib raises pyparsing and plain exceptions
        raise QuerySyntaxError(f"malformed SPARQL update: {err}") from None
    found = _Collector()
    for op in parsed.algebra:
        found.operation(op)
    return Targets(frozenset(found.graphs), found.default, found.everything, found.fetches)
