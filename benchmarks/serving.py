"""Serving: entity GETs of the JSON-LD API under concurrent clients, and OAI-PMH harvesting.

Loads the sample data (``jinling load data/``) into a scratch store, starts a real
``jinling serve`` process over it, then:

- ``entities``: ``GET /api/v1/entities/{kind}/{key}`` for random KB entities, from ``wrk``
  (Debian package wrk) with N concurrent connections for S seconds; prints requests/s, p50
  and p99, and fails on any non-2xx answer;
- ``oai``: a full ``ListRecords`` harvest in oai_dc, following resumption tokens; prints
  records/s.

    python benchmarks/serving.py [--clients 8] [--seconds 10]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from common import jinling, scratch_env, serve
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OAI = "{http://www.openarchives.org/OAI/2.0/}"
ENTITIES = ("SELECT ?e WHERE { GRAPH <https://kg.jllib.cn/graphs/kb> { ?e a ?c } "
            "FILTER(STRSTARTS(STR(?e), 'https://kg.jllib.cn/entity/')) }")
WRK_SCRIPT = """
math.randomseed(7)
local paths = {%s}
request = function()
  return wrk.format("GET", paths[math.random(1, #paths)], {["Accept"] = "application/ld+json"})
end
"""


def start(folder: Path) -> tuple[subprocess.Popen, str]:
    env = scratch_env(folder)
    jinling(env, "load", str(ROOT / "data"))
    return serve(env)


def entity_paths(url: str) -> list[str]:
    reply = httpx.get(f"{url}/sparql", params={"query": ENTITIES},
                      headers={"Accept": "application/sparql-results+json"}, timeout=60)
    reply.raise_for_status()
    iris = [b["e"]["value"] for b in reply.json()["results"]["bindings"]]
    return ["/api/v1/entities/" + iri.split("/entity/", 1)[1] for iri in sorted(set(iris))]


def entities(url: str, paths: list[str], clients: int, seconds: int) -> None:
    """Two wrk runs: on a fresh server (most answers made for the first time), then after
    every entity was fetched once (every answer from the server's cache)."""
    if shutil.which("wrk") is None:
        raise SystemExit("install wrk (apt-get install wrk) to run this benchmark")
    script = Path(tempfile.mkdtemp()) / "entities.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths), encoding="utf-8")
    _wrk(url, script, f"entity GETs, fresh server ({len(paths):,} KB entities)", clients,
         seconds)
    with httpx.Client(base_url=url, timeout=60) as client:
        for path in paths:
            assert client.get(path).status_code == 200, path
    _wrk(url, script, "entity GETs, every answer made once before", clients, seconds)


def _wrk(url: str, script: Path, what: str, clients: int, seconds: int) -> None:
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "-s",
                          str(script), url], capture_output=True, text=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{errors.group(1)} requests failed:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    print(f"{what}, {clients} connections, {seconds} s: {rate:,.0f} requests/s, p50 {p50}, "
          f"p99 {p99} (target >= 1,500/s)")


def harvest(url: str) -> None:
    params, records, started = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}, 0, \
        time.perf_counter()
    with httpx.Client(timeout=120) as client:
        while True:
            root = etree.fromstring(client.get(f"{url}/oai", params=params).content)
            records += len(root.findall(f".//{OAI}record"))
            token = root.find(f".//{OAI}resumptionToken")
            if token is None or not (token.text or "").strip():
                break
            params = {"verb": "ListRecords", "resumptionToken": token.text.strip()}
    seconds = time.perf_counter() - started
    print(f"OAI-PMH ListRecords (oai_dc): {records:,} records in {seconds:,.1f} s "
          f"({records / seconds:,.0f} records/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="serving-bench-") as tmp:
        process, url = start(Path(tmp))
        try:
            entities(url, entity_paths(url), args.clients, args.seconds)
            harvest(url)
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
