"""kg.linking.resolve: which proposal wins a stretch of text."""

from types import SimpleNamespace

import pytest

from kg.linking.kb import Name
from kg.linking.model import Proposal
from kg.linking.resolve import resolve


class _NoSenses:
    entities: list = []


CASES = [
    # a guessed place (弟汤晓峰, for ending in 峰) over a surer person with its end: the person
    ("person over guessed place",
     [Proposal(0, 4, "PLACE", (), "suffix.place", 0.36),
      Proposal(1, 4, "PERSON", (), "person.title", 0.75)], [(1, 4, "PERSON")]),
    # a sure place keeps its span over a weaker person inside it
    ("sure place over weak person",
     [Proposal(0, 3, "PLACE", (), "suffix.place", 0.75),
      Proposal(1, 3, "PERSON", (), "person.repeat", 0.6)], [(0, 3, "PLACE")]),
    # a guessed place that runs on past a poem's addressee and his office (同|房侍御|山园):
    # the addressee
    ("addressee over guessed place after him",
     [Proposal(0, 4, "PLACE", (), "suffix.place", 0.36),
      Proposal(0, 3, "PERSON", (), "naming.addressee", 0.75)], [(0, 3, "PERSON")]),
    # the longest wins when no person ends with it (中山路 over 中山)
    ("road over person at its start",
     [Proposal(0, 3, "PLACE", (), "suffix.place", 0.75),
      Proposal(0, 2, "PERSON", (), "person.given", 0.65)], [(0, 3, "PLACE")]),
]


@pytest.mark.parametrize(("case", "proposals", "expected"), CASES, ids=[c[0] for c in CASES])
def test_resolve_cases(case, proposals, expected):
    won = resolve(proposals, "〇" * 6, _NoSenses())
    assert [(p.start, p.end, p.type) for p in won] == expected


class _OnePerson:
    entities = [SimpleNamespace(type="PERSON", cls="Person")]


@pytest.mark.parametrize(("origin", "strength", "expected"), [
    ("lexicon.person", 0.75, (0, 3)),  # 张守珪 of the list of names over the KB's 张守
    ("person.title", 0.75, (0, 2)),   # a guessed 王建国 does not take the KB's 王建
    ("person.title", 0.85, (0, 3)),   # ... unless the text bounds it
])
def test_resolve_kb_person_at_the_start_of_a_longer_person(origin, strength, expected):
    kb = Proposal(0, 2, None, (Name("张守", 0, "pref", 1.0),))
    won = resolve([kb, Proposal(0, 3, "PERSON", (), origin, strength)], "〇" * 6,
                  _OnePerson())
    assert [(p.start, p.end) for p in won] == [expected]


def test_resolve_a_name_of_the_same_person_inside_an_earlier_one():
    full = Proposal(0, 3, None, (Name("孙中山", 0, "pref", 1.0),))
    alias = Proposal(1, 5, None, (Name("中山先生", 0, "alias", 0.8),))
    won = resolve([full, alias], "〇" * 6, _OnePerson())
    assert [(p.start, p.end) for p in won] == [(0, 3)]


def test_resolve_a_longer_name_of_another_entity_still_wins():
    two = SimpleNamespace(entities=[SimpleNamespace(type="PERSON", cls="Person"),
                                    SimpleNamespace(type="PLACE", cls="Place")])
    person = Proposal(0, 3, None, (Name("孙中山", 0, "pref", 1.0),))
    place = Proposal(1, 5, None, (Name("中山陵园", 1, "pref", 1.0),))
    won = resolve([person, place], "〇" * 6, two)
    assert [(p.start, p.end) for p in won] == [(1, 5)]


def test_resolve_a_place_before_a_kb_organisation_is_no_part_of_it():
    one_org = SimpleNamespace(entities=[SimpleNamespace(type="ORGANIZATION", cls="Org")])
    place = Proposal(0, 3, "PLACE", (), "suffix.place", 0.55)  # 四牌楼
    org = Proposal(3, 7, None, (Name("东南大学", 0, "pref", 1.0),))
    guess = Proposal(0, 7, "ORGANIZATION", (), "suffix.organization", 0.8)
    won = resolve([place, org, guess], "四牌楼东南大学。", one_org)
    assert [(p.start, p.end) for p in won] == [(0, 3), (3, 7)]


def test_resolve_a_city_by_its_full_name_opens_the_body_it_seats():
    """南京市鼓楼区图书馆 is the library's official name, not 南京市 and a KB library."""
    one_org = SimpleNamespace(entities=[SimpleNamespace(type="ORGANIZATION", cls="Org")])
    place = Proposal(0, 3, "PLACE", (), "suffix.place", 0.75)
    org = Proposal(3, 9, None, (Name("鼓楼区图书馆", 0, "pref", 1.0),))
    whole = Proposal(0, 9, "ORGANIZATION", (), "suffix.organization", 0.8)
    won = resolve([place, org, whole], "南京市鼓楼区图书馆。", one_org)
    assert [(p.start, p.end) for p in won] == [(0, 9)]


@pytest.mark.parametrize("others", [["place.list"], ["lexicon.place", "place.list"]])
def test_resolve_a_list_item_keeps_the_kb_place_of_its_name(others):
    """江浦、和县等地: the list item is the KB's place 和县, however many rules also say place."""
    one_place = SimpleNamespace(entities=[SimpleNamespace(type="PLACE", cls="Place")])
    kb = Proposal(0, 2, None, (Name("和县", 0, "pref", 1.0),))
    rules = [Proposal(0, 2, "PLACE", (), origin, 0.7) for origin in others]
    won = resolve([kb, *rules], "〇" * 4, one_place)
    assert [(p.start, p.end, p.type, p.senses) for p in won] == [(0, 2, "PLACE", kb.senses)]


def test_resolve_a_list_item_overrules_a_kb_name_of_another_type():
    one_era = SimpleNamespace(entities=[SimpleNamespace(type="PERIOD", cls="ReignEra")])
    kb = Proposal(0, 2, None, (Name("寿昌", 0, "pref", 1.0),))
    won = resolve([kb, Proposal(0, 2, "PLACE", (), "place.list", 0.7)], "〇" * 4, one_era)
    assert [(p.origin, p.type) for p in won] == [("place.list", "PLACE")]
