"""Change feed: the time to record N changes and to sync a copy of the graph through the feed.

Builds a scratch store of N persons in graph kb, then records N curation changes with
`kg.changes.apply` (each adds an alias to one person: one update, one log row), starts a real
`jinling serve` process over that store and its change log, and syncs an empty in-memory copy
through ``GET /feed/page`` with `kg.sync.sync` (pages of ``--page`` changes). Prints the seconds
and rates of both, and checks that the copy holds exactly the source's quads.

    python benchmarks/feed.py --changes 100000 [--page 1000]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from common import scratch_env, serve
from pyoxigraph import Literal, Quad

from kg.changes import ChangeLog, Draft, apply
from kg.iri import Minter
from kg.sync import sync
from kg.vocab import JL, SKOS, A
from sparql.embedded import EmbeddedStore

BASE = "https://kg.jllib.cn/"
BIN = Path(sys.executable).parent


def build(store: EmbeddedStore, minter: Minter, n: int) -> list:
    graph = minter.graph("kb")
    persons = [minter.entity("person", f"p{i}") for i in range(n)]
    quads = [q for i, p in enumerate(persons) for q in (
        Quad(p, A, JL.Person, graph),
        Quad(p, SKOS.prefLabel, Literal(f"人物{i}", language="zh-Hans"), graph))]
    store.add_batch(ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                                 format=ox.RdfFormat.N_TRIPLES), graph)
    return persons


def record(store: EmbeddedStore, log: ChangeLog, minter: Minter, persons: list) -> float:
    graph, started = minter.graph("kb"), time.perf_counter()
    for i, person in enumerate(persons):
        alias = Quad(person, SKOS.altLabel, Literal(f"别名{i}", language="zh-Hans"), graph)
        apply(store, log, Draft("Update", (person.value,), added=(alias,), actor="bench"))
    return time.perf_counter() - started


def quads(store) -> set:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return set(ox.parse(out.getvalue(), ox.RdfFormat.N_QUADS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=1000)
    args = parser.parse_args()
    minter = Minter(BASE)
    with tempfile.TemporaryDirectory(prefix="feed-bench-") as tmp:
        folder = Path(tmp)
        store = EmbeddedStore(folder / "store")
        persons = build(store, minter, args.changes)
        copy = EmbeddedStore()
        copy.load(_dump(store), format=ox.RdfFormat.N_QUADS)
        seconds = record(store, ChangeLog(folder / "changes.sqlite"), minter, persons)
        print(f"recorded {args.changes:,} changes in {seconds:,.1f} s "
              f"({args.changes / seconds:,.0f} changes/s)")
        expected = quads(store)
        store.close()
        process, url = serve(scratch_env(folder))
        try:
            with httpx.Client(base_url=url, timeout=120) as client:
                started = time.perf_counter()
                result = sync(copy, lambda u: client.get(u).json(), "/feed",
                              after=0, page_size=args.page)
                seconds = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=30)
        same = quads(copy) == expected
        print(f"synced {result.applied:,} changes in {result.pages} pages over HTTP in "
              f"{seconds:,.1f} s ({result.applied / seconds:,.0f} changes/s); the copy "
              f"{'equals' if same else 'DIFFERS FROM'} the source")


def _dump(store: EmbeddedStore) -> bytes:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return out.getvalue()


if __name__ == "__main__":
    main()
