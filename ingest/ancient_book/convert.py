"""A census row to RDF: the work, the edition (jl:AncientBook) and the held copy (jl:Item).

    works/{source}/{key}                 jl:Work: title, authors with dynasty and role
    instances/{source}/{key}             jl:AncientBook: juan count, supplements, edition
                                         statement parsed (type, date range, printing house,
                                         era), volumes, notes; its pages (#page-{n})
    items/{source}/{key}                 jl:Item: census number, call number, holder, damage

The key is the census number (普查编号); a row without one is keyed by a digest of its call
number, holder and title. Values that parse with doubts (an era several regimes used, a year
that contradicts its 干支, a census number of the wrong form) are reported as issues of the
row, which goes in with what could be read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode

from ingest.ancient_book import TABLES
from ingest.ancient_book.edition import Edition, parse_edition
from ingest.ancient_book.fields import Author, parse_authors, parse_title, role_relator
from ingest.ancient_book.media import Media
from ingest.ancient_book.sheet import CensusRow, census_number_problem
from ingest.chinese import zh_tag
from ingest.entities import PersonIndex, agent
from ingest.protocol import Conversion, Issue
from ingest.triples import Triples, digest
from kg.iri import Minter
from kg.vocab import BF, JL, RDFS

VERSION = "jinling-ancient-book/1"
RELATORS = "http://id.loc.gov/vocabulary/relators/"
EDTF = NamedNode("http://id.loc.gov/datatypes/edtf")
NOTES = (("annotations", "批校题跋"), ("extant", "存卷"), ("binding", "装帧"))


@dataclass(frozen=True)
class Env:
    minter: Minter
    source: str
    persons: PersonIndex
    periods: Any                 # PeriodIndex
    media: Media | None


@dataclass
class Book:
    """The IRIs of one row, its triples and its issues."""

    work: NamedNode
    instance: NamedNode
    item: NamedNode
    t: Triples
    issues: list[Issue]


def row_key(row: CensusRow) -> str:
    number = row.get("census_number")
    if number:
        return number
    seed = "|".join(row.get(c) or "" for c in ("call_number", "holder", "title"))
    return "r" + hashlib.sha1(seed.encode()).hexdigest()[:20]


def convert(row: CensusRow, env: Env) -> Conversion:
    key = row_key(row)
    m = env.minter
    book = Book(m.record("works", env.source, key), m.record("instances", env.source, key),
                m.record("items", env.source, key), Triples(), [])
    edition = parse_edition(row.get("edition") or "")
    _title(book, row)
    _authors(book, env, row, edition)
    _edition(book, env, row, edition)
    _notes(book, row)
    _item(book, env, row)
    pages = env.media.pages(book, env.source, key, row) if env.media is not None else None
    book.t.admin(book.item)
    return Conversion(key, (book.work, book.instance, book.item), book.t.items,
                      digest(VERSION, row.values, [(p.number, p.image.name) for p in row.pages],
                             pages),
                      False, (), tuple(book.issues))


def _title(book: Book, row: CensusRow) -> None:
    t, text = book.t, row.get("title") or ""
    title = parse_title(text)
    lang = zh_tag(text)
    t.types(book.work, JL.Work, BF.Work, BF.Text)
    t.add(book.work, BF.hasInstance, book.instance)
    t.types(book.instance, JL.AncientBook, BF.Instance)
    t.add(book.instance, BF.instanceOf, book.work)
    node = NamedNode(book.work.value + "#title")
    t.add(book.work, BF.title, node)
    t.types(node, BF.Title)
    t.text(node, BF.mainTitle, title.title or text, lang)
    for s in (book.work, book.instance):
        t.text(s, RDFS.label, title.title or text, lang)
    t.integer(book.instance, JL.juanCount, title.juan)
    for n, (name, juan) in enumerate(title.supplements, 1):
        part = NamedNode(f"{book.instance.value}#supplement-{n}")
        t.add(book.instance, JL.supplement, part)
        t.types(part, JL.Supplement)
        t.text(part, RDFS.label, name, lang)
        t.integer(part, JL.juanCount, juan)
    book.issues += [Issue("title", p, "题名卷数") for p in title.problems]


def _authors(book: Book, env: Env, row: CensusRow, edition: Edition) -> None:
    text = row.get("authors")
    if not text:
        return
    for n, author in enumerate(parse_authors(text), 1):
        node = NamedNode(f"{book.work.value}#contribution-{n}")
        t = book.t
        t.add(book.work, BF.contribution, node)
        t.types(node, BF.Contribution)
        t.text(node, RDFS.label, author.text, zh_tag(author.text))
        t.add(node, BF.agent, _person(book, env, author, edition))
        relator = role_relator(author.role) if author.role else None
        if relator:
            t.add(node, BF.role, NamedNode(RELATORS + relator))


def _person(book: Book, env: Env, author: Author, edition: Edition) -> NamedNode:
    """The KB person of that name who lived under the author's dynasty, else a candidate."""
    years = env.periods.dynasty_years(author.dynasty) if author.dynasty else None
    start, end = years or (None, None)
    known = env.persons.find(author.key, start, end)
    return agent(book.t, env.minter, author.key, kind="person", known=known,
                 key_extra=author.dynasty or "", language="zh-Hans")


def _edition(book: Book, env: Env, row: CensusRow, edition: Edition) -> None:
    text = row.get("edition")
    if not text:
        return
    t, instance = book.t, book.instance
    t.text(instance, BF.editionStatement, text, zh_tag(text))
    kind = edition_type_term(edition.edition_type)
    if kind is not None:
        t.add(instance, JL.editionType, kind)
    _publication(book, env, edition)
    book.issues += [Issue("edition", p, "版本") for p in edition.problems]
    if edition.ambiguous:
        book.issues.append(Issue("edition-ambiguous", f"{edition.reign} fits "
                                 f"{', '.join(edition.ambiguous)}; no dynasty says which",
                                 "版本"))


def edition_type_term(edition_type: str | None) -> NamedNode | None:
    """The jl:EditionType individual of a canonical edition type (刻本 -> jl:woodblockEdition).

    >>> edition_type_term("木活字本").value.rsplit("#")[-1], edition_type_term(None)
    ('woodenMovableTypeEdition', None)
    """
    slug = TABLES.lookup("edition_types", edition_type, "slug") if edition_type else None
    term = TABLES.lookup("edition_type_terms", slug, "term") if slug else None
    return JL[term] if term else None


def _publication(book: Book, env: Env, edition: Edition) -> None:
    t = book.t
    node = NamedNode(book.instance.value + "#publication")
    t.add(book.instance, BF.provisionActivity, node)
    t.types(node, BF.Publication)
    if edition.start is not None:
        t.add(node, BF.date, Literal(_edtf(edition.start, edition.end), datatype=EDTF))
        t.integer(node, JL.startYear, edition.start)
        t.integer(node, JL.endYear, edition.end if edition.end is not None else edition.start)
    period = env.periods.find(edition.reign, edition.dynasty)
    if period is not None:
        t.add(node, JL.duringPeriod, period)
    if edition.publisher:
        t.add(node, BF.agent, agent(t, env.minter, edition.publisher, kind="organization",
                                    language="zh-Hans"))


def _edtf(start: int, end: int | None) -> str:
    """EDTF for a year or a range: 1884; 1573/1620.

    >>> _edtf(1884, 1884), _edtf(1573, 1620), _edtf(-5, None)
    ('1884', '1573/1620', '-0005')
    """
    def year(y: int) -> str:
        return f"-{-y:04d}" if y < 0 else f"{y:04d}"
    return year(start) if end in (None, start) else f"{year(start)}/{year(end)}"


def _notes(book: Book, row: CensusRow) -> None:
    t = book.t
    volumes = row.get("volumes")
    if volumes:
        extent = NamedNode(book.instance.value + "#extent")
        t.add(book.instance, BF.extent, extent)
        t.types(extent, BF.Extent)
        label = volumes if not volumes.isdigit() else f"{volumes}册"
        t.text(extent, RDFS.label, label, "zh-Hans")
    for column, kind in NOTES:
        value = row.get(column)
        if value:
            node = NamedNode(f"{book.instance.value}#note-{column}")
            t.add(book.instance, BF.note, node)
            t.types(node, BF.Note)
            t.text(node, RDFS.label, value, zh_tag(value))
            t.add(node, BF.noteType, Literal(kind, language="zh-Hans"))


def _item(book: Book, env: Env, row: CensusRow) -> None:
    t, item = book.t, book.item
    t.types(item, JL.Item, BF.Item)
    t.add(item, BF.itemOf, book.instance)
    t.add(book.instance, BF.hasItem, item)
    number = row.get("census_number")
    if number:
        t.add(item, JL.censusNumber, Literal(number))
        problem = census_number_problem(number)
        if problem:
            book.issues.append(Issue("census-number", problem, "普查编号"))
    call = row.get("call_number")
    if call:
        mark = NamedNode(item.value + "#shelfmark")
        t.add(item, BF.shelfMark, mark)
        t.types(mark, BF.ShelfMark)
        t.text(mark, RDFS.label, call)
    holder = row.get("holder")
    if holder:
        t.add(item, BF.heldBy, agent(t, env.minter, holder, kind="organization",
                                     language=zh_tag(holder)))
    t.text(item, JL.damageLevel, row.get("damage"))
