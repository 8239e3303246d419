"""The recognisers of names the KB does not know (kg/linking/recognizers/), table-driven."""

import pytest

from kg.linking.model import Proposal
from kg.linking.normalize import normalise
from kg.linking.recognizers.lexicon import Lexicon
from kg.linking.recognizers.patterns import Patterns
from kg.linking.recognizers.persons import Persons
from kg.linking.recognizers.suffixes import Suffixes
from kg.linking.recognizers.works import Works

RECOGNIZERS = {"persons": Persons, "suffixes": Suffixes, "patterns": Patterns,
               "works": Works, "lexicon": Lexicon}


@pytest.mark.cases("recognizers")
def test_recognizers_cases(recognizer, text, proposals):
    found = RECOGNIZERS[recognizer]()(normalise(text), [])
    spans = ";".join(f"{p.start}-{p.end}:{p.type}" for p in found)
    assert spans == ("" if proposals == "-" else proposals)


def test_recognizers_works_link_kb_titles(gazetteer):
    works = Works()
    works.set_gazetteer(gazetteer)
    assert works("《金陵图书馆》", [])[0].senses == ()  # an organisation, not a work


def test_recognizers_suffix_place_stops_at_a_kb_place(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    kb = [Proposal(0, 2, None, gazetteer.lookup("秦淮"))]
    assert rec("秦淮老街", kb) == []  # the KB's 秦淮, and an ordinary 老街


def test_recognizers_persons_given_name_links_kb_person(gazetteer):
    rec = Persons()
    rec.set_gazetteer(gazetteer)
    norm = "王安石晚年居此，安石作诗"
    kb = [Proposal(0, 3, None, gazetteer.lookup("王安石"))]
    given = [p for p in rec(norm, kb) if p.start == 8]
    assert given and gazetteer.entities[given[0].senses[0].entity].label == "王安石"


def test_recognizers_registered_by_name():
    from spacy.util import registry

    from kg.linking.pipeline import register

    register()
    for name in ("persons", "suffixes", "patterns", "works", "lexicon"):
        assert registry.misc.get(f"jinling.{name}.v1")
