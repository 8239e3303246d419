"""Census sheets into the store: work, edition and copy, authors, parsed edition, pages.

Runs the real ingest (`ingest.run.ingest_files` with the registered source) on the sample sheet
in data/ancient-books, with the sample knowledge base loaded so that names and dynasties link.
"""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from ingest_support import MINTER, ingest_kind, rows
from pyoxigraph import RdfFormat

from ingest.ancient_book.sheet import read_sheet
from ingest.errors import SourceUnreadable
from ingest.protocol import Rejected
from kg.loading import load_files, plan
from sparql.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "ancient-books"
BASE = "https://kg.jllib.cn/"
BOOK = BASE + "instances/ancient-books/320100-0000-0000001"


def ingest(store, paths, tmp_path):
    return ingest_kind(store, "ancient-book", paths, tmp_path, "ancient-books")


def report(tmp_path):
    path = tmp_path / "rejects.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture(scope="module")
def kb_quads() -> bytes:
    """The sample KB as N-Quads, checked and loaded once for the module."""
    kb = EmbeddedStore()
    load_files(kb, MINTER, plan([ROOT / "data" / "kb"]), base_iri=BASE)
    out = io.BytesIO()
    kb.dump(out, format=RdfFormat.N_QUADS)
    return out.getvalue()


@pytest.fixture
def store(kb_quads):
    store = EmbeddedStore()
    store.load(kb_quads, format=RdfFormat.N_QUADS)
    return store


@pytest.fixture
def sample(tmp_path):
    folder = tmp_path / "books"
    shutil.copytree(SAMPLE, folder)
    return folder


def edition_of(store, title):
    found = rows(store, f"""SELECT ?type ?start ?end ?house ?statement WHERE {{
        ?i a jl:AncientBook ; rdfs:label "{title}"@zh-Hans ; bf:editionStatement ?statement ;
           jl:editionType ?type ; bf:provisionActivity ?p .
        ?p jl:startYear ?start ; jl:endYear ?end . OPTIONAL {{ ?p bf:agent/rdfs:label ?house }} }}""")
    assert len(found) == 1, found
    return found[0]


def test_every_row_of_the_sample_goes_in_with_nothing_to_report(store, sample, tmp_path):
    summary = ingest(store, [sample], tmp_path)
    assert (summary.read, summary.converted, summary.rejected, summary.issues) == (8, 8, 0, 0)


def test_title_juan_and_supplements(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    book = rows(store, """SELECT ?juan ?name ?extra WHERE { ?i a jl:AncientBook ;
        rdfs:label "随园诗话"@zh-Hans ; jl:juanCount ?juan ;
        jl:supplement [ rdfs:label ?name ; jl:juanCount ?extra ] }""")
    assert book == [{"juan": "16", "name": "补遗", "extra": "10"}]


def test_edition_statements_are_parsed_into_type_years_and_printing_house(store, sample,
                                                                           tmp_path):
    ingest(store, [sample], tmp_path)
    shiji = edition_of(store, "史记")
    assert (shiji["type"].rsplit("#")[-1], shiji["start"], shiji["end"], shiji["house"]) == (
        "woodblockEdition", "1866", "1870", "金陵书局")
    honglou = edition_of(store, "新镌全部绣像红楼梦一百二十回")
    assert (honglou["type"].rsplit("#")[-1], honglou["start"], honglou["house"]) == (
        "woodenMovableTypeEdition", "1791", "萃文书屋")
    fancha = edition_of(store, "金陵梵刹志")  # an era without a year: the era's range
    assert (fancha["start"], fancha["end"]) == ("1573", "1620")


def test_authors_link_to_known_persons_and_dynasties_to_periods(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    wu = rows(store, """SELECT ?who ?role WHERE { ?w bf:contribution ?c .
        ?c rdfs:label "〔清〕吴敬梓撰"@zh-Hans ; bf:agent ?who ; bf:role ?role }""")
    assert wu == [{"who": BASE + "entity/person/wu-jingzi",
                   "role": "http://id.loc.gov/vocabulary/relators/aut"}]
    unknown = rows(store, """SELECT ?who ?key WHERE { ?w bf:contribution ?c .
        ?c rdfs:label "〔明〕葛寅亮撰"@zh-Hans ; bf:agent ?who . ?who jl:headingKey ?key }""")
    assert len(unknown) == 1 and unknown[0]["key"] == "葛寅亮明"  # a candidate, kept apart by dynasty
    periods = rows(store, """SELECT ?period WHERE { ?i rdfs:label "金陵梵刹志"@zh-Hans ;
        bf:provisionActivity/jl:duringPeriod ?period }""")
    assert periods == [{"period": BASE + "entity/period/ming"}]


def test_the_copy_has_census_number_shelf_mark_holder_and_damage(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    item = rows(store, """SELECT ?number ?mark ?holder ?damage WHERE {
        ?item bf:itemOf ?i ; jl:censusNumber ?number ; bf:shelfMark/rdfs:label ?mark ;
              bf:heldBy/rdfs:label ?holder ; jl:damageLevel ?damage .
        FILTER(?number = "320100-0000-0000003") }""")
    assert item == [{"number": "320100-0000-0000003", "mark": "JL-GJ/0003",
                     "holder": "金陵图书馆", "damage": "三级破损"}]


def test_pages_are_copied_to_the_media_folder_and_described_in_order(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    pages = rows(store, f"""SELECT ?n ?file ?w ?h ?text WHERE {{ ?p dcterms:isPartOf <{BOOK}> ;
        a jl:Page ; jl:order ?n ; jl:imageFile ?file ; jl:width ?w ; jl:height ?h ;
        jl:text ?text }} ORDER BY ?n""")
    assert [(p["n"], p["file"], p["w"], p["h"]) for p in pages] == [
        (str(n), f"ancient-books/320100-0000-0000001/000{n}.jpg", "1200", "1700")
        for n in (1, 2, 3)]
    assert pages[0]["text"].startswith("应天长")
    for p in pages:
        copied = tmp_path / "media" / p["file"]
        original = sample / "pages" / "320100-0000-0000001" / Path(p["file"]).name
        assert copied.read_bytes() == original.read_bytes()


def test_reingest_changes_nothing_and_a_changed_cell_replaces_the_row(store, sample, tmp_path):
    ingest(store, [sample], tmp_path)
    assert ingest(store, [sample], tmp_path).written.unchanged == 8
    sheet = sample / "census.csv"
    sheet.write_text(sheet.read_text("utf-8").replace("三级破损", "二级破损"), "utf-8")
    again = ingest(store, [sample], tmp_path)
    assert (again.written.replaced, again.written.unchanged) == (1, 7)
    assert {r["d"] for r in rows(store, "SELECT ?d WHERE { ?i jl:damageLevel ?d }")} == {
        "二级破损"}


def test_an_xlsx_sheet_and_a_gb18030_csv_read_like_the_utf8_csv(sample, tmp_path):
    from openpyxl import Workbook

    lines = list(csv.reader(io.StringIO((sample / "census.csv").read_text("utf-8"))))
    book = Workbook()
    for line in lines:
        book.active.append([int(c) if c.isdigit() else c for c in line])
    book.save(tmp_path / "census.xlsx")
    (tmp_path / "census-gbk.csv").write_bytes((sample / "census.csv").read_text(
        "utf-8").encode("gb18030"))
    expected = [r.values for r in read_sheet(sample / "census.csv")]
    assert [r.values for r in read_sheet(tmp_path / "census.xlsx")] == expected
    assert [r.values for r in read_sheet(tmp_path / "census-gbk.csv")] == expected


def test_traditional_headings_are_read(tmp_path):
    sheet = tmp_path / "t.csv"
    sheet.write_text("普查編號,題名卷數,著者,版本\n320100-0000-0000009,隨園詩話十六卷,〔清〕袁枚撰,"
                     "清乾隆刻本\n", "utf-8")
    [row] = read_sheet(sheet)
    assert row.values["title"] == "隨園詩話十六卷" and row.values["edition"] == "清乾隆刻本"


def test_a_sheet_without_a_title_column_cannot_be_read(tmp_path):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("普查编号,著者\n320100-0000-0000001,袁枚\n", "utf-8")
    with pytest.raises(SourceUnreadable, match="题名卷数") as err:
        list(read_sheet(sheet))
    assert err.value.source == str(sheet)


def test_a_row_without_a_title_is_set_aside_and_a_bad_census_number_reported(store, tmp_path):
    sheet = tmp_path / "rows.csv"
    sheet.write_text("普查编号,题名卷数,版本\n320100-0000-0000001,,清刻本\nA-12,白下琐言十卷,"
                     "清光绪十六年刻本\n", "utf-8")
    items = list(read_sheet(sheet))
    assert isinstance(items[0], Rejected) and items[0].field == "题名卷数"
    assert items[0].record == 2
    summary = ingest(store, [sheet], tmp_path)
    assert (summary.converted, summary.rejected, summary.issues) == (1, 1, 1)
    kept = [r for r in report(tmp_path) if r["kept"]]
    assert [(r["reason"], r["field"], r["record"]) for r in kept] == [
        ("census-number", "普查编号", 3)]  # the sheet's line: the header is line 1
