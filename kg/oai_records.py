"""The records an OAI-PMH harvester sees (`kg.oai`): which resources, their datestamps and sets.

Records (``oai_records.rq``):

* the roots of ingested source records: works and instances (``bf:``/``jl:`` Work and Instance,
  local documents, ancient books, oral-history interviews), and any resource whose admin node
  carries a ``jl:sourceDigest`` (what ingest writes for every record, authority records too);
* the entities of graph ``kb``: persons, places, place names, organisations, events, periods,
  dynasties and reign eras;
* tombstones (``jl:Tombstone`` with ``jl:deletedAt``) that ingest leaves for deleted source
  records: they are listed with ``status="deleted"``.

Only IRIs under the base are records (they need an identifier); the stage graphs ``inferred``,
``ontology`` and ``links`` hold none.

Datestamps, the best modification time the store keeps:

1. a tombstone's ``jl:deletedAt``;
2. else the end (``prov:endedAtTime``) of the latest ingest activity in the record's graph.
   Ingest rewrites a file's activity whenever the run changed something, so this is never
   earlier than the record's last change; it can be later (another file of the same graph
   changed), which makes a harvester fetch a record again, never miss one. Records carry no
   link to the batch that wrote them, and ``bf:changeDate`` (MARC 005) is the source's date,
   not the repository's, so nothing finer is available;
3. else `EPOCH`, for graphs loaded without provenance (``jinling load`` of the KB writes no
   PROV activity): such records keep the epoch datestamp until their graph is ingested with
   provenance, so an incremental harvest does not see a KB reload.

Sets: ``graph:{name}`` per graph, ``/`` in a graph name written ``:`` (``graph:district:xuanwu``;
``graph:district`` then selects that graph and every graph under it, as OAI set hierarchies do),
and ``type:{class}`` by the local name of a ``jl:`` or ``bf:`` class of the record, asserted in
its graph or inferred (``type:Work`` holds local documents too).

Each page is one query over the whole store (about 0.3 s for the 4,300 records of the sample
data), filtered after the last identifier of the page before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pyoxigraph import Literal, NamedNode

from kg.errors import InvalidGraphName
from kg.graphs import INFERRED, ONTOLOGY
from kg.iri import Minter
from kg.vocab import BF, JL, XSD
from sparql import Store, queries
from sparql.text import bind_block, bind_rows, substitute, values_rows

KB, LINKS = "kb", "links"   # the graph names the loader and the linker use
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FIRST, _LAST = datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
_CLASS_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_NAMESPACES = (str(JL), str(BF))


@dataclass(frozen=True)
class Record:
    """One record's header: its IRI, identifier, datestamp, deletion and sets."""

    iri: str
    identifier: str
    datestamp: datetime
    deleted: bool
    sets: tuple[str, ...]


@dataclass(frozen=True)
class Head:
    """A selected record before its sets are known: IRI, datestamp, deletion, graphs."""

    iri: str
    datestamp: datetime
    deleted: bool
    graphs: str    # the IRIs of the graphs it is a record in, space-separated


@dataclass(frozen=True)
class Selection:
    """What a list request selects: a datestamp range (inclusive) and a set."""

    start: datetime | None = None
    end: datetime | None = None
    set_spec: str | None = None


class Records:
    """The OAI records of a store, under one base IRI.

    >>> from sparql.embedded import EmbeddedStore
    >>> records = Records(EmbeddedStore(), Minter("https://kg.jllib.cn/"))
    >>> records.identifier("https://kg.jllib.cn/entity/person/zhu-yuanzhang")
    'oai:kg.jllib.cn:entity/person/zhu-yuanzhang'
    >>> records.iri_of("oai:kg.jllib.cn:entity/person/zhu-yuanzhang")
    'https://kg.jllib.cn/entity/person/zhu-yuanzhang'
    >>> records.set_specs("https://kg.jllib.cn/graphs/district/xuanwu", [JL.Work.value])
    ('graph:district:xuanwu', 'type:Work')
    """

    def __init__(self, store: Store, minter: Minter):
        self.store, self.minter = store, minter
        self.host = urlsplit(minter.base).hostname or "localhost"
        self.prefix = f"oai:{self.host}:"

    # -- identifiers and sets --------------------------------------------------------------

    def identifier(self, iri: str) -> str:
        """``oai:{host}:{path under the base}``."""
        path = self.minter.path_of(iri)
        if path is None:
            raise ValueError(f"{iri} is not under the base {self.minter.base}")
        return self.prefix + path.lstrip("/")

    def iri_of(self, identifier: str) -> str | None:
        """The IRI an identifier stands for, or None when it is not one of ours."""
        if not identifier.startswith(self.prefix) or len(identifier) == len(self.prefix):
            return None
        try:
            return self.minter.from_path(identifier[len(self.prefix):]).value
        except ValueError:  # not an IRI once put under the base
            return None

    def set_specs(self, graphs: str, types: Iterable[str]) -> tuple[str, ...]:
        """The setSpecs of a record in these graphs (space-separated IRIs) with these types."""
        names = {self.minter.graph_name(NamedNode(g)) for g in graphs.split()}
        kinds = {_local(t) for t in types}
        return (tuple(sorted("graph:" + n.replace("/", ":") for n in names if n))
                + tuple(sorted("type:" + k for k in kinds if k)))

    # -- queries ---------------------------------------------------------------------------

    def listing(self, selection: Selection, after: str = "") -> list[Head]:
        """The selected records after the IRI ``after``, in IRI order."""
        rows = self.store.query(self._query(selection, after))
        return sorted((_head(row) for row in rows), key=lambda head: head.iri)

    def get(self, iri: str) -> Record | None:
        """The record with this IRI, or None when it is not a record."""
        try:
            node = NamedNode(iri)
        except ValueError:
            return None
        rows = self.store.query(self._query(Selection(), ""), {"r": node})
        found = self.records([_head(row) for row in rows])
        return found[0] if found else None

    def records(self, heads: Sequence[Head]) -> list[Record]:
        """The full headers of these records: identifiers, and sets from their types."""
        types: dict[str, list[str]] = {head.iri: [] for head in heads}
        pairs = [(NamedNode(h.iri), NamedNode(g)) for h in heads for g in h.graphs.split()]
        if pairs:
            text = substitute(queries.load("oai_types"), {"inferred": self.minter.graph(INFERRED)})
            for row in self.store.query(bind_block(text, values_rows(["r", "g"], pairs))):
                types[row["r"].value].append(row["type"].value)
        return [Record(h.iri, self.identifier(h.iri), h.datestamp, h.deleted,
                       self.set_specs(h.graphs, types[h.iri])) for h in heads]

    def all_sets(self) -> list[str]:
        """Every setSpec some record carries (what ListSets lists), sorted."""
        records = self.records(self.listing(Selection()))
        return sorted({spec for record in records for spec in record.sets})

    def dublin_core(self, iris: Sequence[str]) -> dict[str, list[tuple[str, object]]]:
        """IRI -> (element, value) pairs for oai_dc, in a stable order."""
        found: dict[str, list[tuple[str, object]]] = {iri: [] for iri in iris}
        if not iris:
            return found
        text = bind_rows(queries.load("oai_dc"), "r", [NamedNode(i) for i in iris])
        for row in self.store.query(text):
            found[row["r"].value].append((row["element"].value, row["value"]))
        for values in found.values():
            values.sort(key=lambda pair: (pair[0], str(pair[1])))
        return found

    def _query(self, selection: Selection, after: str) -> str:
        graph = self.minter.graph
        bindings = {"base": Literal(self.minter.base), "kb": graph(KB),
                    "inferred": graph(INFERRED), "ontology": graph(ONTOLOGY),
                    "links": graph(LINKS), "epoch": _when(EPOCH), "after": Literal(after),
                    "from": _when(selection.start or _FIRST),
                    "until": _when(selection.end or _LAST), **self._set_bindings(selection)}
        return substitute(queries.load("oai_records"), bindings)

    def _set_bindings(self, selection: Selection) -> dict[str, NamedNode | Literal]:
        """The set filter's bindings; a set that cannot exist selects nothing."""
        spec = selection.set_spec
        nothing = {"graph_prefix": Literal("nothing:"), "any_type": Literal(True),
                   "type_jl": JL.Nothing, "type_bf": BF.Nothing}
        if spec is None:
            return {**nothing, "graph_prefix": Literal("")}
        kind, _, rest = spec.partition(":")
        if kind == "graph" and rest:
            try:
                prefix = self.minter.graph(rest.replace(":", "/")).value + "/"
            except InvalidGraphName:
                return nothing
            return {**nothing, "graph_prefix": Literal(prefix)}
        if kind == "type" and _local(str(JL) + rest):
            return {"graph_prefix": Literal(""), "any_type": Literal(False),
                    "type_jl": JL[rest], "type_bf": BF[rest]}
        return nothing


def _head(row: dict) -> Head:
    return Head(row["r"].value, datestamp(row["stamp"].value), "deleted" in row,
                row["graphs"].value)


def datestamp(value: str) -> datetime:
    """An xsd:dateTime lexical value as a UTC datetime (no zone: taken as UTC), to the second.

    >>> datestamp("2024-03-01T17:30:00+08:00").isoformat()
    '2024-03-01T09:30:00+00:00'
    """
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def _when(moment: datetime) -> Literal:
    return Literal(moment.isoformat(), datatype=XSD.dateTime)


def _local(type_iri: str) -> str | None:
    """The local name of a jl: or bf: class (Tombstone excepted: a deletion is not a type)."""
    for namespace in _NAMESPACES:
        name = type_iri.removeprefix(namespace)
        if name != type_iri and _CLASS_NAME.match(name) and name != "Tombstone":
            return name
    return None
