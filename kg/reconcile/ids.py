"""Entity ids of the service: the IRI of a resource under the base, written as its path.

The manifest's ``identifierSpace`` is the base IRI, so an id joined to it is the IRI again, and
the ``view`` template puts the id after the server's root, where the IRI dereferences. Full IRIs
are read as ids too (an IRI from elsewhere stays whole).

>>> from kg.iri import Minter
>>> ids = Ids(Minter("https://kg.jllib.cn/"))
>>> ids.of("https://kg.jllib.cn/entity/person/zhu-yuanzhang")
'entity/person/zhu-yuanzhang'
>>> ids.iri("entity/person/zhu-yuanzhang") == ids.iri("https://kg.jllib.cn/entity/person/zhu-yuanzhang")
True
"""

from __future__ import annotations

from kg.iri import Minter


class Ids:
    """Turns IRIs into ids and back, under one base."""

    def __init__(self, minter: Minter):
        self.minter = minter

    def of(self, iri: str) -> str:
        """The id of an IRI: its path under the base without the leading '/', else the IRI."""
        path = self.minter.path_of(iri)
        return path[1:] if path else iri

    def iri(self, id_: str) -> str:
        """The IRI an id stands for (an absolute IRI is taken as it is)."""
        text = id_.strip()
        if text.startswith(("http://", "https://")):
            return text
        return self.minter.base + text.lstrip("/")
