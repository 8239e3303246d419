"""The one place that mints IRIs: the configured base plus a stable key.

>>> minter = Minter("https://kg.jllib.cn/")
>>> minter.graph("district/xuanwu").value
'https://kg.jllib.cn/graphs/district/xuanwu'
>>> minter.graph_name(minter.graph("kb"))
'kb'
>>> minter.entity("person", "zhu-yuanzhang").value
'https://kg.jllib.cn/entity/person/zhu-yuanzhang'
"""

from __future__ import annotations

import re
from urllib.parse import quote

from pyoxigraph import NamedNode

from kg.errors import InvalidGraphName

GRAPH_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$")
GRAPHS_PATH = "graphs/"


class Minter:
    """Mints graph, entity and record IRIs under one base."""

    def __init__(self, base: str):
        self.base = base if base.endswith("/") else base + "/"

    def graph(self, name: str) -> NamedNode:
        """The IRI of the named graph with this short name; it is also its Graph Store URL."""
        if not GRAPH_NAME.match(name):
            raise InvalidGraphName(name)
        return NamedNode(self.base + GRAPHS_PATH + name)

    def graph_name(self, iri: NamedNode) -> str | None:
        """The short name of a graph IRI minted here, else None."""
        prefix = self.base + GRAPHS_PATH
        if iri.value.startswith(prefix) and GRAPH_NAME.match(iri.value[len(prefix):]):
            return iri.value[len(prefix):]
        return None

    def entity(self, kind: str, key: str) -> NamedNode:
        """An authority entity: person, place, placename, organization, event, period ..."""
        return NamedNode(f"{self.base}entity/{kind}/{quote(key, safe='-._~')}")

    def record(self, kind: str, source: str, key: str) -> NamedNode:
        """A record-derived resource (work, instance, item ...) keyed by source and number."""
        return NamedNode(f"{self.base}{kind}/{quote(source, safe='-._~')}/"
                         f"{quote(key, safe='-._~')}")

    def from_path(self, path: str) -> NamedNode:
        """The IRI that a request path under the base stands for."""
        return NamedNode(self.base + path.lstrip("/"))

    def path_of(self, iri: str) -> str | None:
        """The request path at which an IRI under the base dereferences, else None."""
        return "/" + iri[len(self.base):] if iri.startswith(self.base) else None
