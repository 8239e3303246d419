"""Persons by a learned character model: the linker's second look (``jinling_learned``).

The rules find a person by a cue: a title, a verb, a byline, a naming word. Many persons in
the gold sets have none the rules know (清乾隆时人吴长元得旧钞, 本县文才院僧普明为师, a monk's
name in a lineage). A small convolutional network over the characters, fitted on the gold
sets by `kg.linking.train_neural`, tags every character B, I or O for each of the six types;
where no mention of the rules stands, a stretch it tags as a person becomes one.

Inputs for each character of the normalised text: the character itself, whether it is a
surname (a common one, or a rarer one or the first of a compound: surnames.tsv), how name-like
it is (given_name_chars.tsv) and where it stands: in prose, or in a poem's title, author line
or lines (`kg.linking.recognizers.naming.poem_lines`). The network: embeddings, a convolution
five characters wide, two depthwise-separable convolutions (dilated 2, then 1; the second with
a residual), a linear layer to the thirteen tags.

Only numpy runs it. The first layer's inputs are all properties of one character, so the
layer is folded, when the model loads, into a table for each of the window's five offsets
with one row per character, the layer's contribution from that character at that offset: the
layer is then the sum of five shifted gathers. Characters outside the vocabulary share a row
per (surname, name-likeness) pair.

A stretch becomes a mention when the model tags it B-PERSON then I-PERSON, its mean
probability reaches ``threshold``, it has two to four characters, it is no everyday word and
holds no stop (name_stops.tsv), and no mention overlaps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from kg.linking.entities import positions
from kg.linking.errors import LinkTableError
from kg.linking.recognizers.naming import poem_lines
from kg.linking.recognizers.persons import stops, surnames
from kg.linking.tables import number, table

MODELS = Path(__file__).with_name("models")
TYPES = ("PERSON", "PLACE", "ORGANIZATION", "WORK", "EVENT", "PERIOD")
TAGS = 1 + 2 * len(TYPES)  # O, then B and I of each type
WIDTH = 5  # the first layer's window
PAD, UNKNOWN = 0, 1  # vocabulary ids; index 0 of every input is padding
FIRST_CHAR = 2  # the id of the vocabulary's first character
SURNAME_CLASSES, BUCKETS = 4, 9  # the sizes of those inputs, padding included
ZONES = {"prose": 1, "title": 2, "author": 3, "lines": 4}
BUCKET_SHIFT = 5  # given_name_chars buckets -3..3 become 2..8; 0 pads, 5 is "no bucket"
_CODEPOINTS = 0x10000  # the table of rows covers the BMP (the rest are unknown characters)
MIN_CHARS, MAX_CHARS = 2, 4


def surname_class(char: str) -> int:
    """1 no surname, 2 a common surname, 3 a rarer one or the first of a compound."""
    kind = surnames().get(char)
    if kind == "common":
        return 2
    return 3 if kind or char in _compound_starts() else 1


@cache
def _compound_starts() -> frozenset[str]:
    return frozenset(s[0] for s in surnames() if len(s) > 1)


@cache
def _buckets() -> dict[str, int]:
    return {r["char"]: int(number(r, "bucket", "given_name_chars")) + BUCKET_SHIFT
            for r in table("given_name_chars")}


def bucket(char: str) -> int:
    return _buckets().get(char, BUCKET_SHIFT)


def zones(norm: str) -> np.ndarray:
    """The zone of each character: a poem's title, author line and lines, or prose."""
    out = np.full(len(norm), ZONES["prose"], dtype=np.int64)
    lines = poem_lines(norm)
    if lines is not None:
        title_end = norm.find("\n")
        out[:title_end] = ZONES["title"]
        out[title_end:lines] = ZONES["author"]
        out[lines:] = ZONES["lines"]
    return out


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    probability: float


class PersonModel:
    """The fitted network (models/NAME.npz), folded for numpy (see the module's notes)."""

    def __init__(self, path: Path):
        try:
            with np.load(path, allow_pickle=False) as data:
                weights = {k: data[k].astype(np.float32) if data[k].dtype.kind == "f"
                           else data[k] for k in data.files}
        except (OSError, ValueError) as err:
            raise LinkTableError(f"{path}: not a model of kg.linking.train_neural ({err})"
                                 ) from None
        self.vocabulary = str(weights["vocabulary"])
        self.dilations = tuple(int(d) for d in weights["dilations"])
        self._fold(weights)
        self._layers(weights)

    # -- loading -------------------------------------------------------------------------

    def _fold(self, w: dict) -> None:
        """Rows of the first layer's contributions (five offsets side by side) for the known
        characters, one per (surname, bucket) pair for the others, and for the zones."""
        conv = w["conv1_w"]  # (hidden, inputs, WIDTH)
        chars = w["emb_char"].shape[1]
        sur, bk = w["emb_sur"].shape[1], w["emb_bk"].shape[1]
        known = [(i + FIRST_CHAR, c) for i, c in enumerate(self.vocabulary)]
        others = [(s, b) for s in range(1, w["emb_sur"].shape[0])
                  for b in range(1, w["emb_bk"].shape[0])]
        first_other = FIRST_CHAR + len(known)
        inputs = np.zeros((first_other + len(others), chars + sur + bk), np.float32)
        for row, char in known:
            inputs[row] = np.concatenate([w["emb_char"][row], w["emb_sur"][surname_class(char)],
                                          w["emb_bk"][bucket(char)]])
        for k, (s, b) in enumerate(others):
            inputs[first_other + k] = np.concatenate(
                [w["emb_char"][UNKNOWN], w["emb_sur"][s], w["emb_bk"][b]])
        inputs[PAD] = 0.0  # padding contributes nothing, as the convolution's zero padding
        rows = self._per_offset(inputs, conv[:, :chars + sur + bk])
        hidden = conv.shape[0]
        # one table per offset: np.take of contiguous rows into a buffer is cheaper than one
        # gather of all five offsets and five strided sums of it (benchmarks/
        # linking_components.py)
        self.offset_rows = [np.ascontiguousarray(rows[:, o * hidden:(o + 1) * hidden])
                            for o in range(WIDTH)]
        zone_rows = self._per_offset(w["emb_zone"], conv[:, chars + sur + bk:])
        zone_rows[0] = 0.0
        self.zone_rows = zone_rows.reshape(-1, WIDTH, hidden)  # (zones, WIDTH, hidden)
        self.bias1 = w["conv1_b"]
        self._codepoints(known, others, first_other)

    @staticmethod
    def _per_offset(inputs: np.ndarray, conv: np.ndarray) -> np.ndarray:
        """(rows, WIDTH * hidden): each input's contribution at each offset of the window."""
        return np.concatenate([inputs @ conv[:, :, o].T for o in range(WIDTH)], axis=1)

    def _codepoints(self, known, others, first_other) -> None:
        other_row = {pair: first_other + k for k, pair in enumerate(others)}
        self.unknown_row = other_row[1, BUCKET_SHIFT]
        table_ = np.full(_CODEPOINTS + 1, self.unknown_row, dtype=np.int16)  # small: cached
        for char in set(_buckets()) | set(surnames()) | _compound_starts():
            if len(char) == 1 and ord(char) < _CODEPOINTS:
                table_[ord(char)] = other_row[surname_class(char), bucket(char)]
        self.astral = {}  # rows of the known characters outside the BMP
        for row, char in known:
            if ord(char) < _CODEPOINTS:
                table_[ord(char)] = row
            else:
                self.astral[ord(char)] = row
        self.row_of = table_

    def _layers(self, w: dict) -> None:
        self.separable = [(w[f"dw{i}_w"][:, 0, :], w[f"dw{i}_b"], w[f"pw{i}_w"][:, :, 0].T,
                           w[f"pw{i}_b"]) for i in (1, 2)]
        self.out_w, self.out_b = w["out_w"].T, w["out_b"]

    # -- running -------------------------------------------------------------------------

    def probabilities(self, norm: str) -> np.ndarray:
        """(characters, TAGS): the probability of each tag at each character."""
        return _softmax(self.logits(norm))

    def logits(self, norm: str) -> np.ndarray:
        """(characters, TAGS): the network's output before the softmax."""
        codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)
        rows = np.zeros(len(norm) + WIDTH - 1, np.int64)
        rows[2:2 + len(norm)] = self.row_of[np.minimum(codes, _CODEPOINTS)]
        for i in np.flatnonzero(codes >= _CODEPOINTS):
            rows[2 + i] = self.astral.get(int(codes[i]), self.unknown_row)
        return self._forward(rows, zones(norm))

    def _forward(self, rows: np.ndarray, zone: np.ndarray) -> np.ndarray:
        """The network over one stretch: ``rows`` are its characters' rows with WIDTH // 2
        more on each side, ``zone`` its zones."""
        n = len(zone)
        if n == 0:
            return np.zeros((0, TAGS), np.float32)
        x = np.take(self.offset_rows[0], rows[:n], axis=0)
        part = np.empty_like(x)
        for o in range(1, WIDTH):
            x += np.take(self.offset_rows[o], rows[o:o + n], axis=0, out=part)
        # channels first from here on: every sum runs along a row as long as the text
        x = x.T + self._zone_sum(zone)
        np.maximum(x, 0, out=x)
        hidden = x.shape[0]
        scratch = np.empty((max(hidden, self.out_w.shape[0]), n), np.float32)
        first = self._separable(x, 0, scratch)
        first += self._separable(first, 1, scratch)
        return (self.out_w.T @ first).T + self.out_b

    def _zone_sum(self, zone: np.ndarray) -> np.ndarray:
        """(hidden, characters): the zones' part of the first layer, with its bias: within a
        run of one zone, the sum of its rows at every offset; near a run's edge, offset by
        offset."""
        n = len(zone)
        out = np.empty((self.zone_rows.shape[2], n), np.float32)
        changes = np.flatnonzero(np.diff(zone)) + 1
        bounds = [0, *changes.tolist(), n]
        for a, b in zip(bounds, bounds[1:], strict=False):
            out[:, a:b] = self.zone_rows[zone[a]].sum(axis=0)[:, None]
        padded = np.zeros(n + WIDTH - 1, np.int64)
        padded[2:2 + n] = zone
        for i in {i for b in bounds for i in range(b - 2, b + 2) if 0 <= i < n}:
            out[:, i] = self.zone_rows[padded[i:i + WIDTH], np.arange(WIDTH)].sum(axis=0)
        out += self.bias1[:, None]
        return out

    def _separable(self, x: np.ndarray, layer: int, scratch: np.ndarray) -> np.ndarray:
        """A depthwise convolution (WIDTH wide, dilated), a pointwise one, ReLU; ``x`` and
        the result are (channels, characters)."""
        depth_w, depth_b, point_w, point_b = self.separable[layer]
        dilation, n = self.dilations[layer], x.shape[1]
        y = np.multiply(x, depth_w[:, WIDTH // 2:WIDTH // 2 + 1])
        y += depth_b[:, None]
        for o in range(WIDTH):
            shift = (o - WIDTH // 2) * dilation
            if shift == 0 or abs(shift) >= n:
                continue
            part = scratch[:x.shape[0], :n - abs(shift)]
            if shift < 0:
                np.multiply(x[:, :shift], depth_w[:, o:o + 1], out=part)
                y[:, -shift:] += part
            else:
                np.multiply(x[:, shift:], depth_w[:, o:o + 1], out=part)
                y[:, :-shift] += part
        out = point_w.T @ y
        out += point_b[:, None]
        return np.maximum(out, 0, out=out)

    def spans(self, norm: str, type_: str = "PERSON", floor: float = 0.0) -> list[Span]:
        """The stretches tagged B then I of ``type_``, with their mean probability, where
        the B's probability reaches ``floor``."""
        starts, ends, means = self.stretches(norm, type_, floor)
        return [Span(int(a), int(b), float(m)) for a, b, m in zip(starts, ends, means,
                                                                   strict=True)]

    def stretches(self, norm: str, type_: str = "PERSON", floor: float = 0.0
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`spans` as three arrays: starts, ends and mean probabilities."""
        logits = self.logits(norm)
        best = logits.argmax(axis=1)
        begin, inside = 1 + 2 * TYPES.index(type_), 2 + 2 * TYPES.index(type_)
        starts = np.flatnonzero(best == begin)
        if len(starts) == 0:
            return starts, starts, np.zeros(0)
        outside = np.append(np.flatnonzero(best != inside), len(best))
        ends = outside[np.searchsorted(outside, starts + 1)]  # the first non-I after B
        # the probabilities of the spans' characters only: a softmax of every character
        # would cost a third of the model's time
        lengths = ends - starts
        p = _softmax(logits[positions(starts, lengths)])
        firsts = np.cumsum(lengths) - lengths  # each span's first row in ``p``
        began = p[firsts, begin]
        inner = p[:, inside]  # a view: the B rows' I column is not needed again
        inner[firsts] = 0.0
        means = (began + np.add.reduceat(inner, firsts)) / lengths
        keep = began >= floor
        return starts[keep], ends[keep], means[keep]


def _softmax(logits: np.ndarray) -> np.ndarray:
    """The rows of ``logits`` as probabilities, computed in place."""
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


@cache
def load_model(name: str) -> PersonModel:
    return PersonModel(MODELS / f"{name}.npz")


class LearnedPersons:
    """The second look: the model's persons where the rules left the text bare."""

    def __init__(self, model: str, threshold: float, enabled: bool = True):
        self.model_name, self.threshold, self.enabled = model, threshold, enabled
        self.gazetteer = None

    def set_gazetteer(self, gazetteer) -> None:
        self.gazetteer = gazetteer

    def new_spans(self, norm: str, taken: list[tuple[int, int]]) -> list[Span]:
        """The model's persons in ``norm`` that pass the filters of the module's notes and
        overlap no span of ``taken``."""
        if not self.enabled:
            return []
        # a stretch of at most four whose mean reaches the threshold begins with a B of at
        # least 4 * threshold - 3: half the threshold is a safe first cut
        starts, ends, means = load_model(self.model_name).stretches(
            norm, floor=self.threshold / 2)
        lengths = ends - starts
        keep = (means >= self.threshold) & (lengths >= MIN_CHARS) & (lengths <= MAX_CHARS) \
            & self._free(len(norm), taken, starts, ends)
        words = getattr(self.gazetteer, "words", frozenset())
        return [Span(int(a), int(b), float(m))
                for a, b, m in zip(starts[keep], ends[keep], means[keep], strict=True)
                if norm[a:b] not in words and not any(c in stops() for c in norm[a:b])]

    @staticmethod
    def _free(size: int, taken: list[tuple[int, int]], starts: np.ndarray, ends: np.ndarray
              ) -> np.ndarray:
        """Whether each stretch [start, end) overlaps no span of ``taken``."""
        covered = np.zeros(size, np.int64)
        if taken:
            spans = np.array(taken, np.int64)
            covered[positions(spans[:, 0], spans[:, 1] - spans[:, 0])] = 1
        before = np.concatenate([[0], np.cumsum(covered)])  # covered characters before each
        return before[ends] == before[starts]
