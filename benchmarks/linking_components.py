"""Where the entity linker's time goes: seconds per component of its spaCy pipeline, and per
recogniser inside ``jinling_recognizers``, over the documents of benchmarks/linking.py.

    python benchmarks/linking_components.py [--chars 1000000] [--corpus DIR] [--repeat 3]
                                            [--set PATH=VALUE ...]

Each document goes through the pipeline one component at a time, each call timed; a pass sums
the calls per component, and the figure printed is the fastest of ``--repeat`` passes for that
component (as timeit would), so the total is a little below what benchmarks/linking.py measures
for the whole pipeline. The recognisers are timed the same way, each called on the proposals
the ones before it left, as the component calls them. Run it from another checkout (a worktree
of an older commit, say) to compare code in the same sitting: it links with the code and KB of
the checkout it lies in.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from linking import build_documents, corpus_texts, linking_arguments  # noqa: E402

from kg.linking.evaluate import overrides  # noqa: E402
from kg.linking.linker import Linker  # noqa: E402
from kg.linking.source import cached_gazetteer, kb_files  # noqa: E402

BASE = "https://kg.jllib.cn/"
RECOGNIZERS = "jinling_recognizers"


def component_pass(linker: Linker, docs: list[str]) -> dict[str, float]:
    """Seconds per component (and ``make_doc``) of one pass over the documents."""
    spent: dict[str, float] = {}
    for text in docs:
        start = time.perf_counter()
        doc = linker.nlp.make_doc(text)
        spent["make_doc"] = spent.get("make_doc", 0.0) + time.perf_counter() - start
        for name, component in linker.nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    return spent


def recognizer_pass(linker: Linker, docs: list[str]) -> dict[str, float]:
    """Seconds per recogniser of one pass, each fed what the ones before it found."""
    names = [name for name, _ in linker.nlp.pipeline]
    before = linker.nlp.pipeline[:names.index(RECOGNIZERS)]
    recognizers = dict(linker.nlp.pipeline)[RECOGNIZERS].recognizers
    spent: dict[str, float] = {}
    for text in docs:
        doc = linker.nlp.make_doc(text)
        for _, component in before:
            doc = component(doc)
        found = list(doc._.jl_proposals)
        for recognizer in recognizers:
            start = time.perf_counter()
            found.extend(recognizer(doc._.jl_norm, found))
            key = type(recognizer).__name__
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - start
    return spent


def fastest(passes: list[dict[str, float]]) -> dict[str, float]:
    return {key: min(p[key] for p in passes) for key in passes[0]}


def main(argv: list[str] | None = None) -> int:
    args = linking_arguments(__doc__.splitlines()[0], repeat=3).parse_args(argv)
    gazetteer = cached_gazetteer(kb_files(ROOT), BASE, ROOT / "var" / "linking").gazetteer
    docs = build_documents(corpus_texts(args.corpus), args.chars, args.doc_chars)
    linker = Linker(gazetteer, overrides=overrides(args.set))
    chars = sum(len(d) for d in docs)
    components = fastest([component_pass(linker, docs) for _ in range(args.repeat)])
    recognizers = fastest([recognizer_pass(linker, docs) for _ in range(args.repeat)])
    scale = 1_000_000 / chars
    print(f"seconds per million characters, fastest of {args.repeat} passes ({ROOT})")
    for name, seconds in components.items():
        print(f"  {name:26} {seconds * scale:6.3f}")
        if name == RECOGNIZERS:
            for key, part in recognizers.items():
                print(f"    {key:24} {part * scale:6.3f}")
    total = sum(components.values())
    print(f"  {'total':26} {total * scale:6.3f}  ({chars / total:,.0f} characters/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
