"""PROV-O for ingest runs: which file (checksum), which converter and version, when, how many.

One activity per graph and file content, so re-ingesting the same file finds its activity. The
activity is rewritten only when the run changed something or the activity is not there yet:
re-ingesting an unchanged file changes nothing at all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.iri import Minter
from kg.vocab import DCT, JL, PROV, RDFS, XSD, A
from sparql import Store, queries
from sparql.text import insert_data, substitute


def activity_iri(minter: Minter, graph: NamedNode, checksum: str) -> NamedNode:
    name = minter.graph_name(graph) or "graph"
    return minter.record("activities", "ingest", f"{name.replace('/', '.')}-{checksum[:16]}")


def record_activity(store: Store, minter: Minter, graph: NamedNode, path: Path, checksum: str,
                    started: datetime, summary: Any, options: Any) -> NamedNode:
    """Write (or leave alone) the activity of one file's run into ``graph``."""
    activity = activity_iri(minter, graph, checksum)
    exists = store.query(substitute("ASK { GRAPH ?g { ?a a ?t } }",
                                    {"g": graph, "a": activity, "t": PROV.Activity})).value
    if exists and not summary.written.changed:
        return activity
    agent = minter.from_path(f"software/{options.version.replace('/', '-')}")
    quads = [Quad(s, p, o, graph) for s, p, o in _triples(activity, agent, path, checksum,
                                                          started, summary, options)]
    forget = substitute(queries.load("forget_activity"),
                        {"g": graph, "activity": activity, "file": _file(activity)})
    store.update(f"{forget} ;\n{insert_data(quads)}")
    return activity


def _file(activity: NamedNode) -> NamedNode:
    return NamedNode(activity.value + "#file")


def _triples(activity: NamedNode, agent: NamedNode, path: Path, checksum: str,
             started: datetime, summary: Any, options: Any):
    file = _file(activity)
    yield activity, A, PROV.Activity
    yield activity, RDFS.label, Literal(f"{options.kind} ingest of {path.name}", language="en")
    yield activity, PROV.used, file
    yield activity, JL.sourceRecord, file
    yield activity, PROV.wasAssociatedWith, agent
    yield activity, PROV.startedAtTime, _time(started)
    yield activity, PROV.endedAtTime, _time(datetime.now(UTC))
    for prop, n in ((JL.recordsRead, summary.read), (JL.recordsConverted, summary.converted),
                    (JL.recordsRejected, summary.rejected)):
        yield activity, prop, Literal(str(n), datatype=XSD.integer)
    yield file, A, PROV.Entity
    yield file, DCT.title, Literal(path.name)
    yield file, JL.sha256, Literal(checksum)
    yield agent, A, PROV.SoftwareAgent
    yield agent, RDFS.label, Literal(options.version)


def _time(moment: datetime) -> Literal:
    return Literal(moment.isoformat(timespec="seconds"), datatype=XSD.dateTime)
