"""A record deleted at the source answers 410 Gone with its tombstone."""

from pathlib import Path

from ingest.marc.source import SOURCE
from ingest.run import RunOptions, ingest_files

CNMARC = Path(__file__).resolve().parents[2] / "data" / "marc" / "jinling-cnmarc.iso"


def test_deleted_record_answers_410_with_its_tombstone(api, tmp_path):
    options = RunOptions(graph="catalogue", source="catalogue", rejects=tmp_path / "r.jsonl",
                         version=SOURCE.version)
    summary = ingest_files(api.store, api.minter, [CNMARC], SOURCE.reader(),
                           SOURCE.converter(api.minter, "catalogue", SOURCE.context(api.store)),
                           options)
    assert summary.written.deleted == 1
    gone = [row["s"].value for row in api.store.query(
        "SELECT ?s WHERE { ?s a <https://kg.jllib.cn/ontology#Tombstone> }")]
    assert gone
    path = gone[0].removeprefix("https://kg.jllib.cn")
    page = api.client.get(path)
    assert page.status_code == 410 and "deleted record" in page.text
    turtle = api.client.get(path, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 410 and "Tombstone" in turtle.text
    alive = api.client.get(path.replace("JL0000013", "JL0000001"))
    assert alive.status_code == 200
