"""Paragraphs, headings and sidebars from the lines of a page layout (plain text, PDF text layers).

Chinese documents typed from a printed page or extracted from a PDF arrive as lines wrapped at
the visual line end, often with a blank line after every line, page numbers and page-start
spaces in between, and sidebar boxes set into the body text. This module turns such lines into
`Block` s:

- A wrapped paragraph goes on until a line ends with sentence-final punctuation (。！？；： …,
  looked at through closing quotes, see tables/punctuation.tsv) *and* the paragraph visibly ends
  there: the line is short, the next line is indented (a first line is two characters narrower
  than a full one), the next line is a heading, or (where blank lines are real separators) a
  blank line follows. "Full" is the commonest width of the lines that end mid-sentence, measured
  in half-width units (CJK characters and quotes count 2). Lines are rejoined without a space
  between CJK characters, with one between two Latin/digit runs (`join_lines`).
- Page-break debris (tables/debris.tsv): lone page numbers ('5', '- 5 -', '第5页') anywhere and
  a leading '附件' label are removed; a line starting with one stray space (where lines do not
  normally start with spaces: the page boundary of an extraction) is stripped, and continues the
  paragraph before it when that paragraph is unfinished. Each is noted in the problems.
- Headings by kind (tables/headings.tsv): 第一编, 第一章, 第一节, 一、, （一）, 1. / 1、, （1）. A
  document's levels are the ranks of the kinds it uses, renumbered from 1: the 14th five-year
  plan of Jinling Library gets 一、 = 1, （一） = 2, 1. = 3, （1） = 4. A short line at the top
  that is no heading is the document's title (a 'title' block, not a section). Numbering gaps
  and repeats are kept as found and noted, never renumbered.
- Sidebar boxes ('专题 1：…'): each becomes a 'box' block holding its own paragraphs, placed
  where its heading line stands (read.py makes it a section one level below the section it
  stands in). In an extraction the box's heading can come before the body headings that follow
  it while its text comes later, in the middle of a body paragraph cut at a full line; the box
  then waits for that cut (an unfinished full line followed by a line as narrow as a first
  line), takes the lines from there, and hands the body paragraph back at the next page-start
  line, so that the body paragraph is rejoined whole.

The same lines always give the same blocks.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ingest.document.model import Block
from kg.tables import Tables

TABLES = Tables(Path(__file__).with_name("tables"))

#: A heading is a short line: longer ones are numbered paragraphs.
MAX_HEADING_CHARS = 40
#: How much narrower than a full line a paragraph's last line must be to end it for sure, and
#: the band (below full) where a line looks like an indented first line, in half-width units.
SHORT_BY = 6
INDENT_BAND = (3, 8)
#: A body paragraph cut off by a box ends at a line at most this much narrower than full.
CUT_BY = 2
#: Fewer lines ending mid-sentence than this, at least MIN_FULL wide: the text is not
#: hard-wrapped (short lines without punctuation are list items or headings, not wraps).
MIN_WRAPPED_LINES = 3
MIN_FULL = 20
#: Share of content lines followed by a blank line above which blank lines are only spacing.
SPACING_SHARE = 0.8
#: Share of content lines with leading white space above which it is the layout, not a signal.
INDENTED_SHARE = 0.5


@dataclass(frozen=True)
class Line:
    """One line of a source: its text without the line break, where it is, its page."""

    text: str
    where: str          # e.g. 'line 181' or 'page 5, line 3', for problem notes
    page: int | None = None


@dataclass(frozen=True)
class HeadingMatch:
    kind: str
    rank: int
    number: int | None
    title: str


@dataclass
class _Item:
    line: Line
    text: str                   # stripped
    lead: str | None = None     # 'indent' | 'stray' | None
    kind: str = "text"  # 'blank' | 'debris' | 'label' | 'title' | 'heading' | 'box' | 'text'
    heading: HeadingMatch | None = None
    width: int = 0


@dataclass
class _Open:
    """A paragraph being built: its block, the last line taken, where it started."""

    block: Block
    last: _Item
    where: str
    in_box: bool = False


@dataclass
class _Box:
    block: Block
    where: str
    state: str                  # 'pending' (text still to come) | 'active'
    filled: bool = False


@dataclass
class _Layout:
    full: int | None            # width of a full line; None when not hard-wrapped
    blank_breaks: bool          # blank lines separate paragraphs


# --- characters -------------------------------------------------------------------------------

@cache
def _punctuation(role: str) -> frozenset[str]:
    return frozenset(row["char"] for row in TABLES.table("punctuation") if row["role"] == role)


def separators() -> frozenset[str]:
    """Characters between items of a creators/subjects string."""
    return _punctuation("separator")


def display_width(text: str) -> int:
    """Width in half-width units: CJK characters, full-width forms and quotes count 2.

    >>> display_width("2016-2020 年")
    12
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final punctuation, looking through closing quotes.

    >>> ends_sentence("答卷。"), ends_sentence("“阅美四季”"), ends_sentence("活动。”")
    (True, False, True)
    """
    stripped = text.rstrip().rstrip("".join(_punctuation("closer")))
    return bool(stripped) and stripped[-1] in _punctuation("final")


def join_lines(before: str, after: str) -> str:
    """Rejoin a wrapped line: no space next to CJK text, one space between Latin/digit runs.

    >>> join_lines("服务效能方面，2016-2020 年金图总流通人次累计", "1048.07 万")
    '服务效能方面，2016-2020 年金图总流通人次累计1048.07 万'
    >>> join_lines("using PDA", "services")
    'using PDA services'
    """
    if not before:
        return after
    last, first = before[-1], after[:1]
    latin = last.isascii() and first.isascii() and not last.isspace() and first.isalnum()
    return f"{before} {after}" if latin and last != "-" else before + after


# --- line kinds -------------------------------------------------------------------------------

@cache
def _heading_kinds() -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    rows = TABLES.table("headings")
    return tuple((row["kind"], int(row["rank"]), re.compile(row["pattern"])) for row in rows)


@cache
def _debris_kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row["kind"], re.compile(row["pattern"])) for row in TABLES.table("debris"))


def numeral_value(numeral: str) -> int | None:
    """The value of a number written in digits or Chinese numerals, or None.

    >>> numeral_value("十二"), numeral_value("二十"), numeral_value("一百零五"), numeral_value("7")
    (12, 20, 105, 7)
    """
    if numeral.isdigit():
        return int(numeral)
    digits = {row["char"]: int(row["value"]) for row in TABLES.table("numerals")}
    if not numeral or any(c not in digits for c in numeral):
        return None
    total, pending = 0, 0
    for char in numeral:
        value = digits[char]
        if value >= 10:     # a multiplier: 十, 百
            total += (pending or 1) * value
            pending = 0
        else:
            pending = value
    return total + pending


def heading_of(text: str) -> HeadingMatch | None:
    """The heading kind of a stripped line, or None for a line that is no heading.

    >>> heading_of("（一）指导思想")
    HeadingMatch(kind='cn_paren', rank=5, number=1, title='指导思想')
    >>> heading_of("1048.07 万，年均到馆接受服务 209.61 万人次；") is None
    True
    """
    ends = _punctuation("final") | _punctuation("separator")
    if len(text) > MAX_HEADING_CHARS or (text[-1:] in ends and text[-1:] not in "：:"):
        return None
    for kind, rank, pattern in _heading_kinds():
        found = pattern.match(text)
        if found:
            return HeadingMatch(kind, rank, numeral_value(found["n"]), found["t"] or "")
    return None


def debris_of(text: str) -> str | None:
    """The debris kind of a stripped line ('page_number', 'attachment'), or None."""
    for kind, pattern in _debris_kinds():
        if pattern.match(text):
            return kind
    return None


def split_lines(text: str) -> list[Line]:
    """The lines of a plain text, numbered from 1; form feeds start pages (numbered from 1),
    and a text without form feeds has no pages."""
    paged = "\f" in text
    page, lines = 1, []
    for number, raw in enumerate(text.split("\n"), 1):
        parts = raw.split("\f")
        for index, part in enumerate(parts):
            page += 1 if index else 0
            if part.strip() or len(parts) == 1:
                lines.append(Line(part.rstrip(), f"line {number}", page if paged else None))
    return lines


# --- classifying lines ------------------------------------------------------------------------

def _lead(raw: str, one_space: str) -> str | None:
    white = raw[:len(raw) - len(raw.lstrip())]
    if not white:
        return None
    return one_space if white == " " else "indent"


def _classify(line: Line, one_space: str) -> _Item:
    text = line.text.strip()
    item = _Item(line, text, _lead(line.text, one_space), width=display_width(text))
    if not text:
        item.kind = "blank"
    elif debris_of(text) == "page_number":
        item.kind = "debris"
    else:
        item.heading = heading_of(text)
        if item.heading:
            item.kind = "box" if item.heading.kind == "box" else "heading"
    return item


def _ignore_layout_leads(items: list[_Item]) -> None:
    content = [item for item in items if item.kind != "blank"]
    led = sum(1 for item in content if item.lead)
    if content and led / len(content) > INDENTED_SHARE:
        for item in content:
            item.lead = None


def _first_lines(items: list[_Item], problems: list[str]) -> None:
    """Drop a leading '附件' label."""
    content = [item for item in items if item.kind not in ("blank", "debris")]
    if content and debris_of(content[0].text) == "attachment":
        content[0].kind = "label"
        problems.append(f"{content[0].line.where}: leading '{content[0].text}' label removed")


def _mark_title(items: list[_Item], layout: _Layout) -> None:
    """Mark a short line at the top as the title; in wrapped text it must be clearly shorter
    than a first line, or it is the start of a paragraph."""
    content = [item for item in items if item.kind not in ("blank", "debris", "label")]
    if len(content) < 2 or content[0].kind != "text" or not looks_like_title(content[0].text):
        return
    if layout.full is None or content[0].width < layout.full - INDENT_BAND[1]:
        content[0].kind = "title"


def looks_like_title(text: str) -> bool:
    """Whether a line could be a document title: short, not ending like a sentence."""
    last = text[-1]
    return len(text) <= MAX_HEADING_CHARS and not (
        last in _punctuation("final") or last in _punctuation("separator"))


def _layout(items: list[_Item]) -> _Layout:
    text = [item for item in items if item.kind == "text"]
    wrapped = [item.width for item in text
               if not ends_sentence(item.text) and item.width >= MIN_FULL]
    # the commonest width (the wider one on a tie): first lines and boxes are narrower
    full = max(statistics.multimode(wrapped)) if len(wrapped) >= MIN_WRAPPED_LINES else None
    content = [i for i, item in enumerate(items) if item.kind != "blank"]
    spaced = [i for i in content[:-1] if items[i + 1].kind == "blank"]
    share = len(spaced) / max(1, len(content) - 1)
    return _Layout(full, bool(spaced) and share <= SPACING_SHARE)


def _next_kinds(items: list[_Item]) -> list[str | None]:
    """For each item, the kind of the next content item after it."""
    kinds: list[str | None] = [None] * len(items)
    following: str | None = None
    for i in range(len(items) - 1, -1, -1):
        kinds[i] = following
        if items[i].kind not in ("blank", "debris", "label"):
            following = items[i].kind
    return kinds


# --- building blocks --------------------------------------------------------------------------

@dataclass
class _Builder:
    layout: _Layout
    problems: list[str]
    blocks: list[Block] = field(default_factory=list)
    headings: list[tuple[Block, _Item]] = field(default_factory=list)
    paragraphs: list[_Open] = field(default_factory=list)
    para: _Open | None = None
    box: _Box | None = None
    suspended: _Open | None = None
    blank: bool = False
    after_debris: bool = False

    def feed(self, item: _Item, next_kind: str | None) -> None:
        if item.kind in ("blank", "label"):
            self.blank = self.blank or (item.kind == "blank" and not self.after_debris)
            return
        if item.kind == "debris":
            self.blank, self.after_debris = False, True
            self.problems.append(f"{item.line.where}: stray page number '{item.text}' removed")
            return
        self.after_debris = False
        if item.kind == "text":
            self._text(item)
        else:
            self._note_stray(item, joined=False)
            {"title": self._title, "heading": self._heading, "box": self._box}[item.kind](
                item, next_kind)
        self.blank = False

    def finish(self) -> list[Block]:
        if self.box and not self.box.filled:
            self.problems.append(f"{self.box.where}: no text found for '{self.box.block.text}'")
        return self.blocks

    # headings and boxes

    def _title(self, item: _Item, _next: str | None) -> None:
        self.para = None
        self.blocks.append(Block("title", item.text, page=item.line.page))

    def _heading(self, item: _Item, _next: str | None) -> None:
        self.para = None
        if self.box and self.box.state == "active":
            self._close_box()
        block = Block("heading", item.text, page=item.line.page)
        self.blocks.append(block)
        self.headings.append((block, item))

    def _box(self, item: _Item, next_kind: str | None) -> None:
        if self.para and not self.para.in_box and not ends_sentence(self.para.last.text):
            self.suspended = self.para
        self.para = None
        if self.box and not self.box.filled:
            self.problems.append(f"{self.box.where}: no text found for '{self.box.block.text}'")
        block = Block("box", item.text, page=item.line.page)
        self.blocks.append(block)
        state = "pending" if next_kind == "heading" else "active"
        self.box = _Box(block, item.line.where, state)

    def _close_box(self) -> None:
        self.box = None
        self.suspended = None

    # text lines

    def _text(self, item: _Item) -> None:
        if self.suspended and item.lead == "stray" and self.box and self.box.state == "active":
            self._resume(item)
        elif self.para is None:
            self._note_stray(item, joined=False)
            self._start(item, in_box=bool(self.box and self.box.state == "active"))
        elif self._box_cuts_in(item):
            self._start_box_text(item)
        elif self._breaks(self.para.last, item):
            self._note_stray(item, joined=False)
            self._start(item, in_box=self.para.in_box)
        else:
            self._note_stray(item, joined=True)
            self._append(self.para, item)

    def _start(self, item: _Item, in_box: bool) -> None:
        block = Block("paragraph", item.text, page=item.line.page)
        (self.box.block.children if in_box and self.box else self.blocks).append(block)
        if in_box and self.box:
            self.box.filled = True
        self.para = _Open(block, item, item.line.where, in_box)
        self.paragraphs.append(self.para)

    def _append(self, para: _Open, item: _Item) -> None:
        para.block.text = join_lines(para.block.text, item.text)
        para.last = item

    def _box_cuts_in(self, item: _Item) -> bool:
        """A pending box's text starts here: the body paragraph stops at a full line mid-sentence
        and the next line is as narrow as a first line and goes on past its end."""
        full, para = self.layout.full, self.para
        if not (self.box and self.box.state == "pending" and full and para) or para.in_box:
            return False
        cut = not ends_sentence(para.last.text) and para.last.width >= full - CUT_BY
        first = not ends_sentence(item.text) and item.width < full - INDENT_BAND[0]
        return cut and first and item.lead is None

    def _start_box_text(self, item: _Item) -> None:
        assert self.box is not None and self.para is not None
        self.suspended = self.para
        self.box.state = "active"
        self.problems.append(
            f"{item.line.where}: text of '{self.box.block.text}' ({self.box.where}) cuts into "
            f"the paragraph at {self.para.where}; box kept as its own section")
        self._start(item, in_box=True)

    def _resume(self, item: _Item) -> None:
        para = self.suspended
        assert para is not None and self.box is not None
        self.problems.append(
            f"{item.line.where}: stray leading space removed; line continues the paragraph at "
            f"{para.where}, interrupted by '{self.box.block.text}'")
        self._close_box()
        self._append(para, item)
        self.para = para

    def _breaks(self, last: _Item, item: _Item) -> bool:
        full = self.layout.full
        if (self.blank and self.layout.blank_breaks) or item.lead == "indent":
            return True
        if full is None:    # not hard-wrapped: a line is a paragraph, or blank lines part them
            return ends_sentence(last.text) or not self.layout.blank_breaks
        if not ends_sentence(last.text):
            return False
        if last.width <= full - SHORT_BY:
            return True
        return full - INDENT_BAND[1] <= item.width <= full - INDENT_BAND[0]

    def _note_stray(self, item: _Item, joined: bool) -> None:
        if item.lead == "stray":
            rest = "; line joined to the paragraph before (page boundary)" if joined else ""
            self.problems.append(f"{item.line.where}: stray leading space removed{rest}")


# --- after building ---------------------------------------------------------------------------

def _set_levels(headings: list[tuple[Block, _Item]]) -> None:
    ranks = sorted({item.heading.rank for _, item in headings if item.heading})
    for block, item in headings:
        assert item.heading is not None
        block.level = ranks.index(item.heading.rank) + 1


def _check_numbering(headings: list[tuple[Block, _Item]], problems: list[str]) -> None:
    """Note numbering gaps and repeats among sibling headings; they are kept as found."""
    last: dict[int, tuple[int, str]] = {}
    for block, item in headings:
        number = item.heading.number if item.heading else None
        for level in [lv for lv in last if lv > block.level]:
            del last[level]
        before = last.get(block.level)
        if number is not None and before and number != before[0] + 1:
            word = "repeats" if number == before[0] else "follows"
            problems.append(f"{item.line.where}: heading '{block.text}' {word} '{before[1]}' "
                            f"(numbering kept as found)")
        if number is not None:
            last[block.level] = (number, block.text)


#: A paragraph that starts like the tail of a sentence: one CJK character and a comma, or CJK
#: text and an ASCII comma (extraction debris such as '作，实现内容共创。').
_FRAGMENT = re.compile(r"^(?:[\u3400-\u9fff][，,]|[\u3400-\u9fff]{1,2},)")


def _check_fragments(paragraphs: list[_Open], problems: list[str]) -> None:
    for para in paragraphs:
        if _FRAGMENT.match(para.block.text):
            problems.append(f"{para.where}: paragraph begins mid-sentence "
                            f"('{para.block.text[:12]}…'), kept as found")


def structure_lines(lines: list[Line], one_space: str = "stray"
                    ) -> tuple[list[Block], list[str]]:
    """Blocks (title, headings, boxes, paragraphs) and problem notes from the lines of a page
    layout, in reading order.

    ``one_space`` says what a single leading space is: 'stray' (page-boundary debris of a
    text extraction) or 'indent' (a PDF text layer, where leading spaces render an indent).
    """
    problems: list[str] = []
    items = [_classify(line, one_space) for line in lines]
    _ignore_layout_leads(items)
    _first_lines(items, problems)
    layout = _layout(items)
    _mark_title(items, layout)
    builder = _Builder(layout, problems)
    for item, next_kind in zip(items, _next_kinds(items), strict=True):
        builder.feed(item, next_kind)
    blocks = builder.finish()
    _set_levels(builder.headings)
    _check_numbering(builder.headings, problems)
    _check_fragments(builder.paragraphs, problems)
    return blocks, problems
