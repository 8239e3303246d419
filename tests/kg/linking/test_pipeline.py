"""kg.linking.pipeline: a blank zh spaCy pipeline of registered components, chosen by config."""

import pytest
from spacy.util import registry

from kg.linking.errors import LinkConfigError
from kg.linking.pipeline import CONFIG_PATH, build, register

COMPONENTS = ["jinling_normalizer", "jinling_gazetteer", "jinling_recognizers",
              "jinling_dates", "jinling_resolver", "jinling_disambiguator", "jinling_learned"]


def test_pipeline_components_in_order(linker):
    assert linker.nlp.lang == "zh"
    assert linker.nlp.pipe_names == COMPONENTS


def test_pipeline_registrations():
    register()
    assert registry.tokenizers.get("jinling.char_tokenizer.v1")
    from spacy.language import Language

    for name in COMPONENTS:
        assert Language.has_factory(name)


def test_pipeline_one_token_per_character(linker):
    doc = linker.nlp.make_doc("金陵 图书馆")
    assert len(doc) == 6 and doc.text == "金陵 图书馆"


def test_pipeline_sets_ents_with_kb_ids(linker):
    doc = linker.nlp("朱元璋葬于孝陵")
    assert [(e.text, e.label_) for e in doc.ents] == [("朱元璋", "PERSON"), ("孝陵", "PLACE")]
    assert doc.ents[0].kb_id_.endswith("/entity/person/zhu-yuanzhang")


def test_pipeline_unknown_registered_name(gazetteer, tmp_path):
    bad = tmp_path / "bad.cfg"
    bad.write_text(CONFIG_PATH.read_text(encoding="utf-8").replace(
        "jinling.works.v1", "jinling.no_such.v9"), encoding="utf-8")
    with pytest.raises(LinkConfigError, match="bad.cfg.*jinling.no_such.v9"):
        build(gazetteer, bad)


def test_pipeline_missing_config(gazetteer, tmp_path):
    with pytest.raises(LinkConfigError, match="gone.cfg"):
        build(gazetteer, tmp_path / "gone.cfg")


def test_pipeline_config_names_the_calibration_table():
    text = CONFIG_PATH.read_text(encoding="utf-8")
    assert 'calibration = "calibration"' in text and "threshold" in text
