"""Title with juan counts (题名卷数) and statements of responsibility (著者) of 古籍 census sheets.

A title is written with its counts: ``《随园诗话》十六卷补遗十卷`` is the title 随园诗话 in 16 juan
with a supplement 补遗 in 10; 首一卷, 卷首一卷, 附录一卷, 末一卷 are further parts, 不分卷 says the
work is not divided into juan (juan None). Surviving juan (存…卷) belong to the 存卷 column and are
reported as a problem here.

An author statement lists people, each after the dynasty in brackets and before the word of
responsibility: ``〔清〕王先谦撰 〔清〕某某注``. Names that share one word share its role
(``〔明〕宋濂 王祎等撰``: two authors, both 撰, marked ``et_al`` for the 等). The words and their
MARC relator codes are ``tables/roles.tsv``; the last word of a name that is in that table is
its role, as long as two characters of name remain (黄书 is a name, 袁枚撰 is 袁枚 + 撰).
Names are kept as written; ``key`` is the simplified form for matching; dynasty and role are
simplified and canonical. The dynasty in brackets (〔清〕, [清], (清), 【清】) holds for the names
after it until the next one, so 〔清〕甘熙撰 顾云注 gives two 清 authors; brackets after a name
(袁枚（子才）撰) are a note and skipped; a bracketed word that is no dynasty (〔英〕) is kept as
written (simplified), as catalogues put a nationality there.

>>> parse_title("《随园诗话》十六卷补遗十卷")  # doctest: +NORMALIZE_WHITESPACE
Title(text='《随园诗话》十六卷补遗十卷', title='随园诗话', juan=16, supplements=(('补遗', 10),),
      problems=(), undivided=False)
>>> [(a.name, a.dynasty, a.role, a.et_al) for a in parse_authors("〔明〕宋濂 王祎等撰")]
[('宋濂', '明', '撰', True), ('王祎', '明', '撰', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ingest.ancient_book import TABLES
from ingest.ancient_book.eras import dynasty, simplify
from ingest.ancient_book.numerals import NumeralError, numeral_chars, parse_number


@dataclass(frozen=True)
class Title:
    """A title and its juan counts; ``supplements`` are the further parts, in order."""

    text: str
    title: str
    juan: int | None
    supplements: tuple[tuple[str, int], ...] = ()
    problems: tuple[str, ...] = ()
    undivided: bool = False        # 不分卷


@dataclass(frozen=True)
class Author:
    """One person of a responsibility statement.

    ``name`` as written; ``dynasty`` (or nationality) and ``role`` simplified, role canonical
    (roles.tsv, column role); ``text`` the statement part it came from; ``key`` the simplified
    name, for matching; ``et_al`` when the statement says 等 (and others) after the names.
    """

    name: str
    dynasty: str | None
    role: str | None
    text: str
    key: str = ""
    et_al: bool = False


# --- titles --------------------------------------------------------------------------------

_UNDIVIDED = "不分卷"
_KEPT = "存"   # 存三卷: the surviving juan, which another column holds
_GAP = "，,、；;+＋ \u3000"


@cache
def _title_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    number = rf"(?:\d+|[{numeral_chars()}]+)"
    first = re.compile(rf"{number}卷|{_UNDIVIDED}")
    part = re.compile(rf"(?P<label>.*?)(?:(?P<num>{number})卷|(?P<none>{_UNDIVIDED}))")
    brackets = re.compile(r"《(?P<title>[^》]*)》")
    return first, part, brackets


def parse_title(text: str) -> Title:
    """Split a title into the title proper, its juan count and the further parts.

    >>> parse_title("随园诗话十六卷首一卷").supplements
    (('首', 1),)
    >>> t = parse_title("四库全书总目不分卷")
    >>> t.title, t.juan, t.undivided
    ('四库全书总目', None, True)
    """
    text = text if isinstance(text, str) else ""
    first, _, brackets = _title_patterns()
    body = text.strip()
    problems: list[str] = []
    quoted = brackets.search(body)
    if quoted:
        if body[:quoted.start()].strip():
            problems.append(f"not read before the title: {body[:quoted.start()].strip()}")
        title, rest = quoted.group("title").strip(), body[quoted.end():]
    else:
        found = first.search(body)
        cut = found.start() if found else len(body)
        title, rest = body[:cut].strip(), body[cut:]
    if not title:
        problems.append("no title")
    juan, supplements, undivided = _parts(rest, problems)
    return Title(text, title, juan, tuple(supplements), tuple(problems), undivided)


def _parts(rest: str, problems: list[str]) -> tuple[int | None, list[tuple[str, int]], bool]:
    """The juan count and the labelled parts after the title."""
    _, part, _ = _title_patterns()
    juan, supplements, undivided, pos = None, [], False, 0
    while (found := part.match(rest, pos)) is not None:
        label, pos = found.group("label").strip(_GAP), found.end()
        count = None if found.group("none") else _count(found.group("num"), problems)
        if label.startswith(_KEPT):
            problems.append(f"surviving juan {found.group().strip(_GAP)} belong to the 存卷 column")
        elif not label and not supplements and juan is None and not undivided:
            juan, undivided = count, count is None
        elif count is None:
            problems.append(f"{label or 'part'} {_UNDIVIDED}: no juan count")
        else:
            supplements.append((label or "?", count))
    leftover = rest[pos:].strip(_GAP)
    if leftover:
        problems.append(f"not read: {leftover}")
    return juan, supplements, undivided


def _count(text: str, problems: list[str]) -> int | None:
    try:
        return parse_number(text)
    except NumeralError:
        problems.append(f"not a juan count: {text}")
        return None


# --- authors -------------------------------------------------------------------------------

_OPEN, _CLOSE = "〔[［(（【〈", "〕]］)）】〉"
_TOKENS = re.compile(rf"(?P<dynasty>[{re.escape(_OPEN)}][^{re.escape(_CLOSE)}]{{1,8}}"
                     rf"[{re.escape(_CLOSE)}])|(?P<gap>[\s、；;，,/|]+)"
                     rf"|(?P<word>[^{re.escape(_OPEN)}\s、；;，,/|]+)")
_ET_AL = "等"
_SHORTEST_NAME = 2


@dataclass(frozen=True)
class _Role:
    term: str
    role: str
    relator: str


@cache
def _roles() -> tuple[dict[str, _Role], int]:
    roles = {row["term"]: _Role(row["term"], row["role"], row["relator"])
             for row in TABLES.table("roles")}
    return roles, max(map(len, roles))


def role_relator(role: str) -> str | None:
    """The MARC relator code of a role word (as written or canonical), or None.

    >>> role_relator("撰"), role_relator("集注"), role_relator("编辑"), role_relator("x")
    ('aut', 'cwt', 'edt', None)
    """
    found = _roles()[0].get(simplify(role.strip()))
    return found.relator if found else None


@dataclass
class _Group:
    """Names waiting for the word of responsibility they share."""

    start: int
    dynasty: str | None
    names: list[tuple[str, str]] = field(default_factory=list)   # (as written, simplified)


def parse_authors(text: str) -> list[Author]:
    """The people of a responsibility statement, in order.

    >>> [(a.name, a.dynasty, a.role) for a in parse_authors("〔清〕王先谦撰 〔清〕吴某注")]
    [('王先谦', '清', '撰'), ('吴某', '清', '注')]
    >>> parse_authors("(清)袁枚撰")[0].text
    '(清)袁枚撰'
    """
    if not isinstance(text, str):
        return []
    authors: list[Author] = []
    group: _Group | None = None
    current: str | None = None
    for token in _TOKENS.finditer(text):
        if token.lastgroup == "dynasty":
            if group is None or not group.names:
                current = _dynasty_of(token.group()[1:-1])
                group = _Group(token.start(), current)
            continue  # brackets after a name (袁枚（子才）撰) are a note
        if token.lastgroup == "gap":
            continue
        group = group or _Group(token.start(), current)
        if not group.names and _alone(token.group()):
            current = group.dynasty = _dynasty_of(token.group())
            continue
        if _add_word(authors, group, text, token):
            group = None
    if group is not None and group.names:
        _close(authors, group, text, len(text), None, False)
    return authors


def _alone(word: str) -> bool:
    """A word that is only a dynasty's own name (清 袁枚撰); aliases such as 李唐 may be names."""
    found = dynasty(word)
    return found is not None and found.name == simplify(word)


def _dynasty_of(name: str) -> str | None:
    name = name.strip()
    found = dynasty(name)
    return found.name if found else simplify(name) or None


def _add_word(authors: list[Author], group: _Group, text: str, token: re.Match[str]) -> bool:
    """Add a name (and its role word, if any) to the group; True when the group is closed."""
    word = token.group()
    simple = simplify(word)
    name_part, role = _split_role(simple)
    et_al = name_part.endswith(_ET_AL)
    name_part = name_part.removesuffix(_ET_AL)
    if name_part:
        written = word[:len(name_part)] if len(simple) == len(word) else name_part
        group.names.append((written, name_part))
    if role is None and not et_al:
        return False
    _close(authors, group, text, token.end(), role, et_al)
    return True


def _split_role(word: str) -> tuple[str, _Role | None]:
    """A simplified word as (name, role), the role being its longest ending in roles.tsv that
    leaves a name of two characters or none (a role word standing alone)."""
    roles, longest = _roles()
    for size in range(min(longest, len(word)), 0, -1):
        role = roles.get(word[-size:])
        rest = word[:-size]
        if role is not None and (not rest or len(rest.removesuffix(_ET_AL)) >= _SHORTEST_NAME
                                 or rest == _ET_AL):
            return rest, role
    return word, None


def _close(authors: list[Author], group: _Group, text: str, end: int, role: _Role | None,
           et_al: bool) -> None:
    statement = text[group.start:end].strip()
    for written, key in group.names:
        authors.append(Author(written, group.dynasty, role.role if role else None, statement,
                              key, et_al))
    group.names.clear()
