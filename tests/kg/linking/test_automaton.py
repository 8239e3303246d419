"""The name automaton: every occurrence, overlaps included, in a fixed order; it survives
pickling (the gazetteer's cache)."""

import pickle

from kg.linking.automaton import NameAutomaton


def test_every_occurrence_by_end_longest_first():
    names = NameAutomaton([("图书馆", "a"), ("书馆", "b"), ("金陵", "c"), ("馆", "d")])
    assert names.matches("金陵图书馆，图书馆") == [
        (0, 2, "c"), (2, 5, "a"), (3, 5, "b"), (4, 5, "d"),
        (6, 9, "a"), (7, 9, "b"), (8, 9, "d")]


def test_offsets_count_characters_beyond_the_basic_plane():
    names = NameAutomaton([("𠀀陵", 1), ("图书", 2)])
    assert names.matches("𠀀陵图书") == [(0, 2, 1), (2, 4, 2)]


def test_a_name_given_twice_keeps_its_last_value():
    assert NameAutomaton([("秦淮", 1), ("秦淮", 2)]).matches("秦淮") == [(0, 2, 2)]


def test_pickled_and_read_back_it_finds_the_same():
    names = NameAutomaton([("秦淮", 1), ("秦淮河", 2), ("淮河", 3)])
    again = pickle.loads(pickle.dumps(names))
    assert again.matches("沿着秦淮河走") == names.matches("沿着秦淮河走")
    assert len(again) == 3


def test_no_names_no_matches():
    assert NameAutomaton().matches("秦淮河") == []
    assert pickle.loads(pickle.dumps(NameAutomaton())).matches("秦淮河") == []
