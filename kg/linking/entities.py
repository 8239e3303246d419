"""Mentions as the entities of a spaCy Doc whose tokens are characters (``doc.ents``).

One array write per attribute instead of a Span object per mention: with a token for every
character, a Span costs two Token objects, which for a text full of names is a tenth of the
disambiguator's time.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.tokens import Doc

from kg.linking.model import Mention

_BEGIN, _INSIDE = 3, 1  # spaCy's ENT_IOB codes; 0 leaves a token unannotated


def positions(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The characters of the stretches that start at ``starts`` and are ``lengths`` long, one
    after the other.

    >>> positions(np.array([2, 7]), np.array([3, 1])).tolist()
    [2, 3, 4, 7]
    """
    firsts = np.cumsum(lengths) - lengths
    return np.repeat(starts - firsts, lengths) + np.arange(lengths.sum())


def set_entities(doc: Doc, mentions: list[Mention]) -> None:
    """Add ``mentions`` (no two overlapping) to ``doc.ents``, replacing what their characters
    held and leaving the other characters as they were."""
    if not mentions:
        return
    strings = doc.vocab.strings
    starts = np.array([m.start for m in mentions], np.int64)
    lengths = np.array([m.end - m.start for m in mentions], np.int64)
    at = positions(starts, lengths)
    values = doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).astype(np.uint64)
    values[at, 0] = _INSIDE
    values[starts, 0] = _BEGIN
    values[at, 1] = np.repeat(np.array([strings.add(m.type) for m in mentions],
                                              np.uint64), lengths)
    values[at, 2] = np.repeat(np.array([strings.add(m.entity) if m.entity else 0
                                               for m in mentions], np.uint64), lengths)
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], values)
