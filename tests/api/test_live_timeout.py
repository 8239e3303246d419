"""A real server stops a query past its time limit, whatever the query, and answers on."""

import os
import time
from pathlib import Path

import httpx
from support import free_port, jinling, jinling_env, start_server

# A COUNT over every triple of every pair of triples: nothing is written out until the end, so
# only the query process being killed can stop it.
BLOCKING_RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_live_timeout_kills_a_blocking_query_and_serves_on(tmp_path):
    data = tmp_path / "numbers.ttl"
    data.write_text("\n".join(f'<n{i}> <p> "{i}" .' for i in range(3000)), encoding="utf-8")
    port = free_port()
    env = jinling_env(tmp_path, JINLING_PORT=port, JINLING_QUERY_TIMEOUT=1)
    jinling(env, "load", str(data), "--graph", "numbers", "--no-infer")
    server = start_server(env, port)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        stopped = httpx.get(url, params={"query": BLOCKING_RUNAWAY}, timeout=60)
        assert stopped.status_code == 503
        assert "time limit" in stopped.json()["detail"]
        # A query left running in a thread of the server would keep a core busy; a killed one
        # leaves the server idle.
        before = cpu_seconds(server.pid)
        time.sleep(2)
        assert cpu_seconds(server.pid) - before < 1.0
        for _ in range(3):
            answer = httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
            assert answer.json()["boolean"] is True
    finally:
        server.terminate()
        server.wait(timeout=30)
