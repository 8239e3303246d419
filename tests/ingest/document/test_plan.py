"""The real document: Jinling Library's 14th five-year plan as extracted from its PDF
(shared/corpus/documents, see SOURCES.md there), debris and all. Skipped when the corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import Document, read_document

_NAME = "jinling-library-14th-five-year-plan.txt"
_CANDIDATES = (Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "documents",
               Path("/work/shared/corpus/documents"))
PLAN = next((folder / _NAME for folder in _CANDIDATES if (folder / _NAME).is_file()), None)

pytestmark = pytest.mark.skipif(PLAN is None, reason="shared/corpus/documents is absent")

TOP = ["一、“十三五”期间取得的成果", "二、存在的主要问题", "三、“十四五”金陵图书馆事业发展总体思路",
       "四、重点项目任务"]
UNDER_FOUR = ["（一）管理机制建设", "（二）人才队伍建设", "（三）文献资源建设", "（四）阅读服务与推广",
              "（五）全民阅读与“文学之都”建设", "（六）图书馆宣传营销", "（七）文旅融合有机实践",
              "（八）空间规划合理布局", "（九）学术科研稳步推进", "（十）智慧图书馆与智能服务",
              "（十一）推动区域内行业联动发展", "（十二）行业交流与合作"]
BOXES = ["专题 1：“111”人才培养工程", "专题 2：探索文献采购 PDA（读者决策采购）创新模式",
         "专题 3：推动南京少儿图书馆规划落地", "专题 4：探索吉祥物多领域营销形式",
         "专题 5：逐步构建金图智慧图书馆服务体系", "专题 6：建立南京都市圈图书馆合作机制"]


@pytest.fixture(scope="module")
def plan() -> Document:
    assert PLAN is not None
    return read_document(PLAN)


def _section(plan: Document, title: str):
    return next(s for s in plan.sections if s.title == title)


def _paragraphs(plan: Document) -> list[str]:
    return [p.text for s in plan.sections for p in s.paragraphs]


def test_title_and_language(plan: Document):
    assert plan.format == "text"
    assert plan.metadata.title == "金陵图书馆“十四五”规划"
    assert plan.metadata.language == "zh-Hans"
    assert plan.text.startswith("金陵图书馆“十四五”规划\n\n一、")


def test_four_top_level_sections(plan: Document):
    assert [(s.number, s.title) for s in plan.sections if s.level == 1] == [
        (str(n), title) for n, title in enumerate(TOP, 1)]


def test_the_subsections_of_four_in_order(plan: Document):
    under = [s.title for s in plan.sections if s.number.startswith("4.") and s.level == 2]
    assert under == UNDER_FOUR
    assert under[:9][-1] == "（九）学术科研稳步推进"


def test_headings_nest_by_kind(plan: Document):
    assert _section(plan, "（一）指导思想").number == "3.1"
    assert _section(plan, "1.切实加强党的领导").number == "4.1.1"
    assert _section(plan, "（1）把握意识形态正确方向").number == "4.1.1.1"
    marketing = _section(plan, "2.图书馆营销规划")
    assert (marketing.number, marketing.level) == ("4.6.2", 3)
    mode = _section(plan, "（1）探索营销模式")
    assert (mode.number, mode.level) == ("4.6.2.1", 4)


def test_six_boxes_are_sections_of_their_own(plan: Document):
    boxes = [s for s in plan.sections if s.title and s.title.startswith("专题")]
    assert [s.title for s in boxes] == BOXES
    assert all(len(s.paragraphs) >= 1 for s in boxes)
    first = boxes[0]
    assert first.number == "4.2.1.2.1" and first.level == 5
    assert first.paragraphs[0].text.startswith("为激发广大馆员在业务工作与学术研究方面的积极性")
    assert first.paragraphs[-1].text.endswith("推动图书馆学术科研和业务活动广泛开展。")
    fifth = _section(plan, BOXES[4])
    assert any("知识内容集成仓储" in p.text for p in fifth.paragraphs)


def test_paragraphs_cut_by_a_box_are_whole_again(plan: Document):
    paragraphs = _paragraphs(plan)
    assert any(p.endswith("实行前瞻性设置、标准化培养、动态化管理，有目的性地加强短缺和急需人才队伍建设工作。")
               for p in paragraphs)
    assert any("实现数字阅读资源和活动内容共建共享，提升数字资源服务效能。" in p for p in paragraphs)
    assert any("以通卡、无卡、无感等借阅功能路径" in p for p in paragraphs)
    assert not any("有目的性为激发" in p for p in paragraphs)


def test_no_line_wrap_artefacts(plan: Document):
    paragraphs = _paragraphs(plan)
    sentence = "“十三五”期间，金陵图书馆在上级主管部门的正确领导下，全面贯彻党的十八大、十九大精神"
    assert sum(sentence in p for p in paragraphs) == 1
    assert any("2016-2020 年金图总流通人次累计1048.07 万" in p for p in paragraphs)
    assert not any("\n" in p for p in paragraphs)
    assert not any(p.startswith(" ") or p.endswith(" ") for p in paragraphs)


def test_page_debris_is_gone_and_noted(plan: Document):
    assert "阅读宣传覆盖面影响力进一步提升" in plan.text
    assert not any(p.strip() == "5" for p in _paragraphs(plan))
    assert "\n5\n" not in plan.text
    assert not plan.text.lstrip().startswith("附件")
    assert "line 1: leading '附件' label removed" in plan.problems
    assert "line 180: stray page number '5' removed" in plan.problems
    assert sum("stray leading space removed" in p for p in plan.problems) == 35


def test_numbering_irregularities_are_kept_and_noted(plan: Document):
    titles = [s.title for s in plan.sections if s.number.startswith("4.8.")]
    assert titles == ["1.建设主题型文献空间，完善图书馆服务体系建设", "2.建设共享型公共空间，满足读者个性化服务",
                      "2.建设沉浸式体验空间，提升公众阅读体验"]
    assert any("'2.建设沉浸式体验空间，提升公众阅读体验' repeats" in p for p in plan.problems)


def test_offsets_point_into_the_text(plan: Document):
    for section in plan.sections:
        for paragraph in section.paragraphs:
            assert plan.text[paragraph.start:paragraph.end] == paragraph.text


def test_the_same_file_gives_the_same_document(plan: Document):
    again = read_document(PLAN)
    assert again == plan
    assert [s.number for s in again.sections] == [s.number for s in plan.sections]
