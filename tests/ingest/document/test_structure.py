"""The line heuristics of ingest.document.structure: heading kinds, debris and rejoining from the
case tables in cases/, then small layouts that each show one rule.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.document.structure import (
    Line,
    debris_of,
    display_width,
    ends_sentence,
    heading_of,
    join_lines,
    numeral_value,
    split_lines,
    structure_lines,
)

CASES = Path(__file__).resolve().parent / "cases"


def _rows(name: str) -> list[dict[str, str]]:
    with (CASES / f"{name}.tsv").open(encoding="utf-8") as lines:
        return list(csv.DictReader((line for line in lines if not line.startswith("#")),
                                   delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("row", _rows("headings"), ids=lambda row: row["line"][:16])
def test_heading_kinds(row: dict[str, str]):
    found = heading_of(row["line"])
    if row["kind"] == "-":
        assert found is None
    else:
        assert found is not None
        assert (found.kind, found.number, found.title) == (
            row["kind"], int(row["number"]), row["title"])


@pytest.mark.parametrize("row", _rows("joins"), ids=lambda row: row["joined"][:16])
def test_rejoining_wrapped_lines(row: dict[str, str]):
    assert join_lines(row["before"], row["after"]) == row["joined"]


@pytest.mark.parametrize("row", _rows("debris"), ids=lambda row: row["line"])
def test_debris_lines(row: dict[str, str]):
    assert debris_of(row["line"]) == (None if row["kind"] == "-" else row["kind"])


@pytest.mark.parametrize(("numeral", "value"), [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("一百零五", 105),
    ("两", 2), ("12", 12), ("甲", None), ("", None)])
def test_numeral_values(numeral: str, value: int | None):
    assert numeral_value(numeral) == value


@pytest.mark.parametrize(("text", "final"), [
    ("答卷。", True), ("问题？", True), ("如下：", True), ("荣誉；", True), ("活动。”", True),
    ("（见附表。）", True), ("“书服到家”", False), ("形成了", False), ("服务，", False), ("", False)])
def test_sentence_ends(text: str, final: bool):
    assert ends_sentence(text) is final


def test_display_width_counts_cjk_and_quotes_double():
    assert display_width("金图") == 4
    assert display_width("“PDA”") == 7
    assert display_width("2016-2020 年") == 12


def _blocks(text: str, one_space: str = "stray"):
    blocks, problems = structure_lines(split_lines(text), one_space)
    shown = []
    for block in blocks:
        shown.append((block.kind, block.level, block.text))
        shown += [("box paragraph", 0, child.text) for child in block.children]
    return shown, problems


FULL = "一二三四五六七八九十一二三四五六七八九十一二三四五六"    # 26 CJK characters: a full line
FIRST = FULL[:24]                                                # a first line, indented by 2


def test_wrapped_lines_join_until_a_sentence_ends_at_a_short_line():
    text = "\n".join([FIRST, FULL, FULL, FULL[:20] + "。", FIRST, FULL[:25] + "。", "短句。"])
    shown, problems = _blocks(text)
    assert shown == [("paragraph", 0, FIRST + FULL * 2 + FULL[:20] + "。"),
                     ("paragraph", 0, FIRST + FULL[:25] + "。短句。")]
    assert problems == []


def test_a_full_line_ending_a_sentence_goes_on_unless_the_next_line_is_indented():
    ends = FULL[:25] + "。"
    text = "\n".join([FIRST, ends, FULL, FULL, FULL, FIRST + "。"] + [FIRST, ends, FIRST, "完。"])
    shown, _ = _blocks(text)
    assert [entry[2] for entry in shown] == [FIRST + ends + FULL * 3 + FIRST + "。",
                                             FIRST + ends, FIRST + "完。"]


def test_text_that_is_not_hard_wrapped_has_a_paragraph_a_line():
    shown, _ = _blocks("南京城墙\n城墙建于明代。\n中华门\n挹江门\n")
    assert shown == [("title", 0, "南京城墙"), ("paragraph", 0, "城墙建于明代。"),
                     ("paragraph", 0, "中华门"), ("paragraph", 0, "挹江门")]


def test_blank_lines_part_paragraphs_where_they_are_not_mere_spacing():
    shown, _ = _blocks("第一段第一行，\n第一段第二行。\n\n第二段。\n")
    assert [entry[2] for entry in shown] == ["第一段第一行，第一段第二行。", "第二段。"]


def test_indented_lines_start_paragraphs():
    shown, _ = _blocks("标题\n\n　　第一段，\n接着写。\n　　第二段。\n")
    assert [entry[2] for entry in shown] == ["标题", "第一段，接着写。", "第二段。"]


def test_page_numbers_are_removed_and_the_paragraph_rejoined():
    text = "\n\n".join([FIRST, FULL, FULL, "", "- 3 -", "", " " + FULL[:10] + "。"])
    shown, problems = _blocks(text)
    assert shown == [("paragraph", 0, FIRST + FULL * 2 + FULL[:10] + "。")]
    assert problems == [
        "line 9: stray page number '- 3 -' removed",
        "line 13: stray leading space removed; line joined to the paragraph before "
        "(page boundary)"]


def test_form_feeds_give_pages():
    shown, _ = _blocks("第一页。\n\f第二页。\n第二页又一段。\f第三页。")
    blocks, _ = structure_lines(split_lines("第一页。\n\f第二页。\n第二页又一段。\f第三页。"))
    assert [b.page for b in blocks] == [1, 2, 2, 3]
    assert [entry[2] for entry in shown] == ["第一页。", "第二页。", "第二页又一段。", "第三页。"]


def test_without_form_feeds_there_are_no_pages():
    blocks, _ = structure_lines(split_lines("第一段。\n第二段。"))
    assert [b.page for b in blocks] == [None, None]


def test_heading_levels_are_the_ranks_of_the_kinds_used():
    shown, _ = _blocks("（一）总体要求\n内容。\n（1）具体要求\n内容。\n（二）保障\n内容。")
    assert [(kind, level) for kind, level, _ in shown if kind == "heading"] == [
        ("heading", 1), ("heading", 2), ("heading", 1)]


def test_numbering_gaps_and_repeats_are_kept_and_noted():
    shown, problems = _blocks("一、甲\n内容。\n三、丙\n内容。\n三、丙又\n内容。\n（一）子\n内容。")
    assert [text for kind, _, text in shown if kind == "heading"] == [
        "一、甲", "三、丙", "三、丙又", "（一）子"]
    assert problems == ["line 3: heading '三、丙' follows '一、甲' (numbering kept as found)",
                        "line 5: heading '三、丙又' repeats '三、丙' (numbering kept as found)"]


def test_a_box_followed_by_its_text_holds_it_until_the_next_heading():
    text = "一、概况\n内容。\n专题 1：吉祥物\n吉祥物的设计。\n吉祥物的推广。\n二、展望\n内容。"
    shown, _ = _blocks(text)
    assert shown == [("heading", 1, "一、概况"), ("paragraph", 0, "内容。"),
                     ("box", 0, "专题 1：吉祥物"), ("box paragraph", 0, "吉祥物的设计。"),
                     ("box paragraph", 0, "吉祥物的推广。"), ("heading", 1, "二、展望"),
                     ("paragraph", 0, "内容。")]


def test_a_box_whose_text_cuts_into_a_later_paragraph_is_taken_out_of_it():
    box_first = "为激发广大馆员在业务工作与学术研究方面的积"    # 22 characters: a box first line
    lines = [" 专题 1：人才工程", "2.干部培养", FIRST, FULL, box_first, FULL[:8] + "。",
             " 地加强人才队伍建设。", "当前的任务。"]
    shown, problems = _blocks("\n\n".join(lines))
    assert shown == [("box", 0, "专题 1：人才工程"),
                     ("box paragraph", 0, box_first + FULL[:8] + "。"),
                     ("heading", 1, "2.干部培养"),
                     ("paragraph", 0, FIRST + FULL + "地加强人才队伍建设。"),
                     ("paragraph", 0, "当前的任务。")]
    assert problems[0] == "line 1: stray leading space removed"
    assert "cuts into the paragraph at line 5" in problems[1]
    assert "line 13: stray leading space removed; line continues the paragraph at line 5" \
        in problems[2]


def test_a_box_without_text_is_noted():
    _, problems = _blocks("专题 2：空白\n一、正文\n内容。")
    assert problems == ["line 1: no text found for '专题 2：空白'"]


def test_a_leading_attachment_label_is_dropped_and_the_title_kept():
    shown, problems = _blocks(" 附件\n\n南京图书馆工作方案\n\n一、目的\n\n内容。")
    assert shown[:2] == [("title", 0, "南京图书馆工作方案"), ("heading", 1, "一、目的")]
    assert problems == ["line 1: leading '附件' label removed"]


def test_in_a_pdf_text_layer_a_leading_space_is_an_indent():
    lines = [Line(text, f"page 1, line {n}", 1) for n, text in
             enumerate([" " + FIRST, FULL, FULL, FULL[:25] + "。", " " + FIRST + "。"], 1)]
    blocks, problems = structure_lines(lines, one_space="indent")
    assert [b.text for b in blocks] == [FIRST + FULL * 2 + FULL[:25] + "。", FIRST + "。"]
    assert problems == []


def test_paragraphs_that_begin_mid_sentence_are_noted():
    _, problems = _blocks("第一段。\n作，实现内容共创。\n")
    assert problems == ["line 2: paragraph begins mid-sentence ('作，实现内容共创。…'), kept as found"]


def test_the_same_lines_give_the_same_blocks():
    text = (FIXTURES := Path(__file__).resolve().parent / "fixtures" / "ok") / "wrapped-plan.txt"
    lines = split_lines(text.read_text(encoding="utf-8"))
    assert structure_lines(lines) == structure_lines(list(lines))
    assert FIXTURES.is_dir()
