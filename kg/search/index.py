"""`SearchIndex`: the search index of a store in one SQLite file, rebuilt and refreshed from it.

Reads run on one connection per thread; writes (rebuild, refresh) are serialised by a lock in
the process and by SQLite between processes, and each is one transaction, so a search sees the
index before or after a write, never half of it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode

from kg.iri import Minter
from kg.search import lookup, source, storage
from kg.search.errors import BadQuery, IndexUnavailable
from kg.search.model import Record, Results, Suggestion
from kg.search.query import parse
from kg.search.text import fold, squeeze
from kg.settings import Settings
from sparql import Store

MAX_LIMIT = 1000
PERIOD_TYPES = ("Dynasty", "ReignEra", "Period")


@dataclass(frozen=True)
class IndexSummary:
    """What a rebuild or refresh wrote."""

    resources: int
    names: int
    texts: int
    removed: int
    seconds: float
    path: Path

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        return (f"search index: {self.resources} resources ({self.names} names, {self.texts} "
                f"texts) written, {self.removed} removed in {self.seconds:.1f} s → {self.path}")


class SearchIndex:
    """Full-text search and suggest over the labels, titles and texts of one store."""

    def __init__(self, path: Path, minter: Minter):
        self.path, self.minter = path, minter
        self._local = threading.local()
        self._lock = threading.Lock()       # one writer at a time in this process
        self._building = threading.Lock()   # one first build, however many requests wait
        self._connections: list[sqlite3.Connection] = []

    # -- reading ------------------------------------------------------------------------

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = storage.connect(self.path)
            with self._lock:
                self._connections.append(conn)
        return conn

    def is_built(self) -> bool:
        """True when the file holds a complete index of this version."""
        return storage.is_built(self._reader())

    def _built(self) -> sqlite3.Connection:
        conn = self._reader()
        if not storage.is_built(conn):
            raise IndexUnavailable(f"the search index {self.path} is not built: run "
                                   "jinling index rebuild")
        return conn

    def search(self, q: str, *, type: str | Iterable[str] | None = None,
               period: str | Iterable[str] | None = None,
               graph: str | Iterable[str] | None = None, limit: int = 20,
               offset: int = 0) -> Results:
        """The resources whose names or texts match ``q``: a page of hits (best first), how
        many there are, and the facets (type, period, graph) of all of them.

        Filters take one value or several (any of them): ``type`` a type of the type facet
        (case does not matter), ``period`` a period IRI or a period's name (明), ``graph`` a
        graph IRI or short name.

        Raises:
            BadQuery: an empty query, an unknown type, a limit out of 1..1000, a negative offset.
            IndexUnavailable: the index is not built.
        """
        if not 1 <= limit <= MAX_LIMIT or offset < 0:
            raise BadQuery(f"limit must be 1..{MAX_LIMIT} and offset at least 0")
        query, conn = parse(q), self._built()
        filters = lookup.Filters(_types(type), self._periods(conn, period), self._graphs(graph))
        return lookup.search(conn, query, filters, limit, offset)

    def suggest(self, prefix: str, *, type: str | None = None,
                limit: int = 10) -> list[Suggestion]:
        """Resources with a name that starts with ``prefix``: as written (金陵, 金陵圖) or
        as pinyin (jinl, jin ling) or initials (jl); one per resource, shorter names first.

        Raises:
            BadQuery: an empty prefix, an unknown type, a limit out of 1..1000.
            IndexUnavailable: the index is not built.
        """
        if not squeeze(prefix):
            raise BadQuery("type at least one character to get suggestions")
        if not 1 <= limit <= MAX_LIMIT:
            raise BadQuery(f"limit must be 1..{MAX_LIMIT}")
        chosen = _types(type)
        return lookup.suggest(self._built(), prefix, chosen[0] if chosen else None, limit)

    def _periods(self, conn: sqlite3.Connection, wanted: str | Iterable[str] | None
                 ) -> list[str] | None:
        """Period IRIs for IRIs or names (a name stands for every period of that name)."""
        if wanted is None:
            return None
        found = []
        for value in _listed(wanted):
            if "://" in value:
                found.append(value)
                continue
            found += [row[0] for row in conn.execute(
                "SELECT DISTINCT r.iri FROM name n JOIN resource r ON r.id = n.resource "
                "WHERE n.norm = ? AND r.type IN (SELECT value FROM json_each(?))",
                (squeeze(fold(value)), json.dumps(PERIOD_TYPES)))]
        return found or [""]  # a name of no period matches nothing

    def _graphs(self, wanted: str | Iterable[str] | None) -> list[str] | None:
        if wanted is None:
            return None
        return [g if "://" in g else self.minter.graph(g).value for g in _listed(wanted)]

    # -- writing ------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = storage.connect(self.path)
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except BaseException as err:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(err, sqlite3.OperationalError):  # locked, read-only, disk full
                    raise IndexUnavailable(f"cannot write the search index {self.path}: "
                                           f"{err}") from err
                raise
            finally:
                conn.close()

    def rebuild(self, store: Store,
                progress: Callable[[int, int], None] | None = None) -> IndexSummary:
        """Make the index anew from the store, in one transaction; ``progress(done, total)``
        is called after each batch of resources.

        Raises:
            IndexUnavailable: another process holds the index file.
        """
        started = time.monotonic()
        typed = sorted(source.types(store).items())
        totals = [0, 0, 0]
        with self._writing() as conn:
            storage.reset(conn)
            for start in range(0, len(typed), source.BATCH):
                batch = dict(typed[start:start + source.BATCH])
                written = storage.write(conn, source.read(store, self.minter, batch))
                totals = [a + b for a, b in zip(totals, written, strict=True)]
                if progress:
                    progress(min(start + source.BATCH, len(typed)), len(typed))
            storage.mark_built(conn)
        return IndexSummary(*totals, 0, time.monotonic() - started, self.path)

    def ensure(self, store: Store) -> None:
        """Build the index from the store when it is not built (a first search)."""
        if self.is_built():
            return
        with self._building:
            if not self.is_built():
                self.rebuild(store)

    def refresh(self, store: Store, iris: Iterable[str | NamedNode]) -> IndexSummary:
        """Re-index these resources and their text parts as the store has them now: changed
        ones are replaced, ones gone from the store removed. Cheap for a few IRIs; builds the
        whole index when it is not built.

        Raises:
            IndexUnavailable: another process holds the index file.
        """
        wanted = {i.value if isinstance(i, NamedNode) else i for i in iris}
        if not self.is_built():
            return self.rebuild(store)
        started = time.monotonic()
        if not wanted:
            return IndexSummary(0, 0, 0, 0, 0.0, self.path)
        targets = wanted | set(source.parts(store, wanted)) | storage.owned(self._reader(),
                                                                            wanted)
        records = self._read(store, targets)
        with self._writing() as conn:
            removed = storage.remove(conn, targets)
            written = storage.write(conn, records)
        return IndexSummary(*written, removed, time.monotonic() - started, self.path)

    def refresh_graph(self, store: Store, graph: str | NamedNode) -> IndexSummary:
        """Re-index every resource the graph (an IRI or a short name) says something about,
        and those the index has from it (gone from the store, they are removed); builds the
        whole index when it is not built."""
        if not self.is_built():
            return self.rebuild(store)
        iri = graph.value if isinstance(graph, NamedNode) else self._graphs(graph)[0]
        found = source.subjects(store, NamedNode(iri)) | storage.in_graph(self._reader(), iri)
        return self.refresh(store, found)

    def _read(self, store: Store, iris: set[str]) -> list[Record]:
        typed = sorted(source.types(store, sorted(iris)).items())
        return [record for start in range(0, len(typed), source.BATCH)
                for record in source.read(store, self.minter,
                                          dict(typed[start:start + source.BATCH]))]

    def counts(self) -> dict[str, int]:
        """How many resources, names and texts the index holds (0s when it is not built)."""
        if not self.is_built():
            return {"resource": 0, "name": 0, "body": 0}
        return storage.counts(self._reader())

    def close(self) -> None:
        """Close every connection this object opened."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()


def _listed(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _types(wanted: str | Iterable[str] | None) -> list[str] | None:
    """Type names as the index has them (case does not matter).

    Raises:
        BadQuery: a type the index does not know.
    """
    if wanted is None:
        return None
    known = {kind.lower(): kind for kind, _ in source.class_types().values()}
    out = []
    for value in _listed(wanted):
        if value.lower() not in known:
            raise BadQuery(f"unknown type {value!r}; the types are "
                           f"{', '.join(sorted(set(known.values())))}")
        out.append(known[value.lower()])
    return out


_OPEN: dict[tuple[Path, str], SearchIndex] = {}
_OPEN_LOCK = threading.Lock()


def open_index(settings: Settings) -> SearchIndex:
    """The search index of the configured store (one object per file and base in a process,
    shared by the server's threads and the write paths that refresh it)."""
    key = (settings.index_file.resolve(), settings.base_iri)
    with _OPEN_LOCK:
        if key not in _OPEN:
            _OPEN[key] = SearchIndex(settings.index_file, Minter(settings.base_iri))
        return _OPEN[key]
