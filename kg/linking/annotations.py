"""Mentions as Web Annotations: deterministic IRIs and the rows of the ``link_replace`` update.

A mention's IRI is minted from its text part and span, so relinking the same text gives the
same IRIs: ``{base}mentions/{digest of the part's IRI}/{start}-{end}``. A name the KB does not
know links to a candidate entity ``{base}entity/candidate/{digest of type and normalised
name}``, the same in every document, so curators see one candidate per name and type.

>>> from kg.iri import Minter
>>> minter = Minter("https://kg.jllib.cn/")
>>> mention_iri(minter, "https://kg.jllib.cn/segment/s1", 3, 6).value
'https://kg.jllib.cn/mentions/50de775791b3ff71/3-6'
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import cache

from pyoxigraph import Literal, NamedNode

from kg.iri import Minter
from kg.linking.kb import curie
from kg.linking.model import Mention
from kg.linking.tables import table
from kg.vocab import XSD

ROW = ("m", "label", "body", "source", "start", "end", "exact", "prefix", "suffix",
       "confidence", "created", "candidateClass", "candidateLabel")
QUOTE_CONTEXT = 10  # characters of oa:prefix and oa:suffix around the quote


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def mention_iri(minter: Minter, source: str, start: int, end: int) -> NamedNode:
    """The IRI of the machine's mention of ``[start, end)`` in the text part ``source``."""
    return minter.record("mentions", digest(source), f"{start}-{end}")


def candidate_iri(minter: Minter, key: str) -> NamedNode:
    """The IRI of a candidate entity (``key``: `kg.linking.disambiguate.candidate_key`)."""
    return minter.entity("candidate", key)


@cache
def candidate_classes() -> dict[str, NamedNode]:
    """Mention type -> the class of its candidate entities (candidate_classes.tsv)."""
    return {r["type"]: curie(r["class"]) for r in table("candidate_classes")}


def _text(value: str) -> Literal | None:
    return Literal(value) if value else None


def mention_row(minter: Minter, source: str, text: str, mention: Mention, created: Literal,
                name: str) -> tuple:
    """The values of one mention for the ``link_replace`` update, in the order of `ROW`.

    ``name``: the mention's normalised text (a candidate entity's label).
    """
    if mention.entity is not None:
        body, cls, label = NamedNode(mention.entity), None, None
    else:
        body = candidate_iri(minter, mention.candidate)
        cls, label = candidate_classes()[mention.type], Literal(name, language="zh-Hans")
    confidence = Literal(str(Decimal(str(mention.score))), datatype=XSD.decimal)
    return (mention_iri(minter, source, mention.start, mention.end),
            Literal(f"“{mention.text}” → {mention.label or name}", language="zh"),
            body, NamedNode(source), Literal(mention.start), Literal(mention.end),
            Literal(mention.text), _text(text[max(0, mention.start - QUOTE_CONTEXT):
                                              mention.start]),
            _text(text[mention.end:mention.end + QUOTE_CONTEXT]), confidence, created, cls,
            label)
