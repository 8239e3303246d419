"""Shared by the benchmarks: a generated N-Triples file of Nanjing-like records, and a real
`jinling serve` process on a scratch store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

OUT = Path(__file__).parent / "out"
BASE = "https://kg.jllib.cn/"
PREDICATES = ["http://www.w3.org/2004/02/skos/core#prefLabel",
              "http://www.w3.org/2000/01/rdf-schema#label",
              "https://kg.jllib.cn/ontology#locatedIn",
              "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
              "https://schema.org/birthDate"]


def generated_file(triples: int = 1_000_000) -> Path:
    """An N-Triples file with this many triples (made once, then reused)."""
    path = OUT / f"generated-{triples}.nt"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for i in range(triples):
            subject = f"<{BASE}entity/person/p{i // 10}>"
            predicate = PREDICATES[i % len(PREDICATES)]
            if i % 5 == 2:
                obj = f"<{BASE}entity/place/pl{i % 997}>"
            else:
                obj = f'"人物 {i} 金陵"@zh'
            out.write(f"{subject} <{predicate}> {obj} .\n")
    return path


def subject(i: int) -> str:
    """The IRI of the i-th generated subject."""
    return f"{BASE}entity/person/p{i}"


def scratch_env(folder: Path, **settings: str) -> dict[str, str]:
    """The environment of a `jinling` process whose store, tokens and change log are in
    ``folder``; more ``JINLING_*`` settings by keyword (``port="8765"``)."""
    env = {**os.environ, "JINLING_STORE": str(folder / "store"),
           "JINLING_TOKENS": str(folder / "tokens.json"),
           "JINLING_CHANGES": str(folder / "changes.sqlite")}
    return {**env, **{f"JINLING_{k.upper()}": str(v) for k, v in settings.items()}}


def jinling(env: dict[str, str], *args: str) -> None:
    """Run the real `jinling` command; it must succeed."""
    subprocess.run([str(Path(sys.executable).parent / "jinling"), *args], env=env, check=True,
                   capture_output=True)


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Start `jinling serve` on a free port (or ``JINLING_PORT``) and wait until it answers;
    returns the process and its URL."""
    port = env.get("JINLING_PORT") or str(_free_port())
    process = subprocess.Popen([str(Path(sys.executable).parent / "jinling"), "serve", "--port",
                                port], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("jinling serve did not start")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
