"""Persons by the ways biographies, poems and profiles name them (``jinling.naming.v1``).

Classical biographies name a person in set phrases, and modern profiles open the same way:

- a naming word before the name (kg/linking/tables/naming_cues.tsv): 字少伯, 号钟隐, 自号东海钓客,
  小字三保, 初名从嘉, 人称“随园先生”, 郑板桥名燮,字克柔; the name runs to punctuation or to the
  closing quote;
- the subject of a biography or profile at the start of a line, when what follows is what
  biographies say next: a courtesy name (王昌龄,字少伯), a native place (郢,金陵人), life years
  (刁衍(九四五~一〇一三)) or a post (许文博,金陵图书馆馆员);
- a frame around the name (person_frames.tsv): 与刘长卿善, 与高适齐名, 师事文益;
- the addressee of a poem in its title line (poem_addressees.tsv): 寄费廷玉, 访崔四侍御, with
  a rank or an office after the surname;
- the person a poem's title opens with, before a verb of poem_title_verbs.tsv (赵德麟召还);
- an addressee called by his surname and the prefecture he holds (答杨梓州, 寄韩江州);
- in a poem's lines, a common surname and a form of address (poem_honorifics.tsv: 张侯, 徐生);
- a monk by his name and 禅师, 法师 or 上人 (云居舜禅师, 泉禅师), but not before a count of
  monks (齐己、牟儒二上人).

The given name alone that refers back to a person so named is `kg.linking.recognizers.references`.

>>> naming = Naming()
>>> [(p.start, p.end) for p in naming("王昌龄,字少伯,京兆人。", [])]
[(5, 7), (0, 3)]
>>> [(p.start, p.end) for p in naming("李煜,初名从嘉,号钟隐", [])]
[(5, 7), (9, 11)]
"""

from __future__ import annotations

import re
from functools import cache

from spacy.util import registry

from kg.linking.kb import Name
from kg.linking.model import KB, Proposal
from kg.linking.recognizers.persons import (
    byline_at,
    cues,
    is_han,
    kb_persons,
    kb_proposals,
    soft_stops,
    stops,
    surnames,
)
from kg.linking.tables import column, number, table
from kg.linking.tunes import tune_spans

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_OPEN, _CLOSE = "“「『\"'", "”」』\"'"
BREAK = ",.;:!?，。；：！？、()（）[]【】《》“”「」『』\n "
_LIFE_HEAD = re.compile(r"[(（]\s*(?:前?\d{2,4}|[〇○零一二三四五六七八九十]{2,4}|生卒|\?|？)")
_SUBJECT = re.compile(f"(?m)^[ \\t]*([{_HAN}]{{1,4}})(?=[,，(（])")
# what a biography says right after a person's name (名燮,字克柔; 名成辅,以字行; 名得生,姓胡氏)
_AFTER_NAME = re.compile(r"[,，]\s*(?:字|号|以字行|姓)")
_NUMERALS = "一二三四五六七八九十"
_RANK = re.compile(f"大|[{_NUMERALS}]{{1,3}}")  # a man's rank among his cousins: 李十二, 王大
_TITLE_MAX = 40
_CYCLICAL = re.compile("(?:[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥])?")  # 己未: a year
_FRAMED_MAX = 24  # five names of four characters and the 、 between them (与柳浑、李泌善)
_AUTHOR_MAX = 5  # the longest author's name on a poem's second line (萨都剌, 耶律楚材)
_SON = re.compile(f"子[{_HAN}]")  # a courtesy name of the form 子X (子瞻, 子椿)
_SON_BEFORE = "见得韵"  # 近见|子肃, 复得|子乔, 次韵|子椿
_SON_AFTER = "兄弟于"  # 送子开|弟, 见子肃|于建业
_REIGN_TIME = re.compile(f"[{_HAN}][宗祖帝][时朝初末间]")  # 仁宗时: in a ruler's reign
_OFFICER_JOINERS = "、与同陪和及并兼"  # joiners before a surname and office in a title
_MONK = re.compile("(?:禅师|法师|上人)")
# what a monk's name starts after: naming words and the verbs of biographies and titles
_MONK_START = set(BREAK) | set("称谓号寄访谒见礼拜与同赠送呈怀忆哭游嗣参依事") \
    | set("遇贻酬逢陪饯招邀听答题宿过留")
_MONK_CHARS = set("云月日时")  # stops elsewhere, but in monks' and temples' names: 云居, 月江
_MONK_COUNTS = "二两三四诸"  # a count before the title: the monks are named before it


@cache
def naming_cues() -> dict[str, tuple[str, int, int, str, float]]:
    """Cue -> (what stands before it, fewest and most characters, what follows, strength)."""
    return {r["cue"]: (r["before"], int(number(r, "min", "naming_cues")),
                       int(number(r, "max", "naming_cues")), r["then"],
                       number(r, "strength", "naming_cues")) for r in table("naming_cues")}


@cache
def _cue_regex() -> re.Pattern:
    words = sorted(naming_cues(), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@cache
def _frames() -> dict[str, tuple[tuple[str, ...], float]]:
    found: dict[str, tuple[list[str], float]] = {}
    for r in table("person_frames"):
        found.setdefault(r["before"], ([], number(r, "strength", "person_frames")))[0].append(
            r["after"])
    return {k: (tuple(sorted(v, key=len, reverse=True)), s) for k, (v, s) in found.items()}


@cache
def _frame_regex() -> re.Pattern:
    """A frame's first word where one of its last words follows within a list's length: the
    check that lets a comma open a frame (,李锜辟) without a look at every comma."""
    parts = []
    for before in sorted(_frames(), key=len, reverse=True):
        afters = "|".join(map(re.escape, _frames()[before][0]))
        parts.append(f"{re.escape(before)}(?=[{_HAN}、]{{2,{_FRAMED_MAX}}}?(?:{afters}))")
    return re.compile("|".join(parts))


@cache
def _addressees() -> tuple[re.Pattern, tuple[str, ...], tuple[str, ...]]:
    rows = table("poem_addressees")
    verbs = [r["word"] for r in rows if r["kind"] == "verb"]
    offices = tuple(sorted((r["word"] for r in rows if r["kind"] == "office"), key=len,
                           reverse=True))
    ends = tuple(sorted((r["word"] for r in rows if r["kind"] == "end"), key=len, reverse=True))
    alternation = "|".join(re.escape(w) for w in sorted(verbs, key=len, reverse=True))
    return re.compile(f"(?:{alternation})"), offices, ends


@cache
def _before_officer() -> tuple[str, ...]:
    """An office or a word that goes on a title, which may stand right before an officer."""
    return _addressees()[1] + _addressees()[2]


@cache
def _kin_before() -> tuple[str, ...]:
    """Kin or friends named between a title's verb and the addressee (送内弟|韦宗仁)."""
    return tuple(sorted((r["word"] for r in table("poem_addressees") if r["kind"] == "kin"),
                        key=len, reverse=True))


def _poem_title(norm: str) -> str | None:
    """The first line when it is short enough to be a poem's title (a poem opens with its title
    on a line of its own), else None."""
    line_end = norm.find("\n")
    return norm[:line_end] if 0 < line_end <= _TITLE_MAX else None


@cache
def _honorifics() -> tuple[re.Pattern, tuple[str, ...], tuple[str, ...]]:
    rows = table("poem_honorifics")
    kinds = {kind: tuple(r["word"] for r in rows if r["kind"] == kind)
             for kind in ("honorific", "word", "next")}
    # an office of a poem's addressee serves as a form of address in its lines too (王少府)
    forms = sorted({*kinds["honorific"], *(o for o in _addressees()[1] if len(o) > 1)},
                   key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms))), kinds["word"], kinds["next"]


@cache
def _title_verbs() -> frozenset[str]:
    return frozenset(column("poem_title_verbs", "verb"))


def _lord_closed(title: str, end: int) -> bool:
    """What may follow 刘公 in a title: its end, a verb, a rank (孔公二御史), an office (林公|修撰)
    or his tomb (刘公|墓); not a character that makes 公 part of a given name (李公择)."""
    after = title[end:end + 1]
    return not after or not is_han(after) or after in soft_stops() or after in _NUMERALS \
        or after in "墓祠宅" or _addressees()[0].fullmatch(after) is not None \
        or title.startswith(_addressees()[1], end)


def poem_lines(norm: str) -> int | None:
    """Where a poem's lines start, or None for a text that is no poem (a poem: a title line,
    then its author's name on a line of its own, then its lines)."""
    title_end = norm.find("\n")
    author_end = norm.find("\n", title_end + 1)
    if _poem_title(norm) is None or not 2 <= author_end - title_end - 1 <= _AUTHOR_MAX:
        return None
    return author_end


@cache
def _office_regex() -> re.Pattern:
    return re.compile("|".join(re.escape(o) for o in _addressees()[1]))


@cache
def _titles() -> re.Pattern:
    words = [c for c, uses in cues().items() if any(u[1] == "title" for u in uses)]
    words = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def _clause_end(norm: str, at: int) -> int:
    """The end of the clause that starts at ``at`` (the next punctuation or line end)."""
    m = re.compile(f"[^{re.escape(BREAK)}]*").match(norm, at)
    return m.end()


class Naming:
    """The naming recogniser (``jinling.naming.v1``)."""

    def __init__(self, strength: float = 0.8):
        self.strength = strength
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        persons = kb_persons(found, self.gazetteer)
        out = self._cued(norm, persons) + self._subjects(norm, found) + self._frames(norm)
        addressees = self._addressees(norm, found)
        taken = {(p.start, p.end) for p in addressees}
        out += addressees + [p for p in self._officers(norm, found, addressees)
                             if (p.start, p.end) not in taken]
        out += self._monks(norm, found) + self._ranked(norm) + self._honoured(norm, found)
        out += self._titled_lords(norm, found) + self._sons(norm)
        out += self._title_subject(norm)
        if not addressees:
            out += self._bare_addressee(norm, found)
        return [p for p in out if self._plausible(p, norm[p.start:p.end])]

    def _bare_addressee(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """寄|体休: a title that is a verb and two characters and nothing more names a friend,
        most often a monk, by his given name, when the two are no everyday word and no name
        the KB or a list knows (寄远, 送春, 怀金陵) and the title is no tune's (贺圣朝, 喜迁莺)."""
        title = _poem_title(norm) if self.gazetteer is not None else None  # words needed
        verb = _addressees()[0].match(title) if title else None
        if verb is None or len(title) != verb.end() + 2 or not all(map(is_han, title[-2:])) \
                or title[-2:] in self._words() or tune_spans(title) \
                or any(p.start < len(title) and p.end > verb.end() for p in found):
            return []
        return [Proposal(verb.end(), len(title), "PERSON", (), "naming.addressee", 0.7)]

    @staticmethod
    def _plausible(p: Proposal, name: str) -> bool:
        """All Chinese characters; a name found by a naming word or a monk's title may start
        with any (初名从嘉, 云居舜禅师), a poem's addressee in full with a stop that is also a
        surname (寄|曾裘甫), another not with a stop character."""
        return bool(name) and all(is_han(c) for c in name) and (
            p.origin in ("naming.cue", "naming.monk") or name[0] not in stops()
            or (p.origin == "naming.addressee" and len(name) == 3 and name[0] in surnames()
                and name[0] != "于"))  # 见访|于钟山: at, not the surname

    def _words(self) -> frozenset[str]:
        return getattr(self.gazetteer, "words", frozenset())

    # -- 字少伯, 号钟隐, 人称“随园先生” ------------------------------------------------

    def _cued(self, norm: str, persons: list[Proposal]) -> list[Proposal]:
        ends = {p.end for p in persons}
        subject = self._subject(norm, persons)
        lines = poem_lines(norm)
        out = []
        for m in _cue_regex().finditer(norm):
            before, low, high, then, strength = naming_cues()[m.group()]
            if before == "break" and not (m.start() == 0 or norm[m.start() - 1] in BREAK
                                          or m.start() in ends):
                continue
            if then == "monk" and lines is not None and m.start() >= lines:
                continue  # 山僧|试问: in a poem's lines the monk is anyone's
            span = self._cued_name(norm, m.end(), low, high, then)
            if span is not None and norm[m.start():span[0] + 1] not in self._words() \
                    and norm[span[0]] != "之":  # 字|之讹, 九僧|之一: a particle, no name
                owner = None if then == "monk" else self._owner(m.start(), persons, subject)
                out.append(Proposal(*span, "PERSON", self._senses(owner, norm[slice(*span)]),
                                    "naming.cue", strength))
        return out

    @staticmethod
    def _subject(norm: str, persons: list[Proposal]) -> Proposal | None:
        """The KB person a biography is about: the one named at the start of a line."""
        for p in sorted(persons, key=lambda p: p.start):
            if p.start == 0 or norm[:p.start].endswith("\n"):
                return p
        return None

    @staticmethod
    def _owner(cue: int, persons: list[Proposal], subject: Proposal | None
               ) -> Proposal | None:
        """Whose name a naming word gives: the KB person right before it (王昌龄,字少伯;
        郑板桥名燮), else the subject of the biography (自号东海钓客)."""
        return next((p for p in persons if p.end in (cue, cue - 1)), subject)

    def _senses(self, owner: Proposal | None, text: str) -> tuple[Name, ...]:
        if owner is None or self.gazetteer is None:
            return ()
        return tuple(Name(text, n.entity, "courtesy", 0.7) for n in owner.senses
                     if self.gazetteer.entities[n.entity].type == "PERSON")

    @staticmethod
    def _cued_name(norm: str, at: int, low: int, high: int, then: str
                   ) -> tuple[int, int] | None:
        at += norm.startswith("为", at)  # 世称|为青溪: the verb's ending, not the name's start
        quoted = at < len(norm) and norm[at] in _OPEN
        start = at + 1 if quoted else at
        end = _clause_end(norm, start)
        if quoted and (end >= len(norm) or norm[end] not in _CLOSE):
            return None
        size = end - start
        if not (low <= size <= (max(high, 6) if quoted else high)):
            return None
        if then == "courtesy" and not _AFTER_NAME.match(norm, end):
            return None
        return start, end

    # -- the subject of a biography or profile -----------------------------------------

    def _subjects(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        out = []
        eras = {p.start for p in kb_proposals(found, self.gazetteer, "PERIOD")}
        for m in _SUBJECT.finditer(norm):
            if norm[m.end(1) - 1] == "年" or m.start(1) in eras \
                    or _REIGN_TIME.fullmatch(m.group(1)):
                continue  # 昇元元年（937）, 上元年间，, 仁宗时，: a time heading the line
            if self._told_of(norm, m.end(1)):
                out.append(Proposal(m.start(1), m.end(1), "PERSON", (), "naming.subject",
                                    self.strength))
        return out

    def _told_of(self, norm: str, end: int) -> bool:
        """What a biography says right after its subject's name; a word before a byline in
        brackets (本报讯(记者 王某)) is a dateline, no subject."""
        if norm[end:end + 1] in "(（" and byline_at(norm, end + 1 + (norm[end + 1:end + 2] == " ")):
            return False
        if _LIFE_HEAD.match(norm, end):
            return True
        clause_start = end + 1
        clause = norm[clause_start:_clause_end(norm, clause_start)]
        if clause.startswith(("字", "号")) or re.fullmatch(f"[{_HAN}]{{1,8}}人", clause):
            return True
        return bool(clause) and len(clause) <= 16 and _titles().search(clause) is not None \
            and clause.endswith(tuple(_titles().findall(clause)))

    # -- 与刘长卿善, 师事文益 ---------------------------------------------------------

    def _frames(self, norm: str) -> list[Proposal]:
        out = []
        for m in _frame_regex().finditer(norm):
            afters, strength = _frames()[m.group()]
            out += [Proposal(start, end, "PERSON", (), "naming.frame", strength)
                    for start, end in self._framed(norm, m.end(), afters)]
        return out

    def _framed(self, norm: str, start: int, afters: tuple[str, ...], depth: int = 0
                ) -> list[tuple[int, int]]:
        """The names between a frame's words, one or several joined by 、 (与柳浑、李泌善)."""
        for size in (3, 2, 4):
            end = start + size
            if not self._surnamed(norm[start:end]) or norm[start:end] in self._words():
                continue  # ,丛林谓之: a word
            if norm.startswith(afters, end) and norm[end - 1:end + 1] not in self._words():
                return [(start, end)]  # not 杭州太|守: the frame's word ends a word there
            if depth < 4 and norm.startswith("、", end):
                rest = self._framed(norm, end + 1, afters, depth + 1)
                if rest:
                    return [(start, end), *rest]
        return []

    @staticmethod
    def _surnamed(name: str) -> bool:
        """A surname and a given name of one or two characters, neither a stop nor a numeral
        (宋亡,元三次辟: a dynasty and a count)."""
        if len(name) < 2 or not all(is_han(c) and c not in stops() and c not in _NUMERALS
                                    for c in name):
            return False
        return (name[:2] in surnames() and 2 < len(name) <= 4
                or name[0] in surnames() and len(name) <= 3)

    # -- 寄费廷玉, 访崔四侍御 --------------------------------------------------------

    def _addressees(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        verbs, offices, ends = _addressees()
        title, out = _poem_title(norm), []
        if title is None:
            return []
        words = self._words()
        known = {p.start: p.end for p in found if p.origin == KB}
        places = {p.start: p.end for p in kb_proposals(found, self.gazetteer, "PLACE")}
        places.update((p.start, p.end) for p in found if p.type == "PLACE" and p.origin != KB)
        for m in verbs.finditer(title):
            start = m.end()
            if title[m.start():start + 1] in words or verbs.match(title, start):
                continue  # 怀古兼送友人: 怀古 is a word, 古 no surname there; 次韵|和王巩:
                # another verb follows, and the name comes after it
            start += len(next((w for w in _kin_before() if title.startswith(w, start)), ""))
            for second in (False, True):  # 寄权士繇韩幼深: a second addressee after the first
                if title.startswith(ends, start):
                    break  # 同王胜之游蒋山: 游 goes on the title, no 游蒋山
                if second and surnames().get(title[start:start + 1]) != "common":
                    break  # 赠李公择|公择时知鄂州: his name again, not 公 the surname
                end = post = self._by_post(title, start, places, ends)
                if end is None:
                    end = self._addressee_end(title, start, offices, ends)
                if end is None:
                    end = self._before_known(title, start, known)
                if end is None or title[start:end] in words or title[start:end] in offices or (
                        post is None and known.get(start, end) < end):
                    break  # 唱和古风: a word; 寄江宁|旻上人: a known name opens it, no surname
                out.append(Proposal(start, end, "PERSON", (), "naming.addressee",
                                    0.75 if post is None else 0.8))
                start = end
        return out

    @staticmethod
    def _by_post(title: str, start: int, places: dict[int, int], ends) -> int | None:
        """The end of an official called by his surname and the prefecture he holds (答杨|梓州,
        寄韩|江州), when the place ends the title or a word that goes on it follows."""
        for surname in (title[start:start + 2], title[start:start + 1]):
            end = places.get(start + len(surname))
            if surname in surnames() and end is not None and Naming._title_ends(title, end, ends):
                return end
        return None

    @staticmethod
    def _before_known(title: str, start: int, known: dict[int, int]) -> int | None:
        """The end of a surname and a two-character given name right before a known name
        (次韵赵子野|石城钓月图), when nothing else ends the addressee's name; not 诸公, the
        gentlemen (同诸公登|雨华台)."""
        for surname in (title[start:start + 2], title[start:start + 1]):
            end = start + len(surname) + 2
            if surname in surnames() and not title.startswith("诸公", start) and end in known \
                    and all(is_han(c) and c not in stops() for c in title[start:end]):
                return end
        return None

    def _officers(self, norm: str, found: list[Proposal], addressees: list[Proposal]
                  ) -> list[Proposal]:
        """A surname with an office after it anywhere in a poem's title, after a place, a
        verb or a joiner (寄句容王主簿, 秦淮过温州李给事宅, 同颜使君真卿李侍御萼): the person."""
        verbs, title, out = _addressees()[0], _poem_title(norm), []
        if title is None:
            return []
        # a place, another addressee or officer may stand right before one (使君|李侍御)
        ends = {p.end for p in found if p.type == "PLACE" or p.origin == KB}
        ends |= {p.end for p in addressees}
        inside = {i for p in found if p.origin == KB for i in range(p.start + 1, p.end)}
        # where a name of two or more characters stands, which no new full name overlaps
        named = {i for p in found if p.origin == KB or p.type == "PLACE" if p.end - p.start > 1
                 for i in range(p.start, p.end)}
        for m in _office_regex().finditer(title):
            start, end = self._officer_start(title, m.start(), verbs, ends), m.end()
            if start is None:
                start, end = self._named_officer(title, m.start(), verbs, ends), m.start()
                if start is not None and (verbs.match(title, start) or any(
                        i in named for i in range(start, end))):
                    continue  # 谢|郏亶秘校: the verb, not a surname; 江宁旻|上人: a place
            if start is not None and title[start:end] not in surnames() \
                    and (start not in inside or start in ends):  # 夏侯审; 建康|参政
                out.append(Proposal(start, end, "PERSON", (), "naming.addressee", 0.75))
                ends.add(m.end())
        return out

    @staticmethod
    def _named_officer(title: str, office: int, verbs, ends: set[int]) -> int | None:
        """Where the full name before an office at ``office`` starts (题|周皓|大夫新亭子,
        |赵尊道|郎中出示): a surname and a given name of one or two characters after a
        boundary; the mention leaves the office out, as a full name does."""
        for given in (2, 1):
            at = office - given
            if at < 1 or not all(is_han(c) and c not in stops() and not verbs.fullmatch(c)
                                 for c in title[at:office]) \
                    or surnames().get(title[office - 1]) == "common" or title[office - 1] == "公":
                continue  # 金陵|李推官: the surname right before the office is his; 林公 is
                # a lord's (_titled_lords); 金陵送|左史: a verb
            start = Naming._officer_start(title, at, verbs, ends)
            if start is not None and surnames().get(title[start:at]) == "common":
                return start  # 古城|员外: a rarer surname too often opens a word
        return None

    @staticmethod
    def _officer_start(title: str, office: int, verbs, ends: set[int]) -> int | None:
        """Where the surname (with a rank: 崔四) before an office at ``office`` starts, when the
        text before it is a boundary; else None."""
        rank = re.search(f"[{_NUMERALS}]{{1,3}}$", title[:office])
        at = rank.start() if rank else office
        for size in (2, 1):
            start = at - size
            if start < 0 or title[start:at] not in surnames():
                continue
            before = title[start - 1] if start > 0 else ""
            if not before or not is_han(before) or before in _OFFICER_JOINERS \
                    or start in ends or verbs.fullmatch(before) or before in soft_stops() \
                    or title.endswith(_before_officer(), 0, start):
                return start  # 旅泊|章侍御: after a verb of motion too; 提举|窦侍郎, 春日|许征君
        return None

    @staticmethod
    def _addressee_end(title: str, start: int, offices, ends, depth: int = 0) -> int | None:
        """The end of an addressee's name at ``start`` of a poem's title: the title ends there,
        or a word that goes on it, or (once) another addressee (寄权士繇|韩幼深)."""
        for surname in (title[start:start + 2], title[start:start + 1]):
            if surname not in surnames():
                continue
            at = start + len(surname)
            rank = re.compile(f"[{_NUMERALS}]{{1,3}}").match(title, at)
            # 卢六|四首: a rank, then the count of poems
            options = list(range(rank.end(), at, -1)) if rank else [at + 2, at + 1]
            for base in (b for b in options if b <= len(title)):
                if base == at + 2 and not rank and title.startswith(ends, at + 1) \
                        and title[at + 1] != "之":  # 胜之, 羲之: given names end in 之
                    continue  # 送夏侯审赴宁国: 赴 goes on the title, the given name is 审
                office = next((o for o in offices if title.startswith(o, base)), "")
                end = base + len(office)
                if (rank or office or base > at) and (Naming._title_ends(title, end, ends) or (
                        depth < 1 and Naming._addressee_end(title, end, offices, ends, depth + 1))):
                    # 沈虞卿|秘监, 崔约|秀才: a full name leaves the office out; 崔四侍御 is
                    # the surname and rank with it
                    return base if office and base > at and not rank else end
        return None

    @staticmethod
    def _title_ends(title: str, end: int, ends) -> bool:
        return end >= len(title.rstrip()) or title[end] in BREAK or title.startswith(ends, end) \
            or _addressees()[0].match(title, end) is not None

    # -- 李十二白, 王大昌龄 --------------------------------------------------------------

    def _ranked(self, norm: str) -> list[Proposal]:
        """A KB person called in a poem's title by surname, rank among his cousins and given
        name (赠李十二白, 送王大昌龄): the rank stands inside the name the KB knows."""
        title = _poem_title(norm)
        if self.gazetteer is None or title is None:
            return []
        out = []
        for m in _RANK.finditer(title):
            for size in (2, 1):
                family, given = norm[m.start() - size:m.start()], norm[m.end():m.end() + 2]
                if m.start() < size or family not in surnames():
                    continue
                end = self._ranked_end(family, given, m.end())
                if end is not None and norm[end - 1:end + 1] not in self._words():  # 李二|白菜
                    senses = self.gazetteer.lookup(family + norm[m.end():end])
                    out.append(Proposal(m.start() - size, end, "PERSON", senses, KB, 0.85))
                    break
        return out

    def _ranked_end(self, family: str, given: str, at: int) -> int | None:
        """The end of the given name after a rank, when surname and given name are a KB
        person's own name."""
        entities = self.gazetteer.entities
        for size in (2, 1):
            senses = self.gazetteer.lookup(family + given[:size]) if len(given) >= size else ()
            if any(n.kind == "pref" and entities[n.entity].type == "PERSON" for n in senses):
                return at + size
        return None

    # -- 张元举惠江南李王帐中香 --------------------------------------------------------------

    def _title_subject(self, norm: str) -> list[Proposal]:
        """A poem's title that opens with a surname and a two-character given name, then a verb
        of poem_title_verbs.tsv (赵德麟|召还, 己未|耿天骘|著作 is no verb): the person; not a
        surname that is such a verb itself (宿|钟山知觉院: to stay the night)."""
        if poem_lines(norm) is None:
            return []
        start = _CYCLICAL.match(norm).end()
        for size in (2, 1):
            end = start + size + 2
            name = norm[start:end]
            if name[:size] in surnames() and norm[end:end + 1] in _title_verbs() \
                    and name[:size] not in _title_verbs() \
                    and all(is_han(c) and c not in stops() for c in name) \
                    and name not in self._words() and name[size:] not in self._words():
                return [Proposal(start, end, "PERSON", (), "naming.title", 0.7)]
        return []

    # -- 张侯楼上月, 徐生思解榻 -----------------------------------------------------------

    def _honoured(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """In the lines of a poem (after its title and author), a common surname and a form of
        address of poem_honorifics.tsv (张侯, 谢公, 徐生, 陈君, 刘郎) or an addressee's office
        (王少府, 钱太尉): the person; not a surname that ends a known name (九江|太守)."""
        lines = poem_lines(norm)
        if lines is None:
            return []
        regex, phrases, nexts = _honorifics()
        everyday, out = self._words(), []
        known_ends = {p.end for p in found if p.origin == KB and p.end - p.start > 1}
        for m in regex.finditer(norm, lines):
            start = self._honoured_start(norm, m.start())
            if start is not None and not norm.startswith(phrases, start) \
                    and not norm.startswith(nexts, m.start()) \
                    and norm[start:m.end()] not in everyday \
                    and norm[start - 1:start + 1] not in everyday \
                    and m.start() not in known_ends \
                    and not self._worded(norm, start, m):  # 森林|公园
                out.append(Proposal(start, m.end(), "PERSON", (), "naming.honorific", 0.65))
        return out

    def _worded(self, norm: str, start: int, form: re.Match) -> bool:
        """Whether an office's first character goes with the surname, or its last with the
        character after it, in an everyday word (江山|人物)."""
        if form.end() - form.start() < 2:
            return False
        everyday = self._words()
        return norm[start:form.start() + 1] in everyday \
            or norm[form.end() - 1:form.end() + 1] in everyday

    def _titled_lords(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """In a poem's title, a common surname and 公 after an office, a verb, a joiner or a
        known name (相国|杜公, 知府|林公, 建康|刘公): the person addressed."""
        title = _poem_title(norm)
        if title is None or poem_lines(norm) is None:
            return []
        nexts, offices = _honorifics()[2], _addressees()[1]
        ends = {p.end for p in found if p.origin == KB or p.type in ("PLACE", "PERSON")}
        out = []
        for at in (m.start() for m in re.finditer("公", title)):
            start = self._honoured_start(title, at)
            if start is None or title.startswith(nexts, at) or not _lord_closed(title, at + 1) \
                    or not (start in ends or title[:start].endswith(offices)
                            or title[start - 1:start] in _OFFICER_JOINERS
                            or _addressees()[0].fullmatch(title[start - 1:start])):
                continue
            out.append(Proposal(start, at + 1, "PERSON", (), "naming.honorific", 0.75))
        return out

    def _sons(self, norm: str) -> list[Proposal]:
        """In a poem's title, a courtesy name 子X after a verb of address, 见 or 得, before the
        title's end, a word that goes on it, a brother or an office (次韵子椿游雨花台, 送子开弟,
        近见子肃于建业, 复得子乔校书): the person (not 天子, 太子, 桂子: everyday words, nor 许子
        after a surname)."""
        title = _poem_title(norm)
        if title is None or poem_lines(norm) is None:
            return []
        verbs, offices, ends = _addressees()
        out = []
        for m in _SON.finditer(title):
            before, after = title[m.start() - 1:m.start()], m.end()
            closed = self._title_ends(title, after, ends) or title.startswith(offices, after) \
                or title[after:after + 1] in _SON_AFTER
            if closed and (verbs.fullmatch(before) or before in _SON_BEFORE) \
                    and m.group() not in self._words() and title[after - 1] not in stops():
                out.append(Proposal(m.start(), after, "PERSON", (), "naming.addressee", 0.7))
        return out

    @staticmethod
    def _honoured_start(norm: str, at: int) -> int | None:
        """Where a common surname right before ``at`` starts; None where there is none, or
        where surname and form of address make a compound surname (夏侯)."""
        for size in (2, 1):
            start = at - size
            if start >= 0 and surnames().get(norm[start:at]) == "common":
                return None if norm[start:at + 1] in surnames() else start
        return None

    # -- 云居舜禅师 -------------------------------------------------------------------

    def _monks(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        known = [(p.start, p.end) for p in found if p.origin == KB]
        listed = {p.end: p.start for p in found if p.type == "PERSON" and p.origin != KB}
        out = []
        for m in _MONK.finditer(norm):
            start = m.start()
            if start > 0 and norm[start - 1] in _MONK_COUNTS:
                continue  # 齐己、牟儒二上人: the two monks, named before their count
            while start > max(0, m.start() - 6) and is_han(norm[start - 1]) \
                    and norm[start - 1] not in _MONK_START and (
                        norm[start - 1] in _MONK_CHARS or norm[start - 1] not in stops()):
                start -= 1  # 真乃是|羲皇上人: a monk's name holds no particle or verb
            inner = max((e for b, e in known if b >= start and 1 <= m.start() - e <= 2),
                        default=None)
            if inner is not None:
                start = inner  # 钟山|泉禅师, 题栖霞寺|庆上人: the hill or temple, then the monk
            elif start == m.start() and start in listed:
                start = listed[start]  # 天衣怀|禅师: a listed monk whose name ends in a verb
            if m.start() > start and norm[start:m.end()] not in self._words():
                out.append(Proposal(start, m.end(), "PERSON", (), "naming.monk", 0.75))
        return out


@registry.misc("jinling.naming.v1")
def make_naming(strength: float = 0.8) -> Naming:
    """Persons by naming words, biography openings, frames, poem titles (`Naming`)."""
    return Naming(strength)
