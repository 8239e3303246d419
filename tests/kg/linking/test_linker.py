"""The linker end to end over the fixture KB: spans, types, entities, scores."""

import pytest

from kg.linking.linker import Linker


def _slug(iri):
    return iri.rsplit("/", 1)[-1] if iri else "-"


@pytest.mark.cases("linker")
def test_linker_cases(linker, text, mentions):
    found = ";".join(f"{m.text}/{m.type}/{_slug(m.entity)}" for m in linker.link(text))
    assert found == ("" if mentions == "-" else mentions)


def test_linker_offsets_are_offsets_of_the_text_as_given(linker):
    text = "（ＡＢ）鄭和下西洋，金陵圖書館"
    for m in linker.link(text):
        assert text[m.start:m.end] == m.text


def test_linker_scores_are_probabilities_and_labels_simplified(linker):
    found = linker.link("金陵圖書館")
    assert found[0].label == "金陵图书馆" and 0 < found[0].score <= 1


def test_linker_json_shape(linker):
    row = linker.link("馆长焦翔表示")[0].as_json()
    assert set(row) == {"start", "end", "text", "type", "entity", "label", "score"}
    assert row["entity"] is None and row["label"] is None


def test_linker_candidate_keys_cluster_by_name_and_type(linker):
    a = linker.link("馆长焦翔表示")[0]
    b = linker.link("文/办公室 焦翔")[0]
    assert a.candidate == b.candidate and a.candidate is not None


def test_linker_threshold_from_config(gazetteer):
    strict = Linker(gazetteer, overrides={"components.jinling_disambiguator.threshold": 0.999})
    assert strict.link("馆长焦翔表示") == []


def test_linker_link_all_keeps_order(linker):
    texts = ["秦淮河", "", "金图"]
    assert [[m.text for m in ms] for ms in linker.link_all(texts)] == [["秦淮河"], [], ["金图"]]
