"""Authority linking in the store: headings minted before their authority arrived.

A bibliographic heading without a control number becomes a shared entity keyed by its heading
(``{base}entity/person/h…``) when no authority record for it is in the store yet. Once authority
records are ingested, `link_headings` links each such entity to the one authority entity whose
heading key it shares, so the order in which bibliographic and authority files are ingested
does not matter.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from sparql import Store, queries


def link_headings(store: Store, graph: NamedNode) -> None:
    """Add ``owl:sameAs <authority>`` to the heading-keyed entities of ``graph`` (one update).

    An entity is linked when its ``jl:headingKey`` names exactly one authority entity (an
    entity with ``bf:adminMetadata``, in any graph) and the two share a class. The links are
    written in ``graph``. Idempotent: the links it made before are recomputed, so a key that
    has become ambiguous, or an authority since deleted, loses its link.

    Args:
        store: the store.
        graph: the graph whose heading-keyed entities are linked (a MARC source graph).

    >>> from pyoxigraph import RdfFormat
    >>> from sparql.embedded import EmbeddedStore
    >>> store, g = EmbeddedStore(), NamedNode("https://kg.jllib.cn/graphs/marc")
    >>> data = '''@prefix jl: <https://kg.jllib.cn/ontology#> .
    ... @prefix bf: <http://id.loc.gov/ontologies/bibframe/> .
    ... <https://kg.jllib.cn/entity/person/h0123456789abcdef> a bf:Person ;
    ...     jl:headingKey "袁枚1716-1797" .
    ... <https://kg.jllib.cn/entity/person/jl-a1> a bf:Person ; jl:headingKey "袁枚1716-1797" ;
    ...     bf:adminMetadata <https://kg.jllib.cn/entity/person/jl-a1#admin> .'''
    >>> _ = store.load(data.encode(), format=RdfFormat.TURTLE, graph=g)
    >>> link_headings(store, g)
    >>> [row["o"].value for row in store.query(
    ...     "SELECT ?o WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o }")]
    ['https://kg.jllib.cn/entity/person/jl-a1']
    """
    store.update(queries.load("link_headings"), {"g": graph})
