"""Streaming reader for MARCXML: MARC21 slim, UNIMARC/CNMARC XML, and SRU responses wrapping them.

Elements are matched by local name (``record``, ``leader``, ``controlfield``, ``datafield``,
``subfield``) whatever their namespace, because exporters disagree: the LoC slim namespace, none
at all, ``http://www.nlc.cn/`` or ``info:srw/schema/8/unimarcxml-v0.1`` from Chinese SRU servers.
SRU/OAI ``record`` wrappers (holding ``recordData`` or ``metadata``) are looked through.

Each record element is parsed when it closes and then freed, so memory stays bounded. A record
with a field missing its tag or code is yielded as `Rejected` naming the element and its line; a
syntax error mid-file ends the file with one `Rejected` for the rest, after the good records.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ingest.errors import RecordUnreadable, SourceUnreadable, record_context
from ingest.marc.flavour import choose_flavour
from ingest.marc.record import Field, Record
from ingest.protocol import Rejected

log = logging.getLogger(__name__)

# For a record without a leader: a new language-material monograph, Unicode, lengths unknown.
DEFAULT_LEADER = "     nam a22     uu 4500"
_FIELD_ELEMENTS = ("{*}leader", "{*}controlfield", "{*}datafield")
# Children that mark a ``record`` element as an SRU or OAI-PMH wrapper, not a MARC record.
_WRAPPER_PARTS = {"recordData", "recordSchema", "recordPacking", "recordPosition", "metadata",
                  "header"}
# Roots of documents that are MARCXML even when they hold no record.
_MARC_ROOTS = {"collection", "record", "searchRetrieveResponse", "OAI-PMH"}
# lxml ends its messages with the position, which the reject message gives already.
_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def read_marcxml(path: Path, *, flavour: str = "auto",
                 encoding: str | None = None) -> Iterator[Record | Rejected]:
    """Yield each MARCXML record of ``path`` as a `Record`, or `Rejected` when it is broken.

    Args:
        path: the file.
        flavour: 'auto' (judge each record by its tags), 'marc21' or 'cnmarc'.
        encoding: overrides the XML declaration ('utf-8' or 'gb18030'); MARC-8 has no meaning
            in XML and is ignored.

    Raises:
        SourceUnreadable: the document holds no MARC record and is not a MARC collection.
    """
    source = str(path)
    codec = encoding if encoding in ("utf-8", "gb18030") else None
    charset = codec or _document_encoding(path)
    events = etree.iterparse(source, events=("end",), tag="{*}record", encoding=codec,
                             resolve_entities=False, no_network=True, huge_tree=True)
    number = 0
    try:
        for _, elem in events:
            if not _is_wrapper(elem):
                number += 1
                yield _record_or_reject(elem, source, number, flavour, charset)
            _release(elem)
    except etree.XMLSyntaxError as err:
        yield _syntax_reject(err, source, number + 1)
        return
    if number == 0:
        _check_root(events.root, source)


def _record_or_reject(elem: etree._Element, source: str, number: int, flavour: str,
                      charset: str) -> Record | Rejected:
    try:
        with record_context(source, number):
            record = _record(elem, flavour)
    except RecordUnreadable as err:
        return Rejected.of(err, etree.tostring(elem, encoding="utf-8"))
    record.number, record.source, record.encoding = number, source, charset
    record.raw = etree.tostring(elem, encoding="utf-8")
    return record


def _record(elem: etree._Element, flavour: str) -> Record:
    leader, fields = None, []
    for child in elem.iterchildren(*_FIELD_ELEMENTS):
        if child.tag.endswith("datafield"):
            fields.append(_datafield(child))
        elif child.tag.endswith("controlfield"):
            fields.append(Field(_tag(child), " ", " ", [], _text(child.text)))
        else:
            leader = _leader(child.text)
    if leader is None and not fields:
        raise RecordUnreadable(f"<record> at line {elem.sourceline} is empty: no leader, "
                               "no control or data fields")
    if leader is None:
        log.debug("record at line %s has no leader; default leader used", elem.sourceline)
        leader = DEFAULT_LEADER
    kind = choose_flavour(flavour, {f.tag for f in fields}, _general_data(fields))
    return Record(leader, fields, flavour=kind)


def _leader(text: str | None) -> str:
    # Blank or short leaders are common in XML (lengths are meaningless there): pad, don't fail.
    text = (text or "").strip("\r\n\t")
    return text.ljust(24)[:24] if text.strip() else DEFAULT_LEADER


def _tag(elem: etree._Element) -> str:
    tag = (elem.get("tag") or "").strip()
    if not tag:
        raise RecordUnreadable(
            f"<{_local(elem.tag)}> at line {elem.sourceline} has no tag attribute")
    # Some exporters drop leading zeros ("42" for 042).
    return tag.zfill(3) if tag.isdigit() else tag


def _datafield(elem: etree._Element) -> Field:
    tag = _tag(elem)
    subfields = [(_code(child, tag), _text(child.text))
                 for child in elem.iterchildren("{*}subfield")]
    if len(subfields) != len(elem):
        _check_children(elem, tag)
    return Field(tag, _indicator(elem.get("ind1")), _indicator(elem.get("ind2")), subfields)


def _check_children(elem: etree._Element, tag: str) -> None:
    """Refuse a datafield holding elements other than subfields (comments are fine)."""
    for child in elem:
        if isinstance(child.tag, str) and _local(child.tag) != "subfield":
            raise RecordUnreadable(
                f"<datafield tag={tag!r}> at line {elem.sourceline} holds an unexpected "
                f"<{_local(child.tag)}> element (line {child.sourceline})", field=tag)


def _code(elem: etree._Element, tag: str) -> str:
    code = elem.get("code")
    if not code:
        raise RecordUnreadable(
            f"<subfield> at line {elem.sourceline} in field {tag} has no code attribute",
            field=tag)
    return code


def _indicator(value: str | None) -> str:
    return (value or " ")[:1]


def _text(text: str | None) -> str:
    if not text:
        return ""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _general_data(fields: list[Field]) -> str | None:
    for f in fields:
        if f.tag == "100":
            return f["a"]
    return None


def _local(tag: str) -> str:
    return tag[tag.find("}") + 1:]


def _is_wrapper(elem: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and _local(c.tag) in _WRAPPER_PARTS for c in elem)


def _release(elem: etree._Element) -> None:
    """Free a parsed record and the siblings before it (iterparse keeps the tree otherwise)."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    while parent is not None and elem.getprevious() is not None:
        del parent[0]


def _syntax_reject(err: etree.XMLSyntaxError, source: str, number: int) -> Rejected:
    line, column = err.position
    reason = _POSITION_SUFFIX.sub("", err.msg or "syntax error")
    error = RecordUnreadable(
        f"XML is not well-formed at line {line}, column {column}: {reason}; "
        "the rest of the file is skipped", source=source, record=number)
    return Rejected.of(error)


def _check_root(root: etree._Element | None, source: str) -> None:
    name = _local(root.tag) if root is not None else "(none)"
    if name not in _MARC_ROOTS:
        raise SourceUnreadable(f"XML document with root <{name}> holds no MARC records",
                               source=source)


def _document_encoding(path: Path) -> str:
    """The encoding the XML declaration names (UTF-8 when it names none)."""
    with path.open("rb") as stream:
        head = stream.read(256)
    found = _DECLARED.search(head)
    return found.group(1).decode("ascii").lower() if found else "utf-8"
