"""CNMARC descriptive block: 200 title and responsibility, 205 edition, 210/214 publication,
215 physical description, 225 series statement; pinyin twins as zh-Latn-pinyin literals."""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal, NamedNode

from ingest.marc.convert.cnmarc import support
from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import Rule, rule, target
from ingest.marc.record import Field
from ingest.marc.text import strip_isbd
from kg.vocab import BF, BFLC, RDFS, A

# Terms every record uses, resolved once.
LABEL, NOTE, NOTE_TYPE = RDFS.label, BF.note, BF.noteType
TITLE, TITLE_CLASS, MAIN_TITLE = BF.title, BF.Title, BF.mainTitle
PROVISION, PUBLICATION = BF.provisionActivity, BF.Publication
# 200 subfields on the title node, and on the instance (statements of responsibility).
_TITLE_PARTS = {"a": MAIN_TITLE, "e": BF.subtitle, "h": BF.partNumber, "i": BF.partName,
                "v": BF.partNumber}
_STATEMENTS = {"f": BF.responsibilityStatement, "g": BF.responsibilityStatement}
# 210 / 214 subfields: place, name and date of publication ($a $c $d) or manufacture ($e $g $h).
_PUBLISHED = {"a": BFLC.simplePlace, "c": BFLC.simpleAgent, "d": BFLC.simpleDate}
_MANUFACTURED = {"e": BFLC.simplePlace, "g": BFLC.simpleAgent, "h": BFLC.simpleDate}
# 214 second indicator: which provision activity the field states.
_ACTIVITIES = {"0": BF.Production, "1": PUBLICATION, "2": BF.Distribution,
               "3": BF.Manufacture, "4": BF.CopyrightRegistration}


def title_label(f: Field) -> str:
    """Title proper and other title information, ISBD-joined.

    >>> title_label(Field("200", "1", " ", [("a", "'96 中国发展报告"), ("e", "中国的“八五”")]))
    "'96 中国发展报告 : 中国的“八五”"
    """
    titles, others = [], []
    for c, value in f.subfields:
        if c == "a" or c == "e":
            text = strip_isbd(support.unmarked(value))
            if text:
                (titles if c == "a" else others).append(text)
    label = " ; ".join(titles)
    return " : ".join([label, *others]) if others else label


@rule("cn_title")
def title(ctx: Context, f: Field, r: Rule) -> None:
    """200: the instance title (and the work's unless 500 gives a uniform title), labels,
    responsibility statements, parallel titles ($d) and titles by other authors ($c)."""
    node = ctx.fragment(ctx.instance, "title", f)
    ctx.add(ctx.instance, TITLE, node)
    if ctx.record.first("500") is None:
        ctx.add(ctx.work, TITLE, node)
    ctx.add(node, A, TITLE_CLASS)
    support.put_subfields(ctx, node, f, _TITLE_PARTS)
    support.put_subfields(ctx, ctx.instance, f, _STATEMENTS)
    label = ctx.text(title_label(f), clean=False, field=f)
    if label is not None:
        ctx.add(ctx.work, LABEL, label)
        ctx.add(ctx.instance, LABEL, label)
    if any(c in "bcd" for c, _ in f.subfields):
        _other_titles(ctx, f)


def _other_titles(ctx: Context, f: Field) -> None:
    """$d parallel titles (language in $z, in order), $c titles by another author, $b the
    general material designation."""
    languages = [v.strip().lower() for v in f.values("z")]
    for n, value in enumerate(f.values("d")):
        tag = support.code("languages", languages[n], "bcp47") if n < len(languages) else None
        _extra_title(ctx, f, 100 + n, BF.ParallelTitle, value, tag)
    for n, value in enumerate(f.values("c")):
        _extra_title(ctx, f, 200 + n, TITLE_CLASS, value, None)
    for value in f.values("b"):
        note(ctx, ctx.instance, f, value, "material designation", n=1)


def _extra_title(ctx: Context, f: Field, n: int, kind: NamedNode, value: str,
                 tag: str | None) -> None:
    node = ctx.fragment(ctx.instance, "title", f, n)
    ctx.add(ctx.instance, TITLE, node)
    ctx.add(node, A, kind)
    if tag:
        support.put_tagged(ctx, node, MAIN_TITLE, value, tag)
    else:
        ctx.put(node, MAIN_TITLE, value, field=f)


def note(ctx: Context, owner: NamedNode, f: Field, value: str, kind: str | None,
         n: int | None = None) -> None:
    """A bf:Note fragment of ``owner`` with a label and an optional note type."""
    if not value.strip():
        return
    node = ctx.fragment(owner, "note", f, n)
    ctx.add(owner, NOTE, node)
    ctx.add(node, A, BF.Note)
    ctx.put(node, LABEL, value, field=f)
    if kind:
        ctx.add(node, NOTE_TYPE, _note_type(kind))


@cache
def _note_type(kind: str) -> Literal:
    return Literal(kind)


@rule("cn_literal")
def literal(ctx: Context, f: Field, r: Rule) -> None:
    """The ``subfields`` as literals of ``property`` with their pinyin twins; ``join=1``
    makes one literal of them (in field order)."""
    node = target(ctx, r)
    if not r.arg("join"):
        support.put_subfields(ctx, node, f, dict.fromkeys(r.subfields, r.property))
        return
    values = [v for v in map(strip_isbd, f.values(r.subfields or None)) if v]
    if values:
        ctx.put(node, r.property, " ".join(values), clean=False, field=f)
    support.put_pinyin(ctx, node, r.property, f, r.subfields[:1] or "a")


# -- 210 / 214 -----------------------------------------------------------------------------

def publication_field(ctx: Context) -> Field | None:
    """The field that states the publication: the first 210, else a 214 with ind2 1."""
    for f in ctx.record.fields:
        if f.tag == "210" or f.tag == "214" and f.ind2 == "1":
            return f
    return None


def publication(ctx: Context) -> NamedNode:
    """The instance's bf:Publication node, shared by 210/214 with the 100 dates and 102 places."""
    node = ctx.fragment(ctx.instance, "provisionActivity", publication_field(ctx))
    ctx.add(ctx.instance, PROVISION, node)
    ctx.add(node, A, PUBLICATION)
    return node


@rule("cn_provision")
def provision(ctx: Context, f: Field, r: Rule) -> None:
    """210 (publication; $e $g $h manufacture) and 214 (activity from ind2) statements."""
    if publication_field(ctx) is f:
        node = publication(ctx)
    else:
        kind = _ACTIVITIES.get(f.ind2, PUBLICATION) if f.tag == "214" else PUBLICATION
        node = _activity(ctx, f, kind)
    support.put_subfields(ctx, node, f, _PUBLISHED)
    if f.tag == "210" and any(c in "egh" for c, _ in f.subfields):
        support.put_subfields(ctx, _activity(ctx, f, BF.Manufacture, 2), f, _MANUFACTURED)


def _activity(ctx: Context, f: Field, kind: NamedNode, n: int | None = None) -> NamedNode:
    node = ctx.fragment(ctx.instance, "provisionActivity", f, n)
    ctx.add(ctx.instance, PROVISION, node)
    ctx.add(node, A, kind)
    return node


# -- 215 / 225 -----------------------------------------------------------------------------

@rule("cn_extent")
def extent(ctx: Context, f: Field, r: Rule) -> None:
    """215: $a extent, $c other physical details, $d dimensions, $e accompanying material."""
    for n, (c, value) in enumerate(f.subfields, 1):
        if c == "a":
            node = ctx.fragment(ctx.instance, "extent", f, n)
            ctx.add(ctx.instance, BF.extent, node)
            ctx.add(node, A, BF.Extent)
            ctx.put(node, LABEL, value, field=f)
        elif c == "d":
            ctx.put(ctx.instance, BF.dimensions, value, field=f)
        elif c in _PHYSICAL_NOTES:
            note(ctx, ctx.instance, f, value, _PHYSICAL_NOTES[c], n)


_PHYSICAL_NOTES = {"c": "physical details", "e": "accompanying material"}
# ISBD punctuation before each part of a series statement.
_SERIES_PUNCTUATION = {"a": "", "d": " = ", "e": " : ", "f": " / ", "h": ". ", "i": ", ",
                       "v": " ; ", "x": ", "}


def series_statement(f: Field) -> str:
    """225 as transcribed, ISBD-punctuated.

    >>> series_statement(Field("225", "2", " ", [("a", "南京稀见文献丛刊"), ("v", "3")]))
    '南京稀见文献丛刊 ; 3'
    """
    out = []
    for c, value in f.pairs("adefhivx"):
        text = strip_isbd(support.unmarked(value))
        if text:
            out.append((_SERIES_PUNCTUATION[c] if out else "") + text)
    return "".join(out)


@rule("cn_series_statement")
def series(ctx: Context, f: Field, r: Rule) -> None:
    """225: the series statement and numbering; the series itself when no 410 traces it."""
    ctx.put(ctx.instance, BF.seriesStatement, series_statement(f), clean=False, field=f)
    support.put_pinyin(ctx, ctx.instance, BF.seriesStatement, f, "a")
    for value in f.values("v"):
        ctx.put(ctx.instance, BF.seriesEnumeration, value, field=f)
    if f["a"] and not ctx.record.get("410", "411"):
        label = strip_isbd(support.unmarked(f["a"]))
        iri = ctx.agent("series", label, types=(BF.Work, BF.Series),
                        extra=support.pinyin_labels(ctx, f))
        ctx.add(ctx.work, BF.hasSeries, iri)
