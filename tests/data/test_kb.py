"""The authority KB in data/kb: what it holds, how it is named, and that the build reproduces it.

The hand-written files of data/kb and the generated ones (data/kb/generated, written by
data/kb/build.py from data/kb/src, the ingest tables and the shared corpus) are loaded into one
in-memory store, as `jinling load` puts them into graph `kb`. The build test needs the shared
corpus and pypinyin and skips without them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parents[2]
KB_DIR = REPO / "data" / "kb"
GENERATED = KB_DIR / "generated"
BASE = "https://kg.jllib.cn/"
PREFIXES = """PREFIX jl: <https://kg.jllib.cn/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
FAMILIES = {"Person": "person", "Place": "place", "PlaceName": "placename",
            "Organization": "organization", "Event": "event", "Period": "period",
            "Dynasty": "period", "ReignEra": "period"}
LABELS = ("skos:prefLabel", "skos:altLabel", "jl:alias", "jl:courtesyName", "jl:artName")

if str(KB_DIR) not in sys.path:
    sys.path.insert(0, str(KB_DIR))


def corpus_dir() -> Path | None:
    for path in (REPO / ".." / "shared" / "corpus", Path("/work/shared/corpus")):
        if (path / "authority").is_dir():
            return path.resolve()
    return None


@pytest.fixture(scope="module")
def kb() -> ox.Store:
    store = ox.Store()
    for path in sorted(KB_DIR.rglob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=BASE)
    return store


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in solutions]


def entity(iri: str) -> str:
    return iri[len(BASE) + len("entity/"):]


# ---------------------------------------------------------------- what the KB holds

FLOORS = {"Person": 1500, "Place": 780, "PlaceName": 500, "Organization": 60, "Event": 45,
          "Dynasty": 75, "ReignEra": 700}


def test_kb_counts_by_type(kb):
    rows = select(kb, """SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?e a ?class FILTER(STRSTARTS(STR(?class), STR(jl:))) } GROUP BY ?class""")
    counts = {r["class"].rpartition("#")[2]: int(r["n"]) for r in rows}
    low = {cls: (counts.get(cls, 0), floor) for cls, floor in FLOORS.items()
           if counts.get(cls, 0) < floor}
    assert not low, f"fewer entities than expected (found, floor): {low}"
    assert sum(counts.values()) >= 3700


def test_kb_every_entity_has_one_type_of_its_kind(kb):
    rows = select(kb, """SELECT ?e (GROUP_CONCAT(STR(?class); separator=" ") AS ?classes)
        WHERE { ?e a ?class FILTER(STRSTARTS(STR(?e), "https://kg.jllib.cn/entity/")) }
        GROUP BY ?e""")
    problems = []
    for row in rows:
        classes = [c.rpartition("#")[2] for c in row["classes"].split()]
        kind = entity(row["e"]).partition("/")[0]
        if len(classes) != 1 or FAMILIES.get(classes[0]) != kind:
            problems.append(f"{entity(row['e'])}: {classes}")
    assert rows and not problems, problems[:20]


def test_kb_every_described_entity_is_typed(kb):
    rows = select(kb, """SELECT DISTINCT ?e WHERE { ?e ?p ?o
        FILTER(STRSTARTS(STR(?e), "https://kg.jllib.cn/entity/")) FILTER NOT EXISTS { ?e a ?t } }""")
    assert not rows, [entity(r["e"]) for r in rows[:20]]


def test_kb_every_entity_has_one_simplified_preferred_label(kb):
    rows = select(kb, """SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e a ?t .
        OPTIONAL { ?e skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "zh-Hans")) } }
        GROUP BY ?e HAVING (COUNT(?l) != 1)""")
    assert not rows, [(entity(r["e"]), r["n"]) for r in rows[:20]]


def test_kb_every_name_is_language_tagged(kb):
    untagged = []
    for pred in LABELS:
        rows = select(kb, f"""SELECT ?e ?l WHERE {{ ?e {pred} ?l
            FILTER(LANG(?l) NOT IN ("zh-hans", "zh-hant", "en")) }} LIMIT 5""")
        untagged += [(entity(r["e"]), pred, r["l"]) for r in rows]
    assert not untagged, untagged


def test_kb_references_point_to_typed_entities(kb):
    rows = select(kb, """SELECT DISTINCT ?e ?p ?o WHERE { ?e ?p ?o
        FILTER(isIRI(?o) && STRSTARTS(STR(?o), "https://kg.jllib.cn/entity/"))
        FILTER NOT EXISTS { ?o a ?t } }""")
    assert not rows, [(entity(r["e"]), r["p"], r["o"]) for r in rows[:20]]


# ---------------------------------------------------------------- names that must resolve

ALIASES = [
    ("金图", "organization/jinling-tushuguan"),
    ("南图", "organization/nanjing-tushuguan"),
    ("国图", "organization/guojia-tushuguan"),
    ("南大", "organization/nanjing-daxue"),
    ("南师大", "organization/nanjing-shifan-daxue"),
    ("南博", "organization/nanjing-bowuyuan"),
    ("郑板桥", "person/zheng-xie"),
    ("板桥", "person/zheng-xie"),
    ("唐伯虎", "person/tang-yin"),
    ("随园老人", "person/yuan-mei"),
    ("明成祖", "person/zhu-di"),
    ("南唐后主", "person/li-yu"),
    ("后湖", "place/xuanwu-hu"),
    ("紫金山", "place/zhong-shan"),
    ("蒋山", "place/zhong-shan"),
    ("聚宝门", "place/zhonghua-men"),
    ("明洪武", "period/era-634"),
    ("清光绪", "period/era-667"),
    ("南京大屠杀", "event/nanjing-datusha"),
    ("仙林", "place/xianlin-jiedao"),
    ("太平军", "organization/taiping-jun"),
    ("六代", "period/liuchao"),
]


@pytest.mark.parametrize("word", ["白马", "沙洲", "凤凰", "湖南路"])
def test_kb_street_stem_that_is_a_word_or_road_is_no_name(kb, word):
    literal = ox.Literal(word, language="zh-Hans")
    rows = select(kb, f"SELECT ?e WHERE {{ ?e jl:alias {literal} }}")
    assert not [r for r in rows if "jiedao" in entity(r["e"]) or "zhen" in entity(r["e"])]


@pytest.mark.parametrize(("name", "expected"), ALIASES, ids=[a for a, _ in ALIASES])
def test_kb_name_resolves_to_one_entity(kb, name, expected):
    found = set()
    for pred in LABELS:
        literal = ox.Literal(name, language="zh-Hans")
        rows = select(kb, f"SELECT ?e WHERE {{ ?e {pred} {literal} }}")
        found |= {entity(r["e"]) for r in rows}
    assert found == {expected}


# ---------------------------------------------------------------- Nanjing's names through time

NANJING_NAMES = ["金陵", "秣陵", "建业", "秣陵", "建邺", "建康", "蒋州", "丹阳郡", "白下", "江宁",
                 "升州", "上元", "升州", "金陵府", "江宁府", "升州", "江宁府", "建康府", "建康路", "集庆路",
                 "应天府", "南京", "京师", "南京", "江宁", "天京", "南京"]


def test_kb_nanjing_names_form_a_chain(kb):
    rows = select(kb, """SELECT ?n ?label ?start ?end WHERE {
        <https://kg.jllib.cn/entity/place/nanjing> jl:hasPlaceName ?n .
        ?n a jl:PlaceName ; jl:nameOf <https://kg.jllib.cn/entity/place/nanjing> ;
           skos:prefLabel ?label ; jl:startYear ?start .
        OPTIONAL { ?n jl:endYear ?end } FILTER(LANGMATCHES(LANG(?label), "zh-Hans")) }""")
    chain = sorted(rows, key=lambda r: (int(r["start"]), r["label"]))
    assert [r["label"] for r in chain] == NANJING_NAMES
    assert chain[-1]["end"] is None, "the current name has no end"
    assert all(r["end"] is not None and int(r["start"]) <= int(r["end"]) for r in chain[:-1])


def test_kb_every_place_name_points_to_its_place_and_back(kb):
    rows = select(kb, """SELECT ?n WHERE { ?n a jl:PlaceName .
        FILTER NOT EXISTS { ?n jl:nameOf ?p . ?p jl:hasPlaceName ?n } }""")
    assert not rows, [entity(r["n"]) for r in rows[:20]]


# ---------------------------------------------------------------- dynasties and reign eras

ERAS = {
    "ming": ["洪武", "建文", "永乐", "洪熙", "宣德", "正统", "景泰", "天顺", "成化", "弘治", "正德",
             "嘉靖", "隆庆", "万历", "泰昌", "天启", "崇祯"],
    "qing": ["崇德", "顺治", "康熙", "雍正", "乾隆", "嘉庆", "道光", "咸丰", "同治", "光绪", "宣统"],
}


def eras_of(kb, dynasty: str) -> list[dict[str, str]]:
    rows = select(kb, f"""SELECT ?era ?label ?start ?end ?ruler WHERE {{
        ?era a jl:ReignEra ; time:intervalIn <{BASE}entity/period/{dynasty}> ;
             skos:prefLabel ?label ; jl:periodStart ?start ; jl:periodEnd ?end .
        OPTIONAL {{ ?era jl:reignOf ?ruler }} FILTER(LANGMATCHES(LANG(?label), "zh-Hans")) }}""")
    return sorted(rows, key=lambda r: (int(r["start"]), int(r["end"])))


@pytest.mark.parametrize("dynasty", sorted(ERAS))
def test_kb_eras_of_the_dynasty_are_complete_and_in_order(kb, dynasty):
    eras = eras_of(kb, dynasty)
    assert [e["label"] for e in eras] == ERAS[dynasty]
    for before, after in zip(eras, eras[1:], strict=False):
        assert int(before["end"]) <= int(after["start"]) <= int(before["end"]) + 1, (before, after)
    assert all(e["ruler"] for e in eras), "every era names its emperor"


def test_kb_eras_lie_in_a_dynasty_with_sane_years(kb):
    rows = select(kb, """SELECT ?era ?start ?end WHERE { ?era a jl:ReignEra ;
        jl:periodStart ?start ; jl:periodEnd ?end . FILTER NOT EXISTS {
        ?era time:intervalIn ?d . ?d a jl:Dynasty } }""")
    assert not rows
    rows = select(kb, """SELECT ?p ?start ?end WHERE { ?p jl:periodStart ?start ;
        jl:periodEnd ?end FILTER(?start > ?end || ?start = 0 || ?end = 0) }""")
    assert not rows, rows[:10]


def test_kb_hongwu_is_the_generated_era(kb):
    era = select(kb, """SELECT ?who WHERE { ?e jl:reignOf ?who ; skos:prefLabel "洪武"@zh-Hans ;
        time:intervalIn <https://kg.jllib.cn/entity/period/ming> }""")
    assert era == [{"who": BASE + "entity/person/zhu-yuanzhang"}]
    assert not select(kb, "SELECT ?p WHERE { <https://kg.jllib.cn/entity/period/hongwu> ?p ?o }")


def test_kb_nested_periods_nest(kb):
    rows = select(kb, """SELECT ?inner ?outer WHERE { ?inner time:intervalIn ?outer .
        ?inner a ?c FILTER(?c != jl:ReignEra)
        ?inner jl:periodStart ?s ; jl:periodEnd ?e . ?outer jl:periodStart ?s2 ; jl:periodEnd ?e2
        FILTER(?s < ?s2 || ?e > ?e2) }""")
    assert not rows, rows


# ---------------------------------------------------------------- persons

def test_kb_persons_are_born_before_they_die(kb):
    rows = select(kb, """SELECT ?p WHERE { ?p jl:birthYear ?b ; jl:deathYear ?d FILTER(?b > ?d) }""")
    assert not rows


def test_kb_one_iri_per_person_across_sources(kb):
    """The same person from the hand table, DILA and the poets is one IRI."""
    li_yu = select(kb, """SELECT ?p WHERE { ?p skos:prefLabel "李煜"@zh-Hans }""")
    assert li_yu == [{"p": BASE + "entity/person/li-yu"}]
    zhu_di = select(kb, """SELECT ?same WHERE { <https://kg.jllib.cn/entity/person/zhu-di>
        owl:sameAs ?same }""")
    assert zhu_di == [{"same": "http://authority.dila.edu.tw/person/?fromInner=A000149"}]


# ---------------------------------------------------------------- generated files

def generated_files() -> list[Path]:
    return sorted(GENERATED.glob("*.ttl"))


@pytest.mark.parametrize("path", generated_files(), ids=lambda p: p.name)
def test_kb_generated_file_names_sources_and_licence(path):
    head = path.read_text(encoding="utf-8").split("\n@prefix", 1)[0]
    assert head.startswith("# GENERATED by data/kb/build.py")
    assert "# Sources: " in head and "# Licence: " in head


@pytest.mark.parametrize(("iri", "only_in"), [
    ("http://authority.dila.edu.tw/", "persons-dila.ttl"),
    ("http://maps.cga.harvard.edu/tgaz/", "places-chgis.ttl"),
])
def test_kb_licensed_identifiers_stay_in_their_file(iri, only_in):
    holding = {p.name for p in KB_DIR.rglob("*.ttl") if iri in p.read_text(encoding="utf-8")}
    assert holding == {only_in}


def load_build():
    spec = importlib.util.spec_from_file_location("kb_build", KB_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kb_build_reproduces_the_committed_files(tmp_path):
    pytest.importorskip("pypinyin")
    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("the shared corpus is not there")
    build = load_build()
    build.build(corpus, tmp_path)
    fresh = sorted((tmp_path / "generated").glob("*.ttl"))
    assert [p.name for p in fresh] == [p.name for p in generated_files()]
    changed = [p.name for p in fresh
               if p.read_bytes() != (GENERATED / p.name).read_bytes()]
    assert not changed, f"rebuild data/kb ({changed} differ): .venv/bin/python data/kb/build.py"


# ---------------------------------------------------------------- the build's parts

def test_kb_terms_refuse_bad_names():
    from kbgen.terms import Ref, TermError, Text
    for bad in ("person:Li Bai", "person:", "human:li-bai", "person:li_bai"):
        with pytest.raises(TermError):
            Ref(bad)
    with pytest.raises(TermError):
        Text("李白", "zh")


def test_kb_merge_rules():
    from kbgen.kb import KB, KBError
    from kbgen.terms import Ref, Text
    li_bai = Ref("person:li-bai")
    kb = KB({li_bai: [("skos:prefLabel", Text("李白", "zh-Hans"))]}, {li_bai: "jl:Person"})
    assert not kb.declare(li_bai, "jl:Person", "persons", "t")  # typed by the hand-written file
    kb.add(li_bai, "skos:prefLabel", Text("李太白", "zh-Hans"), "persons", "t")
    kb.add(li_bai, "jl:birthYear", 701, "persons", "t")
    kb.add(li_bai, "jl:birthYear", 700, "poets", "t")
    kb.add(li_bai, "jl:alias", Text("李白", "zh-Hans"), "poets", "t")
    facts = [(f.pred, f.obj) for f in kb.facts[li_bai]]
    assert facts == [("skos:altLabel", Text("李太白", "zh-Hans")), ("jl:birthYear", 701)]
    assert kb.dropped and "700" in kb.dropped[0]
    with pytest.raises(KBError, match="cannot be"):
        kb.declare(li_bai, "jl:Place", "places", "t")
    with pytest.raises(KBError, match="cannot be"):
        kb.declare(Ref("place:x"), "jl:Person", "persons", "t")
    kb.add(li_bai, "jl:activeIn", Ref("period:tang"), "persons", "t")
    with pytest.raises(KBError, match="no such entity"):
        kb.check()


@pytest.mark.parametrize(("bio", "expected"), [
    ("徐鉉（九一七～九九二），字鼎臣，廣陵人。", (917, 992, ["鼎臣"], [])),
    ("陳摶（？～九八九），字圖南，自號扶摇子，人稱白雲先生。", (None, 989, ["圖南"], ["扶摇子"])),
    ("苏轼：(1037-1101) 北宋文学家。字子瞻，号东坡居士，眉州人。", (1037, 1101, ["子瞻"], ["东坡居士"])),
    ("某甲（約九五○～一○○一），字乙丙。", (None, 1001, ["乙丙"], [])),
    ("某甲，一字伯玉，賜號希夷先生。", (None, None, [], [])),
    ("岳珂（一一八二～？），字肅之，號亦齋、東几，晚號倦翁，湯陰人。",
     (1182, None, ["肅之"], ["亦齋", "東几", "倦翁"])),
    ("某甲，字乙丙，號丁戊。其子己，號庚辛。", (None, None, ["乙丙"], ["丁戊"])),
])
def test_kb_poet_biographies(bio, expected):
    pytest.importorskip("pypinyin")
    from kbgen.poets import parse_bio
    name = bio[:2] if bio[1] != "甲" else "某甲"
    assert parse_bio([name], bio) == expected


@pytest.mark.parametrize(("name", "slug"), [
    ("王安石", "wang-anshi"),
    ("张榘", "zhang-ju"),
    ("俞𣓨", "yu-u234e8"),  # no reading: the code point keeps the IRI its own
])
def test_kb_person_slugs(name, slug):
    pytest.importorskip("pypinyin")
    from kbgen.names import Names
    from kbgen.source import Source
    assert Names(Source(Path("unused"))).person_slug(name) == slug


def test_kb_simplified_names_keep_the_characters_names_use():
    pytest.importorskip("pypinyin")
    from kbgen.names import Names
    from kbgen.source import Source
    names = Names(Source(Path("unused")))
    assert (names.simplified("張榘"), names.simplified("张榘诗")) == ("张榘", "张榘诗")
    assert names.simplified("張矩") == "张矩"  # another man
