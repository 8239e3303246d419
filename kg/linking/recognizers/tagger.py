"""Persons by a learned model: a surname and a given name that no rule vouched for, kept when a
logistic model over the characters in and around them says it is a name (``jinling.tagger.v1``).

The rules of `persons` and `naming` need a cue (a title, a speech verb, a byline); the gold
sets hold persons named without one (以张说荐, 带队老师许立群领着). Here every surname
(surnames.tsv) followed by one or two Han characters is a candidate, unless the surname is
one the training found far more often in words than in names (tagger_skips.tsv: 宗, 江, 云),
ends an everyday word (长江) or, alone, starts one (江南). A candidate is described by its
surname, its length, the one and two characters on either side, whether punctuation or the
text's edge bounds it, how name-like its first and last given characters are
(given_name_chars.tsv: their share of the KB persons' given names against their share of
everyday words) and whether another candidate has the same text. At each start the likelier
length is kept if the model gives it at least ``threshold``, its probability as the
proposal's strength. Candidates inside 《》, over a KB name or where a rule found a person are
left alone. The weights (tagger.tsv) are fitted by ``python -m kg.linking.train_tagger``.

The recogniser is off in linker.cfg (``enabled = false``): on two fresh gold sets it found
three more of 95 new persons and left detection F1 as it was, and cost about a tenth of the
linking speed (docs/benchmarks.md, Entity linking). Turn it on with the override
``components.jinling_recognizers.recognizers.tagger.enabled=true``.

>>> tagger = Tagger(weights={"b": -2.0, "r1:说": 4.0}, enabled=True)
>>> [(p.start, p.end, p.origin) for p in tagger("他看见陈勋说", [])]
[(3, 5, 'tagger')]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from spacy.util import registry

from kg.linking.model import KB, Proposal
from kg.linking.recognizers.persons import surnames
from kg.linking.tables import number, table

ORIGIN = "tagger"
_HAN_AT = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_PUNCT = "，。；：、！？（）()《》“”‘’\"'_ ,.;:!?"
# blanks in a feature's name would break the weights' table
_BLANKS = re.compile("[\n\r\t \u3000]")
_SIZES = ("0", "1", "2")


@cache
def model_weights() -> dict[str, float]:
    """Feature -> weight of the shipped model (tagger.tsv)."""
    return {r["feature"]: number(r, "weight", "tagger") for r in table("tagger")}


@cache
def char_buckets() -> dict[str, str]:
    """Character -> how name-like it is, on a log scale (given_name_chars.tsv), as the text of
    a whole number (what the features' names hold)."""
    return {r["char"]: str(int(number(r, "bucket", "given_name_chars")))
            for r in table("given_name_chars")}


@cache
def skipped_surnames() -> frozenset[str]:
    """Surnames the tagger passes over: far more often words than names (tagger_skips.tsv)."""
    return frozenset(r["surname"] for r in table("tagger_skips"))


@cache
def _surnames(skipped: frozenset[str]) -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    """The characters that may start a surname not skipped, the compound surnames and the
    single ones."""
    known = [s for s in surnames() if s not in skipped]
    return (re.compile(f"[{''.join(sorted({s[0] for s in known}))}]"),
            frozenset(s for s in known if len(s) > 1), frozenset(s for s in known if len(s) == 1))


def candidates(norm: str, words: frozenset[str]) -> Iterator[tuple[int, int, int]]:
    """(start, end, surname length) of each surname followed by one or two Han characters of a
    given name (a compound surname before a single one), but not where the surname ends an
    everyday word (长江) or a single surname starts one (江南)."""
    first, compounds, singles = _surnames(skipped_surnames())
    han = _HAN_AT.match
    for m in first.finditer(norm):
        start = m.start()
        surname = 2 if norm[start:start + 2] in compounds else 1 if m.group() in singles else 0
        if not surname or not han(norm, start + surname) or (
                start and norm[start - 1:start + 1] in words) or (
                surname == 1 and norm[start:start + 2] in words):
            continue
        yield start, start + surname + 1, surname
        if han(norm, start + surname + 1):
            yield start, start + surname + 2, surname


class Context:
    """What a candidate's features read from the document besides its characters: the
    everyday words and the name-like characters."""

    def __init__(self, norm: str, gazetteer) -> None:
        self.norm = norm
        self.shown = _BLANKS.sub("_", norm)  # blanks would break the weights' table
        self.words = getattr(gazetteer, "words", frozenset())
        self.buckets = char_buckets()
        self.candidates = list(candidates(norm, self.words))
        # how many candidates have each text: a name the document repeats
        self.counts = Counter(norm[start:end] for start, end, _ in self.candidates)


def _is_person(p: Proposal, gazetteer) -> bool:
    if p.type == "PERSON":
        return True
    return p.origin == KB and p.type is None and gazetteer is not None and any(
        gazetteer.entities[n.entity].type == "PERSON" for n in p.senses)


# the features that take a value, in the order `_values` gives them: the surname, the given
# name's length, the one and two characters on the left and on the right, and how name-like
# the given name's first and last characters are
FAMILIES = ("s", "n", "l1", "l2", "r1", "r2", "q1", "qz")
# the features that are present or not: punctuation (or the text's edge) on the left, on the
# right, and the candidate's text elsewhere in the document
FLAGS = ("lp", "rp", "rep")


def _values(ctx: Context, start: int, end: int, surname: int) -> tuple:
    """The candidate's feature values: FAMILIES' values, then FLAGS' truth."""
    shown, get = ctx.shown, ctx.buckets.get
    size = _SIZES[end - start - surname]
    left, right = shown[max(0, start - 2):start], shown[end:end + 2]
    return (shown[start:start + surname], size, left[-1:], left, right[:1], right,
            get(shown[start + surname], "0"), get(shown[end - 1], "0") + size,
            not left or left[-1] in _PUNCT, not right or right[0] in _PUNCT,
            ctx.counts[ctx.norm[start:end]] > 1)


def features(ctx: Context, start: int, end: int, surname: int) -> list[str]:
    """The names of a candidate's features (all of value 1), as the weights' table has them."""
    values = _values(ctx, start, end, surname)
    named, flags = values[:len(FAMILIES)], values[len(FAMILIES):]
    found = ["b"] + [f"{family}:{value}" for family, value in zip(FAMILIES, named, strict=True)]
    return found + [flag for flag, on in zip(FLAGS, flags, strict=True) if on]


class Model:
    """The weights by feature family, so that a candidate's score needs no feature names.

    >>> model = Model({"b": -1.0, "r1:说": 3.0, "rp": 0.5})
    >>> ctx = Context("陈勋说", None)
    >>> round(model.probability(ctx, 0, 2, 1), 3) == round(probability(
    ...     features(ctx, 0, 2, 1), {"b": -1.0, "r1:说": 3.0, "rp": 0.5}), 3)
    True
    """

    def __init__(self, weights: dict[str, float]):
        self.bias = weights.get("b", 0.0)
        self.families = tuple({} for _ in FAMILIES)
        self.flags = tuple(weights.get(flag, 0.0) for flag in FLAGS)
        index = {family: i for i, family in enumerate(FAMILIES)}
        for name, weight in weights.items():
            family, _, value = name.partition(":")
            if family in index:
                self.families[index[family]][value] = weight

    def probability(self, ctx: Context, start: int, end: int, surname: int) -> float:
        s, n, l1, l2, r1, r2, q1, qz, lp, rp, rep = _values(ctx, start, end, surname)
        fs, fn, fl1, fl2, fr1, fr2, fq1, fqz = self.families
        z = (self.bias + fs.get(s, 0.0) + fn.get(n, 0.0) + fl1.get(l1, 0.0) + fl2.get(l2, 0.0)
             + fr1.get(r1, 0.0) + fr2.get(r2, 0.0) + fq1.get(q1, 0.0) + fqz.get(qz, 0.0))
        z += self.flags[0] * lp + self.flags[1] * rp + self.flags[2] * rep
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def probability(names: list[str], weights: dict[str, float]) -> float:
    """The logistic model's probability for the named features (unknown names weigh 0)."""
    get = weights.get
    z = sum([get(name, 0.0) for name in names])
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


class Tagger:
    """The learned person recogniser (``jinling.tagger.v1``)."""

    def __init__(self, threshold: float = 0.6, weights: dict[str, float] | None = None,
                 enabled: bool = False):
        self.threshold, self.enabled = threshold, enabled
        self._model = Model(weights) if weights is not None else None
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, norm: str, found: list[Proposal]) -> list[Proposal]:
        if not self.enabled:
            return []
        if self._model is None:
            self._model = Model(model_weights())
        judge = self._model.probability
        best: dict[int, tuple[float, int]] = {}
        ctx = Context(norm, self.gazetteer)
        for start, end, surname in self.judged(ctx, found):
            p = judge(ctx, start, end, surname)
            if p >= self.threshold and p > best.get(start, (0.0, 0))[0]:
                best[start] = (p, end)
        return _apart(best)

    def described(self, norm: str, found: list[Proposal], every: bool = False
                  ) -> Iterator[tuple[int, int, list[str]]]:
        """(start, end, feature names) of every candidate the tagger judges; with ``every``,
        also those where a person was already found (training learns from those too)."""
        ctx = Context(norm, self.gazetteer)
        for start, end, surname in self.judged(ctx, found, every):
            yield start, end, features(ctx, start, end, surname)

    def judged(self, ctx: Context, found: list[Proposal], every: bool = False
               ) -> Iterator[tuple[int, int, int]]:
        """(start, end, surname length) of the candidates worth judging: not in 《》, and
        unless ``every``, not overlapping a KB name nor starting where a person was found."""
        norm = ctx.norm
        people = set() if every else {p.start for p in found if _is_person(p, self.gazetteer)}
        named = bytearray(len(norm))  # characters of a KB name
        for p in found:
            if p.origin == KB and not every:
                named[p.start:p.end] = b"\x01" * p.length
        titles = _in_titles(norm)
        for start, end, surname in ctx.candidates:
            if start not in people and start not in titles and not any(named[start:end]):
                yield start, end, surname


def _in_titles(norm: str) -> set[int]:
    """The characters between 《 and 》."""
    inside, at = set(), norm.find("《")
    while at != -1:
        close = norm.find("》", at)
        if close == -1:
            break
        inside.update(range(at + 1, close))
        at = norm.find("《", close)
    return inside


def _apart(best: dict[int, tuple[float, int]]) -> list[Proposal]:
    """The likeliest candidates that do not overlap, as proposals."""
    taken: set[int] = set()
    out = []
    for start, (p, end) in sorted(best.items(), key=lambda item: -item[1][0]):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            out.append(Proposal(start, end, "PERSON", (), ORIGIN, round(p, 4)))
    return sorted(out, key=lambda q: q.start)


@registry.misc("jinling.tagger.v1")
def make_tagger(threshold: float = 0.6, enabled: bool = False) -> Tagger:
    """Persons by the learned model (`Tagger`); ``enabled`` false: it proposes nothing."""
    return Tagger(threshold, enabled=enabled)
