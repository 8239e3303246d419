"""kg.linking.gazetteer: every KB name, whatever a segmenter would make of the text."""

from kg.linking.kb import Entity, KnowledgeBase, Name


def test_gazetteer_finds_names_across_any_segmentation(gazetteer):
    # jieba segments 南京市长江大桥 as 南京市/长江大桥; the automaton does not care
    texts = {gazetteer.texts[n] for _, _, n in gazetteer.find("南京市长江大桥旁有秦淮河")}
    assert {"南京", "秦淮河", "秦淮"} <= texts


def test_gazetteer_reports_overlaps_with_offsets(gazetteer):
    found = [(s, e, gazetteer.texts[n]) for s, e, n in gazetteer.find("沿着秦淮河")]
    assert found == [(2, 4, "秦淮"), (2, 5, "秦淮河")]


def test_gazetteer_keeps_one_character_names_apart(gazetteer):
    assert "明" in gazetteer.singles and "明" not in gazetteer.texts
    assert gazetteer.lookup("明")[0].kind == "pref"


def test_gazetteer_drops_period_compounds(gazetteer):
    assert gazetteer.lookup("明洪武") == ()    # 明 + 洪武: two mentions
    assert gazetteer.lookup("民国时期") == ()  # 民国 + 时期
    assert gazetteer.lookup("明孝陵")          # a place, not a period


def test_gazetteer_knows_everyday_words(gazetteer):
    assert gazetteer.common.get("文化", 0) > 5     # 许棠's art name is a common noun
    assert "王安石" not in gazetteer.common


def test_gazetteer_namesakes_share_a_name(gazetteer):
    senses = gazetteer.lookup("王明")
    assert len({n.entity for n in senses}) == 2


def test_gazetteer_empty_kb():
    from kg.linking.gazetteer import Gazetteer

    gaz = Gazetteer(KnowledgeBase([Entity("e:1", "PLACE", "Place", "宁")],
                                  [Name("宁", 0, "alias", 0.8)]))
    assert gaz.find("安宁") == [] and gaz.lookup("宁")


def test_gazetteer_name_that_begins_an_everyday_word():
    from kg.linking.affixes import in_word

    assert in_word("含雨花石的砾石层", 1, 3)  # the pebbles, not 雨花台
    assert not in_word("雨花区图书馆", 0, 2) and not in_word("雨", 0, 1)
