"""Point SPARQL queries over HTTP vs in-process, on a 1M-triple store.

Loads the generated 1M-triple file into a scratch store, then measures random point queries:
in-process `EmbeddedStore.query`, and HTTP GET /sparql against a real `jinling serve` process
with N concurrent connections. The HTTP load comes from `wrk` (Debian package wrk) when it is
installed, else from Python client threads, which share the two cores with the server and so
understate it. Prints p50/p99 latency and queries/s. Run: python benchmarks/http_queries.py
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from common import BASE, generated_file, scratch_env, serve, subject
from pyoxigraph import NamedNode

from kg.iri import Minter
from kg.loading import LoadJob, load_files
from sparql.embedded import EmbeddedStore

QUERY = "SELECT ?p ?o WHERE { ?s ?p ?o }"


def percentiles(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    return f"p50 {p50:.2f} ms, p99 {p99:.2f} ms"


def in_process(store: EmbeddedStore, subjects: list[str]) -> None:
    latencies = []
    started = time.perf_counter()
    for s in subjects:
        t = time.perf_counter()
        result = store.query(QUERY, {"s": NamedNode(s)})
        assert len(result) > 0
        latencies.append(time.perf_counter() - t)
    elapsed = time.perf_counter() - started
    print(f"in-process, 1 client: {len(subjects) / elapsed:,.0f} queries/s, "
          f"{percentiles(latencies)}")


def client_worker(url: str, subjects: list[str]) -> list[float]:
    latencies = []
    with httpx.Client(timeout=30) as client:
        for s in subjects:
            text = QUERY.replace("?s ?p", f"<{s}> ?p")
            t = time.perf_counter()
            response = client.get(url, params={"query": text})
            assert response.status_code == 200, response.text
            latencies.append(time.perf_counter() - t)
    return latencies


def over_http(url: str, subjects: list[str], clients: int) -> None:
    chunks = [subjects[i::clients] for i in range(clients)]
    client_worker(url, subjects[:50])  # warm up
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = [x for chunk in pool.map(lambda c: client_worker(url, c), chunks)
                     for x in chunk]
    elapsed = time.perf_counter() - started
    print(f"HTTP (Python clients on the same cores), {clients} concurrent clients: "
          f"{len(subjects) / elapsed:,.0f} queries/s, "
          f"{percentiles(latencies)} (target >= 1,000 queries/s)")


WRK_SCRIPT = """
math.randomseed(7)
request = function()
  local s = "https://kg.jllib.cn/entity/person/p" .. math.random(0, %d)
  local q = "SELECT ?p ?o WHERE { <" .. s .. "> ?p ?o }"
  q = q:gsub("[^%%w]", function(c) return string.format("%%%%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/sparql?query=" .. q)
end
"""


def over_wrk(base: str, subjects: int, clients: int, seconds: int = 10) -> None:
    script = Path(tempfile.mkdtemp()) / "points.lua"
    script.write_text(WRK_SCRIPT % (subjects - 1), encoding="utf-8")
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency",
                          "-s", str(script), base], capture_output=True, text=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    p50 = re.search(r"50%\s+(\S+)", out).group(1)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert errors is None, out
    print(f"HTTP (wrk), {clients} concurrent connections: {float(rate):,.0f} queries/s, "
          f"p50 {p50}, p99 {p99} (target >= 1,000 queries/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto",
                        help="HTTP load generator (auto: wrk when installed)")
    args = parser.parse_args()
    rng = random.Random(7)
    subjects = [subject(rng.randrange(args.triples // 10)) for _ in range(args.queries)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        store = EmbeddedStore(folder)
        load_files(store, Minter(BASE), [LoadJob(generated_file(args.triples), "bench")])
        print(f"store: {len(store):,} quads")
        in_process(store, subjects)
        store.close()
        server, _ = serve(scratch_env(folder.parent, port=args.port))
        try:
            if args.client == "wrk" or (args.client == "auto" and shutil.which("wrk")):
                over_wrk(f"http://127.0.0.1:{args.port}", args.triples // 10, args.clients)
            else:
                over_http(f"http://127.0.0.1:{args.port}/sparql", subjects, args.clients)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
