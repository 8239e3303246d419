"""Search index benchmark: rebuild time, and p50/p99 latency of suggest and search.

    python benchmarks/search.py [--entities 100000] [--queries 400] [--seed 1]

Generates ``--entities`` entities (60 % persons, 30 % places, 10 % organisations) with names
made of real surnames (kg/linking/tables/surnames.tsv) and common given-name characters,
place names of two characters and a place-name ending (县, 镇, 路 …), each with a traditional
form, an alias and, for persons, a courtesy name, and a period; plus one paragraph of text
for every 20 entities. They are loaded into an in-memory store, and the index is rebuilt
from it into a temporary file (`kg.search.SearchIndex.rebuild`, as ``jinling index rebuild``).

Then it times ``--queries`` calls of each kind, on one thread, against names drawn from the
generated ones: suggest by a Chinese prefix (1-2 characters), by a pinyin prefix (3-6
letters), by initials (2 letters); search for a whole name (exact), for one character, for two
characters, and for a name in pinyin. Printed: per kind p50 and p99 in milliseconds, and for
all suggests and all searches. Target: suggest p50 < 20 ms on 100,000 entities.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize  # noqa: E402

from kg.chinese import s2t  # noqa: E402
from kg.iri import Minter  # noqa: E402
from kg.linking.tables import column  # noqa: E402
from kg.search import SearchIndex  # noqa: E402
from kg.search.pinyin import char_syllables  # noqa: E402
from sparql.embedded import EmbeddedStore  # noqa: E402

BASE = "https://kg.jllib.cn/"
JL, SKOS = "https://kg.jllib.cn/ontology#", "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GIVEN = ("安宝伯昌成承德东芳飞刚光国海瀚和弘华惠济嘉建杰金锦敬静俊凯康兰丽林龙茂美明铭宁平"
         "启庆瑞善绍盛时世寿书淑思松泰婷廷文武熙贤祥孝欣新秀学雅彦仪毅英永佑玉元允泽昭贞"
         "正之志忠舟竹卓子宗")
PLACE_ENDINGS = ("县", "镇", "乡", "村", "路", "街", "桥", "寺", "山", "湖", "门", "府")
ORG_ENDINGS = ("书院", "书局", "学堂", "图书馆", "会馆", "商行")
PERIODS = ("ming", "qing", "song", "tang", "yuan", "minguo", "liuchao", "nan-tang")
SUGGEST_KINDS = ("suggest: Chinese prefix", "suggest: pinyin prefix", "suggest: initials")
SEARCH_KINDS = ("search: whole name", "search: one character", "search: two characters",
                "search: name in pinyin")


def names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(class, name) of ``count`` generated entities."""
    surnames = [s for s in column("surnames", "surname") if len(s) == 1]
    out = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.6:
            given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            out.append(("Person", rng.choice(surnames) + given))
        elif roll < 0.9:
            out.append(("Place", rng.choice(GIVEN) + rng.choice(GIVEN)
                        + rng.choice(PLACE_ENDINGS)))
        else:
            out.append(("Organization", rng.choice(surnames) + rng.choice(GIVEN)
                        + rng.choice(ORG_ENDINGS)))
    return out


def quads(rng: random.Random, entities: list[tuple[str, str]]) -> list[Quad]:
    graph = Minter(BASE).graph("kb")
    out = []
    for i, (kind, name) in enumerate(entities):
        s = NamedNode(f"{BASE}entity/{kind.lower()}/g{i}")
        zh = [(SKOS + "prefLabel", name, "zh-Hans"), (SKOS + "prefLabel",
              s2t().convert(name), "zh-Hant"), (JL + "alias", name[0] + name[-1], "zh-Hans")]
        if kind == "Person":
            zh.append((JL + "courtesyName", rng.choice(GIVEN) + rng.choice(GIVEN), "zh-Hans"))
            out.append(Quad(s, NamedNode(JL + "activeIn"),
                            NamedNode(f"{BASE}entity/period/{rng.choice(PERIODS)}"), graph))
        out.append(Quad(s, RDF_TYPE, NamedNode(JL + kind), graph))
        out += [Quad(s, NamedNode(p), Literal(v, language=lang), graph) for p, v, lang in zh]
        if i % 20 == 0:
            out += _paragraph(rng, i, entities, graph)
    return out


def _paragraph(rng: random.Random, i: int, entities: list, graph: NamedNode) -> list[Quad]:
    part = NamedNode(f"{BASE}instances/documents/d{i}#p1")
    text = "，".join(rng.choice(entities)[1] + "".join(rng.choice(GIVEN) for _ in range(6))
                    for _ in range(8)) + "。"
    return [Quad(part, RDF_TYPE, NamedNode(JL + "Paragraph"), graph),
            Quad(part, NamedNode(JL + "text"), Literal(text, language="zh-Hans"), graph)]


def workload(rng: random.Random, entities: list[tuple[str, str]], n: int
             ) -> dict[str, list[str]]:
    """``n`` typed strings of each kind, drawn from the generated names."""
    picked = [rng.choice(entities)[1] for _ in range(n)]
    spoken = [[s for s in char_syllables(name) if s] for name in picked]
    return {
        SUGGEST_KINDS[0]: [name[:rng.choice((1, 2))] for name in picked],
        SUGGEST_KINDS[1]: ["".join(s)[:rng.randint(3, 6)] for s in spoken],
        SUGGEST_KINDS[2]: ["".join(x[0] for x in s[:2]) for s in spoken],
        SEARCH_KINDS[0]: picked,
        SEARCH_KINDS[1]: [name[-1] for name in picked],
        SEARCH_KINDS[2]: [name[:2] for name in picked],
        SEARCH_KINDS[3]: [" ".join(s) for s in spoken],
    }


def timed(call: Callable[[str], object], typed: list[str]) -> list[float]:
    times = []
    for text in typed:
        start = time.perf_counter()
        call(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    cut = statistics.quantiles(times, n=100)
    print(f"{label:32} p50 {statistics.median(times):7.2f} ms   p99 {cut[98]:7.2f} ms   "
          f"({len(times)} calls)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    entities = names(rng, args.entities)
    store = EmbeddedStore()
    store.load(serialize(quads(rng, entities), format=RdfFormat.N_QUADS),
               format=RdfFormat.N_QUADS)
    with tempfile.TemporaryDirectory() as folder:
        index = SearchIndex(Path(folder) / "index.sqlite", Minter(BASE))
        summary = index.rebuild(store)
        print(f"rebuild: {summary.resources} resources, {summary.names} names, "
              f"{summary.texts} texts in {summary.seconds:.1f} s "
              f"({(Path(folder) / 'index.sqlite').stat().st_size / 2**20:.0f} MB)")
        _measure(index, workload(rng, entities, args.queries))
        index.close()
    store.close()


def _measure(index: SearchIndex, typed: dict[str, list[str]]) -> None:
    suggests, searches = [], []
    for kind in SUGGEST_KINDS:
        times = timed(lambda t: index.suggest(t, limit=10), typed[kind])
        suggests += times
        report(kind, times)
    for kind in SEARCH_KINDS:
        times = timed(lambda t: index.search(t, limit=20), typed[kind])
        searches += times
        report(kind, times)
    report("suggest: all", suggests)
    report("search: all", searches)


if __name__ == "__main__":
    main()
