"""Fit the confidence model on the development sets and write kg/linking/tables/calibration.tsv.

    python -m kg.linking.calibrate [GOLD.jsonl ...]   # default: every dev*.jsonl of the gold sets

The linker runs over the development documents with no threshold; each mention it makes is an
example, labelled right when its span and type are a gold mention's and, for a gold mention in
the KB, its label is the gold label too. A logistic regression with an L2 penalty (Newton's
method, numpy) over the features of `kg.linking.confidence` gives the weights. Only the
development set may be used here: never the held-out set.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.linking.linker import Linker
from kg.linking.scoring import GoldDoc, load_gold
from kg.linking.tables import TABLES

PENALTY = 1.0
HEADER = """\
# Weights of the linker's confidence model (kg.linking.confidence): a logistic regression over
# the features of a mention, fitted by kg/linking/calibrate.py on
# {sets} ({examples} mentions, {right} of them right; L2 penalty
# {penalty}). Generated: rerun the script after changing the linker or the KB.
"""


def examples(linker: Linker, docs: list[GoldDoc]) -> list[tuple[dict[str, float], bool]]:
    """(features, right) for every mention the linker makes in the documents."""
    found = []
    for doc, mentions in zip(docs, linker.link_all(d.text for d in docs), strict=True):
        gold = {(m.start, m.end, m.type.value): m for m in doc.mentions}
        for m in mentions:
            g = gold.get((m.start, m.end, m.type))
            right = g is not None and (not g.in_kb or g.label == m.label)
            found.append((m.features, right))
    return found


def fit(data: list[tuple[dict[str, float], bool]], penalty: float = PENALTY,
        steps: int = 50) -> dict[str, float]:
    """Feature -> weight of the penalised logistic regression.

    >>> w = fit([({"a": 1.0}, True)] * 9 + [({"a": 1.0}, False)], penalty=0.01)
    >>> round(w["a"], 1)
    2.2
    """
    import numpy as np

    names = sorted({k for features, _ in data for k in features})
    x = np.array([[f.get(k, 0.0) for k in names] for f, _ in data])
    y = np.array([1.0 if right else 0.0 for _, right in data])
    w = np.zeros(len(names))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + penalty * np.eye(len(names))
        w -= np.linalg.solve(hessian, gradient)
    return {k: float(v) for k, v in zip(names, w, strict=True)}


def write(weights: dict[str, float], data: list, path: Path, sets: str = "dev.jsonl") -> None:
    right = sum(1 for _, r in data if r)
    lines = [HEADER.format(sets=sets, examples=len(data), right=right, penalty=PENALTY),
             "feature\tweight"]
    lines += [f"{k}\t{v:.4f}" for k, v in sorted(weights.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:  # pragma: no cover - a developer's tool
    from kg.linking.evaluate import development_golds
    from kg.linking.source import cached_gazetteer, kb_files

    root = Path(__file__).resolve().parents[2]
    golds = development_golds(root, argv, "calibrate")
    loaded = cached_gazetteer(kb_files(root), "https://kg.jllib.cn/", root / "var" / "linking")
    linker = Linker(loaded.gazetteer,
                    overrides={"components.jinling_disambiguator.threshold": 0.0})
    data = [example for gold in golds for example in examples(linker, load_gold(gold))]
    weights = fit(data)
    write(weights, data, TABLES / "calibration.tsv",
          ",\n# ".join(f"tests/kg/linking/eval/{gold.name}" for gold in golds))
    sys.stdout.write("\n".join(f"{k}\t{v:+.3f}" for k, v in sorted(weights.items())) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
