"""What the CNMARC rule modules share: code lists, pinyin literals, agencies, relator words.

Code lists come from ``ingest/marc/codes`` (`ingest.marc.tables`). A missing or broken table
must not stop a conversion: `code` then answers the fallback and logs the problem once.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache

from pyoxigraph import Literal, NamedNode

from ingest.marc import tables
from ingest.marc.convert.common import scheme_node
from ingest.marc.convert.context import Context
from ingest.marc.convert.rules import curie
from ingest.marc.record import Field
from ingest.marc.text import has_cjk, heading_key, strip_isbd
from kg.iri import Minter
from kg.vocab import BF, JL, RDFS, XSD, A

log = logging.getLogger(__name__)

PINYIN = "zh-Latn-pinyin"
RELATORS = "http://id.loc.gov/vocabulary/relators/"
LANGUAGES = "http://id.loc.gov/vocabulary/languages/"
COUNTRIES = "http://id.loc.gov/vocabulary/countries/"
EDTF = NamedNode("http://id.loc.gov/datatypes/edtf")
# Schemes the code lists give under the project's own base; minted under the run's base.
_LOCAL_SCHEMES = "https://kg.jllib.cn/scheme/"
_ORGANIZATION = (BF.Organization, JL.Organization)
LABEL, CODE, PLACE = RDFS.label, BF.code, BF.place
# Non-sorting begin/end marks around an initial article ("\x88L'\x89altra faccia ..."): UNIMARC
# uses C1 controls 88/89 (MARC21 98/9C). They are filing instructions, not text.
_NON_SORTING = dict.fromkeys((0x88, 0x89, 0x98, 0x9C))
# The subfield whose pinyin a subfield holds: $A of $a ... $Z of $z; $9 of $a (NLC).
_TWINS = {c.upper(): c for c in string.ascii_lowercase} | {"9": "a"}


def code(table: str, key: tables.Key, column: str, fallback: str | None = None) -> str | None:
    """``column`` of the row ``key`` in a code list; ``fallback`` when absent or unreadable."""
    try:
        value = tables.lookup(table, key, column)
    except (tables.TableError, KeyError, OSError) as err:
        _warn_once(table, str(err))
        return fallback
    return fallback if value is None else value


@cache
def _warn_once(table: str, message: str) -> None:
    log.warning("code list %s unusable, using fallbacks: %s", table, message)


@cache
def column_index(table: str, column: str) -> dict[tables.Key, dict[str, str]]:
    """Rows of a code list by another column (empty when the list is unusable)."""
    try:
        return tables.index(table, column)
    except (tables.TableError, OSError) as err:
        _warn_once(table, str(err))
        return {}


def scheme(ctx: Context, iri: str) -> NamedNode:
    """A scheme IRI from a code list; the project's own schemes under the run's base."""
    if iri.startswith(_LOCAL_SCHEMES):
        return scheme_node(ctx, iri[len(_LOCAL_SCHEMES):])
    return scheme_node(ctx, iri)


def unmarked(value: str) -> str:
    """The value without non-sorting marks (U+0088 L' U+0089 altra -> L'altra)."""
    return value.translate(_NON_SORTING)


# -- literals ------------------------------------------------------------------------------

def put_tagged(ctx: Context, node: NamedNode, prop: NamedNode, value: str | None,
               tag: str | None) -> None:
    """``node prop "value"@tag``: ISBD stripped, the language tag given rather than guessed."""
    text = strip_isbd(value) if value else ""
    if text:
        ctx.add(node, prop, Literal(text, language=tag) if tag else Literal(text))


def put_subfields(ctx: Context, node: NamedNode, f: Field,
                  props: Mapping[str, NamedNode]) -> None:
    """Each subfield whose code is in ``props`` as a literal of its property (in one pass), and
    the pinyin twins of those subfields ($A of $a ..., $9 of $a) as zh-Latn-pinyin literals."""
    chinese = None
    for c, value in f.subfields:
        prop = props.get(c)
        if prop is not None:
            ctx.put(node, prop, unmarked(value), field=f)
            continue
        twin = _TWINS.get(c)
        if twin is None or twin not in props:
            continue
        if chinese is None:
            chinese = ctx.language == "zh" or has_cjk(f[twin] or "")
        if chinese:
            put_tagged(ctx, node, props[twin], value, PINYIN)


def pinyin(ctx: Context, f: Field, code_: str) -> list[str]:
    """The pinyin that parallels subfield ``code_``: $A for $a, $E for $e ...; $9 for $a.

    dp2 and other Chinese systems write it in the upper-case twin of the subfield; NLC records
    put the pinyin of the title or name in $9. Only Chinese text has pinyin twins ($9 is local
    data in other UNIMARC records).
    """
    codes = code_.upper() + ("9" if code_ == "a" else "")
    values = [v for c, v in f.subfields if c in codes]
    if values and (ctx.language == "zh" or has_cjk(f[code_] or "")):
        return values
    return []


def put_pinyin(ctx: Context, node: NamedNode, prop: NamedNode, f: Field, code_: str) -> None:
    for value in pinyin(ctx, f, code_):
        put_tagged(ctx, node, prop, value, PINYIN)


def pinyin_labels(ctx: Context, f: Field, code_: str = "a"
                  ) -> Iterator[tuple[NamedNode, Literal]]:
    """(rdfs:label, pinyin) for a shared entity's ``extra``: evaluated only when the entity is
    first described."""
    for value in pinyin(ctx, f, code_)[:1]:
        text = strip_isbd(value)
        if text:
            yield LABEL, Literal(text, language=PINYIN)


def describe(ctx: Context, iri: NamedNode, label: str, types: Iterable[NamedNode],
             extra: Iterable[tuple[NamedNode, NamedNode | Literal]] = ()) -> None:
    """Type, label and heading key of a shared entity, written the first time the run meets it."""
    def triples():
        yield from ((iri, A, t) for t in types)
        lit = ctx.text(label)
        if lit is not None:
            yield iri, LABEL, lit
        yield iri, JL.headingKey, Literal(heading_key(label))
        yield from ((iri, p, o) for p, o in extra)

    ctx.describe_once(iri, triples)


@cache
def curies(spec: str) -> tuple[NamedNode, ...]:
    """'bf:Person jl:Person' -> the terms."""
    return tuple(curie(c) for c in spec.split())


@cache
def language_iri(code: str) -> NamedNode | None:
    """The MARC language IRI of a three-letter code ('chi'); None for anything else."""
    code = code.strip().lower()
    return NamedNode(LANGUAGES + code) if len(code) == 3 and code.isalpha() else None


def typed(value: str, datatype: NamedNode) -> Literal:
    return Literal(value, datatype=datatype)


@lru_cache(maxsize=8192)
def iso_date(digits: str) -> Literal | None:
    """'20020204' -> "2002-02-04"^^xsd:date; None unless eight digits."""
    digits = digits.strip()
    if len(digits) != 8 or not digits.isdigit():
        return None
    return typed(f"{digits[:4]}-{digits[4:6]}-{digits[6:]}", XSD.date)


# -- agencies (801, 905) -------------------------------------------------------------------

def agency(ctx: Context, code_: str, country: str | None = None) -> NamedNode | None:
    """The organisation behind a cataloguing or holding agency code ('BNU'), shared by code."""
    code_ = code_.strip()
    if not code_:
        return None
    iri = entity(ctx.env.minter, "organization", "agency-" + code_.lower())
    if iri.value not in ctx.env.seen:
        ctx.describe_once(iri, lambda: (
            (iri, A, _ORGANIZATION[0]), (iri, A, _ORGANIZATION[1]),
            (iri, LABEL, Literal(code_)), (iri, CODE, Literal(code_))))
    place = country_iri(country) if country else None
    if place is not None:
        ctx.add(iri, PLACE, place)
    return iri


@lru_cache(maxsize=1 << 14)
def entity(minter: Minter, kind: str, key: str) -> NamedNode:
    """A shared entity's IRI (cached, bounded: agencies and places recur in every record, but a
    catalogue of millions holds more distinct keys than a run should keep)."""
    return minter.entity(kind, key)


@cache
def country_iri(iso: str) -> NamedNode | None:
    """The MARC country IRI of an ISO 3166 code ('CN' -> .../countries/cc)."""
    row = column_index("countries", "iso3166").get(iso.strip().upper())
    return NamedNode(COUNTRIES + row["code"]) if row else None


# -- relators ------------------------------------------------------------------------------

# Chinese responsibility words are one to four characters long; longer ones are tried first.
_WORD_LENGTHS = (4, 3, 2, 1)


@lru_cache(maxsize=4096)
def word_role(text: str) -> tuple[str, str | None]:
    """(name, relator) when ``text`` ends with a responsibility word; (text, None) otherwise.

    >>> word_role("袁枚著"), word_role("著"), word_role("顾学颉校点"), word_role("Asimov")
    (('袁枚', 'aut'), ('', 'aut'), ('顾学颉', 'edt'), ('Asimov', None))
    """
    text = strip_isbd(text)
    for n in _WORD_LENGTHS:
        if len(text) >= n:
            role = code("relator_words", text[-n:], "marc")
            if role:
                return text[:-n].strip(), role
    return text, None


def leading_role(text: str) -> tuple[str, str | None]:
    """(rest, relator) when ``text`` starts with a responsibility word.

    >>> leading_role("主编季野, 张西明"), leading_role("图书馆学会编")
    (('季野, 张西明', 'edt'), ('图书馆学会编', None))
    """
    text = strip_isbd(text)
    # One-character words (图, 书, 刊) too often begin a name ('图书馆编') to lead a statement.
    for n in _WORD_LENGTHS[:-1]:
        if len(text) > n:
            role = code("relator_words", text[:n], "marc")
            if role:
                return text[n:].strip(), role
    return text, None


@lru_cache(maxsize=4096)
def relator(value: str) -> str | None:
    """The MARC relator code of a $4: UNIMARC number, MARC code, or a word (with a name before).

    >>> relator("070"), relator("340"), relator("trl"), relator("主编"), relator("袁枚著")
    ('aut', 'edt', 'trl', 'edt', 'aut')
    """
    value = value.strip()
    if value.isdigit():
        return code("unimarc_relators", value.zfill(3), "marc")
    if value.isascii():
        value = value.lower().rstrip(".")
        return value if code("relators", value, "code") else None
    return word_role(value)[1]
