"""kg.linking.calibrate and kg.linking.confidence: the fitted model behind every score."""

import math

from kg.linking.calibrate import examples, fit, write
from kg.linking.confidence import probability, weights
from kg.linking.scoring import parse_gold


def test_calibrate_fit_separates_right_from_wrong():
    data = [({"bias": 1.0, "good": 1.0}, True)] * 20 + [({"bias": 1.0, "good": 0.0}, False)] * 20
    w = fit(data, penalty=0.1)
    assert probability({"bias": 1.0, "good": 1.0}, w) > 0.9
    assert probability({"bias": 1.0, "good": 0.0}, w) < 0.1


def test_calibrate_examples_label_by_span_type_and_label(linker):
    gold = parse_gold(['{"id": "d", "source": "s", "text": "朱元璋葬于孝陵", "mentions": ['
                       '{"start": 0, "end": 3, "text": "朱元璋", "type": "PERSON", '
                       '"label": "朱元璋", "in_kb": true}, {"start": 5, "end": 7, "text": "孝陵", '
                       '"type": "PLACE", "label": "别的陵", "in_kb": true}]}'])
    found = examples(linker, gold)
    assert [right for _, right in found] == [True, False]
    assert found[0][0]["kb"] == 1.0


def test_calibrate_write_is_a_table(tmp_path):
    path = tmp_path / "calibration.tsv"
    write({"kb": 0.5, "rule": -1.25}, [({}, True), ({}, False)], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "feature\tweight" in lines and "rule\t-1.2500" in lines


def test_confidence_shipped_weights_are_finite():
    assert all(math.isfinite(v) for v in weights().values())
    assert {"kb", "rule", "prior", "strength"} <= set(weights())


def test_confidence_rule_features_note_a_verb_before_and_length():
    from kg.linking.confidence import rule_features
    from kg.linking.model import Proposal

    norm = "登梅冈望金陵，南京市文化和旅游局"
    place = rule_features(Proposal(1, 3, "PLACE", (), "suffix.place", 0.6), norm)
    org = rule_features(Proposal(7, 16, "ORGANIZATION", (), "suffix.organization", 0.75), norm)
    assert place["after_verb:PLACE"] == 1.0 and "long:PLACE" not in place
    assert org["long:ORGANIZATION"] == 1.0 and "after_verb:ORGANIZATION" not in org


def test_confidence_era_cue_after_and_before_the_name():
    from kg.linking.confidence import era_cue
    from kg.linking.model import Proposal

    def cued(text: str, start: int) -> bool:
        return era_cue(text, Proposal(start, start + 2, None), {"明": ()})

    assert cued("嘉庆五年", 0) and cued("嘉庆刻本", 0) and cued("明洪武", 1)
    assert not cued("嘉庆皇帝", 0) and not cued("藏嘉庆帖", 1)
