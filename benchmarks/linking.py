"""Entity-linking benchmark: characters per second on one core, KB load time, peak memory.

    python benchmarks/linking.py [--chars 1000000] [--corpus DIR] [--doc-chars 4000] [--repeat 5]
                                 [--set PATH=VALUE ...]

The corpus is built from the shared corpus (``--corpus``, default ``$LINKING_CORPUS`` or
../shared/corpus beside the checkout, else /work/shared/corpus): the Jinling Library plan
(documents/jinling-library-14th-five-year-plan.txt) and the poems and biographies of texts/
(titles, authors and lines of every record), repeated until ``--chars`` characters (one
million by default, about 3 MB of UTF-8). It is cut at line ends into documents of about
``--doc-chars`` characters, which are linked one after the other through the linker's spaCy
pipeline (`kg.linking.linker.Linker.link_all`) with the KB under data/.

Printed: the KB load time cold (parse the Turtle files, query them, compile the gazetteer) and
cached (read the pickled gazetteer), the number of KB entities and names, the linking speed in
characters/s with the mentions found, and the process's peak resident memory (ru_maxrss). The
documents are linked ``--repeat`` times (five, timeit's default); the speed is that of the
fastest pass, as timeit reports it (the slower ones measure the machine's other load, not the
linker), with the median beside it. ``--set`` overrides a value of kg/linking/linker.cfg, as for
``python -m kg.linking.evaluate`` (e.g. ``components.jinling_recognizers.recognizers.tagger.
enabled=true`` measures the linker with the learned person recogniser).
Target: >= 200,000 characters/s, which the issue puts at about the speed of jieba's own
segmentation: jieba's default cut (with its HMM for unknown words) is timed over the same
documents in the same process and printed beside the linker (``--no-jieba`` skips it), as the
yardstick of the machine's speed at the time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.linking.evaluate import overrides  # noqa: E402
from kg.linking.linker import Linker  # noqa: E402
from kg.linking.source import cached_gazetteer, kb_files  # noqa: E402

BASE = "https://kg.jllib.cn/"
TARGET = 200_000


def default_corpus() -> Path:
    env = os.environ.get("LINKING_CORPUS")
    beside = ROOT.parent / "shared" / "corpus"
    return Path(env) if env else beside if beside.is_dir() else Path("/work/shared/corpus")


def corpus_texts(corpus: Path) -> list[str]:
    """The plan's text and every record of the texts/ JSON files, as plain text."""
    texts = [(corpus / "documents" / "jinling-library-14th-five-year-plan.txt")
             .read_text(encoding="utf-8")]
    for path in sorted((corpus / "texts").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            texts.append(_record_text(record))
    return [t for t in texts if t.strip()]


def _record_text(record: dict) -> str:
    title = record.get("title") or record.get("rhythmic") or record.get("name") or ""
    body = record.get("paragraphs") or record.get("desc") or record.get("content") or ""
    lines = body if isinstance(body, list) else [str(body)]
    return "\n".join([str(title), str(record.get("author", "")), *map(str, lines)])


def build_documents(texts: list[str], chars: int, doc_chars: int) -> list[str]:
    """Documents of about ``doc_chars`` characters, ``chars`` characters in all."""
    docs, current, size, total = [], [], 0, 0
    while total < chars:
        for text in texts:
            for line in text.splitlines():
                line = line[: chars - total]
                current.append(line)
                size += len(line) + 1
                total += len(line) + 1
                if size >= doc_chars:
                    docs.append("\n".join(current))
                    current, size = [], 0
                if total >= chars:
                    break
            if total >= chars:
                break
    if current:
        docs.append("\n".join(current))
    return docs


def kb_load(files: list[Path]) -> tuple[float, float, object]:
    """(cold seconds, cached seconds, gazetteer), with a cache of its own."""
    with tempfile.TemporaryDirectory() as cache:
        cold = cached_gazetteer(files, BASE, Path(cache))
        warm = cached_gazetteer(files, BASE, Path(cache))
    return cold.seconds, warm.seconds, warm.gazetteer


def linking_arguments(description: str, repeat: int) -> argparse.ArgumentParser:
    """The options the linking benchmarks share: the corpus, its size, the passes, --set."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--doc-chars", type=int, default=4_000)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = linking_arguments(__doc__.splitlines()[0], repeat=5)
    parser.add_argument("--no-jieba", dest="jieba", action="store_false",
                        help="do not time jieba's segmentation of the same documents")
    args = parser.parse_args(argv)
    cold, warm, gazetteer = kb_load(kb_files(ROOT))
    print(f"KB: {len(gazetteer.entities)} entities, {len(gazetteer.texts)} names; "
          f"load cold {cold:.2f} s, cached {warm:.3f} s")
    docs = build_documents(corpus_texts(args.corpus), args.chars, args.doc_chars)
    linker = Linker(gazetteer, overrides=overrides(args.set))
    chars = sum(len(d) for d in docs)
    runs = [timed_run(linker, docs) for _ in range(args.repeat)]
    mentions, best = min(runs, key=lambda run: run[1])
    median = statistics.median(seconds for _, seconds in runs)
    rate = chars / best
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"linked {chars} characters in {len(docs)} documents: {mentions} mentions; "
          f"best of {args.repeat} runs {best:.2f} s = {rate:,.0f} characters/s, median "
          f"{chars / median:,.0f} (target {TARGET:,})")
    print(f"peak memory (ru_maxrss): {peak:.0f} MiB")
    if args.jieba:
        seconds = min(jieba_run(docs) for _ in range(args.repeat))
        print(f"jieba's segmentation of the same documents: best of {args.repeat} runs "
              f"{seconds:.2f} s = {chars / seconds:,.0f} characters/s (the linker: "
              f"{rate / (chars / seconds):.2f} times its speed)")
    return 0 if rate >= TARGET else 1


def jieba_run(docs: list[str]) -> float:
    """Seconds of one pass of jieba's default cut over the documents."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    started = time.perf_counter()
    for doc in docs:
        jieba.lcut(doc)
    return time.perf_counter() - started


def timed_run(linker: Linker, docs: list[str]) -> tuple[int, float]:
    """(mentions found, seconds) of one pass over the documents."""
    started = time.perf_counter()
    mentions = sum(len(found) for found in linker.link_all(docs))
    return mentions, time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
