"""A MARC record as the converters see it: decoded strings, fields in order.

Both flavours (MARC21 and UNIMARC/CNMARC) share this model; only the tags mean different things.

>>> rec = Record("00000nam a2200000 a 4500", [
...     Field("001", value="ocm123"),
...     Field("245", "1", "0", [("a", "Title :"), ("b", "sub.")])])
>>> rec.control("001")
'ocm123'
>>> rec["245"][0]["a"]
'Title :'
>>> rec["245"][0].values("ab")
['Title :', 'sub.']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Field:
    """A control field (``value``) or a data field (indicators and ``subfields``)."""

    tag: str
    ind1: str = " "
    ind2: str = " "
    subfields: list[tuple[str, str]] = field(default_factory=list)
    value: str | None = None

    @property
    def is_control(self) -> bool:
        return self.value is not None

    def __getitem__(self, code: str) -> str | None:
        """The first value of subfield ``code``, or None."""
        for c, v in self.subfields:
            if c == code:
                return v
        return None

    def values(self, codes: str | None = None) -> list[str]:
        """The values of the subfields whose codes are in ``codes`` (all when None), in order."""
        return [v for c, v in self.subfields if codes is None or c in codes]

    def pairs(self, codes: str) -> Iterator[tuple[str, str]]:
        """(code, value) for the subfields whose codes are in ``codes``, in order."""
        return ((c, v) for c, v in self.subfields if c in codes)

    def link(self) -> str | None:
        """Subfield $6 (880 linkage), which MARC21 puts first."""
        return self["6"]


@dataclass(slots=True)
class Record:
    """One MARC record: the leader and the fields in record order.

    ``number`` is the record's 1-based position in its file and ``offset`` its byte offset
    (None in XML), so a problem can be traced back to the input.
    """

    leader: str
    fields: list[Field]
    number: int = 0
    offset: int | None = None
    flavour: str = "marc21"
    encoding: str = "utf-8"
    source: str = ""
    raw: bytes = b""  # the record as read (ISO 2709 bytes, MARCXML element), for a rejects file

    def __getitem__(self, tag: str) -> list[Field]:
        return [f for f in self.fields if f.tag == tag]

    def get(self, *tags: str) -> list[Field]:
        """The fields with any of these tags, in record order."""
        wanted = set(tags)
        return [f for f in self.fields if f.tag in wanted]

    def first(self, tag: str) -> Field | None:
        for f in self.fields:
            if f.tag == tag:
                return f
        return None

    def control(self, tag: str) -> str | None:
        """The value of control field ``tag`` (001-009), or None."""
        f = self.first(tag)
        return f.value if f is not None and f.value is not None else None

    def tags(self) -> Iterable[str]:
        return (f.tag for f in self.fields)

    @property
    def status(self) -> str:
        """Leader/05: n new, c corrected, d deleted ..."""
        return self.leader[5] if len(self.leader) > 5 else " "

    @property
    def is_authority(self) -> bool:
        """Leader/06 z (MARC21 authority) or x/y/z (UNIMARC authorities)."""
        kind = self.leader[6] if len(self.leader) > 6 else " "
        return kind == "z" if self.flavour == "marc21" else kind in "xyz"
