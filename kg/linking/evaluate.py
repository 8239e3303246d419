"""Run the linker over a gold file and score it (`kg.linking.scoring`).

Used by ``tests/kg/linking/test_quality.py`` and when tuning the config on the development set:
``python -m kg.linking.evaluate tests/kg/linking/eval/dev.jsonl`` prints the scorer's table;
``--set PATH=VALUE`` (repeatable) overrides a value of linker.cfg for the run, e.g.
``--set components.jinling_recognizers.recognizers.tagger.enabled=true``.
"""

from __future__ import annotations

import argparse
import json
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


def development_golds(root: Path, named: list[str], task: str) -> list[Path]:
    """The gold files a developer's tool works on: those named, else every dev*.jsonl of the
    gold sets; never the held-out set (SystemExit naming ``task``)."""
    golds = [Path(a) for a in named] or sorted((root / "tests/kg/linking/eval").glob("dev*.jsonl"))
    if any("heldout" in gold.name for gold in golds):
        raise SystemExit(f"{task} on the development sets only")
    return golds


def overrides(settings: list[str]) -> dict:
    """Config overrides from ``PATH=VALUE`` settings; a value is read as JSON when it can be
    (true, 0.6), else kept as text.

    >>> overrides(["components.x.enabled=true", "components.x.name=abc"])
    {'components.x.enabled': True, 'components.x.name': 'abc'}
    """
    found = {}
    for setting in settings:
        path, sep, value = setting.partition("=")
        if not sep:
            raise SystemExit(f"--set {setting}: expected PATH=VALUE")
        try:
            found[path] = json.loads(value)
        except json.JSONDecodeError:
            found[path] = value
    return found


def main(argv: list[str]) -> int:  # pragma: no cover - a developer's tool
    from kg.linking.source import cached_gazetteer, kb_files

    parser = argparse.ArgumentParser(prog="python -m kg.linking.evaluate")
    parser.add_argument("gold", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parents[2]
    loaded = cached_gazetteer(kb_files(root), "https://kg.jllib.cn/", root / "var" / "linking")
    report = evaluate(Linker(loaded.gazetteer, overrides=overrides(args.set)), args.gold)
    sys.stdout.write(report.table() + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
