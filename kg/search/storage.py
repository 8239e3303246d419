"""The index file: its schema (schema.sql), connections, and writing and removing records.

A connection is in WAL mode: a rebuild or refresh writes in one transaction while searches go on
reading the state before it, and see the new one once it is committed.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.search.model import Name, Record
from kg.search.pinyin import keys, spellings
from kg.search.text import fold, squeeze, token_text, tokens

# Bump when schema.sql or what goes into a column changes: an index of another version is
# rebuilt rather than read.
VERSION = "1"
SCHEMA = Path(__file__).with_name("schema.sql")
_TABLES = ("name_fts", "body_fts", "spell", "name", "body", "facet", "resource", "meta")
SPELLING_VARIANTS = {"Person": 3}  # a person's first character may read otherwise as a surname


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the index file (made, with its folder, when missing); autocommit mode,
    so that transactions are explicit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def is_built(conn: sqlite3.Connection) -> bool:
    """True when the file holds a complete index of this version."""
    try:
        rows = dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.OperationalError:  # no meta table: an empty or foreign file
        return False
    return rows.get("version") == VERSION and "built" in rows


def reset(conn: sqlite3.Connection) -> None:
    """Empty the index and make its tables anew, inside the caller's transaction."""
    for table in _TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")  # names from the tuple above
    for statement in _statements(SCHEMA.read_text(encoding="utf-8")):
        conn.execute(statement)


def _statements(script: str) -> Iterator[str]:
    """The statements of schema.sql; a trigger's body holds ';' up to its END."""
    text = "\n".join(line for line in script.splitlines() if not line.startswith("--"))
    buffer = ""
    for part in text.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                yield buffer.strip()
            buffer = ""


def mark_built(conn: sqlite3.Connection) -> None:
    """Record that the index is complete, with this version and the time."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     [("version", VERSION), ("built", stamp)])


def write(conn: sqlite3.Connection, records: Iterable[Record]) -> tuple[int, int, int]:
    """Add records (callers remove their old rows first); returns (resources, names, texts)."""
    counts = [0, 0, 0]
    for record in records:
        rid = conn.execute("INSERT INTO resource (iri, owner, type, label) VALUES (?, ?, ?, ?)",
                           (record.iri, record.owner, record.type, record.label)).lastrowid
        conn.executemany("INSERT OR IGNORE INTO facet (kind, value, resource) VALUES (?, ?, ?)",
                         [(kind, value, rid) for kind, value in _facets(record)])
        counts[0] += 1
        counts[1] += sum(_write_name(conn, rid, record.type, n) for n in _best_names(record))
        texts = [(rid, text, t) for text, _ in record.texts if (t := token_text(text))]
        conn.executemany("INSERT INTO body (resource, text, tokens) VALUES (?, ?, ?)", texts)
        counts[2] += len(texts)
    return counts[0], counts[1], counts[2]


def _facets(record: Record) -> Iterator[tuple[str, str]]:
    yield "type", record.type
    yield from (("graph", g) for g in sorted(record.graphs))
    yield from (("period", p) for p in sorted(record.periods))


def _best_names(record: Record) -> list[Name]:
    """One name per folded form (孫權 and 孙权 are one), the best ranked."""
    best: dict[str, Name] = {}
    for name in sorted(record.names, key=Name.display_order):
        best.setdefault(squeeze(fold(name.text)), name)
    return list(best.values())


def _write_name(conn: sqlite3.Connection, rid: int, kind: str, name: Name) -> bool:
    norm = squeeze(fold(name.text))
    words = tokens(norm)
    if not words:
        return False
    spoken = spellings(norm, SPELLING_VARIANTS.get(kind, 1))
    nid = conn.execute(
        "INSERT INTO name (resource, kind, rank, text, norm, length, tokens, pinyin) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (rid, name.kind, name.rank, name.text, norm, len(norm), " ".join(words),
         " , ".join(" ".join(s) for s in spoken))).lastrowid
    rows = {(key, k) for s in spoken for k, key in enumerate(keys(s)) if key}
    conn.executemany("INSERT OR IGNORE INTO spell (key, kind, length, rank, name) "
                     "VALUES (?, ?, ?, ?, ?)", [(key, k, len(norm), name.rank, nid)
                                                for key, k in rows])
    return True


def remove(conn: sqlite3.Connection, iris: Iterable[str]) -> int:
    """Remove resources (by IRI) with their names, texts and facets; returns how many were
    there."""
    ids = json.dumps([row[0] for row in conn.execute(
        "SELECT id FROM resource WHERE iri IN (SELECT value FROM json_each(?))",
        (json.dumps(list(iris)),))])
    for statement in _REMOVALS:
        conn.execute(statement, (ids,))
    return len(json.loads(ids))


# names first: their trigger removes their FTS entries and spellings
_REMOVALS = (
    "DELETE FROM name WHERE resource IN (SELECT value FROM json_each(?))",
    "DELETE FROM body WHERE resource IN (SELECT value FROM json_each(?))",
    "DELETE FROM facet WHERE resource IN (SELECT value FROM json_each(?))",
    "DELETE FROM resource WHERE id IN (SELECT value FROM json_each(?))",
)


def owned(conn: sqlite3.Connection, owners: Iterable[str]) -> set[str]:
    """The indexed parts of these records."""
    return {row[0] for row in conn.execute(
        "SELECT iri FROM resource WHERE owner IN (SELECT value FROM json_each(?))",
        (json.dumps(list(owners)),))}


def in_graph(conn: sqlite3.Connection, graph: str) -> set[str]:
    """The indexed resources whose names or texts come from a graph."""
    return {row[0] for row in conn.execute(
        "SELECT r.iri FROM facet f JOIN resource r ON r.id = f.resource "
        "WHERE f.kind = 'graph' AND f.value = ?", (graph,))}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many resources, names and texts the index holds."""
    row = conn.execute("SELECT (SELECT COUNT(*) FROM resource), (SELECT COUNT(*) FROM name), "
                       "(SELECT COUNT(*) FROM body)").fetchone()
    return dict(zip(("resource", "name", "body"), row, strict=True))
