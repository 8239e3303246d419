"""Run the linker over a gold file and score it (`kg.linking.scoring`).

Used by ``tests/kg/linking/test_quality.py`` and when tuning the config on the development set:
``python -m kg.linking.evaluate tests/kg/linking/eval/dev.jsonl`` prints the scorer's table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.linking.linker import Linker
from kg.linking.scoring import GoldDoc, Report, load_gold, score


def predictions(linker: Linker, docs: list[GoldDoc]) -> dict[str, list[dict]]:
    """Document id -> the linker's mentions as ``jinling link`` prints them."""
    return {doc.id: [m.as_json() for m in mentions]
            for doc, mentions in zip(docs, linker.link_all(d.text for d in docs), strict=True)}


def evaluate(linker: Linker, gold: Path) -> Report:
    """The scorer's report for the linker on a gold file."""
    docs = load_gold(gold)
    return score(docs, predictions(linker, docs))


def main(argv: list[str]) -> int:  # pragma: no cover - a developer's tool
    from kg.linking.source import cached_gazetteer, kb_files

    root = Path(__file__).resolve().parents[2]
    loaded = cached_gazetteer(kb_files(root), "https://kg.jllib.cn/", root / "var" / "linking")
    report = evaluate(Linker(loaded.gazetteer), Path(argv[0]))
    sys.stdout.write(report.table() + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
