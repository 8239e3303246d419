"""Scores entity-linking output against a gold annotation set (pure functions, no store).

The gold sets live in ``tests/kg/linking/eval/`` (``dev.jsonl`` to tune on, ``heldout.jsonl``
to report on); their README gives the annotation guidelines. One gold document per line::

    {"id": str, "source": str, "text": str,
     "mentions": [{"start": int, "end": int, "text": str, "type": MentionType,
                   "label": str | null, "in_kb": bool}]}

``start``/``end`` are Python ``str`` offsets into ``text``; ``label`` is the KB entity's
simplified ``skos:prefLabel``, null exactly when ``in_kb`` is false.

Predictions have the shape ``jinling link`` prints: a mapping from document id to a list of
``{"start", "end", "type", "entity", "label", "score"}``. `score` compares them with the gold:

- detection, exact: a predicted mention counts when its start, end and type equal a gold
  mention's (each gold mention matches at most one prediction); per type and micro-averaged;
- detection, relaxed: a prediction counts when it overlaps a gold mention of its type by at
  least one character, and a gold mention is found when some prediction of its type overlaps it;
- linking accuracy: over the in-KB gold mentions detected exactly, the share whose predicted
  ``label`` equals the gold label; end to end: the same hits over all in-KB gold mentions;
- new-person recall: the share of gold PERSON mentions not in the KB that were detected
  exactly as PERSON, whatever entity or label the prediction carries.

Errors: `GoldError` (a gold line that breaks the format; names the file, line and field) and
`PredictionError` (a prediction that does not fit the gold: unknown document, missing field).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from kg.errors import KgError

MICRO = "micro"


class MentionType(StrEnum):
    """The six mention types of the gold sets and of ``jinling link``."""

    PERSON = "PERSON"
    PLACE = "PLACE"
    ORGANIZATION = "ORGANIZATION"
    WORK = "WORK"
    EVENT = "EVENT"
    PERIOD = "PERIOD"


class GoldError(KgError, ValueError):
    """A gold line that breaks the format; says which file, line and field."""

    def __init__(self, message: str, *, source: str, line: int, field: str | None = None):
        self.message, self.source, self.line, self.field = message, source, line, field
        where = f"{source}, line {line}" + (f", field {field}" if field else "")
        super().__init__(f"{where}: {message}")


class PredictionError(KgError, ValueError):
    """A prediction that cannot be scored: unknown document, missing or mistyped field."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated mention; ``label`` is None exactly when ``in_kb`` is false."""

    start: int
    end: int
    text: str
    type: MentionType
    label: str | None
    in_kb: bool


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document with its mentions in text order."""

    id: str
    source: str
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class Counts:
    """Matches of one detection figure: ``found`` gold mentions matched out of ``gold``,
    ``correct`` predictions matched out of ``predicted``.

    >>> Counts(gold=4, predicted=2, found=2, correct=2).f1
    0.6666666666666666
    """

    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return _share(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _share(self.found, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.predicted + other.predicted,
                      self.found + other.found, self.correct + other.correct)


@dataclass(frozen=True, slots=True)
class Report:
    """All figures of one scoring run. ``exact`` and ``relaxed`` map each type name, and
    ``"micro"`` for all types together, to its `Counts`."""

    exact: dict[str, Counts]
    relaxed: dict[str, Counts]
    kb_gold: int          # gold mentions with in_kb true
    kb_detected: int      # ... of them detected exactly
    kb_linked: int        # ... of those with the gold label
    new_person_gold: int  # gold PERSON mentions with in_kb false
    new_person_found: int  # ... of them detected exactly as PERSON
    documents: int = 0
    unpredicted: tuple[str, ...] = field(default=())  # gold ids with no prediction entry

    @property
    def link_accuracy(self) -> float:
        """Correct labels over the in-KB gold mentions that were detected."""
        return _share(self.kb_linked, self.kb_detected)

    @property
    def end_to_end(self) -> float:
        """Correct labels over all in-KB gold mentions."""
        return _share(self.kb_linked, self.kb_gold)

    @property
    def new_person_recall(self) -> float:
        return _share(self.new_person_found, self.new_person_gold)

    def table(self) -> str:
        """The figures as a plain-text table (for the docs and the terminal)."""
        lines = [f"documents: {self.documents}"]
        for title, counts in (("detection, exact span and type", self.exact),
                              ("detection, overlapping span, same type", self.relaxed)):
            lines += ["", _ROW.format(title, "P", "R", "F1", "gold", "pred")]
            lines += [_counts_row(name, counts[name]) for name in _row_names()]
        lines += ["", "linking (gold mentions in the KB)",
                  _ratio_row("accuracy on detected", self.kb_linked, self.kb_detected),
                  _ratio_row("end to end", self.kb_linked, self.kb_gold),
                  _ratio_row("new persons recalled", self.new_person_found,
                             self.new_person_gold)]
        return "\n".join(lines)


_ROW = "{:<40}{:>7}{:>7}{:>7}{:>7}{:>7}"


def _row_names() -> list[str]:
    return [t.value for t in MentionType] + [MICRO]


def _counts_row(name: str, c: Counts) -> str:
    return _ROW.format(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                       c.gold, c.predicted)


def _ratio_row(name: str, hits: int, total: int) -> str:
    return f"  {name:<38}{_share(hits, total):>7.3f}  ({hits}/{total})"


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# --- reading the gold ----------------------------------------------------------------------

_MENTION_FIELDS = {"start": int, "end": int, "text": str, "type": str, "in_kb": bool}


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read and check a gold file (JSON Lines, one document a line; blank lines skipped).

    Raises:
        GoldError: a line that is not JSON, a missing or mistyped field, offsets that do not
            give the mention text, an unknown type, a label that disagrees with ``in_kb``,
            overlapping mentions of one type, or an id used twice.
        OSError: the file cannot be read.
    """
    path = Path(path)
    with path.open(encoding="utf-8") as lines:
        return parse_gold(lines, source=str(path))


def parse_gold(lines: Iterable[str], source: str = "<gold>") -> list[GoldDoc]:
    """The documents of gold ``lines``, checked as `load_gold` does.

    >>> line = ('{"id": "d1", "source": "note", "text": "登金陵凤凰台", "mentions": '
    ...         '[{"start": 1, "end": 3, "text": "金陵", "type": "PLACE", "label": "金陵", '
    ...         '"in_kb": true}]}')
    >>> parse_gold([line])[0].mentions[0].type
    <MentionType.PLACE: 'PLACE'>
    """
    docs: list[GoldDoc] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        doc = _parse_doc(line, source, number)
        if doc.id in seen:
            raise GoldError(f"id {doc.id!r} already used on line {seen[doc.id]}",
                            source=source, line=number, field="id")
        seen[doc.id] = number
        docs.append(doc)
    return docs


def _parse_doc(line: str, source: str, number: int) -> GoldDoc:
    def fail(message: str, where: str | None = None) -> GoldError:
        return GoldError(message, source=source, line=number, field=where)

    try:
        raw = json.loads(line)
    except json.JSONDecodeError as err:
        raise fail(f"not JSON: {err.msg} at column {err.colno}") from None
    if not isinstance(raw, dict):
        raise fail("not a JSON object")
    for key, kind in (("id", str), ("source", str), ("text", str), ("mentions", list)):
        if not isinstance(raw.get(key), kind):
            raise fail(f"missing or not a {kind.__name__}", key)
    mentions = tuple(_parse_mention(m, raw["text"], f"mentions[{i}]", fail)
                     for i, m in enumerate(raw["mentions"]))
    _check_overlaps(mentions, fail)
    return GoldDoc(raw["id"], raw["source"], raw["text"], mentions)


def _parse_mention(raw: Any, text: str, where: str, fail: Any) -> GoldMention:
    if not isinstance(raw, dict):
        raise fail("not a JSON object", where)
    for key, kind in _MENTION_FIELDS.items():
        value = raw.get(key)
        # bool is an int in Python: offsets must not be true/false
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise fail(f"missing or not a {kind.__name__}", f"{where}.{key}")
    start, end = raw["start"], raw["end"]
    if not 0 <= start < end <= len(text) or text[start:end] != raw["text"]:
        raise fail(f"offsets {start}-{end} do not give {raw['text']!r}", where)
    if raw["type"] not in MentionType.__members__:
        raise fail(f"unknown type {raw['type']!r} (known: {', '.join(MentionType)})",
                   f"{where}.type")
    label = raw.get("label")
    if raw["in_kb"] != isinstance(label, str) or label == "":
        raise fail("label must be a non-empty string when in_kb is true and null when false",
                   f"{where}.label")
    return GoldMention(start, end, raw["text"], MentionType(raw["type"]), label, raw["in_kb"])


def _check_overlaps(mentions: Sequence[GoldMention], fail: Any) -> None:
    ordered = sorted(enumerate(mentions), key=lambda im: (im[1].type, im[1].start))
    for (_, a), (j, b) in zip(ordered, ordered[1:], strict=False):
        if a.type == b.type and b.start < a.end:
            raise fail(f"{b.type} {b.text!r} overlaps {a.text!r}", f"mentions[{j}]")


# --- scoring --------------------------------------------------------------------------------

Span = tuple[int, int, str]


def score(gold_docs: Sequence[GoldDoc], predicted: Mapping[str, Sequence[Mapping[str, Any]]]
          ) -> Report:
    """Compare predictions with the gold documents (see the module docstring for the figures).

    A gold document with no entry in ``predicted`` counts as predicted empty, and is listed in
    `Report.unpredicted`.

    Raises:
        PredictionError: ``predicted`` names a document that is not in the gold, or a
            prediction lacks start, end or type or has them of the wrong kind.

    >>> gold = parse_gold(['{"id": "d", "source": "s", "text": "李白登金陵", "mentions": ['
    ...     '{"start": 0, "end": 2, "text": "李白", "type": "PERSON", "label": "李白", '
    ...     '"in_kb": true}, {"start": 3, "end": 5, "text": "金陵", "type": "PLACE", '
    ...     '"label": "金陵", "in_kb": true}]}'])
    >>> report = score(gold, {"d": [{"start": 0, "end": 2, "type": "PERSON", "label": "李白"}]})
    >>> report.exact["micro"].recall, report.link_accuracy, report.end_to_end
    (0.5, 1.0, 0.5)
    """
    known = {doc.id for doc in gold_docs}
    strangers = sorted(set(predicted) - known)
    if strangers:
        raise PredictionError(f"predictions for documents not in the gold: {strangers[:5]}")
    parts = [_score_doc(doc, _spans(doc.id, predicted.get(doc.id, ()))) for doc in gold_docs]
    return Report(
        exact=_by_type(p.exact for p in parts),
        relaxed=_by_type(p.relaxed for p in parts),
        kb_gold=sum(p.kb_gold for p in parts),
        kb_detected=sum(p.kb_detected for p in parts),
        kb_linked=sum(p.kb_linked for p in parts),
        new_person_gold=sum(p.new_person_gold for p in parts),
        new_person_found=sum(p.new_person_found for p in parts),
        documents=len(gold_docs),
        unpredicted=tuple(doc.id for doc in gold_docs if doc.id not in predicted),
    )


@dataclass(frozen=True, slots=True)
class _DocScore:
    exact: dict[str, Counts]
    relaxed: dict[str, Counts]
    kb_gold: int
    kb_detected: int
    kb_linked: int
    new_person_gold: int
    new_person_found: int


@dataclass(frozen=True, slots=True)
class _Prediction:
    span: Span
    label: str | None


def _spans(doc_id: str, mentions: Sequence[Mapping[str, Any]]) -> list[_Prediction]:
    found = []
    for i, mention in enumerate(mentions):
        try:
            start, end, kind = mention["start"], mention["end"], mention["type"]
        except (KeyError, TypeError) as err:
            raise PredictionError(f"{doc_id}, prediction {i}: no {err}") from None
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(kind, str)):
            raise PredictionError(f"{doc_id}, prediction {i}: start and end must be integers "
                                  "and type a string")
        found.append(_Prediction((start, end, kind), mention.get("label")))
    return found


def _score_doc(doc: GoldDoc, predictions: list[_Prediction]) -> _DocScore:
    gold_spans = [(m.start, m.end, m.type.value) for m in doc.mentions]
    exact = _exact_counts(gold_spans, [p.span for p in predictions])
    relaxed = _relaxed_counts(gold_spans, [p.span for p in predictions])
    labels: dict[Span, str | None] = {}
    for p in predictions:
        labels.setdefault(p.span, p.label)  # a repeated span is a false positive, not a 2nd try
    in_kb = [m for m in doc.mentions if m.in_kb]
    detected = [m for m in in_kb if (m.start, m.end, m.type.value) in labels]
    linked = [m for m in detected if labels[(m.start, m.end, m.type.value)] == m.label]
    new = [m for m in doc.mentions if m.type is MentionType.PERSON and not m.in_kb]
    new_found = [m for m in new if (m.start, m.end, m.type.value) in labels]
    return _DocScore(exact, relaxed, len(in_kb), len(detected), len(linked),
                     len(new), len(new_found))


def _exact_counts(gold: list[Span], predicted: list[Span]) -> dict[str, Counts]:
    gold_n, pred_n = Counter(gold), Counter(predicted)
    hits = gold_n & pred_n
    return {kind: Counts(gold=_of(gold_n, kind), predicted=_of(pred_n, kind),
                         found=_of(hits, kind), correct=_of(hits, kind))
            for kind in _kinds(gold, predicted)}


def _relaxed_counts(gold: list[Span], predicted: list[Span]) -> dict[str, Counts]:
    counts = {}
    for kind in _kinds(gold, predicted):
        g = [s for s in gold if s[2] == kind]
        p = [s for s in predicted if s[2] == kind]
        counts[kind] = Counts(gold=len(g), predicted=len(p),
                              found=sum(any(_overlap(a, b) for b in p) for a in g),
                              correct=sum(any(_overlap(b, a) for a in g) for b in p))
    return counts


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _kinds(gold: list[Span], predicted: list[Span]) -> set[str]:
    return {s[2] for s in gold} | {s[2] for s in predicted}


def _of(counter: Counter[Span], kind: str) -> int:
    return sum(n for span, n in counter.items() if span[2] == kind)


def _by_type(per_doc: Iterable[dict[str, Counts]]) -> dict[str, Counts]:
    """Sum per-document counts by type; every known type appears, unknown predicted types too
    (they only add false positives), and ``micro`` sums them all."""
    totals: dict[str, Counts] = {kind.value: Counts() for kind in MentionType}
    for counts in per_doc:
        for kind, c in counts.items():
            totals[kind] = totals.get(kind, Counts()) + c
    totals[MICRO] = sum(totals.values(), Counts())
    return totals
