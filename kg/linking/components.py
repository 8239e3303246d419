"""The linker's spaCy components and tokenizer, registered by importing this module.

Each component reads and writes Doc extensions (``doc._.jl_*``); offsets are character
offsets, which with the character tokenizer are also token indices.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch, registry

from kg.linking.affixes import extend, in_word
from kg.linking.dates import document_years
from kg.linking.disambiguate import Disambiguator, candidate_key
from kg.linking.model import Mention, Proposal
from kg.linking.neural import LearnedPersons
from kg.linking.normalize import normalise
from kg.linking.resolve import resolve
from kg.linking.singles import SingleNames
from kg.linking.tunes import outside_tunes


class CharTokenizer:
    """One token per character, no whitespace attached: ``doc.text`` is the text as given."""

    def __init__(self, vocab):
        self.vocab = vocab
        self._orths: dict[str, int] = {}  # character -> its lexeme's id in the vocab

    def __call__(self, text: str) -> Doc:
        doc = Doc(self.vocab, words=self._ids(text), spaces=[False] * len(text))
        doc._.jl_text = text  # doc.text walks every token: components read this instead
        return doc

    def _ids(self, text: str) -> list[int]:
        """The lexeme ids of the characters: a Doc made from ids skips hashing every character
        again (half the time of making it from strings)."""
        orths = self._orths
        try:
            return [orths[c] for c in text]
        except KeyError:
            for c in set(text).difference(orths):
                orths[c] = self.vocab[c].orth
            return [orths[c] for c in text]

    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: object) -> CharTokenizer:
        return self

    def to_disk(self, _path, **__: object) -> None:
        return None

    def from_disk(self, _path, **__: object) -> CharTokenizer:
        return self


@registry.tokenizers("jinling.char_tokenizer.v1")
def create_char_tokenizer():
    """One token per character (see `CharTokenizer`)."""
    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)
    return make


class _NeedsGazetteer:
    gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        """Give the component the KB's compiled gazetteer (before the first call)."""
        self.gazetteer = gazetteer


@Language.factory("jinling_normalizer", assigns=["doc._.jl_norm"], requires=["doc._.jl_text"])
def make_normalizer(nlp: Language, name: str):
    """Simplified, half-width copy of the text, offsets kept (`kg.linking.normalize`)."""
    def normalizer(doc: Doc) -> Doc:
        doc._.jl_norm = normalise(doc._.jl_text)
        return doc
    return normalizer


class GazetteerMatcher(_NeedsGazetteer):
    """Every KB name in the normalised text (but a weak name that straddles two everyday words:
    `Gazetteer.straddles`, and a name that begins an everyday word: `affixes.in_word`), and the
    one-character names in their contexts."""

    def __init__(self):
        self.singles = SingleNames()

    def __call__(self, doc: Doc) -> Doc:
        gaz, norm = self.gazetteer, doc._.jl_norm
        senses = gaz.senses
        found = [Proposal(s, e, None, senses[n]) for s, e, n in gaz.find(norm)
                 if not gaz.straddles(norm, s, e, n) and not in_word(norm, s, e)]
        found += self.singles.find(norm, gaz, found)
        found += extend(norm, found, gaz)
        doc._.jl_gazetteer = gaz
        doc._.jl_proposals = found
        return doc


@Language.factory("jinling_gazetteer", assigns=["doc._.jl_proposals", "doc._.jl_gazetteer"])
def make_gazetteer(nlp: Language, name: str):
    """KB names found by the character automaton (`kg.linking.gazetteer`)."""
    return GazetteerMatcher()


class Recognizers(_NeedsGazetteer):
    """Runs the configured recognisers in name order; each adds proposals."""

    def __init__(self, recognizers: dict):
        self.recognizers = [recognizers[key] for key in sorted(recognizers)]

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        for recognizer in self.recognizers:
            if hasattr(recognizer, "set_gazetteer"):
                recognizer.set_gazetteer(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        found = doc._.jl_proposals
        for recognizer in self.recognizers:
            found.extend(recognizer(doc._.jl_norm, found))
        return doc


@Language.factory("jinling_recognizers", assigns=["doc._.jl_proposals"],
                  default_config={"recognizers": {}})
def make_recognizers(nlp: Language, name: str, recognizers: dict):
    """Names the KB does not know, by the rules of the configured recognisers."""
    return Recognizers(recognizers)


@Language.factory("jinling_dates", assigns=["doc._.jl_years"])
def make_dates(nlp: Language, name: str):
    """The years the text speaks of: dates, reign-era years (`kg.linking.dates`)."""
    def dates(doc: Doc) -> Doc:
        doc._.jl_years = document_years(doc._.jl_norm, doc._.jl_proposals, doc._.jl_gazetteer)
        return doc
    return dates


@Language.factory("jinling_resolver", assigns=["doc._.jl_proposals", "doc._.jl_candidates"])
def make_resolver(nlp: Language, name: str):
    """One proposal per stretch of text: longest first, KB before rules (`kg.linking.resolve`);
    none inside a tune's name (`kg.linking.tunes`); every proposal stays in ``jl_candidates``
    for the disambiguator's second look."""
    def resolver(doc: Doc) -> Doc:
        found = outside_tunes(doc._.jl_norm, doc._.jl_proposals)
        doc._.jl_candidates = list(found)
        doc._.jl_proposals = resolve(found, doc._.jl_norm, doc._.jl_gazetteer)
        return doc
    return resolver


@Language.factory("jinling_disambiguator", assigns=["doc._.jl_mentions", "doc.ents"],
                  default_config={"weights": {}, "calibration": "calibration",
                                  "threshold": 0.5, "set_ents": True})
def make_disambiguator(nlp: Language, name: str, weights: dict, calibration: str,
                       threshold: float, set_ents: bool):
    """An entity (or none) and a confidence per proposal (`kg.linking.disambiguate`)."""
    return Disambiguator(weights, calibration, threshold, set_ents)


LEARNED = "learned"


def _sixty_fourths(probability: float) -> float:
    """The probability to the nearest 1/64: a binary fraction prints exactly in JSON-LD's
    canonical form of a double (9.375E-1), so the API's JSON expands to the decimal the store
    holds (0.941 would expand to 9.409999999999999E-1)."""
    return round(probability * 64) / 64


class LearnedComponent:
    """Adds the learned model's persons (`kg.linking.neural`) where no mention stands."""

    def __init__(self, learned: LearnedPersons, set_ents: bool):
        self.learned, self.set_ents = learned, set_ents

    def set_gazetteer(self, gazetteer) -> None:
        """The gazetteer's everyday words filter the model's names."""
        self.learned.set_gazetteer(gazetteer)

    def pipe(self, docs, batch_size: int = 64):
        """The documents in batches, so that the model's tables stay in the cache from one
        document to the next."""
        for batch in minibatch(docs, size=batch_size):
            yield from map(self, batch)

    def __call__(self, doc: Doc) -> Doc:
        mentions, text, norm = doc._.jl_mentions, doc._.jl_text, doc._.jl_norm
        spans = self.learned.new_spans(norm, [(m.start, m.end) for m in mentions])
        if not spans:
            return doc
        added = [Mention(s.start, s.end, text[s.start:s.end], "PERSON", None, None,
                         _sixty_fourths(s.probability),
                         candidate_key(norm[s.start:s.end], "PERSON"), LEARNED) for s in spans]
        doc._.jl_mentions = sorted(mentions + added, key=lambda m: m.start)
        if self.set_ents:
            # a handful of persons a text: a Span each is cheaper than set_entities' copy of
            # every character's entity attributes
            doc.set_ents([Span(doc, m.start, m.end, label=m.type) for m in added],
                         default="unmodified")
        return doc


@Language.factory("jinling_learned", assigns=["doc._.jl_mentions", "doc.ents"],
                  default_config={"model": "persons", "threshold": 0.9, "enabled": True,
                                  "set_ents": True})
def make_learned(nlp: Language, name: str, model: str, threshold: float, enabled: bool,
                 set_ents: bool):
    """Persons of the learned character model where the rules found nothing."""
    return LearnedComponent(LearnedPersons(model, threshold, enabled), set_ents)
