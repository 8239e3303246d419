"""The change log: every write to the graph, as the quads it added and removed.

A change is recorded with who made it, when, what kind of change it was (an ActivityStreams
activity type: Create, Update, Delete, or the project's Merge, Split and Undo), the resources
it is about, and its exact effect: the quads it added and the quads it removed. A bulk write
made straight to the embedded store by the command line (``jinling load``, ``ingest``,
``link --store``), whose quads are too many to copy, is a ``Reload`` of the graphs it wrote:
a copy takes those graphs from their dumps. That is enough
to list an entity's history with before and after, to undo a change, and to let another store
replay the log and hold exactly the same quads (the change feed, `kg.feed`).

Changes are numbered in the order they were made; the log is a SQLite file next to the store
(``Settings.changes``), which several processes may write (the server, the CLI's ingest).

`apply` is the one way a recorded write reaches the store: one SPARQL update (one transaction)
deletes the removed quads and inserts the added ones, then the change is recorded; when the
log cannot be written the update is undone, so the store and the log never disagree.

>>> import tempfile, pathlib
>>> from pyoxigraph import Literal
>>> log = ChangeLog(pathlib.Path(tempfile.mkdtemp()) / "changes.sqlite")
>>> q = Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), Literal("甲"), NamedNode("http://e/g"))
>>> c = log.record(Draft("Create", ("http://e/a",), added=(q,), actor="curator-1"))
>>> (c.id, c.action, log.get(c.id).added == (q,), [x.id for x in log.about("http://e/a")])
(1, 'Create', True, [1])
"""

from __future__ import annotations

import io
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse, serialize

from kg.errors import KgError
from sparql import Store
from sparql.text import delete_data, insert_data

ACTIONS = ("Create", "Update", "Delete", "Merge", "Split", "Undo", "Reload")
# one recorded write at a time in a process: a write's before and after are nobody else's
_WRITING = threading.RLock()

_SCHEMA = """
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, summary TEXT NOT NULL, target TEXT, undoes INTEGER,
  added BLOB NOT NULL, removed BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS subjects (
  change INTEGER NOT NULL REFERENCES changes(id), iri TEXT NOT NULL, main INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS subjects_iri ON subjects(iri, change);
CREATE INDEX IF NOT EXISTS subjects_change ON subjects(change, main);
CREATE INDEX IF NOT EXISTS changes_time ON changes(time, id);
"""


class ChangeNotFound(KgError, LookupError):
    """No change with this number."""


class ChangeConflict(KgError, ValueError):
    """A change cannot be applied or undone: the store no longer holds what it expects."""


@dataclass(frozen=True)
class Draft:
    """A change about to be made: what and why, without its number and time yet."""

    action: str
    subjects: tuple[str, ...]
    added: tuple[Quad, ...] = ()
    removed: tuple[Quad, ...] = ()
    actor: str = "system"
    summary: str = ""
    target: str | None = None    # a merge's surviving entity
    undoes: int | None = None    # the change an Undo reverses

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise ValueError(f"unknown change action {self.action!r}; one of {ACTIONS}")


@dataclass(frozen=True)
class Change(Draft):
    """A recorded change."""

    id: int = 0
    time: str = ""
    graphs: tuple[str, ...] = field(default=())

    def inverse(self, actor: str) -> Draft:
        """The draft that undoes this change."""
        return Draft("Undo", self.subjects, added=self.removed, removed=self.added, actor=actor,
                     summary=f"undo change {self.id}: {self.summary}".rstrip(": "),
                     undoes=self.id)


class ChangeLog:
    """The recorded changes, in a SQLite file."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        # a write-ahead log: readers never wait for a writer, and a commit is one append
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def record(self, draft: Draft) -> Change:
        """Number and time the draft, and keep it."""
        now = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT INTO changes (time, actor, action, summary, target, undoes, added, "
                "removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (now, draft.actor, draft.action, draft.summary, draft.target, draft.undoes,
                 _pack(draft.added), _pack(draft.removed)))
            number = cursor.lastrowid
            db.executemany("INSERT INTO subjects (change, iri, main) VALUES (?, ?, ?)",
                           [(number, iri, i < len(draft.subjects))
                            for i, iri in enumerate(_subjects(draft))])
        return self.get(number)

    def get(self, number: int) -> Change:
        """One change. Raises ChangeNotFound."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT * FROM changes WHERE id = ?", (number,)).fetchone()
            if row is None:
                raise ChangeNotFound(f"no change number {number} in the change log")
            return self._change(db, row)

    def since(self, after: int = 0, since: str | None = None, limit: int = 100
              ) -> list[Change]:
        """The changes after number ``after`` (and at or after time ``since``), oldest first."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT * FROM changes WHERE id > ? AND time >= ? ORDER BY id LIMIT ?",
                (after, since or "", limit)).fetchall()
            return [self._change(db, row) for row in rows]

    def about(self, iri: str, limit: int = 100) -> list[Change]:
        """The changes that touched a resource, newest first."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT DISTINCT c.* FROM changes c JOIN subjects s ON s.change = c.id "
                "WHERE s.iri = ? ORDER BY c.id DESC LIMIT ?", (iri, limit)).fetchall()
            return [self._change(db, row) for row in rows]

    def last(self) -> int:
        """The number of the newest change (0 for an empty log)."""
        with closing(self._connect()) as db:
            return db.execute("SELECT COALESCE(MAX(id), 0) FROM changes").fetchone()[0]

    def count(self, since: str | None = None) -> int:
        with closing(self._connect()) as db:
            return db.execute("SELECT COUNT(*) FROM changes WHERE time >= ?",
                              (since or "",)).fetchone()[0]

    def _change(self, db: sqlite3.Connection, row: sqlite3.Row) -> Change:
        main = db.execute("SELECT iri FROM subjects WHERE change = ? AND main = 1",
                          (row["id"],)).fetchall()
        added, removed = _unpack(row["added"]), _unpack(row["removed"])
        graphs = sorted({q.graph_name.value for q in added + removed
                         if isinstance(q.graph_name, NamedNode)})
        return Change(row["action"], tuple(r["iri"] for r in main), added, removed,
                      row["actor"], row["summary"], row["target"], row["undoes"],
                      row["id"], row["time"], tuple(graphs))


def apply(store: Store, log: ChangeLog, draft: Draft) -> Change:
    """Make the change in the store (one transaction) and record it."""
    with _WRITING:
        write_quads(store, removed=draft.removed, added=draft.added)
        try:
            return log.record(draft)
        except Exception:
            write_quads(store, removed=draft.added, added=draft.removed)  # store and log agree
            raise


def undo(store: Store, log: ChangeLog, number: int, actor: str) -> Change:
    """Reverse a recorded change, as a new change. Raises ChangeConflict when the store has
    moved on (a quad it added is gone, or a quad it removed is back)."""
    change = log.get(number)
    with _WRITING:  # nobody writes between the check and the undo
        present = _present(store, change.added + change.removed)
        lost = [q for q in change.added if q not in present]
        back = [q for q in change.removed if q in present]
        if lost or back:
            raise ChangeConflict(
                f"change {number} cannot be undone: {len(lost)} quads it added are gone and "
                f"{len(back)} quads it removed are back; undo the later changes first (see "
                f"the history of {change.subjects[0] if change.subjects else 'its resources'})")
        return apply(store, log, change.inverse(actor))


T = TypeVar("T")


def record_effect(store: Store, log: ChangeLog, graphs: Sequence[NamedNode | None] | None,
                  write: Callable[[], T], draft: Draft) -> tuple[T, Change | None]:
    """Run a write whose quads are not known beforehand (a SPARQL update, a Graph Store
    request) and record its effect: the difference of the ``graphs`` it may touch (None for
    the default graph; ``graphs`` None: the whole store) before and after. Returns the
    write's result and the change, None when nothing changed."""
    with _WRITING:
        before = _snapshot(store, graphs)
        result = write()
        after = _snapshot(store, graphs)
        if before == after:
            return result, None
        return result, log.record(Draft(draft.action, draft.subjects, tuple(after - before),
                                        tuple(before - after), draft.actor, draft.summary))


def record_addition(store: Store, log: ChangeLog, quads: Sequence[Quad], write: Callable[[], T],
                    draft: Draft) -> tuple[T, Change | None]:
    """Run a write that only adds ``quads`` (a Graph Store POST) and record the ones that were
    not there before: no snapshot of the graph, whatever its size."""
    with _WRITING:
        held = store.held(quads)
        new = tuple(dict.fromkeys(q for q in quads if q not in held))
        result = write()
        if not new:
            return result, None
        return result, log.record(Draft(draft.action, draft.subjects, new, (), draft.actor,
                                        draft.summary))


def _snapshot(store: Store, graphs: Sequence[NamedNode | None] | None) -> set[Quad]:
    if graphs is None:
        out = io.BytesIO()
        store.dump(out, format=RdfFormat.N_QUADS)
        return set(parse(out.getvalue(), RdfFormat.N_QUADS))
    return {Quad(t.subject, t.predicate, t.object, g if g is not None else DefaultGraph())
            for g in graphs for t in store.graph_triples(g)}


def write_quads(store: Store, removed: Sequence[Quad], added: Sequence[Quad]) -> None:
    """Delete ``removed`` and insert ``added`` in one update (one transaction)."""
    operations = update_operations(removed, added)
    if operations:
        store.update(" ;\n".join(operations))


def update_operations(removed: Sequence[Quad], added: Sequence[Quad]) -> list[str]:
    """The DELETE DATA and INSERT DATA operations of one change, in that order."""
    return ([delete_data(removed)] if removed else []) + ([insert_data(added)] if added else [])


def _present(store: Store, quads: Iterable[Quad]) -> set[Quad]:
    """The quads the store holds, of those given."""
    quads = list(quads)
    if any(isinstance(q.graph_name, DefaultGraph) for q in quads):
        raise ChangeConflict("a change to the default graph cannot be checked or undone here")
    return store.held(quads) if quads else set()


def _subjects(draft: Draft) -> list[str]:
    """The draft's own subjects first, then every other subject its quads touch."""
    seen = dict.fromkeys(draft.subjects)
    for q in draft.added + draft.removed:
        seen.setdefault(q.subject.value if isinstance(q.subject, NamedNode) else "", None)
    seen.pop("", None)
    return list(seen)


def _pack(quads: Sequence[Quad]) -> bytes:
    return zlib.compress(serialize(quads, format=RdfFormat.N_QUADS) or b"")


def _unpack(blob: bytes) -> tuple[Quad, ...]:
    return tuple(parse(zlib.decompress(blob), RdfFormat.N_QUADS))

