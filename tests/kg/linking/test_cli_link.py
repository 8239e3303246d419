"""``jinling link``: JSON lines for a text (no store, no server), or the store's texts."""

import io
import json
import sys

import pytest
from pyoxigraph import RdfFormat

from api.cli import main
from kg.iri import Minter
from kg.loading import LoadJob, load_files
from sparql.embedded import EmbeddedStore

from .conftest import BASE, FIXTURE_KB

KB_ARGS = [arg for path in FIXTURE_KB for arg in ("--kb", str(path))]


def _run(capsys, args, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_link_file_prints_json_lines(tmp_path, capsys):
    text = tmp_path / "t.txt"
    text.write_text("（Ａ）朱元璋葬于孝陵，馆长焦翔说。", encoding="utf-8")
    code, out, _ = _run(capsys, ["--store", str(tmp_path / "s"), "link", str(text),
                                 "--no-cache", *KB_ARGS])
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["text"], r["type"], r["label"]) for r in rows] == [
        ("朱元璋", "PERSON", "朱元璋"), ("孝陵", "PLACE", "明孝陵"), ("焦翔", "PERSON", None)]
    source = text.read_text(encoding="utf-8")
    assert all(source[r["start"]:r["end"]] == r["text"] for r in rows)
    assert set(rows[0]) == {"start", "end", "text", "type", "entity", "label", "score"}


def test_cli_link_stdin_and_cache(tmp_path, capsys, monkeypatch):
    args = ["--store", str(tmp_path / "store"), "link", "-", *KB_ARGS, "--candidates"]
    code, out, _ = _run(capsys, args, "金图的馆长焦翔".encode(), monkeypatch)
    assert code == 0 and list((tmp_path / "linking").glob("gazetteer-*.pickle"))
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["label"] == "金陵图书馆" and rows[0]["candidate"] is None
    assert rows[1]["candidate"].startswith(BASE + "entity/candidate/")


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["link", "/no/such/file.txt"], None, "jinling: error: /no/such/file.txt: No such file"),
    (["link", "-"], b"\xff\xfe\x00", "jinling: error: standard input (byte 0): not UTF-8 text"),
    (["link"], None, "give a PATH (or -) to link a text, or --store"),
    (["link", "-", "--kb", "/no/kb.ttl"], b"x", "jinling: error: /no/kb.ttl: no such file"),
])
def test_cli_link_errors_are_one_line(tmp_path, capsys, monkeypatch, args, stdin, message):
    code, _, err = _run(capsys, ["--store", str(tmp_path / "s"), *args], stdin, monkeypatch)
    assert code != 0
    assert err.strip().count("\n") == 0 and message in err


def test_cli_link_store(tmp_path, capsys):
    minter = Minter(BASE)
    store = EmbeddedStore(tmp_path / "store")
    load_files(store, minter, [LoadJob(p, "kb") for p in FIXTURE_KB], base_iri=BASE)
    store.load('<segment/s> <https://kg.jllib.cn/ontology#text> "秦淮河边的金图"@zh .'.encode(),
               format=RdfFormat.TURTLE, graph=minter.graph("docs"), base_iri=BASE)
    store.close()
    code, _, err = _run(capsys, ["--store", str(tmp_path / "store"), "link", "--store"])
    assert code == 0 and "linked 1 text parts of 1 documents: 2 mentions" in err
    store = EmbeddedStore(tmp_path / "store")
    try:
        assert len(store.graph_triples(minter.graph("links"))) > 10
    finally:
        store.close()
