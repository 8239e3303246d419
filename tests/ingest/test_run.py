"""The ingest run over every store backend: batches, idempotency, replacement, tombstones,
rejects and provenance. Records and their conversion are small and made here, so that these
tests pin the run's behaviour whatever the MARC mapping does."""

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode

from ingest.batches import BatchResult
from ingest.errors import FieldRuleError
from ingest.protocol import Rejected
from ingest.run import RunOptions, ingest_files
from kg.iri import Minter
from kg.vocab import BF, JL, RDFS, A

MINTER = Minter("https://kg.jllib.cn/")


@dataclass
class Rec:
    number: int
    key: str
    title: str
    items: int = 1
    deleted: bool = False
    bug: bool = False


@dataclass
class Conv:
    key: str
    roots: tuple
    triples: list
    digest: str
    deleted: bool
    issues: tuple = ()


def convert(rec: Rec) -> Conv:
    if rec.bug:
        raise FieldRuleError("bad 245 indicator", field="245")
    work = MINTER.record("works", "t", rec.key)
    inst = MINTER.record("instances", "t", rec.key)
    title = NamedNode(inst.value + "#title245-1")
    triples = [(work, A, BF.Work), (inst, A, BF.Instance), (inst, BF.instanceOf, work),
               (inst, BF.title, title), (title, BF.mainTitle, Literal(rec.title)),
               (inst, RDFS.label, Literal(rec.title)),
               (inst, BF.adminMetadata, NamedNode(inst.value + "#admin"))]
    for n in range(1, rec.items + 1):
        item = MINTER.record("items", "t", f"{rec.key}-{n}")
        mark = NamedNode(item.value + "#shelfmark")
        triples += [(inst, BF.hasItem, item), (item, BF.shelfMark, mark),
                    (mark, RDFS.label, Literal(f"I247.5/{n}"))]
    return Conv(rec.key, (work, inst), triples, f"{rec.title}|{rec.items}|{rec.deleted}",
                rec.deleted)


def run(store, files: dict[str, list], tmp_path: Path, batch_size: int = 2, **kw):
    paths = []
    for name, records in files.items():
        path = tmp_path / name
        path.write_text(json.dumps([getattr(r, "__dict__", str(r)) for r in records]))
        paths.append(path)
    by_path = {str(tmp_path / name): records for name, records in files.items()}
    options = RunOptions(graph="catalogue", source="t", rejects=tmp_path / "rejects.jsonl",
                         batch_size=batch_size, version="test/1", **kw)
    return ingest_files(store, MINTER, paths, lambda p: iter(by_path[str(p)]), convert, options)


def snapshot(store) -> list[str]:
    out = io.BytesIO()
    store.dump(out, format=ox.RdfFormat.N_QUADS)
    return sorted(out.getvalue().decode().splitlines())


def texts(store) -> set[str]:
    return {row["o"].value for row in store.query(
        "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isLiteral(?o)) } }")}


RECORDS = [Rec(1, "a", "随园诗话", 2), Rec(2, "b", "儒林外史"), Rec(3, "c", "桃花扇")]


def test_run_writes_records_in_batches_with_provenance(store, tmp_path):
    summary = run(store, {"one.json": RECORDS}, tmp_path)
    assert (summary.read, summary.converted, summary.rejected) == (3, 3, 0)
    assert summary.written.added == 3 and summary.written.quads > 20
    assert {"随园诗话", "儒林外史", "桃花扇"} <= texts(store)
    checksum = list(store.query("""PREFIX jl: <https://kg.jllib.cn/ontology#>
        SELECT ?sum ?n WHERE { ?a jl:sourceRecord ?f ; jl:recordsRead ?n . ?f jl:sha256 ?sum }
        """))
    assert len(checksum) == 1 and checksum[0]["n"].value == "3"


def test_run_reingesting_a_file_changes_nothing(store, tmp_path):
    run(store, {"one.json": RECORDS}, tmp_path)
    before = snapshot(store)
    summary = run(store, {"one.json": RECORDS}, tmp_path)
    assert summary.written == BatchResult(unchanged=3)
    assert snapshot(store) == before


def test_run_a_changed_record_replaces_its_old_description(store, tmp_path):
    run(store, {"one.json": RECORDS}, tmp_path)
    changed = [Rec(1, "a", "隨園詩話", 1), *RECORDS[1:]]
    summary = run(store, {"one.json": changed}, tmp_path)
    assert (summary.written.replaced, summary.written.unchanged) == (1, 2)
    assert "隨園詩話" in texts(store) and "随园诗话" not in texts(store)
    assert "I247.5/2" not in texts(store)  # the dropped item and its shelf mark went too
    items = list(store.query("SELECT ?i WHERE { ?x <http://id.loc.gov/ontologies/bibframe/hasItem> "
                             "?i }"))
    assert len(items) == 3


def test_run_a_deleted_record_leaves_a_tombstone(store, tmp_path):
    run(store, {"one.json": RECORDS}, tmp_path)
    summary = run(store, {"one.json": [Rec(1, "a", "随园诗话", 2, deleted=True)]}, tmp_path)
    assert summary.written.deleted == 1
    inst = MINTER.record("instances", "t", "a")
    assert "随园诗话" not in texts(store)
    gone = store.query("ASK { ?i a ?t }", {"i": inst, "t": JL.Tombstone}).value
    assert gone


def test_run_sets_bad_records_aside_and_goes_on(store, tmp_path):
    bad = Rejected("one.json", 2, 1234, "unreadable", "directory length 13 is not a multiple "
                   "of 12", b"\x00\x01")
    records = [RECORDS[0], bad, Rec(3, "c", "桃花扇", bug=True), RECORDS[1]]
    summary = run(store, {"one.json": records}, tmp_path)
    assert (summary.read, summary.converted, summary.rejected) == (4, 2, 2)
    lines = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [x["reason"] for x in lines] == ["unreadable", "field"]
    assert lines[0]["offset"] == 1234 and lines[0]["raw_base64"] == "AAE="
    assert lines[1]["field"] == "245" and lines[1]["record"] == 3
    assert "儒林外史" in texts(store)


def test_run_a_failed_batch_leaves_earlier_batches_whole(store, tmp_path, monkeypatch):
    calls = []
    real = type(store).add_batch

    def failing(self, data, graph):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(self, data, graph)

    monkeypatch.setattr(type(store), "add_batch", failing)
    with pytest.raises(OSError):
        run(store, {"one.json": RECORDS + [Rec(4, "d", "板桥集")]}, tmp_path, batch_size=2)
    assert {"随园诗话", "儒林外史"} <= texts(store)
    assert not {"桃花扇", "板桥集"} & texts(store)


def test_run_in_a_worker_process_writes_what_in_process_writes(tmp_path):
    from ingest.marc.source import SOURCE
    from ingest.workers import ingest_in_worker
    from sparql.embedded import EmbeddedStore

    samples = Path(__file__).resolve().parents[2] / "data" / "marc"
    files = [samples / "jinling-marc21.mrc", samples / "jinling-cnmarc.iso"]
    stores = [EmbeddedStore(tmp_path / "a"), EmbeddedStore(tmp_path / "b")]
    options = RunOptions(graph="catalogue", source="catalogue", rejects=tmp_path / "r.jsonl",
                         batch_size=5, version=SOURCE.version)
    ingest_files(stores[0], MINTER, files, SOURCE.reader(),
                 SOURCE.converter(MINTER, "catalogue", SOURCE.context(stores[0])), options)
    summary = ingest_in_worker(stores[1], MINTER, files, "marc", {}, options)
    assert (summary.read, summary.rejected, summary.files) == (22, 0, 2)

    def data(store):  # provenance times differ between the runs; the records must not
        return [line for line in snapshot(store)
                if "activities/" not in line and "deletedAt" not in line]
    assert data(stores[0]) == data(stores[1])
