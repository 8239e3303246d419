"""The shared conformance suites, run against a real `jinling serve` as an outside client would.

They live in ../shared/conformance (beside the repository); the tests skip when it is absent.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import jinling

SUITES = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "suites"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not SUITES.is_dir(), reason="../shared/conformance is absent")]
SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed, (\d+) skipped$", re.M)
SAMPLE = '<entity/person/wu-jingzi> <http://www.w3.org/2004/02/skos/core#prefLabel> "吴敬梓"@zh .\n'


def run_suite(script: str, *args: str) -> tuple[int, int, str]:
    result = subprocess.run([sys.executable, str(SUITES / "tools" / script), *args],
                            capture_output=True, text=True, timeout=600, cwd=SUITES)
    found = SUMMARY.findall(result.stdout)
    assert found, f"no summary line from {script}:\n{result.stdout}\n{result.stderr}"
    passed, failed, _ = map(int, found[-1])
    return passed, failed, result.stdout


def test_conformance_sparql_protocol_graph_store_and_service_description(live_server):
    token = jinling(live_server.env, "token", "create", "--role", "admin").stdout.split()[-1]
    passed, failed, output = run_suite(
        "run_sparql_http_cases.py", "--base", live_server.url, "--query-path", "/sparql",
        "--update-path", "/sparql", "--gsp-path", "/graphs", "--token", token,
        "sparql11-protocol-cases.json", "sparql11-graph-store-cases.json",
        "sparql11-service-description-cases.json")
    assert failed == 0, output
    assert passed >= 50


def test_conformance_content_negotiation(live_server, tmp_path):
    (tmp_path / "p.ttl").write_text(SAMPLE, encoding="utf-8")
    jinling(live_server.env, "load", str(tmp_path / "p.ttl"), "--graph", "kb")
    passed, failed, output = run_suite("run_conneg_cases.py", "linked-data-conneg-cases.json",
                                       "--url", f"{live_server.url}/entity/person/wu-jingzi")
    assert failed == 0, output
    assert passed >= 13
