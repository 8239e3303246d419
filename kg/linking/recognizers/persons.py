"""Persons the KB does not know: a surname and a given name where the text says it is a person.

The evidence (kg/linking/tables/person_cues.tsv, bylines.tsv) is a title or form of address
before the name (馆长焦翔) or after it (焦翔馆长, 王明先生), a speech verb after it (王明说:
only with a common surname), a byline (文/办公室 张明), life years after it (袁枚(1716-1797),
王桂英(1942年生), 刁衍(九四五~一〇一三), 朱存(生卒年不详)), a courtesy name after it
(王昌龄,字少伯), a dynasty before it and a book title after it (宋张敦颐《六朝事迹编类》),
a prince's title before it (永王李璘), or a list that goes on from a person (周晓岚、陈立新),
back from one to a word that opens a list (僧虚中、齐己: list_openers.tsv), or of three names or
more closed by 等 (王希羽、刘象、柯崇等).
A given name has one or two
characters: the first length after which the text may end a name (a stop character of
name_stops.tsv, a cue, punctuation), else two. No name is an everyday word or starts with one
(储备, 文学创: jieba's dictionary, kept by the gazetteer). A name found on good evidence is then
found wherever else the document repeats it, and so is its given name alone (昌龄 after
王昌龄; a one-character one only where a clause starts: 铉 after 徐铉), which for a KB person
links to that person.

>>> persons = Persons()
>>> [(p.start, p.end, p.origin) for p in persons("馆长焦翔表示，焦翔在会上", [])]
[(2, 4, 'person.title'), (7, 9, 'person.repeat')]
>>> [(p.start, p.end) for p in persons("他看见李明说", [])]
[(3, 5)]
>>> [(p.start, p.end) for p in persons("馆员周晓岚、陈立新现场演示", [])]
[(2, 5), (6, 9)]
"""

from __future__ import annotations

import math
import re
import threading
from functools import cache

from spacy.util import registry

from kg.linking.affixes import YEAR_COUNT
from kg.linking.automaton import Words
from kg.linking.kb import Name
from kg.linking.model import KB, Proposal
from kg.linking.name_lists import CUED, surnames
from kg.linking.tables import column, number, table

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LIFE = re.compile(r"[(（]\s*(?:前?\d{3,4}\s*(?:年生|年出生|年?\s*[-—–~至]\s*前?\d{0,4})"
                   r"|[〇○零一二三四五六七八九]{3,4}\s*[-—–~至]|生卒年)")
# a dynasty's one-character name (or 有, a native place's 人, a prefecture's 州, a list's 、,
# a year's 年, an era's 间, 校以's 以, 事见's 见, 另参's 参, 据's 据, a chapter's number), then an
# author's name, then the work or a word of making a book: 宋张敦颐《六朝事迹编类》, 词有朱孝臧
# 《宝晋长短句》, 歙人项梦昶合辑, 咸淳五年伊赓刻本, 卷二陈植《先人圹志》, 事见俞汝砺撰
# 《晁具茨先生诗集序》, 另参张忱石《全唐诗人名索引》, 据毛晋影抄本
_DYNASTIES = "汉晋隋唐宋元明清"
_GOVERN = "镇"  # 徐商镇襄阳: held the command of
_DYNASTY_BEFORE = f"(?<=[{_DYNASTIES}有人州、年间以见参据一二三四五六七八九十])"
# a prince's title, then his name: 永王李璘, 吴王孙权
_PRINCE = re.compile(r"(?<=[\u4e00-\u9fff])王(?=[\u4e00-\u9fff]{2})")
_COURTESY = re.compile(r"[,，]?字([\u4e00-\u9fff]{2})(?=[,，。;；、])")
_BYLINE_TOKENS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_JOINERS = "、和与及"
_GOING = "游归还赴往返"  # 友人|游梅湖: a verb of going right after a title, not a surname
_VOUCHED = ("person.years",)  # origins whose cue leaves no doubt of a name (not a byline:
# 作者:|文学创作)
# a count of the persons just named (齐己、牟儒二上人, 王、谢二公): it ends the name before it
_COUNTED = re.compile("[二两三四五诸](?:人|公|子|君|僧|上人|禅师|法师|先生)")
# a form of address that closes a full name (市民周秉和先生, 捐赠人周慕云女士)
_HONORIFIC = re.compile("先生|女士|老先生|同志")
# stops that are common as the last character of a given name (敬之, 慕云)
_NAME_STOPS = frozenset("之云")
# a title's name closed in modern prose is as sure as one the KB's shorter name must yield to
# (家长|沈立新|说, not the Song's 沈立): resolve's _SURE_PERSON
_CLOSED_STRENGTH = 0.8
# particles that follow a verb, never a name (李红带|着); not 过, a verb too (章思台|过天禧寺)
_ASPECT = frozenset("着了")
_CLAUSE_START = "，。；：（(,;:"  # not a line break: a poem's line may start with 白
# a pronoun a verb takes: the character before it is no given name's (姚合|爱其诗); not 之,
# which a possessive is too (林慕陶之女)
_OBJECTS = frozenset("其")  # a set: the text's end, an empty string, is in no set
# three or more items of two or three characters joined by 、 and closed by 等
_NAMED_LIST = re.compile(r"((?:[\u3400-\u9fff]{2,3}、){2,}[\u3400-\u9fff]{2,3})等")


def _modern(norm: str) -> bool:
    """Modern prose, where 的 is everywhere: no classical text of the corpus uses it."""
    return "的" in norm


def is_han(c: str) -> bool:
    return bool(_HAN.match(c))


@cache
def _openers() -> frozenset[str]:
    return frozenset(column("list_openers", "char"))


@cache
def stops() -> frozenset[str]:
    return frozenset(column("name_stops", "char"))


@cache
def _hard_stops() -> frozenset[str]:
    """The stops that no given name holds, even where a word closes it: verbs, particles,
    pronouns (龙|为), but not measure or time words or classical adverbs (张位, 戚永年, 徐乃昌)."""
    return frozenset(r["char"] for r in table("name_stops")
                     if not r["note"].startswith(("measure", "time", "classical adverb")))


@cache
def _classical_stops() -> frozenset[str]:
    """Stops of classical prose that modern given names hold (贺乃川, 蒋慕云, 周敬之)."""
    return frozenset(r["char"] for r in table("name_stops")
                     if r["note"].startswith("classical")) | _NAME_STOPS


@cache
def soft_stops() -> frozenset[str]:
    """Verbs of motion or office that end a place's stem once it has a few characters
    (name_soft_stops.tsv: 知|睦州, 登|梅冈)."""
    return frozenset(column("name_soft_stops", "char"))


@cache
def _editor_words() -> tuple[str, ...]:
    return tuple(column("editor_words", "word"))


@cache
def _maker_marks() -> tuple[str, ...]:
    """What follows a book's maker: its title or a word of making (宋|韩维《南阳集》)."""
    return ("《", *_editor_words())


@cache
def _edition_regex() -> re.Pattern:
    words = [r["word"] for r in table("editor_words") if r["alone"] == "yes"]
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@cache
def _author_regex() -> re.Pattern:
    words = "|".join(re.escape(w) for w in _editor_words())
    name = "[\u4e00-\u9fff]{2,3}"
    return re.compile(f"{_DYNASTY_BEFORE}(?={name}(?:、{name})?(?:《|{words}))")


@cache
def clause_adverbs() -> frozenset[str]:
    """The adverbs that open a predicate after its subject (clause_adverbs.tsv: 始, 乃, 遂)."""
    return frozenset(column("clause_adverbs", "char"))


@cache
def office_words() -> frozenset[str]:
    """The offices and forms of address of poem titles (李太尉: 太尉 is no given name)."""
    return frozenset(r["word"] for r in table("poem_addressees") if r["kind"] == "office")


@cache
def _finals() -> frozenset[str]:
    return frozenset(column("not_name_final", "char"))


@cache
def cues() -> dict[str, list[tuple[str, str, float]]]:
    """Cue -> [(position, kind, strength)]."""
    found: dict[str, list[tuple[str, str, float]]] = {}
    for r in table("person_cues"):
        found.setdefault(r["cue"], []).append(
            (r["position"], r["kind"], number(r, "strength", "person_cues")))
    return found


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _before_cues() -> Words:
    """The cues that stand before a name (馆长|焦翔)."""
    return Words(c for c, uses in cues().items() if any(u[0] in ("before", "both") for u in uses))


@cache
def _after_cues() -> re.Pattern:
    """The cues that stand after a name (焦翔|说)."""
    return re.compile(_alternation(
        c for c, uses in cues().items() if any(u[0] in ("after", "both") for u in uses)))


@cache
def _byline_markers() -> re.Pattern:
    """The markers of a byline (记者)."""
    return re.compile(_alternation(r["marker"] for r in table("bylines")))


def byline_at(norm: str, at: int) -> bool:
    """True when a byline marker of bylines.tsv starts at ``at`` (记者 in 本报讯(记者 王某))."""
    return _byline_markers().match(norm, at) is not None


def _cue_strength(cue: str, position: str) -> tuple[str, float] | None:
    for pos, kind, strength in cues().get(cue, ()):
        if pos in (position, "both"):
            return kind, strength
    return None


def _honoured(norm: str, end: int) -> bool:
    """A form of address closes a name at ``end`` (周秉和|先生), or a verb that follows names
    closes one that ends in 之 or 云 (副馆长|周蕴之|介绍, 带队老师|钱慕云|表示): the name's last
    character may then be one that is a stop elsewhere."""
    return _HONORIFIC.match(norm, end) is not None or (
        norm[end - 1:end] in _NAME_STOPS and _after_cues().match(norm, end) is not None)


def _given_ok(given: str) -> bool:
    return all(is_han(c) and c not in stops() for c in given) and given[-1] not in _finals()


class Persons:
    """The person recogniser (``jinling.persons.v1``)."""

    def __init__(self, repeat: bool = True, repeat_strength: float = 0.8,
                 repeat_min: float = 0.7, given_strength: float = 0.65):
        self.repeat, self.repeat_strength, self.repeat_min = repeat, repeat_strength, repeat_min
        self.given_strength = given_strength
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        blocked, known = self._kb_starts(found), self._kb_persons(found)
        persons = frozenset((p.start, p.end) for p in known)
        out = _unique(self._before(norm, blocked, persons) + self._after(norm)) \
            + self._bylines(norm)
        out += self._courtesy(norm) + self._authors(norm, found) + self._princes(norm)
        taken = {(p.start, p.end) for p in out}
        out += [p for p in self._editions(norm, found) if (p.start, p.end) not in taken]
        out += self._governors(norm, found)
        out += self._lists(norm, out + known, blocked) + self._named_lists(norm, blocked)
        out = [p for p in _titled_first(out)
               if self._plausible(norm[p.start:p.end], p.origin in _VOUCHED)]
        if self.repeat:
            out += self._repeats(norm, out)
            # 贺知章 … 知章见其文; a poem's addressee 权士繇 … 士繇松筠操 in its lines
            listed = [p for p in found if p.origin in ("lexicon.person", "naming.addressee")]
            out += self._given_names(norm, out + listed, known)
        makers = [p for p in out if p.origin == "person.author"] + [
            p for p in known if norm.startswith(_maker_marks(), p.end)]
        return out + [d for p in makers if p.start > 0 and norm[p.start - 1] in _DYNASTIES
                      for d in self._dynasty(norm, p.start - 1)]

    def _plausible(self, name: str, vouched: bool = False) -> bool:
        """No everyday word (储备) or office (尚书|左丞) and no name that starts with an everyday
        word (文学创 …), but a compound surname that is also a word (上官婷) is a surname, and a
        name that its years vouch for may start with one (管长根（1939年生）)."""
        words = getattr(self.gazetteer, "words", frozenset())
        compound = len(name) > 2 and name[:2] in surnames()
        return name not in words and name not in office_words() and (
            compound or vouched or name[:2] not in words)

    # -- where a name ends and starts -----------------------------------------------------

    def _ends_name(self, norm: str, end: int) -> bool:
        if end >= len(norm) or not is_han(norm[end]) or norm[end] in stops():
            return True
        return (_after_cues().match(norm, end) is not None
                or _COUNTED.match(norm, end) is not None)

    def name_from(self, norm: str, start: int) -> tuple[int, bool] | None:
        """(end, bounded) of a name that starts at ``start``, or None. ``bounded``: the text
        may end a name there; else the end is a guess (a two-character given name)."""
        guess = None
        if start >= len(norm) or norm[start] in stops():
            return None
        for surname in (norm[start:start + 2], norm[start:start + 1]):
            if len(surname) == 0 or surname not in surnames():
                continue
            base = start + len(surname)
            for size in (2, 1):
                given = norm[base:base + size]
                if size == 2 and (given[1:] in clause_adverbs() or _office_at(norm, base + 1)
                                  or norm[base + 2:base + 3] in _ASPECT
                                  or self._starts_word(norm, base + 1)
                                  or norm[base + 2:base + 3] in _OBJECTS):
                    continue  # 苏颋见而异之: an adverb or verb of the clause; 林公|修撰: an
                    # office; 龚贤|晚年: the second character begins the next word; 姚合|爱其诗:
                    # a verb before its object
                if len(given) == size and _given_ok(given):
                    if self._ends_name(norm, base + size) or _office_after(norm, base + size) \
                            or (size == 1 and (_office_at(norm, base + size)
                                               or norm[base + 2:base + 3] in _ASPECT)) or (
                            size == 2 and surnames()[surname] == "common"
                            and self._word_at(norm, base + size)):
                        return base + size, True
                    if guess is None and (size == 2) != self._word_after(norm, base + 1):
                        guess = base + size  # two characters, or one before a word (宋慎|牵连)
        return (guess, False) if guess is not None else None

    def _starts_word(self, norm: str, at: int) -> bool:
        """The character at ``at`` begins an everyday word with the next and a stop ends that
        word (龚贤|晚年: 晚年 is a word, and 年 would have closed the name 龚贤晚)."""
        words = getattr(self.gazetteer, "words", frozenset())
        return norm[at:at + 2] in words and norm[at + 1:at + 2] in stops()

    def _word_at(self, norm: str, at: int) -> bool:
        """An everyday word starts at ``at`` (顾文涛|随后) and does not start inside the given
        name before it."""
        words = getattr(self.gazetteer, "words", frozenset())
        return norm[at:at + 2] in words and norm[at - 1:at + 1] not in words

    def _word_after(self, norm: str, at: int) -> bool:
        """The character at ``at`` begins an everyday word with the next (宋慎|牵连) or is an
        adverb that opens a predicate (皇甫湜|始闻: clause_adverbs.tsv): the given name is more
        likely the one character before it."""
        words = getattr(self.gazetteer, "words", frozenset())
        return norm[at:at + 2] in words or norm[at:at + 1] in clause_adverbs()

    def name_before(self, norm: str, end: int, common: bool) -> int | None:
        """The start of a name that ends at ``end``, or None: the three-character name when
        the text may start a name before it, else the two-character one, else either."""
        options = []
        # before 先生, 女士: a given name may end in a stop (其后人|周慎之|先生, 朱景和|先生)
        last = end - 1 if _HONORIFIC.match(norm, end) else end
        for size in (3, 2, 4):
            start = end - size
            if start < 0 or not all(is_han(c) and c not in stops() for c in norm[start:last]) \
                    or norm[end - 1] in _finals():
                continue
            if _ends_cue(norm, start + 1):
                continue  # 裔孙|复贞: the surname would be the end of a word of kinship
            for surname in (norm[start:start + 2], norm[start]) if size >= 3 else (norm[start],):
                frequency = surnames().get(surname)
                if frequency and (not common or frequency == "common") and \
                        1 <= size - len(surname) <= 2:
                    left = start == 0 or not is_han(norm[start - 1]) or norm[start - 1] in stops()
                    options.append((not left, size != 3, start))
        return min(options)[2] if options else None

    # -- the rules -----------------------------------------------------------------------

    def _before(self, norm: str, blocked: frozenset[int],
                persons: frozenset[tuple[int, int]] = frozenset()) -> list[Proposal]:
        """A title or form of address before a name (馆长焦翔), unless a KB name of a place or
        body starts where the name would (``blocked``: 八十七岁的|门西老住户); ``persons``: the
        spans of the KB's persons' names."""
        out, modern = [], _modern(norm)
        words = getattr(self.gazetteer, "words", frozenset())
        for start, end, cue in _before_cues().find(norm):
            if len(cue) == 1 and norm[max(0, start - 1):end] in words:
                continue  # 下令|修城: the one-character title 令 ends a word, no title here
            use = _cue_strength(cue, "before")
            at = end + (norm[end:end + 1] == " ")  # 志愿者 乔楠: one space between
            if norm[at:at + 1] in _GOING or at in blocked:
                continue
            named = self.name_from(norm, at) if use else None
            strength = use[1] if use else 0.0
            if use and use[0] == "title":
                closed = self._closed_name(norm, at, modern, persons)
                if closed is not None and (named is None or not named[1] or (
                        closed > named[0] and (norm[named[0]] not in _hard_stops() or modern
                                               or _honoured(norm, closed)))):
                    named = (closed, True)  # 戚永年: 年 ended 戚永 only as a stop elsewhere
                if modern and closed is not None and named[0] == closed:
                    # 家长|沈立新|说: the title and the close outweigh the KB's 沈立
                    strength = max(strength, _CLOSED_STRENGTH)
            if named is not None:
                end, bounded = named
                out.append(Proposal(at, end, "PERSON", (), "person.title",
                                    strength if bounded else strength * 0.9))
        return out

    def _closed_name(self, norm: str, start: int, modern: bool = False,
                     persons: frozenset[tuple[int, int]] = frozenset()) -> int | None:
        """市民戚永年捐赠: after a title, a surname and two characters that punctuation or a
        cue after a name closes make a name, even where a character of the given name is a
        stop elsewhere (年), or, before a form of address, a verb or particle (周秉和先生). In
        modern prose a predicate closes it too (市民|贺乃川|代为看管), but only a stop closes
        a KB person's name and one more character (太子|萧统|好读书: no 萧统好)."""
        for surname in (norm[start:start + 2], norm[start:start + 1]):
            end = start + len(surname) + 2
            given = norm[end - 2:end]
            if not surname or surname not in surnames() or len(given) < 2 or end > len(norm) \
                    or _after_cues().match(norm, end - 1) is not None:
                continue
            strong = end == len(norm) or not is_han(norm[end]) \
                or _after_cues().match(norm, end) is not None
            # 和|昆曲, 南巡|时: a conjunction opens no name, a time word ends one
            predicate = not strong and modern and surname not in _hard_stops() \
                and self._predicate_at(norm, end, (start, end - 1) not in persons) \
                and all(c not in stops() or c in _classical_stops() for c in given)
            # a speech verb after it, as punctuation is not, vouches for a word as a given
            # name (读者|吴可心|说; not 读者云|空间”)
            firm = modern and _after_cues().match(norm, end) is not None
            if (strong or predicate) and self._given_fits(norm, end, firm, predicate):
                return end
        return None

    def _given_fits(self, norm: str, end: int, firm: bool, predicate: bool) -> bool:
        """The two characters before ``end`` can be a title's person's given name: Han, no
        stop that no name holds (but 之 or 云 before a form of address or a predicate), no
        everyday word and no last character of a body's name (会, 心), unless modern prose
        closes the name ``firm``ly (家长|沈立新|说)."""
        words = getattr(self.gazetteer, "words", frozenset())
        given = norm[end - 2:end]
        if not all(is_han(c) for c in given) or given[0] in _hard_stops():
            return False
        if given[1] in _hard_stops() and not (
                _honoured(norm, end) or (predicate and given[1] in _NAME_STOPS)):
            return False
        return firm or (given not in words and given[-1] not in _finals())

    def _predicate_at(self, norm: str, at: int, word: bool = True) -> bool:
        """A predicate starts at ``at``: a stop that no name holds, or (``word``) an everyday
        word, that does not make a word with the character before it and is no aspect particle
        (李红|带着: no name 李红带)."""
        words = getattr(self.gazetteer, "words", frozenset())
        return norm[at - 1:at + 1] not in words and norm[at:at + 1] not in _ASPECT and (
            norm[at:at + 1] in _hard_stops() or (word and norm[at:at + 2] in words))

    def _after(self, norm: str) -> list[Proposal]:
        out = []
        for m in _after_cues().finditer(norm):
            use = _cue_strength(m.group(), "after")
            start = self.name_before(norm, m.start(), use[0] == "verb") if use else None
            if start is not None:
                origin = "person.title" if use[0] == "title" else "person.verb"
                out.append(Proposal(start, m.start(), "PERSON", (), origin, use[1]))
        for m in _LIFE.finditer(norm):
            start = self.name_before(norm, m.start(), False)
            if start is None:
                start = _opened_name(norm, m.start())
            if start is not None:
                out.append(Proposal(start, m.start(), "PERSON", (), "person.years", 0.85))
        return out

    def _courtesy(self, norm: str) -> list[Proposal]:
        """王昌龄,字少伯: the name and the courtesy name are both persons."""
        out = []
        for m in _COURTESY.finditer(norm):
            start = self.name_before(norm, m.start(), False)
            if start is not None:
                out.append(Proposal(start, m.start(), "PERSON", (), "person.courtesy", 0.8))
                out.append(Proposal(m.start(1), m.end(1), "PERSON", (), "person.courtesy", 0.7))
        return out

    def _authors(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """宋张敦颐《六朝事迹编类》, 清吴翌凤抄本, 歙人项梦昶合辑, 正德任佃刻: a name between a
        dynasty (or another character of _DYNASTY_BEFORE) or a period the KB knows and a book
        title or a word of making a book (editor_words.tsv) is its maker's, unless a KB name
        starts there (清雍正《慈溪县志》: an era) that is no period, shorter than the name and
        after a dynasty (明金大绶序: not the abbreviation 金大; but 南大、南艺两校), or one starts a
        character later (宋祁合修《新唐书》: 宋 is no dynasty there)."""
        known = self._known_ends(found)
        inside = {p.start + 1 for p in found if p.origin == KB and p.length > 1}
        after_eras = {p.end for p in kb_proposals(found, self.gazetteer, "PERIOD")
                      if p.end < len(norm)}
        out = []
        for start in sorted({m.start() for m in _author_regex().finditer(norm)} | after_eras):
            if start in inside or (
                    start not in after_eras and self._dynasty_first(norm, start)) or (
                    start in after_eras and YEAR_COUNT.match(norm, start)):
                continue  # 明弘治|唐文载刻本: after an era, 唐 is a surname; 天祐|元年: a year
            end = self._maker_end(norm, start)
            if end is not None and (start not in known or (
                    known[start] < end and norm[start - 1] in _DYNASTIES)):
                out.append(Proposal(start, end, "PERSON", (), "person.author", 0.75))
        return out

    def _editions(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """以沈文倬|点校, 黄丕烈过录|何焯|校本, 盱江|谢甘棠|刻本: a name with a common surname
        (开展旧志|点校: 展 is rare) right before a word that marks a book's maker on its own
        (editor_words.tsv, alone) is the maker's, and a surname with 氏 there the family's
        (沈氏|点校本); not where a KB name takes the stretch (万历|刻本: an era)."""
        matches = list(_edition_regex().finditer(norm))
        if not matches:
            return []  # most texts: no word of making, no need of the KB's stretches
        covered = {i for p in found if p.origin == KB for i in range(p.start, p.end)}
        words = getattr(self.gazetteer, "words", frozenset())
        out = []
        for m in matches:
            end = m.start()
            if end < 2 or norm.startswith(_editor_words(), end - 1):
                continue  # no room for a name; 王皋|续刻本: the word is a longer one's end
            start = end - 2 if norm[end - 1:end] == "氏" and norm[end - 2:end - 1] in surnames() \
                else self.name_before(norm, end, True)
            if start is not None and not covered & set(range(start, end)) \
                    and norm[start:end] not in words:
                out.append(Proposal(start, end, "PERSON", (), "person.author", 0.75))
        return out

    def _known_ends(self, found: list[Proposal]) -> dict[int, float]:
        """Start -> the end of the longest KB name there (no end at all for a KB period)."""
        periods = {p.start for p in kb_proposals(found, self.gazetteer, "PERIOD")}
        known: dict[int, float] = {}
        for p in found:
            if p.origin == KB:
                end = math.inf if p.start in periods else p.end
                known[p.start] = max(known.get(p.start, 0), end)
        return known

    def _dynasty_first(self, norm: str, start: int) -> bool:
        """、明张位抄本: the stretch opens with a dynasty, and the maker's name follows it."""
        return norm[start] in _DYNASTIES and self._maker_end(norm, start + 1) is not None

    def _governors(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        """徐商镇襄阳, 杨守亮镇兴元: a name before 镇 (to hold a command) with a known place
        right after it is the governor's, unless a KB place or another KB name takes the
        stretch (汤山|镇, 谢安|坐镇); the place recogniser leaves 徐商镇 alone then."""
        at = norm.find(_GOVERN)
        if at < 0:
            return []
        kb_places = {(p.start, p.end) for p in kb_proposals(found, self.gazetteer, "PLACE")}
        places = {start for start, _ in kb_places} | self._listed_place_starts(norm)
        words = getattr(self.gazetteer, "words", frozenset())
        known, out = {p.start: p.end for p in found if p.origin == KB}, []
        while at >= 0:
            start = self.name_before(norm, at, False) \
                if at + 1 in places and norm[at - 1:at + 1] not in words else None
            if start is not None and known.get(start, at) == at and (start, at) not in kb_places \
                    and not _office_at(norm, start):  # 王|左丞移|镇金陵: an office, no name
                out.append(Proposal(start, at, "PERSON", (), "person.governor", 0.8))
            at = norm.find(_GOVERN, at + 1)
        return out

    def _listed_place_starts(self, norm: str) -> set[int]:
        """Where the name lists' places start in the text (the gazetteer's scan of it)."""
        listed = self.gazetteer.listed_scan(norm) if self.gazetteer else None
        return {last + 1 - size for last, (size, type_, kind) in listed or ()
                if type_ == "PLACE" and kind != CUED}

    def _maker_end(self, norm: str, start: int, depth: int = 0) -> int | None:
        """Where a maker's name at ``start`` ends: before the word of making right after a
        surname and one or two characters (毛扆|校跋, 张位|抄本: the word closes the name even
        after a character that is a stop elsewhere), else before the book title that closes
        a name the text bounds (朱孝臧|《…》)."""
        words = getattr(self.gazetteer, "words", frozenset())
        for end in (start + 2, start + 3):
            name = norm[start:end]
            family = surname_of(name)
            made = norm.startswith(_editor_words(), end) or (
                len(name) == 3 and name[1] == "之" and norm.startswith("《", end))
            if made and family and len(name) - len(family) <= 2 \
                    and all(_HAN.match(c) and c not in _hard_stops() for c in _unbound(name)) \
                    and name not in words and name[:2] not in words:
                return end
        named = self.name_from(norm, start)
        if named is not None and named[1] and (norm.startswith("《", named[0]) or (
                norm.startswith("、", named[0]) and depth < 2
                and self._maker_end(norm, named[0] + 1, depth + 1) is not None)):
            return named[0]  # 清周桢、王图炜注本: the first of two makers
        return None

    def _dynasty(self, norm: str, at: int) -> list[Proposal]:
        """The dynasty before an author's name (宋 of 宋张敦颐), as the KB's period."""
        singles = getattr(self.gazetteer, "singles", {})
        senses = tuple(n for n in singles.get(norm[at], ())
                       if self.gazetteer.entities[n.entity].type == "PERIOD")
        return [Proposal(at, at + 1, "PERIOD", senses, KB, 0.8)] if senses else []

    def _princes(self, norm: str) -> list[Proposal]:
        """永王李璘: a name with a common surname, bounded, after a prince's title."""
        out = []
        for m in _PRINCE.finditer(norm):
            named = self.name_from(norm, m.end())
            if named is not None and named[1] and surnames().get(norm[m.end()]) == "common":
                out.append(Proposal(m.end(), named[0], "PERSON", (), "person.prince", 0.7))
        return out

    def _bylines(self, norm: str) -> list[Proposal]:
        strengths = {r["marker"]: number(r, "strength", "bylines") for r in table("bylines")}
        out = []
        for m in _byline_markers().finditer(norm):
            line_end = norm.find("\n", m.end())
            line = norm[m.end(): line_end if line_end >= 0 else len(norm)]
            for n, token in enumerate(_BYLINE_TOKENS.finditer(line)):
                word = token.group()
                if n >= 4 or len(word) > 12:
                    break
                if 2 <= len(word) <= 4 and all(is_han(c) for c in word) and \
                        self._surname_start(word) and word[-1] not in _finals():
                    start = m.end() + token.start()
                    out.append(Proposal(start, start + len(word), "PERSON", (),
                                        "person.byline", strengths[m.group()]))
        return out

    @staticmethod
    def _surname_start(word: str) -> bool:
        return word[:2] in surnames() and len(word) > 2 or word[:1] in surnames()

    def _kb_persons(self, found: list[Proposal]) -> list[Proposal]:
        return kb_persons(found, self.gazetteer)

    def _kb_starts(self, found: list[Proposal]) -> frozenset[int]:
        """Where a KB name of a place, organisation or other non-person starts: a list does not
        go on into it (曹雪芹与江宁织造 holds no person 江宁织)."""
        if self.gazetteer is None:
            return frozenset()
        entities = self.gazetteer.entities
        return frozenset(p.start for p in found if p.origin == KB and p.senses
                         and p.end - p.start >= 2
                         and all(entities[n.entity].type != "PERSON" for n in p.senses))

    def _lists(self, norm: str, persons: list[Proposal],
               blocked: frozenset[int] = frozenset()) -> list[Proposal]:
        """周晓岚、陈立新: a name right after a person and a joiner is a person too."""
        out, ends = [], sorted({p.end for p in persons})
        for end in ends:
            for _ in range(6):
                if end >= len(norm) - 1 or norm[end] not in _JOINERS:
                    break
                named = None if end + 1 in blocked else self.name_from(norm, end + 1)
                if named is None:
                    break
                out.append(Proposal(end + 1, named[0], "PERSON", (), "person.list",
                                    0.75 if named[1] else 0.65))
                end = named[0]
        return out + [p for s in sorted({p.start for p in persons})
                      if (p := self._item_before(norm, s)) is not None]

    def _named_lists(self, norm: str, blocked: frozenset[int]) -> list[Proposal]:
        """王希羽、刘象、柯崇、郑希颜等: three or more names of a surname and a given name,
        joined by 、 and closed by 等, are persons, unless the KB names a place or the like at
        one of them."""
        out = []
        for m in _NAMED_LIST.finditer(norm):
            items, at = m.group(1).split("、"), m.start(1)
            if len(items[0]) == 3 and not self._surname_start(items[0]):
                items[0], at = items[0][1:], at + 1  # 与|张明、李华、王强等
            spans = []
            for item in items:
                spans.append((at, at + len(item)))
                at += len(item) + 1
            if all(self._surname_start(item) and self._plausible(item) for item in items) \
                    and not any(start in blocked for start, _ in spans):
                out += [Proposal(s, e, "PERSON", (), "person.list", 0.7) for s, e in spans]
        return out

    @staticmethod
    def _item_before(norm: str, start: int) -> Proposal | None:
        """僧虚中、齐己: two or three characters between a word that opens a list of persons
        (list_openers.tsv) and the 、 before a person are a person too, surname or not."""
        if start < 3 or norm[start - 1] != "、":
            return None
        for size in (2, 3):
            at = start - 1 - size
            if at >= 1 and norm[at - 1] in _openers() and all(
                    is_han(c) and c not in stops() for c in norm[at:start - 1]):
                return Proposal(at, start - 1, "PERSON", (), "person.list", 0.7)
        return None

    def _repeats(self, norm: str, out: list[Proposal]) -> list[Proposal]:
        spans = {(p.start, p.end) for p in out}
        names = {norm[p.start:p.end] for p in out if p.strength >= self.repeat_min}
        return [Proposal(at, at + len(name), "PERSON", (), "person.repeat", self.repeat_strength)
                for name in sorted(names) for at in occurrences(norm, name)
                if (at, at + len(name)) not in spans]

    def _given_names(self, norm: str, out: list[Proposal], known: list[Proposal]
                     ) -> list[Proposal]:
        """The given name of a name, alone elsewhere: 昌龄 after 王昌龄 anywhere; 铉 after 徐铉
        only where a clause starts (铉文思敏速), a single character being too common a word
        elsewhere; ``known``: the KB's proposals that may name a person."""
        given: dict[str, tuple[Name, ...]] = {}
        for p in out:
            name = norm[p.start:p.end]
            if len(name) in (2, 3) and p.strength >= self.repeat_min and name[0] in surnames() \
                    and name[1:] not in office_words():
                given.setdefault(name[1:], ())
        for p in known:
            name = norm[p.start:p.end]
            # a personal name's given name, not a designation's tail (温|八叉, 李|翰林)
            senses = tuple(Name(name[1:], n.entity, "given", 0.7) for n in p.senses
                           if n.kind == "pref"
                           and self.gazetteer.entities[n.entity].type == "PERSON")
            if len(name) in (2, 3) and name[0] in surnames() and senses:
                given[name[1:]] = given.get(name[1:], ()) + senses
        more = []
        for text, senses in sorted(given.items()):
            for at in occurrences(norm, text):
                if (at == 0 or norm[at - 1] not in surnames()) and self._alone(norm, at, text):
                    more.append(Proposal(at, at + len(text), "PERSON", senses,
                                         KB if senses else "person.given", self.given_strength))
        return more

    def _alone(self, norm: str, at: int, given: str) -> bool:
        if len(given) > 1:
            return True
        words = getattr(self.gazetteer, "words", frozenset())
        return (at == 0 or norm[at - 1] in _CLAUSE_START) and norm[at:at + 2] not in words \
            and at + 1 < len(norm) and is_han(norm[at + 1])


def _unique(out: list[Proposal]) -> list[Proposal]:
    """One proposal for each span (市民|周秉和|先生: a title before, a form of address after):
    the first, or one whose cue leaves no doubt (口述：|管长根|（1946年生）)."""
    best: dict[tuple[int, int], Proposal] = {}
    for p in out:
        q = best.get((p.start, p.end))
        if q is None or (p.origin in _VOUCHED and q.origin not in _VOUCHED):
            best[p.start, p.end] = p
    return [p for p in out if best[p.start, p.end] is p]


def _titled_first(out: list[Proposal]) -> list[Proposal]:
    """A title's name wins over the one a speech verb gives with the same end, longer (副主任|
    尹浩 透露, not 任尹浩: the verb's name may not start inside the title) or not."""
    titled = {(p.start, p.end) for p in out if p.origin == "person.title"}
    return [p for p in out if not (p.origin == "person.verb" and any(
        end == p.end and start >= p.start for start, end in titled))]


def kb_proposals(found: list[Proposal], gazetteer, type_: str) -> list[Proposal]:
    """The KB's proposals that may name an entity of the type (none without a gazetteer)."""
    if gazetteer is None:
        return []
    return list(_kb_by_type(found, gazetteer).get(type_, ()))


# per thread, the KB's proposals of the text being read by type, kept while the list stays as
# it is: each recogniser asks for them, and the list grows only when one adds to it (holding the
# list keeps its id from passing to another)
_BY_TYPE = threading.local()


def _kb_by_type(found: list[Proposal], gazetteer) -> dict[str, list[Proposal]]:
    cached = getattr(_BY_TYPE, "last", None)
    if cached is not None and cached[0] is found and cached[1] == len(found) \
            and cached[2] is gazetteer:
        return cached[3]
    entities, by_type = gazetteer.entities, {}
    for p in found:
        if p.origin == KB and p.senses:
            for type_ in {entities[n.entity].type for n in p.senses}:
                by_type.setdefault(type_, []).append(p)
    _BY_TYPE.last = (found, len(found), gazetteer, by_type)
    return by_type


def kb_persons(found: list[Proposal], gazetteer) -> list[Proposal]:
    """The KB's proposals that may name a person."""
    return kb_proposals(found, gazetteer, "PERSON")


def _office_after(norm: str, at: int) -> bool:
    """His headquarters, troops or staff right after a name close it (观察使郑亚|府为判官,
    制置使鲍度|幕)."""
    return norm[at:at + 1] in _OFFICE_ENDS


_OFFICE_ENDS = frozenset("府部幕")  # a commander's office, troops and staff


def _office_at(norm: str, at: int) -> bool:
    """An office of two characters or more starts at ``at`` (林公|修撰)."""
    return _office_regex().match(norm, at) is not None


@cache
def _office_regex() -> re.Pattern:
    return re.compile(_alternation(w for w in office_words() if len(w) > 1))


def _unbound(name: str) -> str:
    """A maker's name without the 之 it may hold in the middle (熊之璋《…》)."""
    return name[0] + name[2:] if len(name) == 3 and name[1] == "之" else name


def _ends_cue(norm: str, end: int) -> bool:
    """A word of kinship or a title that stands before names (person_cues.tsv) ends at
    ``end`` with two characters or more (裔孙, 外孙), so no name starts inside it."""
    return any(norm[max(end - size, 0):end] in cues() and any(
        use[0] in ("before", "both") for use in cues()[norm[end - size:end]])
        for size in (2, 3) if end >= size)


def _opened_name(norm: str, end: int) -> int | None:
    """讲述:邵广才(1938年生): the start of a name that the text opens (punctuation or a line
    before it) and closes, whose given name may hold a character that is a stop elsewhere (才),
    but no verb or particle; or None."""
    for size in (3, 2):
        start = end - size
        name = norm[max(start, 0):end]
        opened = start == 0 or start > 0 and not is_han(norm[start - 1])
        family = surname_of(name)
        if start >= 0 and opened and family and len(name) - len(family) <= 2 \
                and all(is_han(c) and c not in _particles() for c in name):
            return start
    return None


@cache
def _particles() -> frozenset[str]:
    """The stops that are particles, pronouns, prepositions or verbs: what no name that the
    text closes holds (adverbs, measure and time words may stand in one: 广才, 永年)."""
    return frozenset(r["char"] for r in table("name_stops")
                     if not r["note"].startswith(("adverb", "measure", "time", "classical adverb")))


def surname_of(name: str) -> str | None:
    """The surname a full name of two to four characters starts with (皇甫 of 皇甫冉), or None."""
    for size in (2, 1):
        if len(name) > size and name[:size] in surnames():
            return name[:size]
    return None


def occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, without overlaps, in order."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + len(word))
    return found


@registry.misc("jinling.persons.v1")
def make_persons(repeat: bool = True, repeat_strength: float = 0.8, repeat_min: float = 0.7,
                 given_strength: float = 0.65) -> Persons:
    """Persons by titles, speech verbs, bylines, life years and lists (`Persons`)."""
    return Persons(repeat, repeat_strength, repeat_min, given_strength)
