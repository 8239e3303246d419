"""The linker's errors on the development set, by type: what to look at when improving it.

    python -m kg.linking.errors_report [tests/kg/linking/eval/dev.jsonl] [--type PLACE]
        [--kind missed|spurious|label] [--width 8]

Each line is one error with the text around it (``width`` characters either side, the mention
in 【】): ``missed`` — a gold mention no prediction matches exactly (with what the linker found
over it, if anything); ``spurious`` — a prediction no gold mention matches (with the gold
mention it overlaps, if any); ``label`` — an in-KB gold mention found with the wrong label.
A count per type and kind closes the report. Only the development set may be read here, as in
`kg.linking.calibrate`: the tool refuses the held-out set.

>>> g = GoldMention(2, 4, "南京", MentionType.PLACE, "南京", True)
>>> p = {"start": 2, "end": 3, "type": "PLACE", "label": None, "text": "南"}
>>> [(e.kind, e.type) for e in doc_errors("在这南京", [g], [p])]
[('missed', 'PLACE'), ('spurious', 'PLACE')]
>>> window("一二三四五六七", 3, 5, 2)
'二三【四五】六七'
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.linking.scoring import GoldMention, MentionType, load_gold

KINDS = ("missed", "spurious", "label")


@dataclass(frozen=True, slots=True)
class LinkError:
    """One error of one document: its kind, type, span and what stood on the other side."""

    doc: str
    kind: str          # missed, spurious or label
    type: str
    start: int
    end: int
    other: str         # the overlapping prediction or gold mention, or the labels compared


def window(text: str, start: int, end: int, width: int) -> str:
    """The mention in 【】 with ``width`` characters either side, on one line."""
    out = (text[max(0, start - width):start] + "【" + text[start:end] + "】"
           + text[end:end + width])
    return out.replace("\n", "⏎")


def _describe(items) -> str:
    return " ".join(f"{m['text'] if isinstance(m, dict) else m.text}/"
                    f"{m['type'] if isinstance(m, dict) else m.type.value}" for m in items)


def _overlapping(start: int, end: int, items) -> list:
    return [m for m in items if _start(m) < end and start < _end(m)]


def _start(m) -> int:
    return m["start"] if isinstance(m, dict) else m.start


def _end(m) -> int:
    return m["end"] if isinstance(m, dict) else m.end


def doc_errors(doc_id: str, gold: list[GoldMention], predicted: list[dict]) -> list[LinkError]:
    """The missed, spurious and mislabelled mentions of one document."""
    by_span = {(p["start"], p["end"], p["type"]): p for p in predicted}
    keys = {(g.start, g.end, g.type.value) for g in gold}
    out = []
    for g in gold:
        p = by_span.get((g.start, g.end, g.type.value))
        if p is None:
            out.append(LinkError(doc_id, "missed", g.type.value, g.start, g.end,
                                 _describe(_overlapping(g.start, g.end, predicted))))
        elif g.in_kb and p.get("label") != g.label:
            out.append(LinkError(doc_id, "label", g.type.value, g.start, g.end,
                                 f"gold {g.label} / linked {p.get('label')}"))
    for p in predicted:
        if (p["start"], p["end"], p["type"]) not in keys:
            out.append(LinkError(doc_id, "spurious", p["type"], p["start"], p["end"],
                                 _describe(_overlapping(p["start"], p["end"], gold))))
    return out


def report_lines(errors: list[LinkError], texts: dict[str, str], width: int) -> list[str]:
    """One line per error, grouped by kind and type, then the counts."""
    lines = []
    for e in sorted(errors, key=lambda e: (KINDS.index(e.kind), e.type, e.doc, e.start)):
        lines.append(f"{e.kind:8} {e.type:12} {e.doc:24} "
                     f"{window(texts[e.doc], e.start, e.end, width)}  [{e.other}]")
    counts = Counter((e.kind, e.type) for e in errors)
    lines.append("")
    for kind in KINDS:
        row = "  ".join(f"{t.value}={counts[(kind, t.value)]}" for t in MentionType)
        lines.append(f"{kind:8} {row}")
    return lines


def main(argv: list[str]) -> int:  # pragma: no cover - a developer's tool
    from kg.linking.evaluate import predictions
    from kg.linking.linker import Linker
    from kg.linking.source import cached_gazetteer, kb_files

    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path,
                        default=root / "tests/kg/linking/eval/dev.jsonl")
    parser.add_argument("--type", choices=[t.value for t in MentionType])
    parser.add_argument("--kind", choices=KINDS)
    parser.add_argument("--width", type=int, default=8)
    args = parser.parse_args(argv)
    if "heldout" in args.gold.name:
        raise SystemExit("report on the development set only")
    loaded = cached_gazetteer(kb_files(root), "https://kg.jllib.cn/", root / "var" / "linking")
    docs = load_gold(args.gold)
    found = predictions(Linker(loaded.gazetteer), docs)
    errors = [e for d in docs for e in doc_errors(d.id, list(d.mentions), found[d.id])
              if (args.type is None or e.type == args.type)
              and (args.kind is None or e.kind == args.kind)]
    texts = {d.id: d.text for d in docs}
    sys.stdout.write("\n".join(report_lines(errors, texts, args.width)) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
