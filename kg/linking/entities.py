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


def set_entities(doc: Doc, mentions: list[Mention]) -> None:
    """Add ``mentions`` (no two overlapping) to ``doc.ents``, replacing what their characters
    held and leaving the other characters as they were."""
    if not mentions:
        return
    strings = doc.vocab.strings
    starts = np.array([m.start for m in mentions], np.int64)
    lengths = np.array([m.end - m.start for m in mentions], np.int64)
    positions = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    values = doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).astype(np.uint64)
    values[positions, 0] = _INSIDE
    values[starts, 0] = _BEGIN
    values[positions, 1] = np.repeat(np.array([strings.add(m.type) for m in mentions],
                                              np.uint64), lengths)
    values[positions, 2] = np.repeat(np.array([strings.add(m.entity) if m.entity else 0
                                               for m in mentions], np.uint64), lengths)
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], values)
