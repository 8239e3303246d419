"""Bulk load of a generated 1M-triple file: our loader vs raw pyoxigraph bulk_load.

Our loader parses the whole file first (so a malformed file loads nothing), then bulk-loads it.
Prints both times and the throughput ratio (target >= 0.9). Run: python benchmarks/bulk_load.py
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from common import BASE, generated_file

from kg.iri import Minter
from kg.loading import LoadJob, load_files
from sparql.embedded import EmbeddedStore


def raw(path: Path, folder: Path) -> float:
    store = ox.Store(str(folder))
    started = time.perf_counter()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES,
                    to_graph=ox.NamedNode(BASE + "graphs/bench"))
    store.flush()
    elapsed = time.perf_counter() - started
    assert len(store) > 0
    del store
    return elapsed


def ours(path: Path, folder: Path) -> float:
    store = EmbeddedStore(folder)
    started = time.perf_counter()
    load_files(store, Minter(BASE), [LoadJob(path, "bench")])
    store.flush()
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    path = generated_file(args.triples)
    times: dict[str, list[float]] = {"raw": [], "ours": []}
    for _ in range(args.rounds):
        for name, fn in (("raw", raw), ("ours", ours)):
            with tempfile.TemporaryDirectory() as folder:
                times[name].append(fn(path, Path(folder)))
    best = {k: min(v) for k, v in times.items()}
    for name in ("raw", "ours"):
        print(f"{name:5} best of {args.rounds}: {best[name]:.2f} s "
              f"({args.triples / best[name]:,.0f} triples/s)")
    print(f"throughput ratio ours/raw: {best['raw'] / best['ours']:.3f} (target >= 0.9)")


if __name__ == "__main__":
    main()
