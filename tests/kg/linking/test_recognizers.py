"""The recognisers of names the KB does not know (kg/linking/recognizers/), table-driven."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.linking.model import Proposal
from kg.linking.normalize import normalise
from kg.linking.recognizers.lexicon import Lexicon
from kg.linking.recognizers.naming import Naming
from kg.linking.recognizers.patterns import Patterns, _rules
from kg.linking.recognizers.persons import Persons
from kg.linking.recognizers.places import Places
from kg.linking.recognizers.quoted import Quoted
from kg.linking.recognizers.references import References
from kg.linking.recognizers.suffixes import Suffixes
from kg.linking.recognizers.works import Works

RECOGNIZERS = {"persons": Persons, "suffixes": Suffixes, "patterns": Patterns,
               "works": Works, "lexicon": Lexicon, "naming": Naming, "places": Places,
               "quoted": Quoted, "references": References}


def _run(recognizer, norm: str) -> list[Proposal]:
    """What a recogniser proposes; one that refers back to names (references) is given the
    full names naming's rules find first, as in the pipeline."""
    if isinstance(recognizer, References):
        named = Naming()(norm, [])
        return named + recognizer(norm, named)
    return recognizer(norm, [])


@pytest.mark.cases("recognizers")
def test_recognizers_cases(recognizer, text, proposals):
    found = _run(RECOGNIZERS[recognizer](), normalise(text.replace("\\n", "\n")))
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


@pytest.mark.parametrize(("text", "span", "found"), [
    ("馆员周晓岚、陈立新", (6, 9), True),  # the list's last name ends the text
    ("太守姚合爱其诗", (2, 5), False),  # 爱 takes 其: no given name 合爱
])
def test_recognizers_persons_two_character_given_names(text, span, found):
    assert (span in [(p.start, p.end) for p in Persons()(text, [])]) is found


@pytest.mark.parametrize(("text", "spans"), [
    ("以沈文倬点校《苏舜钦集》为底本", [(1, 4)]),      # no dynasty before the maker
    ("黄丕烈过录何焯校本", [(0, 3), (5, 7)]),          # before and after 过录
    ("校以光绪盱江谢甘棠刻本", [(6, 9)]),              # after a place
    ("沈氏点校本", [(0, 2)]),                          # a family's edition
    ("嘉靖王皋续刻本", []),                            # 续刻 is the word: no 王皋续
    ("开展旧志点校", []),                              # 展 is no common surname
])
def test_recognizers_persons_edition_makers(text, spans):
    found = {(p.start, p.end) for p in Persons()(text, []) if p.origin == "person.author"}
    assert found == set(spans)


def test_recognizers_registered_by_name():
    from spacy.util import registry

    from kg.linking.pipeline import register

    register()
    for name in RECOGNIZERS:
        assert registry.misc.get(f"jinling.{name}.v1")


def test_recognizers_suffix_ending_that_starts_a_kb_name():
    kb = [Proposal(0, 2, None, ()), Proposal(2, 4, None, ())]  # KB names 江苏, 江宁
    assert Suffixes()("江苏江宁", kb) == []  # the 江 of 江宁 ends no 江苏江


def test_recognizers_suffix_kb_person_with_a_verb_after_it(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    kb = [Proposal(1, 4, None, gazetteer.lookup("朱元璋"))]
    spans = [(p.start, p.end) for p in rec("时朱元璋镇金陵", kb)]
    assert (1, 5) not in spans  # 镇 is a verb here, not a town


def test_recognizers_naming_courtesy_name_links_its_person(gazetteer):
    rec = Naming()
    rec.set_gazetteer(gazetteer)
    kb = [Proposal(0, 3, None, gazetteer.lookup("朱元璋"))]
    named = [p for p in rec("朱元璋,字国瑞", kb) if p.start == 5]
    assert named and gazetteer.entities[named[0].senses[0].entity].label == "朱元璋"


def test_recognizers_references_given_name_of_a_named_person(gazetteer):
    rec = References()
    rec.set_gazetteer(gazetteer)
    norm = "许棠工诗。棠以文进,系统"
    kb = [Proposal(0, 2, None, gazetteer.lookup("许棠"))]
    found = [(p.start, p.end) for p in rec(norm, kb) if p.origin == "kb"]
    assert found == [(5, 6)]


def test_recognizers_references_listed_kinsman_by_his_given_name(gazetteer):
    rec = References()
    rec.set_gazetteer(gazetteer)
    subject = [Proposal(0, 2, "PERSON", (), "naming.subject", 0.8)]
    kin = {(p.start, p.end) for p in rec("苏辙,眉山人。与父洵、兄轼同以文学知名", subject)
           if p.origin == "naming.kin"}
    assert (9, 10) in kin  # 苏洵 of historic_persons.tsv
    kin = {(p.start, p.end) for p in rec("苏辙,眉山人。与父洵弟轼同以文学知名", subject)}
    assert (9, 10) in kin  # another kinship word may follow him
    titled = [Proposal(1, 3, "PERSON", (), "naming.addressee", 0.75)]
    lines = {(p.start, p.end) for p in rec("寄苏辙\n陈与义\n与父洵、同游", titled)}
    assert (10, 11) not in lines  # not in a poem's lines (寂子|机)


def test_recognizers_naming_listed_monk_with_his_title():
    listed = [Proposal(8, 11, "PERSON", (), "lexicon.person", 0.6)]  # 天衣怀, a dharma name
    monks = [(p.start, p.end) for p in Naming()("乃青原下十一世,天衣怀禅师法嗣。", listed)
             if p.origin == "naming.monk"]
    assert monks == [(8, 13)]  # 怀 opens no monk's name here: it ends the listed one


def test_recognizers_naming_title_of_a_verb_and_a_given_name(gazetteer):
    rec = Naming()
    rec.set_gazetteer(gazetteer)
    def bare(text):
        return [(p.start, p.end) for p in rec(text, []) if p.origin == "naming.addressee"]
    assert bare("寄体休\n齐己\n南州君去后") == [(1, 3)]
    assert bare("贺圣朝\n赵彦端\n一") == []  # a tune's name
    assert bare("送友人\n李白\n浮云") == []  # an everyday word


def test_recognizers_references_designation_in_brackets_after_a_name(gazetteer):
    rec = References()
    rec.set_gazetteer(gazetteer)
    named = [Proposal(4, 7, "PERSON", (), "naming.subject", 0.8)]
    found = {(p.start, p.end) for p in rec("他的朋友程晋芳(鱼门)以及袁枚", named)}
    assert (8, 10) in found
    noted = {(p.start, p.end) for p in rec("他的朋友程晋芳(一作芳)以及袁枚", named)}
    assert (8, 10) not in noted and (8, 11) not in noted  # an editor's note


def test_recognizers_naming_poem_addressee_on_the_title_line():
    found = Naming()("宿白鹭洲寄杨江宁\n李白\n朝别朱雀门", [])
    assert [(p.start, p.end, p.origin) for p in found] == [(5, 8, "naming.addressee")]
    assert Naming()("示范基地的建设寄托了希望", []) == []  # no title line of a poem


def test_recognizers_suffix_organisation_with_a_name_of_its_own(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)  # its everyday words tell 全市公共 from 晓庄师范
    assert [(p.start, p.end) for p in rec("陶行知创办晓庄师范学校", [])] == [(5, 11)]
    assert rec("推动全市公共图书馆", []) == []
    assert rec("文学之都促进会", []) == []


class _Words:
    """A gazetteer stand-in that knows only a few everyday words."""

    entities: list = []

    def __init__(self, *words: str):
        self.words = frozenset(words)


def test_recognizers_suffix_whole_everyday_word_is_no_name():
    rec = Suffixes()
    rec.set_gazetteer(_Words("居民区", "风景区"))
    assert rec(normalise("六朝时就是居民区,"), []) == []
    rec.set_gazetteer(_Words())
    assert [(p.start, p.end) for p in rec(normalise("六朝时就是居民区,"), [])] == [(5, 8)]


def test_recognizers_persons_compound_surname_that_is_a_word():
    rec = Persons()
    rec.set_gazetteer(_Words("上官", "文学"))
    spans = {(p.start, p.end) for p in rec("通讯员 上官婷 记者 薛凯", [])}
    assert (4, 7) in spans  # 上官 is a surname here, not the word "superior"
    assert rec("作者:文学创", []) == []  # a name may not start with an everyday word


def test_recognizers_suffix_person_with_road_ending(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    person = [Proposal(0, 3, None, gazetteer.lookup("王安石"))]
    # a road named after a person is a place; a verb after the name (镇, garrison) is not
    assert [(p.start, p.end) for p in rec("王安石路", person)] == [(0, 4)]
    assert rec("王安石镇金陵", person) == []


def test_recognizers_suffix_unit_of_a_kb_organisation(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    kb = [Proposal(1, 6, None, gazetteer.lookup("金陵图书馆"))]
    spans = [(p.start, p.end) for p in rec("在金陵图书馆附属中学", kb)]
    assert (1, 10) in spans  # a unit of the library, over the 属 that stops other names


def test_recognizers_persons_given_name_stops_before_a_word(gazetteer):
    rec = Persons()
    rec.set_gazetteer(gazetteer)
    spans = [(p.start, p.end) for p in rec("其长孙宋慎牵连此案", [])]
    assert spans == [(3, 5)]  # 宋慎, not 宋慎牵: 牵连 is a word


def test_recognizers_lexicon_reads_the_gazetteer_pass(gazetteer):
    text = "他从长安到杭州市，与贺知章同游金陵"
    alone = [(p.start, p.end, p.type) for p in Lexicon()(text, [])]
    rec = Lexicon()
    rec.set_gazetteer(gazetteer)
    gazetteer.find(text)  # the gazetteer's pass over this text, as the pipeline runs it
    assert gazetteer.listed_in[0] is text
    assert sorted((p.start, p.end, p.type) for p in rec(text, [])) == sorted(alone)
    assert (10, 13, "PERSON") in alone


def test_recognizers_lexicon_work_cited_not_title_line():
    text = "金陵五题 乌衣巷\n隔江犹唱后庭花"
    found = [(p.start, p.end, p.type) for p in Lexicon()(normalise(text), [])]
    assert (13, 16, "WORK") in found  # the song an allusion names
    assert not [p for p in found if p[0] == 0]  # the poem's own title line is no mention


def test_recognizers_suffix_organisation_runs_back_over_a_found_place(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    found = [(p.start, p.end, p.type) for p in rec("以南京都市圈图书馆为纽带", [])]
    assert (1, 9, "ORGANIZATION") in found  # over 都, a stop, to the place it starts with


def test_recognizers_lexicon_name_straddling_two_words(gazetteer):
    rec = Lexicon()
    rec.set_gazetteer(gazetteer)
    assert rec("退休纺织女工", []) == []  # 织女 ends 纺织 and starts 女工


def test_recognizers_naming_poem_title_addressees():
    rec = Naming()
    spans = [(p.start, p.end) for p in rec("寄权士繇韩幼深\n独孤及\n种田", [])
             if p.origin == "naming.addressee"]
    assert spans == [(1, 4), (4, 7)]  # two addressees after one verb
    short = [(p.start, p.end) for p in rec("送万巨\n韩翃", []) if p.origin == "naming.addressee"]
    assert short == [(1, 3)]  # a name at the end of the title ends there, not past it


@pytest.mark.parametrize(("title", "spans"), [
    ("送萧员外\n钱起\n花落", [(1, 4)]),               # an office after the surname
    ("同王胜之游蒋山\n王安石\n山", [(1, 4)]),          # 游 goes on the title: no 游蒋山
    ("独孤中丞筵陪饯韦君赴升州\n皇甫冉\n江", [(7, 9), (0, 4)]),  # 君, 中丞 after surnames
    ("送夏侯审赴宁国\n司空曙\n江", [(1, 4)]),         # 赴 is no part of the given name
    ("同颜使君李侍御游法华寺\n皎然\n山", [(1, 4), (4, 7)]),  # offices after a joiner
    ("和吴君平游蒋山兼呈\n王安石\n山", [(1, 4), (1, 3)]),  # 和 (吴君 too: 君 an address)
    ("次韵赵德夫龙图送李谏议\n王安石\n山", [(2, 5), (8, 11)]),  # 龙图 closes the name
    ("荅杜秀才五松见赠\n李白\n山", [(1, 4)]),        # 荅, the old form of 答
    ("金陵听韩侍御吹笛\n李白\n山", [(3, 6)]),        # 听 someone play
    ("和张少监舟中望蒋山\n李白\n山", [(1, 4)]),      # 少监, an office
    ("送张著作孟侯宰上元\n梅尧臣\n山", [(1, 4), (4, 6)]),  # 侯 after a surname, after an office
    ("诗赠提举窦侍郎\n文彦博\n山", [(4, 7)]),       # after another office
    ("春日许征君见访\n贯休\n山", [(2, 5)]),         # after a time of the title
    ("送内弟韦宗仁归信州\n卢纶\n山", [(3, 6)]),     # kin between the verb and the name
    ("与崔弇话别\n周贺\n山", [(1, 3)]),             # 话别 goes on the title
    ("同崔傅答贤弟\n王维\n山", [(1, 3)]),           # another verb ends the name
    ("胡文昌和东坡子由彭城月\n苏辙\n山", [(0, 3)]),  # the title's subject, then 和
    ("出妓金陵子呈卢六四首 一\n李白\n山", [(6, 8)]),  # a rank, then a count of poems
    ("次韵韩景贤承议自金陵\n张耒\n山", [(2, 5)]),     # a Song rank, then 自
    ("金陵送左史\n项安世\n山", []),                 # an office alone is no name
])
def test_recognizers_poem_addressees(title, spans):
    assert [(p.start, p.end) for p in Naming()(title, [])] == spans


@pytest.mark.parametrize("title", ["孙权故城下怀古兼送友人归\n李白\n山", "唱和古风\n李纲\n山"])
def test_recognizers_poem_addressee_is_no_everyday_word(title):
    naming = Naming()
    naming.set_gazetteer(SimpleNamespace(words=frozenset({"怀古", "古风"}), entities=[], texts=[],
                                         senses=[]))
    assert [p for p in naming(title, []) if p.origin == "naming.addressee"] == []


def test_recognizers_naming_frame_around_an_everyday_word_is_no_name():
    rec = Naming()
    rec.set_gazetteer(_Words("丛林"))
    assert [p for p in rec("深谙内典,丛林谓之", []) if p.origin == "naming.frame"] == []
    rec.set_gazetteer(_Words())
    framed = [(p.start, p.end) for p in rec("深谙内典,丛林谓之", []) if p.origin == "naming.frame"]
    assert framed == [(5, 7)]  # without the word list, 丛 is a surname and 林 a given name


def test_recognizers_naming_officer_not_from_inside_a_known_place():
    title = "月夕有怀建康参政\n陆游\n山"
    kb = [Proposal(4, 6, None, ())]  # the KB's 建康
    assert (5, 8) not in [(p.start, p.end) for p in Naming()(title, kb)]  # no 建|康参政
    assert (5, 8) in [(p.start, p.end) for p in Naming()(title, [])]  # 康 a surname else


def test_recognizers_naming_monk_after_a_known_temple():
    kb = [Proposal(1, 4, None, ())]  # the KB's 栖霞寺
    monks = [(p.start, p.end) for p in Naming()("题栖霞寺庆上人院\n李频\n山", kb)
             if p.origin == "naming.monk"]
    assert monks == [(4, 7)]  # the temple, then the monk: no 题栖霞寺庆上人


def test_recognizers_naming_addressee_before_a_known_name():
    text = "次韵赵子野石城钓月图\n陆游\n石城"
    kb = [Proposal(5, 7, None, ())]  # the KB's 石城
    assert [(p.start, p.end) for p in Naming()(text, kb)] == [(2, 5)]
    assert Naming()(text, []) == []  # nothing else ends the name


def test_recognizers_suffix_after_a_known_name_that_ends_with_a_stop():
    kb = [Proposal(1, 4, None, ())]  # a KB name 林散之, whose 之 is a stop elsewhere
    found = Suffixes()("在林散之纪念馆办活动", kb)
    assert [(p.start, p.end, p.type) for p in found] == [(1, 7, "ORGANIZATION")]


def test_recognizers_suffix_listed_person_before_a_verb():
    listed = [Proposal(0, 2, "PERSON", (), "lexicon.person", 0.75)]  # 浑瑊, 观音 of the list
    assert Suffixes()("浑瑊镇,辟元帅判官", listed) == []  # he held a command: no town 浑瑊镇
    assert [(p.start, p.end) for p in Suffixes()("观音寺", listed)] == [(0, 3)]


def test_recognizers_suffix_stem_through_a_noun_that_ends_with_a_verb(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    found = rec("与江苏省古籍保护中心签订协议", [])  # 籍 of 古籍, not of 祖籍彭城
    assert (1, 10, "ORGANIZATION") in [(p.start, p.end, p.type) for p in found]


def test_recognizers_suffix_ending_that_starts_a_listed_place():
    listed = [Proposal(0, 2, "PLACE", (), "lexicon.place", 0.75),  # 怀州
              Proposal(2, 4, "PLACE", (), "lexicon.place", 0.75)]  # 河内
    found = Suffixes()("怀州河内人", listed)
    assert all(p.end != 3 for p in found)  # the 河 of 河内 ends no 怀州河


def test_recognizers_suffix_stem_runs_over_a_stop_inside_a_known_name():
    listed = [Proposal(2, 7, "PLACE", (), "lexicon.place", 0.75)]  # 南京都市圈, whose 都 is a stop
    found = Suffixes()("依托南京都市圈公共图书馆联盟", listed)
    assert (2, 14, "ORGANIZATION") in [(p.start, p.end, p.type) for p in found]


def test_recognizers_suffix_stem_through_a_noun_that_begins_with_a_verb(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    found = rec("轮流举办长江流域古籍保护研讨会。", [])  # 流 of 流域, no verb there
    assert (4, 15, "EVENT") in [(p.start, p.end, p.type) for p in found]


def test_recognizers_suffix_stem_through_a_word_that_begins_with_a_verb(gazetteer):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    listed = [Proposal(1, 3, "PLACE", (), "lexicon.place", 0.75)]  # 南京
    found = rec("与南京出版传媒集团合作", listed)  # 出 of 出版 stops no stem
    assert (1, 9, "ORGANIZATION") in [(p.start, p.end, p.type) for p in found]


def test_recognizers_suffix_stem_stops_after_any():
    listed = [Proposal(7, 9, "PLACE", (), "lexicon.place", 0.75)]  # 鼓楼
    found = Suffixes()("借的书可以还到鼓楼任何一家分馆", listed)
    assert not [p for p in found if p.type == "ORGANIZATION"]  # 任何|一家分馆: no name


@pytest.mark.parametrize(("text", "span"), [("由他主持龙蟠里图书馆", (4, 10)),
                                            ("两江总督端方奏设江南图书馆", (8, 13)),
                                            ("当年在四牌楼校园孟芳图书馆里", (8, 13))])
def test_recognizers_suffix_stem_stops_after_a_word_before_names(gazetteer, text, span):
    rec = Suffixes()
    rec.set_gazetteer(gazetteer)
    found = rec(text, [])
    assert [(p.start, p.end) for p in found if p.type == "ORGANIZATION"] == [span]


@pytest.mark.parametrize(("text", "span"), [
    ("自曾祖起移家开封（今属河南）。", (5, 8)),  # 移家: no 家开封
    ("字遂和，其先邵武（今属福建）人。", (5, 8)),  # 其先: no 先邵武
])
def test_recognizers_places_glossed_after_where_a_family_lived(text, span):
    found = Places()(normalise(text), [])
    assert span not in [(p.start, p.end) for p in found if p.origin == "place.gloss"]


def _eval_texts():
    for path in sorted((Path(__file__).parent / "eval").glob("dev*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            yield normalise(json.loads(line)["text"])


def test_recognizers_patterns_needs_hold_where_the_patterns_match():
    """patterns.tsv's needs: no development text matches a pattern without one of them."""
    rules = [r for r in _rules() if r[4]]
    assert rules, "no pattern names what it needs"
    matched = 0
    for text in _eval_texts():
        for pattern, *_, needs in rules:
            if pattern.search(text):
                matched += 1
                assert any(word in text for word in needs), (pattern.pattern, needs)
    assert matched > 50  # the check saw the patterns at work


def test_recognizers_patterns_skip_a_text_without_what_they_need(monkeypatch):
    from kg.linking.recognizers import patterns

    founder = next(r for r in _rules() if r[4] == ("祖",))
    assert [p.start for p in Patterns()("宋太祖即位", [])] == [0]
    monkeypatch.setattr(patterns, "_rules", lambda: [(*founder[:4], ("帝",))])
    assert Patterns()("宋太祖即位", []) == []
