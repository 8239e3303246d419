"""Converting in a second process while this one writes.

Reading and converting records is Python work; writing a batch is mostly pyoxigraph's bulk
loader, which releases the GIL. With the conversion in a worker process the two run on two
cores. The worker sends each file's records as batches of `Encoded` / `Rejected` values (plain
data) through a pipe; a receiving thread keeps a few batches queued so the worker never waits
for a commit to finish.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.registry import source as registered
from ingest.run import IngestSummary, Progress, RunOptions, convert_file, ingest_streams
from kg.iri import Minter
from sparql import Store

# The conversion process outruns the writer (about 2,300 against 1,000 records/s), so a short
# queue keeps the writer busy as well as a long one, and each queued batch costs its bytes.
_QUEUED_BATCHES = 2
_END = "end"


def ingest_in_worker(store: Store, minter: Minter, paths: Sequence[Path], kind: str,
                     reader_options: dict[str, Any], options: RunOptions,
                     progress: Progress | None = None) -> IngestSummary:
    """`ingest.run.ingest_files` for a registered source kind, converting in a worker process.

    Raises IngestError when the worker fails as a whole (a record's failure is a reject).
    """
    context = registered(kind).context(store)
    spawn = multiprocessing.get_context("spawn")  # no fork of a process holding the store
    receive, send = spawn.Pipe(duplex=False)
    job = (kind, reader_options, minter.base, options.source, context, [str(p) for p in paths],
           options.batch_size)
    worker = spawn.Process(target=_work, args=(send, job), name="ingest-convert", daemon=True)
    worker.start()
    send.close()
    inbox: queue.Queue = queue.Queue(maxsize=_QUEUED_BATCHES)
    threading.Thread(target=_receive, args=(receive, inbox), daemon=True).start()
    try:
        return ingest_streams(store, minter, ((Path(p), _items(inbox)) for p in job[5]),
                              options, progress)
    finally:
        worker.kill()
        worker.join()


def _items(inbox: queue.Queue) -> Iterator[Any]:
    """One file's items, batch by batch, until the worker says the file is done."""
    while True:
        kind, payload = inbox.get()
        if kind == "error":
            raise IngestError(f"the conversion process failed: {payload}")
        if kind == _END:
            return
        yield from payload


def _receive(conn, inbox: queue.Queue) -> None:
    try:
        while True:
            inbox.put(conn.recv())
    except EOFError:
        inbox.put(("error", "it stopped before the end of the input"))


def _work(conn, job: tuple) -> None:
    """The worker: convert each file, send batches, then an end marker per file."""
    kind, reader_options, base, source_name, context, paths, batch_size = job
    try:
        source = registered(kind)
        read = source.reader(**reader_options)
        convert = source.converter(Minter(base), source_name, context)
        for path in map(Path, paths):
            batch: list = []
            for item in convert_file(path, read, convert):
                batch.append(item)
                if len(batch) >= batch_size:
                    conn.send(("items", batch))
                    batch = []
            conn.send(("items", batch))
            conn.send((_END, str(path)))
    except Exception as err:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()
