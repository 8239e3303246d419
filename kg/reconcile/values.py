"""What reconciliation reads from the store: property values, names, and resources by a value.

Each read is one query per chunk of resources, bound with ``VALUES`` (``sparql/queries/
reconcile_*.rq``), so a batch of queries costs a few store reads however many candidates it has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.search.text import fold, squeeze
from kg.vocab import RDFS, SKOS
from sparql import Store, queries
from sparql.text import bind_block, values_list, values_rows

CHUNK = 400  # resources per read
OWN_NAMES = {SKOS.prefLabel.value, RDFS.label.value}
Term = NamedNode | Literal
Values = dict[str, dict[str, list[Term]]]   # resource IRI -> property IRI -> values


def _node(iri: str) -> NamedNode | None:
    """The named node of an IRI, None for text that is no IRI (an id typed by hand)."""
    try:
        return NamedNode(iri)
    except ValueError:
        return None


def _nodes(iris: Iterable[str]) -> list[NamedNode]:
    return [node for iri in sorted(set(iris)) if (node := _node(iri)) is not None]


def _chunks(nodes: list[NamedNode]) -> Iterator[list[NamedNode]]:
    for start in range(0, len(nodes), CHUNK):
        yield nodes[start:start + CHUNK]


def values(store: Store, iris: Iterable[str], properties: Iterable[str]) -> Values:
    """The values of these properties (IRIs) of these resources; blank nodes are left out."""
    found: Values = defaultdict(lambda: defaultdict(list))
    wanted = values_list("p", _nodes(properties))
    for chunk in _chunks(_nodes(iris)):
        block = values_list("s", chunk) + " " + wanted
        for row in store.query(bind_block(queries.load("reconcile_values"), block)):
            if not isinstance(row["o"], BlankNode):
                found[row["s"].value][row["p"].value].append(row["o"])
    return found


def names(store: Store, iris: Iterable[str]) -> dict[str, dict[str, bool]]:
    """Resource IRI -> its names, folded (traditional to simplified, lower case) -> whether
    it is one of the resource's own names (a preferred label or an rdfs:label)."""
    found: dict[str, dict[str, bool]] = defaultdict(dict)
    for chunk in _chunks(_nodes(iris)):
        query = bind_block(queries.load("reconcile_names"), values_list("s", chunk))
        for row in store.query(query):
            name, own = squeeze(fold(row["name"].value)), row["p"].value in OWN_NAMES
            found[row["s"].value][name] = own or found[row["s"].value].get(name, False)
    return found


def subjects(store: Store, wanted: Iterable[tuple[str, str]]) -> list[str]:
    """Resources (at most 200) with a value of a property written as a text, for
    (property IRI, text) pairs: any pair will do."""
    pairs = [(node, Literal(text)) for prop, text in wanted
             if text and (node := _node(prop)) is not None]
    if not pairs:
        return []
    query = bind_block(queries.load("reconcile_subjects"), values_rows(["p", "text"], pairs))
    return [row["s"].value for row in store.query(query) if isinstance(row["s"], NamedNode)]
