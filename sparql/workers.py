"""Query worker processes over a read-only view of an embedded store, so a timeout can kill.

Oxigraph cannot be interrupted inside one evaluation step (a COUNT over a huge join, a sort),
and a Python thread cannot be killed. A worker process can: public queries on an on-disk store
run in a small pool of processes, each holding `pyoxigraph.Store.read_only` on the folder; a
query past its deadline takes its process down with it, and a fresh one takes its place.

A read-only store sees the data as it was when it was opened. The writer counts its writes (the
*generation*); a worker reopens its view when a request carries a newer generation, so every
query sees every write that finished before it was sent.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from sparql.errors import QueryTimeout, ResultLimitExceeded, ResultTooLarge, StoreUnavailable
from sparql.results import Serialized

_CONTEXT = multiprocessing.get_context("spawn")  # no fork: RocksDB and threads do not survive it


@dataclass(frozen=True)
class Job:
    """One query for a worker; every field pickles."""

    generation: int
    query: str
    options: dict
    results_format: str
    limit: int | None
    max_bytes: int | None


def _open(path: str, attempts: int = 10):
    import pyoxigraph as ox

    for attempt in range(attempts):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):
            # The writer may be swapping files under us (a compaction); look again shortly.
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    return None


def _answer(store, job: Job) -> tuple:
    import pyoxigraph as ox

    from sparql.embedded import _write_out, native_options

    try:
        native = store.query(job.query, **native_options(job.options))
        fmt = ox.QueryResultsFormat.from_media_type(job.results_format)
        result = _write_out(native, threading.Event(), fmt, job.limit, job.max_bytes)
    except SyntaxError as err:
        return ("syntax", err.msg)
    except ResultTooLarge as err:
        return ("too-large", err.max_bytes)
    except ResultLimitExceeded as err:
        return ("limit", err.limit)
    return ("ok", result.kind, result.format.media_type, result.data)


class _View:
    """A worker's read-only view of the store, reopened for newer generations.

    A view whose files the writer has since compacted away fails; one retry on a fresh view
    sees the new files.
    """

    def __init__(self, path: str):
        self.path, self.store, self.generation = path, None, -1

    def answer(self, job: Job) -> tuple:
        if job.generation != self.generation:
            self.store = None
        for last in (False, True):
            try:
                if self.store is None:
                    self.store, self.generation = _open(self.path), job.generation
                return _answer(self.store, job)
            except (OSError, RuntimeError) as err:
                self.store = None
                if last:
                    return ("unavailable", str(err))
        return ("unavailable", "no view of the store")


def _serve(conn, path: str) -> None:
    """A worker's loop: answer jobs until the pipe closes."""
    view = _View(path)
    while True:
        try:
            job: Job = conn.recv()
        except EOFError:
            return
        conn.send(view.answer(job))


class _Worker:
    def __init__(self, path: Path):
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child, str(path)), daemon=True,
                                        name="jinling-query")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class QueryWorkers:
    """A pool of query processes over one store folder.

    `run_async` waits on the worker's pipe from the event loop itself: no thread hand-off,
    which under load costs more than a point query.
    """

    def __init__(self, path: Path, processes: int = 2):
        self.path = path
        self._idle: deque[_Worker] = deque()
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = deque()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(processes):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self.path)
        with self._lock:
            if not self._closed:
                self._all.add(worker)
        if self._closed:
            worker.stop()
        else:
            self._release(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another, off the caller's thread (a start takes a while)."""
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        threading.Thread(target=self._add, daemon=True).start()

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            while self._waiters:
                loop, waiter = self._waiters.popleft()
                if not waiter.done():
                    loop.call_soon_threadsafe(self._hand, waiter, worker)
                    return
            self._idle.append(worker)

    def _hand(self, waiter: asyncio.Future, worker: _Worker) -> None:
        if waiter.done():  # its request timed out meanwhile
            self._release(worker)
        else:
            waiter.set_result(worker)

    def _acquire_now(self, loop: asyncio.AbstractEventLoop | None = None
                     ) -> _Worker | asyncio.Future:
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            if loop is None:
                raise queue.Empty
            waiter = loop.create_future()
            self._waiters.append((loop, waiter))
            return waiter

    async def run_async(self, job: Job, timeout: float) -> Serialized:
        """Send a job to an idle worker and await its answer, ``timeout`` seconds in all.

        Raises:
            QueryTimeout: past the deadline; a busy worker is killed and replaced.
            StoreUnavailable: the worker died, or could not read the store.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        got = self._acquire_now(loop)
        try:
            worker = got if isinstance(got, _Worker) else await asyncio.wait_for(got, timeout)
        except TimeoutError:
            raise QueryTimeout(timeout) from None
        readable = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
        os.set_blocking(fd, True)  # see below
        try:
            worker.conn.send(job)
            await asyncio.wait_for(readable, max(deadline - loop.time(), 0))
        except TimeoutError:
            return self._finish(worker, job, None, timeout)
        finally:
            loop.remove_reader(fd)
        # An event loop may leave the pipe non-blocking (uvloop does), and a reply bigger than
        # the pipe's buffer arrives in pieces: read the rest of it blocking, it is on its way.
        os.set_blocking(fd, True)
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise StoreUnavailable(_DIED) from None
        return self._finish(worker, job, reply, timeout)

    def run(self, job: Job, timeout: float) -> Serialized:
        """`run_async` for callers without an event loop."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                worker = self._acquire_now()
                break
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise QueryTimeout(timeout) from None
                time.sleep(0.001)
        try:
            worker.conn.send(job)
            answered = worker.conn.poll(max(deadline - time.monotonic(), 0))
            reply = worker.conn.recv() if answered else None
        except (EOFError, OSError):
            self._replace(worker)
            raise StoreUnavailable(_DIED) from None
        return self._finish(worker, job, reply, timeout)

    def _finish(self, worker: _Worker, job: Job, reply: tuple | None,
                timeout: float) -> Serialized:
        if reply is None:
            self._replace(worker)
            raise QueryTimeout(timeout)
        self._release(worker)
        return _result(job, reply)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
            self._idle.clear()
        for worker in workers:
            worker.stop()


_DIED = ("a query process stopped unexpectedly; it was replaced, so try again, and report the "
         "query if it happens again")


def _result(job: Job, reply: tuple) -> Serialized:
    import pyoxigraph as ox

    status = reply[0]
    if status == "syntax":
        from sparql.embedded import _syntax_error

        raise _syntax_error(job.query, SyntaxError(reply[1]))
    if status == "unavailable":
        raise StoreUnavailable(f"the store could not be read just now ({reply[1]}); try again")
    if status == "too-large":
        raise ResultTooLarge(reply[1])
    if status == "limit":
        raise ResultLimitExceeded(reply[1])
    _, kind, media_type, data = reply
    fmt = (ox.RdfFormat.from_media_type(media_type) if kind == "graph"
           else ox.QueryResultsFormat.from_media_type(media_type))
    return Serialized(kind, fmt, data)

