"""Building a record's triples from term objects: the small helpers every converter shares.

A converter collects its triples in a `Triples` and hands them to the run inside a
`ingest.protocol.Conversion`. Values are pyoxigraph terms; empty values are skipped, so callers
can pass optional fields straight through.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from ingest.chinese import text_language
from ingest.protocol import Triple
from kg.vocab import BF, XSD, A

_DATE = (
    (re.compile(r"^-?\d{4}$"), XSD.gYear),
    (re.compile(r"^-?\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^-?\d{4}-\d{2}-\d{2}$"), XSD.date),
)


class Triples:
    """A record's triples, in the order they were added."""

    def __init__(self) -> None:
        self.items: list[Triple] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.items.append((s, p, o))

    def types(self, s: NamedNode, *classes: NamedNode) -> None:
        for cls in classes:
            self.items.append((s, A, cls))

    def text(self, s: NamedNode, p: NamedNode, value: str | None,
             language: str | None = None) -> None:
        """A string value, language-tagged when ``language`` is given; blank values skipped."""
        if value is not None and value.strip():
            self.items.append((s, p, Literal(value.strip(), language=language)))

    def chinese(self, s: NamedNode, p: NamedNode, value: str | None,
                declared: str | None = None) -> None:
        """A string tagged by `ingest.chinese.text_language`: its script for Chinese text."""
        if value is not None and value.strip():
            self.text(s, p, value, text_language(value.strip(), declared))

    def integer(self, s: NamedNode, p: NamedNode, value: int | None) -> None:
        if value is not None:
            self.items.append((s, p, Literal(value)))

    def decimal(self, s: NamedNode, p: NamedNode, value: float | None) -> None:
        """Seconds and the like, written with at most three decimals."""
        if value is not None:
            self.items.append((s, p, Literal(f"{value:.3f}".rstrip("0").rstrip(".") or "0",
                                             datatype=XSD.decimal)))

    def date(self, s: NamedNode, p: NamedNode, value: str | None) -> None:
        """A date as given: xsd:gYear, gYearMonth or date by its shape, else a plain string."""
        if value is None or not str(value).strip():
            return
        value = str(value).strip()
        datatype = next((dt for pattern, dt in _DATE if pattern.match(value)), None)
        self.items.append((s, p, Literal(value, datatype=datatype) if datatype
                           else Literal(value)))

    def admin(self, holder: NamedNode) -> NamedNode:
        """The record's admin node, ``holder#admin``: where the run keeps the source digest by
        which a re-ingest knows an unchanged record (`ingest.batches`)."""
        node = admin_iri(holder)
        self.items.append((holder, BF.adminMetadata, node))
        self.items.append((node, A, BF.AdminMetadata))
        return node

    def each(self, s: NamedNode, p: NamedNode, objects: Iterable[NamedNode]) -> None:
        for o in objects:
            self.items.append((s, p, o))


def admin_iri(holder: NamedNode) -> NamedNode:
    """``holder#admin``: the admin node that carries a record's source digest."""
    return NamedNode(holder.value + "#admin")


def record_key(text: str) -> str:
    """A record key from an identifier or a file name: NFC, blanks made hyphens.

    >>> record_key("JL OH 2023")
    'JL-OH-2023'
    """
    return "-".join(unicodedata.normalize("NFC", text).split())


def digest(*parts: object) -> str:
    """A stable digest of a record's source and the converter version (SHA-1, hex)."""
    h = hashlib.sha1()
    for part in parts:
        h.update(repr(part).encode())
        h.update(b"\x00")
    return h.hexdigest()
