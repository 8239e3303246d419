"""Tests of kg.linking.scoring: the figures on hand-made cases, gold-file checking, and the two
shipped gold sets (tests/kg/linking/eval/)."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from kg.linking.scoring import (
    MICRO,
    Counts,
    GoldError,
    MentionType,
    PredictionError,
    load_gold,
    parse_gold,
    score,
)

EVAL = Path(__file__).resolve().parent / "eval"
SETS = {"dev": EVAL / "dev.jsonl", "dev2": EVAL / "dev2.jsonl", "dev3": EVAL / "dev3.jsonl",
        "dev4": EVAL / "dev4.jsonl", "dev5": EVAL / "dev5.jsonl", "dev6": EVAL / "dev6.jsonl",
        "dev7": EVAL / "dev7.jsonl", "dev8": EVAL / "dev8.jsonl", "dev9": EVAL / "dev9.jsonl",
        "dev10": EVAL / "dev10.jsonl", "dev11": EVAL / "dev11.jsonl",
        "dev12": EVAL / "dev12.jsonl", "dev13": EVAL / "dev13.jsonl",
        "dev14": EVAL / "dev14.jsonl", "dev15": EVAL / "dev15.jsonl",
        "dev16": EVAL / "dev16.jsonl", "dev17": EVAL / "dev17.jsonl",
        "dev18": EVAL / "dev18.jsonl", "dev19": EVAL / "dev19.jsonl",
        "dev20": EVAL / "dev20.jsonl", "dev21": EVAL / "dev21.jsonl",
        "dev22": EVAL / "dev22.jsonl", "dev23": EVAL / "dev23.jsonl",
        "dev24": EVAL / "dev24.jsonl", "dev25": EVAL / "dev25.jsonl",
        "dev26": EVAL / "dev26.jsonl", "dev27": EVAL / "dev27.jsonl",
        "dev28": EVAL / "dev28.jsonl", "dev29": EVAL / "dev29.jsonl",
        "dev30": EVAL / "dev30.jsonl", "dev31": EVAL / "dev31.jsonl",
        "dev32": EVAL / "dev32.jsonl", "dev33": EVAL / "dev33.jsonl",
        "dev34": EVAL / "dev34.jsonl", "dev35": EVAL / "dev35.jsonl",
        "dev36": EVAL / "dev36.jsonl", "dev37": EVAL / "dev37.jsonl",
        "dev38": EVAL / "dev38.jsonl", "dev39": EVAL / "dev39.jsonl",
        "dev40": EVAL / "dev40.jsonl", "dev41": EVAL / "dev41.jsonl",
        "dev42": EVAL / "dev42.jsonl", "dev43": EVAL / "dev43.jsonl",
        "dev44": EVAL / "dev44.jsonl", "dev45": EVAL / "dev45.jsonl",
        "dev46": EVAL / "dev46.jsonl", "dev47": EVAL / "dev47.jsonl",
        "dev48": EVAL / "dev48.jsonl", "dev49": EVAL / "dev49.jsonl",
        "dev50": EVAL / "dev50.jsonl", "dev51": EVAL / "dev51.jsonl",
        "dev52": EVAL / "dev52.jsonl", "dev53": EVAL / "dev53.jsonl",
        "dev54": EVAL / "dev54.jsonl", "dev55": EVAL / "dev55.jsonl",
        "dev56": EVAL / "dev56.jsonl", "dev57": EVAL / "dev57.jsonl",
        "dev58": EVAL / "dev58.jsonl",
        "heldout": EVAL / "heldout.jsonl"}
# the held-out set shares no text with a development set (README); the development sets may
# share a long name (侵华日军南京大屠杀遇难同胞纪念馆)
PAIRS = [pair for pair in combinations(sorted(SETS), 2) if "heldout" in pair]

# --- a tiny gold document ------------------------------------------------------------------

TEXT = "李白登金陵凤凰台，寄杨江宁。"


def _m(surface: str, kind: str, label: str | None) -> dict:
    start = TEXT.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface, "type": kind,
            "label": label, "in_kb": label is not None}


GOLD_DOC = {"id": "d1", "source": "test", "text": TEXT, "mentions": [
    _m("李白", "PERSON", "李白"), _m("金陵", "PLACE", "金陵"),
    _m("凤凰台", "PLACE", "凤凰台"), _m("杨江宁", "PERSON", None)]}
GOLD = parse_gold([json.dumps(GOLD_DOC, ensure_ascii=False)])


def _p(surface: str, kind: str, label: str | None = None, shift: int = 0) -> dict:
    start = TEXT.index(surface)
    return {"start": start, "end": start + len(surface) + shift, "type": kind,
            "entity": None if label is None else f"entity/{label}", "label": label,
            "score": 0.9}


PERFECT = [_p("李白", "PERSON", "李白"), _p("金陵", "PLACE", "金陵"),
           _p("凤凰台", "PLACE", "凤凰台"), _p("杨江宁", "PERSON")]

FIGURES = {
    "P": lambda r: r.exact[MICRO].precision,
    "R": lambda r: r.exact[MICRO].recall,
    "F1": lambda r: r.exact[MICRO].f1,
    "person P": lambda r: r.exact["PERSON"].precision,
    "person R": lambda r: r.exact["PERSON"].recall,
    "place P": lambda r: r.exact["PLACE"].precision,
    "place R": lambda r: r.exact["PLACE"].recall,
    "relaxed place P": lambda r: r.relaxed["PLACE"].precision,
    "relaxed place R": lambda r: r.relaxed["PLACE"].recall,
    "link": lambda r: r.link_accuracy,
    "end to end": lambda r: r.end_to_end,
    "new persons": lambda r: r.new_person_recall,
}

# (case, predictions for d1, the figures that must come out; unnamed figures are not checked)
CASES = [
    ("perfect", PERFECT,
     {"P": 1, "R": 1, "F1": 1, "relaxed place P": 1, "relaxed place R": 1, "link": 1,
      "end to end": 1, "new persons": 1}),
    ("nothing predicted", [],
     {"P": 0, "R": 0, "F1": 0, "link": 0, "end to end": 0, "new persons": 0}),
    ("wrong label", [_p("金陵", "PLACE", "南京")] + PERFECT[:1] + PERFECT[2:],
     {"P": 1, "R": 1, "link": 2 / 3, "end to end": 2 / 3}),
    ("no label", [_p("金陵", "PLACE")] + PERFECT[:1] + PERFECT[2:],
     {"link": 2 / 3, "end to end": 2 / 3}),
    ("missed in-KB mention", PERFECT[:2] + PERFECT[3:],
     {"P": 1, "R": 3 / 4, "place R": 1 / 2, "place P": 1, "link": 1, "end to end": 2 / 3}),
    ("span one short", PERFECT[:2] + [_p("凤凰台", "PLACE", "凤凰台", shift=-1)] + PERFECT[3:],
     {"place P": 1 / 2, "place R": 1 / 2, "relaxed place P": 1, "relaxed place R": 1,
      "link": 1, "end to end": 2 / 3}),
    ("one span over two gold mentions", PERFECT[:1] + PERFECT[3:] + [
        {"start": 3, "end": 8, "type": "PLACE", "label": "金陵"}],
     {"place P": 0, "place R": 0, "relaxed place P": 1, "relaxed place R": 1}),
    ("new person typed as place", PERFECT[:3] + [_p("杨江宁", "PLACE")],
     {"person R": 1 / 2, "place P": 2 / 3, "new persons": 0, "link": 1}),
    ("new person linked to some entity", PERFECT[:3] + [_p("杨江宁", "PERSON", "杨某")],
     {"P": 1, "new persons": 1, "link": 1, "end to end": 1}),
    ("duplicate prediction", PERFECT + [_p("李白", "PERSON", "李白")],
     {"person P": 2 / 3, "person R": 1, "P": 4 / 5, "R": 1}),
    ("type outside the six", PERFECT + [_p("寄", "THING")],
     {"P": 4 / 5, "R": 1, "person P": 1, "place P": 1}),
    ("wrong type on an in-KB mention", [_p("李白", "PLACE", "李白")] + PERFECT[1:],
     {"person R": 1 / 2, "place P": 2 / 3, "link": 1, "end to end": 2 / 3}),
]


@pytest.mark.parametrize(("case", "predicted", "expected"), CASES, ids=[c[0] for c in CASES])
def test_scoring_figures(case, predicted, expected):
    report = score(GOLD, {"d1": predicted})
    got = {name: FIGURES[name](report) for name in expected}
    assert got == pytest.approx(expected), case


def test_scoring_counts_per_type_and_micro():
    report = score(GOLD, {"d1": PERFECT[:2] + [_p("寄", "THING")]})
    assert report.exact["PERSON"] == Counts(gold=2, predicted=1, found=1, correct=1)
    assert report.exact["PLACE"] == Counts(gold=2, predicted=1, found=1, correct=1)
    assert report.exact["WORK"] == Counts()
    assert report.exact[MICRO] == Counts(gold=4, predicted=3, found=2, correct=2)
    assert (report.kb_gold, report.kb_detected, report.kb_linked) == (3, 2, 2)
    assert (report.new_person_gold, report.new_person_found) == (1, 0)


def test_scoring_counts_add_over_documents():
    second = dict(GOLD_DOC, id="d2")
    gold = parse_gold([json.dumps(d, ensure_ascii=False) for d in (GOLD_DOC, second)])
    report = score(gold, {"d1": PERFECT, "d2": PERFECT[:1]})
    assert report.exact[MICRO] == Counts(gold=8, predicted=5, found=5, correct=5)
    assert report.documents == 2
    assert report.end_to_end == pytest.approx(4 / 6)


def test_scoring_lists_documents_without_predictions():
    second = dict(GOLD_DOC, id="d2")
    gold = parse_gold([json.dumps(d, ensure_ascii=False) for d in (GOLD_DOC, second)])
    assert score(gold, {"d1": PERFECT}).unpredicted == ("d2",)
    assert score(gold, {"d1": PERFECT, "d2": []}).unpredicted == ()


@pytest.mark.parametrize(("predicted", "says"), [
    ({"nope": []}, "not in the gold"),
    ({"d1": [{"start": 0, "end": 2}]}, "prediction 0"),
    ({"d1": [{"start": "0", "end": 2, "type": "PERSON"}]}, "integers"),
    ({"d1": ["李白"]}, "prediction 0"),
])
def test_scoring_rejects_bad_predictions(predicted, says):
    with pytest.raises(PredictionError, match=says):
        score(GOLD, predicted)


def test_scoring_table_shows_every_figure():
    table = score(GOLD, {"d1": PERFECT[:3]}).table()
    for kind in MentionType:
        assert kind.value in table
    assert "micro" in table and "overlapping span" in table
    assert "(3/3)" in table          # linking accuracy on detected in-KB mentions
    assert "(0/1)" in table          # new persons recalled
    assert "0.857" in table          # micro F1 of 3 out of 4 with perfect precision


def test_scoring_counts_without_predictions_are_zero_not_errors():
    assert Counts().precision == Counts().recall == Counts().f1 == 0.0


# --- reading gold files -------------------------------------------------------------------

def _line(**changes) -> str:
    doc = json.loads(json.dumps(GOLD_DOC))
    mention = changes.pop("mention", None)
    if mention:
        doc["mentions"][0].update(mention)
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False)


OVERLAP = dict(GOLD_DOC, mentions=GOLD_DOC["mentions"] + [
    {"start": 4, "end": 6, "text": "陵凤", "type": "PLACE", "label": None, "in_kb": False}])

BAD_LINES = [
    ("not JSON", "{", None, "not JSON"),
    ("not an object", "[1]", None, "not a JSON object"),
    ("no text", _line(text=None), "text", "missing"),
    ("mentions not a list", _line(mentions={}), "mentions", "missing"),
    ("offset is a bool", _line(mention={"start": False}), "mentions[0].start", "int"),
    ("offset a string", _line(mention={"end": "2"}), "mentions[0].end", "int"),
    ("offsets miss the text", _line(mention={"start": 1, "end": 3}), "mentions[0]",
     "do not give"),
    ("end past the text", _line(mention={"end": 99}), "mentions[0]", "do not give"),
    ("empty span", _line(mention={"end": 0, "text": ""}), "mentions[0]", "do not give"),
    ("unknown type", _line(mention={"type": "PEOPLE"}), "mentions[0].type", "unknown type"),
    ("in KB without label", _line(mention={"label": None}), "mentions[0].label", "label"),
    ("label but not in KB", _line(mention={"in_kb": False}), "mentions[0].label", "label"),
    ("empty label", _line(mention={"label": ""}), "mentions[0].label", "label"),
    ("in_kb not a bool", _line(mention={"in_kb": 1}), "mentions[0].in_kb", "bool"),
    ("same-type overlap", json.dumps(OVERLAP, ensure_ascii=False), "mentions[4]", "overlaps"),
]


@pytest.mark.parametrize(("case", "line", "field", "says"), BAD_LINES,
                         ids=[b[0] for b in BAD_LINES])
def test_scoring_gold_errors_name_line_and_field(case, line, field, says):
    with pytest.raises(GoldError, match=says) as caught:
        parse_gold(["", _line(), "", line.replace('"d1"', '"d9"')], source="g.jsonl")
    err = caught.value
    assert (err.source, err.line, err.field) == ("g.jsonl", 4, field), case
    assert str(err).startswith("g.jsonl, line 4")


def test_scoring_gold_rejects_a_repeated_id():
    with pytest.raises(GoldError, match="already used on line 1") as caught:
        parse_gold([_line(), _line()])
    assert (caught.value.line, caught.value.field) == (2, "id")


def test_scoring_gold_allows_overlaps_of_different_types():
    nested = dict(GOLD_DOC, mentions=GOLD_DOC["mentions"] + [
        {"start": 3, "end": 8, "text": "金陵凤凰台", "type": "WORK", "label": None,
         "in_kb": False}])
    assert len(parse_gold([json.dumps(nested, ensure_ascii=False)])[0].mentions) == 5


def test_scoring_load_gold_reads_a_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_line() + "\n\n" + _line(id="d2") + "\n", encoding="utf-8")
    docs = load_gold(path)
    assert [d.id for d in docs] == ["d1", "d2"]
    assert docs[0].mentions[3].label is None and docs[0].mentions[3].in_kb is False
    with pytest.raises(OSError):
        load_gold(tmp_path / "missing.jsonl")


# --- the shipped gold sets ----------------------------------------------------------------

@pytest.fixture(scope="module")
def gold_sets():
    return {name: load_gold(path) for name, path in SETS.items()}


def test_scoring_gold_sets_load_and_are_big_enough(gold_sets):
    # load_gold has checked offsets, types, labels, same-type overlaps and ids on every line
    for name, floor_docs, floor_mentions in (("dev", 55, 600), ("dev2", 25, 200),
                                             ("dev3", 45, 600),
                                             ("heldout", 35, 400)):
        docs = gold_sets[name]
        mentions = [m for d in docs for m in d.mentions]
        assert len(docs) >= floor_docs and len(mentions) >= floor_mentions, name
        assert {m.type for m in mentions} == set(MentionType), name
        new_persons = [m for m in mentions if m.type is MentionType.PERSON and not m.in_kb]
        assert len(new_persons) >= 40, name


def test_scoring_gold_ids_unique_across_sets(gold_sets):
    ids = [d.id for docs in gold_sets.values() for d in docs]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
def test_scoring_gold_sets_share_no_passage(gold_sets, pair):
    sources = [{d.source for d in gold_sets[name] if not d.source.startswith(_NOTE)}
               for name in pair]
    assert not sources[0] & sources[1]
    plan = [sorted(_plan_ranges(gold_sets[name])) for name in pair]
    for a in plan[0]:
        assert all(a[1] <= b[0] or b[1] <= a[0] for b in plan[1]), a


@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
def test_scoring_gold_sets_share_no_text(gold_sets, pair):
    # only the count is reported: the held-out text must not be shown
    windows = [_windows(gold_sets[name], 16) for name in pair]
    assert not windows[0] & windows[1], f"{len(windows[0] & windows[1])} shared stretches"


def test_scoring_gold_mentions_follow_the_span_rules(gold_sets):
    for docs in gold_sets.values():
        for doc in docs:
            for m in doc.mentions:
                assert m.text == m.text.strip() and not set(m.text) & set("《》\n"), (doc.id, m)


def test_scoring_gold_scores_perfectly_against_itself(gold_sets):
    for docs in gold_sets.values():
        echo = {d.id: [{"start": m.start, "end": m.end, "type": m.type.value,
                        "label": m.label} for m in d.mentions] for d in docs}
        report = score(docs, echo)
        assert report.exact[MICRO].f1 == report.end_to_end == report.new_person_recall == 1.0


_NOTE = "note written for this gold set"


def _plan_ranges(docs):
    for d in docs:
        if d.source.startswith("documents/"):
            start, end = d.source.split("characters ")[1].split(" ")[0].split("-")
            yield int(start), int(end)


def _windows(docs, n):
    found = set()
    for d in docs:
        text = "".join(d.text.split())
        found |= {text[i:i + n] for i in range(len(text) - n + 1)}
    return found
