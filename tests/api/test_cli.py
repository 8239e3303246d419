"""The `jinling` command, run as a real process."""

import subprocess
import sys
import textwrap

import httpx
import pytest
from support import jinling, jinling_env

GOOD = '<entity/person/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "甲"@zh .\n'
BAD = textwrap.dedent("""\
    @prefix ex: <http://example.org/> .
    ex:a ex:b ex:c .
    ex:a ex:b "unterminated .
""")


@pytest.fixture
def env(tmp_path):
    return jinling_env(tmp_path)


def test_cli_help_everywhere(env):
    for args in ([], ["load"], ["query"], ["dump"], ["validate"], ["serve"], ["token", "create"]):
        assert jinling(env, *args, "--help").stdout.startswith("Usage:")


def test_cli_load_query_dump(env, tmp_path):
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "people.ttl").write_text(GOOD, encoding="utf-8")
    loaded = jinling(env, "load", str(tmp_path / "kb"), "--graph", "kb")
    assert "loaded 1 quads from 1 files" in loaded.stderr
    rows = jinling(env, "query", "SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l", "--format", "csv")
    assert "甲" in rows.stdout
    dumped = jinling(env, "dump", "--graph", "kb").stdout
    assert "<https://kg.jllib.cn/graphs/kb>" in dumped and "甲" in dumped


def test_cli_query_binding_by_name(env, tmp_path):
    (tmp_path / "a.ttl").write_text(GOOD, encoding="utf-8")
    jinling(env, "load", str(tmp_path / "a.ttl"), "--graph", "kb", "--no-infer")
    out = jinling(env, "query", "graph_size", "--bind", "g=<https://kg.jllib.cn/graphs/kb>")
    assert out.stdout.splitlines() == ["n", "1"]


def test_cli_malformed_file_loads_nothing(env, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "good.ttl").write_text(GOOD, encoding="utf-8")
    (tmp_path / "data" / "bad.ttl").write_text(BAD, encoding="utf-8")
    result = jinling(env, "load", str(tmp_path / "data"), check=False)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) <= 2  # progress line + the error
    assert "bad.ttl:3:" in result.stderr and "nothing was loaded" in result.stderr
    assert "Traceback" not in result.stderr
    assert jinling(env, "graphs").stdout.strip() == ""


@pytest.mark.parametrize("args, fragment", [
    (["dump", "--graph", "nope"], "no graph nope"),
    (["query", "SELECT ?x WHERE {"], "malformed SPARQL query"),
    (["load", "missing.ttl"], "no such file"),
    (["load", "{tmp}/x.ttl", "--graph", "Bad Name"], "invalid graph name"),
    (["token", "create", "--role", "district"], "needs --graph"),
    (["query", "x", "--bind", "novalue"], "name=value"),
])
def test_cli_errors_are_one_line(env, tmp_path, args, fragment):
    (tmp_path / "x.ttl").write_text(GOOD, encoding="utf-8")
    result = jinling(env, *[a.replace("{tmp}", str(tmp_path)) for a in args], check=False)
    assert result.returncode != 0
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_cli_token_lifecycle(env):
    created = jinling(env, "token", "create", "--role", "district", "--graph", "district/xuanwu")
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("jl_")
    listing = jinling(env, "token", "list").stdout
    token_id = secret.split("_")[1]
    assert token_id in listing and "district/xuanwu" in listing and secret not in listing
    jinling(env, "token", "revoke", token_id)
    assert "revoked" in jinling(env, "token", "list").stdout


def test_cli_store_held_by_another_process(env, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from sparql.embedded import EmbeddedStore; "
         "s = EmbeddedStore(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
         env["JINLING_STORE"]], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = jinling(env, "graphs", check=False)
        assert result.returncode == 1
        assert "held by another process" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_cli_writes_go_through_running_server(live_server, tmp_path):
    (tmp_path / "people.ttl").write_text(GOOD, encoding="utf-8")
    loaded = jinling(live_server.env, "load", str(tmp_path / "people.ttl"), "--graph", "kb")
    assert "loaded 1 quads" in loaded.stderr
    r = httpx.get(f"{live_server.url}/entity/person/a", headers={"accept": "text/turtle"})
    assert r.status_code == 200 and "甲" in r.text
    assert "kb" in jinling(live_server.env, "graphs").stdout.split()
