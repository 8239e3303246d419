"""The authors of the classical texts of the corpus (poet_sources.tsv lists the files).

Authors of 全宋诗 and 宋词 with the same simplified name are one person (the two collections
list the same poets); an author of 全唐诗 is another person unless persons.tsv says otherwise.
Years, courtesy names (字) and art names (号) come from the head of each biography:
``徐鉉（九一七～九九二），字鼎臣`` or ``苏轼：(1037-1101) …字子瞻，号东坡居士``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .common import Ctx, add_labels, add_note
from .persons import add_life
from .source import SourceError
from .terms import Ref, Text

OUT = "poets"
# a title after the name, as in 施惠《幽闺记》
WORK = re.compile(r"《[^》]*》")
# a personal name: two to four Han characters, rare ones of the extensions included (趙㠓,
# 虞㠭); poet_not_names.tsv lists those that are not names
NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]{2,4}")
DIGITS = dict(zip("〇○零一二三四五六七八九", "000123456789", strict=True))
# the age from which an author counts as active (poet_periods.tsv, kind lifetime)
ADULT = 15
SPAN = re.compile(r"[（(]([^）()]{1,24})[）)]")
DASH = re.compile(r"[～~\-—－–至]")
COURTESY = re.compile(r"(?:^|[，,。])字([^，,。；;（()）\s]{1,4})(?=[，,。；;（(])")
# 號亦齋、東几，晚號倦翁: every art name of the head, those a 、 joins apart
ART = re.compile(r"(?:^|[，,。])[自晚又別别]?[號号]([^，,。；;（()）\s]{1,13})(?=[，,。；;（(])")


@dataclass
class Poet:
    """One author after merging the corpus records that are the same person."""

    name: str                      # simplified
    group: str                     # tang or song
    forms: list[str] = field(default_factory=list)        # names as the corpus writes them
    collections: list[str] = field(default_factory=list)
    bios: list[str] = field(default_factory=list)
    origin: str = ""


def chinese_year(text: str) -> int | None:
    """A year written in digits or Chinese numerals; None if uncertain or unreadable.

    >>> chinese_year("一○二一"), chinese_year("1037"), chinese_year("？"), chinese_year("約九五○")
    (1021, 1037, None, None)
    """
    text = text.strip()
    digits = "".join(DIGITS.get(c, c) for c in text)
    return int(digits) if digits.isdigit() and 2 <= len(digits) <= 4 else None


def parse_bio(names: list[str], bio: str) -> tuple[int | None, int | None, list[str], list[str]]:
    """(birth, death, courtesy names, art names) from the head of a biography."""
    birth = death = None
    head = bio.strip()
    for name in names:
        if head.startswith(name):
            match = SPAN.match(head[len(name):].lstrip("：: "))
            if match:
                parts = DASH.split(match.group(1))
                if len(parts) == 2:
                    birth, death = chinese_year(parts[0]), chinese_year(parts[1])
            break
    first = "。".join(head.split("。")[:2]) + "。"
    courtesy = [m.group(1) for m in COURTESY.finditer(first)][:1]
    return birth, death, courtesy, _arts(first)


def _arts(head: str) -> list[str]:
    """Every art name of the head's first sentence (號亦齋、東几，晚號倦翁), else the first of
    its first two sentences: a later sentence may name a son's (其子某，號某)."""
    sentence = head.split("。")[0] + "。"
    found = [name for m in ART.finditer(sentence) for name in _art_names(sentence, m)]
    return found or next((_art_names(head, m)[:1] for m in ART.finditer(head)), [])


def _art_names(head: str, match: re.Match) -> list[str]:
    """The names a 、 joins after 號, of two to six characters; the last is a native place when
    a modern gloss follows it (自號轉庵、易足居士、饒州鄱陽（今江西波陽）人: the source's 、
    stands for a comma)."""
    names = match.group(1).split("、")
    if head.startswith(("（今", "(今"), match.end()):
        names = names[:-1]
    return [name for name in names if 1 < len(name) <= 6]


@dataclass
class Periods:
    """poet_periods.tsv: the periods of each group of authors, by kind."""

    rows: list[tuple[str, str, str, Ref]]

    def of(self, group: str, kind: str) -> list[tuple[str, Ref]]:
        return [(word, p) for g, k, word, p in self.rows if g == group and k == kind]

    def all(self, group: str) -> set[Ref]:
        return {p for g, _, _, p in self.rows if g == group}


def build_poets(ctx: Ctx) -> None:
    """Every author whose name is a personal name."""
    periods = Periods([(r["group"], r["kind"], r["keyword"], Ref(f"period:{r['period']}"))
                       for r in ctx.source.table("poet_periods")])
    people = {}  # zh-Hans preferred name -> persons, to find the same author in DILA
    for ref_, cls in ctx.kb.types.items():
        if cls == "jl:Person":
            people.setdefault(ctx.kb.pref_label(ref_), []).append(ref_)
    for poet in _poets(ctx):
        _poet(ctx, poet, periods, people)


def _records(ctx: Ctx):
    """(origin, name as written, group, collection, biography) of every author record."""
    sources = ctx.source.table("poet_sources")
    by_key = {(r["file"], r["source_file"]): r for r in sources}
    for file in dict.fromkeys(r["file"] for r in sources):
        for n, record in enumerate(ctx.source.corpus_json("texts", file), 1):
            origin = f"{file} record {n}"
            row = (by_key.get((file, record.get("source_file", "")))
                   or by_key.get((file, "")))
            if row is None:
                raise SourceError(f"no row in poet_sources.tsv for {record.get('source_file')!r}",
                                  source=file, record=n, field="source_file")
            name = WORK.sub("", record.get("name") or record.get("author") or "").strip()
            yield origin, name, row["group"], row["collection"], record.get("bio", "")


def _poets(ctx: Ctx) -> list[Poet]:
    merged: dict[tuple[str, str], Poet] = {}
    not_names = {r["name"] for r in ctx.source.table("poet_not_names")}
    for origin, form, group, collection, bio in _records(ctx):
        if form in not_names or not NAME.fullmatch(form):
            continue
        name = ctx.names.simplified(form)
        key = ("hand", ctx.corpus_names[form].curie) if form in ctx.corpus_names else (group, name)
        poet = merged.setdefault(key, Poet(name, group, origin=origin))
        poet.forms.append(form)
        poet.collections.append(collection)
        if bio:
            poet.bios.append(bio)
    return list(merged.values())


def _poet(ctx: Ctx, poet: Poet, periods: Periods, people: dict) -> None:
    known = next((ctx.corpus_names[f] for f in poet.forms if f in ctx.corpus_names), None)
    known = known or _in_dila(ctx, poet, periods, people.get(poet.name, []))
    person = known or _new(ctx, poet, people.get(poet.name, []))
    kb, origin = ctx.kb, poet.origin
    if known is None:
        traditional = next((f for f in poet.forms if f != poet.name), "")
        add_labels(ctx, person, OUT, origin, poet.name, traditional)
    births, deaths = [], []
    for bio in poet.bios:
        birth, death, courtesy, art = parse_bio(poet.forms + [poet.name], bio)
        births.append(birth)
        deaths.append(death)
        for name in courtesy:
            kb.add(person, "jl:courtesyName", Text(ctx.names.simplified(name), "zh-Hans"), OUT,
                   origin)
        for name in art:
            kb.add(person, "jl:artName", Text(ctx.names.simplified(name), "zh-Hans"), OUT,
                   origin)
    add_life(ctx, person, _agreed(births), _agreed(deaths), OUT, origin)
    if known is None:
        for period in _periods(ctx, person, poet, periods):
            kb.add(person, "jl:activeIn", period, OUT, origin)
    collections = " and ".join(dict.fromkeys(poet.collections))
    add_note(ctx, person, f"Author in {collections} (chinese-poetry corpus).", OUT, origin)


def _agreed(years: list[int | None]) -> int | None:
    """The year the biographies give, if they do not disagree."""
    given = {y for y in years if y is not None}
    return given.pop() if len(given) == 1 else None


def _in_dila(ctx: Ctx, poet: Poet, periods: Periods, namesakes: list[Ref]) -> Ref | None:
    """The DILA person of the same name active in a period of the poet's group."""
    fitting = [r for r in namesakes if r in ctx.dila_persons
               and set(ctx.kb.objects(r, "jl:activeIn")) & periods.all(poet.group)]
    return fitting[0] if len(fitting) == 1 else None


def _new(ctx: Ctx, poet: Poet, namesakes: list[Ref]) -> Ref:
    slug = ctx.names.person_slug(poet.name)
    if slug is None:
        raise SourceError(f"no Chinese name in {poet.name!r}", source=poet.origin, field="name")
    candidates = [slug, f"{slug}-{poet.group}"] + [f"{slug}-{poet.group}-{i}" for i in
                                                     range(2, 20)]
    person = next(r for r in (Ref(f"person:{s}") for s in candidates) if not ctx.kb.has(r))
    for other in namesakes:
        ctx.warnings.append(f"{poet.origin}: {poet.name} ({person.curie}) has the name of "
                            f"{other.curie}; if they are one person, say so in persons.tsv")
    ctx.kb.declare(person, "jl:Person", OUT, poet.origin)
    return person


def _periods(ctx: Ctx, person: Ref, poet: Poet, periods: Periods) -> list[Ref]:
    """Lifetime periods, else keyword periods, else the group's default."""
    birth, death = ctx.kb.value(person, "jl:birthYear"), ctx.kb.value(person, "jl:deathYear")
    if isinstance(birth, int) and isinstance(death, int):
        lived = [p for _, p in periods.of(poet.group, "lifetime")
                 if _overlaps(ctx, p, birth + ADULT, death)]
        if lived:
            return lived
    bios = "".join(poet.bios)
    named = list(dict.fromkeys(p for word, p in periods.of(poet.group, "keyword") if word in bios))
    return named or [p for _, p in periods.of(poet.group, "default")]


def _overlaps(ctx: Ctx, period: Ref, first: int, last: int) -> bool:
    start, end = ctx.kb.value(period, "jl:periodStart"), ctx.kb.value(period, "jl:periodEnd")
    return isinstance(start, int) and isinstance(end, int) and first <= end and last >= start
