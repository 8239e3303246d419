"""kg.linking.recognizers.tagger and kg.linking.train_tagger: the learned person recogniser, off
in the shipped config, and the script that fits it."""

import math
from pathlib import Path

import pytest

from kg.linking.evaluate import development_golds, overrides
from kg.linking.linker import Linker
from kg.linking.model import Proposal
from kg.linking.recognizers.tagger import (
    Context,
    Model,
    Tagger,
    candidates,
    char_buckets,
    features,
    model_weights,
    probability,
    skipped_surnames,
)
from kg.linking.scoring import parse_gold
from kg.linking.train_tagger import examples, fit, skips, write_tables

ENABLED = "components.jinling_recognizers.recognizers.tagger.enabled"
SPEECH = {"b": -2.0, "r1:说": 4.0}


def test_tagger_candidates_start_at_surnames_outside_words():
    words = frozenset({"长江", "江南"})
    found = {(s, e) for s, e, _ in candidates("陈勋说长江江南", words)}
    assert {(0, 2), (0, 3)} <= found
    assert not any(s in (4, 5) for s, _ in found)  # 江 ends 长江, then starts 江南


def test_tagger_candidates_take_a_compound_surname_whole():
    assert (0, 3, 2) in set(candidates("欧阳修。", frozenset()))


def test_tagger_proposes_the_likelier_length():
    proposals = Tagger(weights=SPEECH, enabled=True)("他看见陈勋说", [])
    assert [(p.start, p.end, p.type, p.origin) for p in proposals] == [
        (3, 5, "PERSON", "tagger")]
    assert 0.8 < proposals[0].strength < 0.9


def test_tagger_leaves_rule_persons_kb_names_and_titles_alone():
    tagger = Tagger(weights=SPEECH, enabled=True)
    assert tagger("他看见陈勋说", [Proposal(3, 5, "PERSON", (), "person.verb", 0.8)]) == []
    assert tagger("他看见陈勋说", [Proposal(3, 4, "PLACE", ())]) == []
    assert tagger("《陈勋说》", []) == []


def test_tagger_off_proposes_nothing():
    assert Tagger(weights=SPEECH)("他看见陈勋说", []) == []


def test_tagger_model_scores_as_the_feature_names_do():
    weights = {"b": -1.0, "s:陈": 0.5, "l1:见": 0.7, "r2:说完": 1.1, "rp": 2.0, "n:1": -0.3}
    ctx = Context("他看见陈勋说完。陈勋", None)
    for start, end, surname in ctx.candidates:
        assert math.isclose(Model(weights).probability(ctx, start, end, surname),
                            probability(features(ctx, start, end, surname), weights))


def test_tagger_features_name_the_context_without_blanks():
    ctx = Context("王明\n说", None)
    names = features(ctx, 0, 2, 1)
    assert "r1:_" in names and "lp" in names and "s:王" in names
    assert not any(" " in n or "\n" in n or "\t" in n for n in names)


def test_tagger_features_see_a_repeated_name():
    ctx = Context("许立群来了，许立群说", None)
    assert "rep" in features(ctx, 0, 3, 1)


def test_tagger_shipped_tables_load():
    weights = model_weights()
    assert "b" in weights and all(math.isfinite(v) for v in weights.values())
    assert {"宗", "江"} <= skipped_surnames() and "王" not in skipped_surnames()
    assert all(b in {"-3", "-2", "-1", "1", "2", "3"} for b in char_buckets().values())


def test_tagger_off_in_the_shipped_config_and_on_by_override(gazetteer):
    text = "乃补太学博士。柳元郢节度剑南东川"  # no list holds the name (柳仲郢 is listed now)
    off = Linker(gazetteer).link(text)
    on = Linker(gazetteer, overrides=overrides([f"{ENABLED}=true"])).link(text)
    assert not any(m.origin == "tagger" for m in off)
    assert [(m.text, m.type) for m in on if m.origin == "tagger"] == [("柳元郢", "PERSON")]


def test_train_tagger_fit_learns_a_context():
    data = [(["b", "r1:说"], True)] * 30 + [(["b", "r1:的"], False)] * 30
    weights = fit(data, penalty=0.1)
    assert probability(["b", "r1:说"], weights) > 0.9
    assert probability(["b", "r1:的"], weights) < 0.1


def test_train_tagger_examples_label_gold_persons(linker):
    gold = parse_gold(['{"id": "d", "source": "s", "text": "校尉陈勋开破冈渎", "mentions": ['
                       '{"start": 2, "end": 4, "text": "陈勋", "type": "PERSON", '
                       '"label": null, "in_kb": false}]}'])
    found = examples(linker, gold)
    assert [right for _, right in found].count(True) == 1
    assert "s:陈" in next(names for names, right in found if right)


def test_train_tagger_skips_surnames_seldom_names():
    data = [(["b", "s:宗", "n:1"], False)] * 50 + [(["b", "s:王", "n:1"], True)] * 5
    assert skips(data) == {"宗": (50, 0)}


def test_train_tagger_writes_the_three_tables(tmp_path):
    write_tables({"b": -1.25, "l1:": 0.5}, {"禧": 2}, [(["b"], True)], "a set",
                 {"宗": (50, 0)}, tmp_path)
    weights = (tmp_path / "tagger.tsv").read_text(encoding="utf-8").splitlines()
    assert "b\t-1.2500" in weights and "l1:\t0.5000" in weights
    assert "禧\t2" in (tmp_path / "given_name_chars.tsv").read_text(encoding="utf-8")
    assert "宗\t50\t0" in (tmp_path / "tagger_skips.tsv").read_text(encoding="utf-8")


def test_development_golds_refuse_the_held_out_set(tmp_path):
    assert development_golds(tmp_path, ["a/dev.jsonl"], "x") == [Path("a/dev.jsonl")]
    with pytest.raises(SystemExit, match="train the tagger on the development sets only"):
        development_golds(tmp_path, ["eval/heldout.jsonl"], "train the tagger")
