"""Read one resource for a view: its statements, its state (alive, deleted, merged) and when
it last changed.

>>> View({"id": "x"}).modified is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pyoxigraph import Literal, NamedNode

from kg.graphs import INFERRED
from kg.iri import Minter
from kg.views.errors import Gone, NotFound, Replaced
from kg.views.labels import labels_of
from kg.views.render import Description, statements
from kg.vocab import DCT, JL
from sparql import Store, queries
from sparql.text import bind_rows, substitute


@dataclass(frozen=True)
class View:
    """A JSON-LD document (without its ``@context``) and when its data last changed, if known."""

    doc: dict
    modified: datetime | None = None


def describe(store: Store, minter: Minter, iri: NamedNode) -> Description:
    """The statements about ``iri`` and its own nodes, with names for what they point at.

    Raises:
        NotFound: no statement about the IRI. Gone: it is a tombstone. Replaced: it was merged.
    """
    # constants, not VALUES: Oxigraph then starts from the resource (a thousand times faster)
    rows = store.query(substitute(queries.load("api_resource"), {
        "iri": iri, "base": Literal(minter.base), "inferred": minter.graph(INFERRED)}))
    found = Description(iri.value, statements(rows))
    check_alive(found)
    found.names = labels_of(store, {i for i in found.referenced() if i not in found})
    return found


def check_alive(found: Description) -> None:
    """Raise unless the root of the description is a live resource."""
    root = found.root
    if root not in found:
        raise NotFound(f"nothing is known about {root}")
    if JL.Tombstone.value in found.types(root):
        deleted = found.values(root, JL.deletedAt.value)
        raise Gone(root, deleted[0].value if deleted else None)
    for target in found.values(root, DCT.isReplacedBy.value):
        raise Replaced(root, target.value)


def require_type(found: Description, wanted: NamedNode, what: str) -> None:
    """Raise NotFound unless the root is asserted to be of type ``wanted``."""
    if wanted.value not in found.types(found.root):
        raise NotFound(f"{found.root} is not {what}")


def modified(store: Store, graphs: list[str], *moments: str | None) -> datetime | None:
    """The latest of the graphs' last ingest runs and some other moments (ISO 8601)."""
    times = [m for m in moments if m]
    if graphs:
        text = bind_rows(queries.load("api_graph_modified"), "g", [NamedNode(g) for g in graphs])
        times += [row["modified"].value for row in store.query(text) if "modified" in row]
    parsed = [_moment(t) for t in times]
    return max((p for p in parsed if p is not None), default=None)


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None
