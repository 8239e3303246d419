"""kg.linking.normalize: simplified, half-width, and never a different length."""

import pytest

from kg.linking import normalize
from kg.linking.normalize import half_width, normalise, simplified


@pytest.mark.cases("normalize")
def test_normalize_cases(text, normalised):
    assert normalise(text) == normalised
    assert len(normalise(text)) == len(text)


def test_normalize_keeps_length_where_opencc_would_not(monkeypatch):
    class Stretching:
        def convert(self, text):
            return text + "X" if len(text) > 1 else {"臺": "台"}.get(text, text)

    monkeypatch.setattr(normalize, "_t2s", lambda: Stretching())
    normalize._char.cache_clear()
    try:
        assert simplified("臺城") == "台城"
    finally:
        normalize._char.cache_clear()


def test_normalize_half_width_only_touches_full_width():
    assert half_width("金陵ＡＢ　") == "金陵AB "


def test_normalize_is_the_three_steps_one_after_the_other():
    text = "ＡＢ　臺城，锺山𠀀嘉祐（今江寧）\n"
    assert normalise(text) == simplified(half_width(text)).translate(normalize._folds())
    assert normalise("") == ""
