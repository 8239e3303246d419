"""The learned person model: numpy inference against a plain reference, decoding, filters,
the shipped model in the linker, and the training script's data."""

import json
from pathlib import Path

import numpy as np
import pytest

from kg.linking import neural
from kg.linking.neural import TAGS, WIDTH, LearnedPersons, PersonModel, bucket, surname_class
from kg.linking.normalize import normalise
from kg.linking.train_neural import _exported_name, encode, examples, tags, vocabulary

CHARS = "王明说市民贺乃川代为看管送蔡入蜀"
DIMS = {"char": 3, "sur": 2, "bk": 2, "zone": 2, "hidden": 4, "separable": 3}


def _random_model(path: Path, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    d = DIMS
    inputs = d["char"] + d["sur"] + d["bk"] + d["zone"]

    def r(*shape):
        return rng.standard_normal(shape).astype(np.float16)

    w = {"emb_char": r(len(CHARS) + 2, d["char"]), "emb_sur": r(4, d["sur"]),
         "emb_bk": r(9, d["bk"]), "emb_zone": r(5, d["zone"]),
         "conv1_w": r(d["hidden"], inputs, WIDTH), "conv1_b": r(d["hidden"]),
         "dw1_w": r(d["hidden"], 1, WIDTH), "dw1_b": r(d["hidden"]),
         "pw1_w": r(d["separable"], d["hidden"], 1), "pw1_b": r(d["separable"]),
         "dw2_w": r(d["separable"], 1, WIDTH), "dw2_b": r(d["separable"]),
         "pw2_w": r(d["separable"], d["separable"], 1), "pw2_b": r(d["separable"]),
         "out_w": r(TAGS, d["separable"]), "out_b": r(TAGS)}
    for k in ("emb_char", "emb_sur", "emb_bk", "emb_zone"):
        w[k][0] = 0  # padding rows, as nn.Embedding(padding_idx=0) keeps them
    np.savez(path, vocabulary=np.array(CHARS), dilations=np.array((2, 1)), **w)
    return {k: v.astype(np.float32) for k, v in w.items()}


def _conv(x, weight, bias, dilation=1, groups=1):
    """Plain 1-D convolution, (channels, n) in and out, zero padding keeping the length."""
    out_ch, in_per_group, width = weight.shape
    n, reach = x.shape[1], (width // 2) * dilation
    padded = np.zeros((x.shape[0], n + 2 * reach), np.float32)
    padded[:, reach:reach + n] = x
    out = np.zeros((out_ch, n), np.float32)
    per_group = out_ch // groups
    for o in range(out_ch):
        first = (o // per_group) * in_per_group
        for c in range(in_per_group):
            for k in range(width):
                out[o] += weight[o, c, k] * padded[first + c, k * dilation:k * dilation + n]
        out[o] += bias[o]
    return out


def _reference(w: dict, norm: str) -> np.ndarray:
    """The network as the training script builds it, computed naively."""
    ids = {c: i + 2 for i, c in enumerate(CHARS)}
    x = encode(norm, ids)
    e = np.concatenate([w["emb_char"][x[0]], w["emb_sur"][x[1]], w["emb_bk"][x[2]],
                        w["emb_zone"][x[3]]], axis=1).T
    h = np.maximum(_conv(e, w["conv1_w"], w["conv1_b"]), 0)
    first = np.maximum(_conv(_conv(h, w["dw1_w"], w["dw1_b"], 2, h.shape[0]),
                             w["pw1_w"], w["pw1_b"]), 0)
    second = np.maximum(_conv(_conv(first, w["dw2_w"], w["dw2_b"], 1, first.shape[0]),
                              w["pw2_w"], w["pw2_b"]), 0)
    logits = (first + second).T @ w["out_w"].T + w["out_b"]
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("text", [
    "市民贺乃川代为看管", "送蔡入蜀\n王明\n市民说", "王", "王x明 说𠀀蜀", ""])
def test_folded_model_is_the_network(tmp_path, text):
    w = _random_model(tmp_path / "m.npz")
    model = PersonModel(tmp_path / "m.npz")
    got = model.probabilities(normalise(text))
    assert got.shape == (len(text), TAGS)
    assert np.allclose(got, _reference(w, normalise(text)), atol=1e-5)


def test_spans_decode_begin_then_inside(tmp_path):
    _random_model(tmp_path / "m.npz")
    model = PersonModel(tmp_path / "m.npz")
    logits = np.full((7, TAGS), -5.0, np.float32)
    logits[:, 0] = 0.0
    logits[1, 1], logits[2, 2], logits[3, 2] = 5.0, 5.0, 5.0   # B I I: one span 1-4
    logits[5, 1] = 5.0                                          # B at the end: span 5-6
    model.logits = lambda norm: logits.copy()
    spans = model.spans("x" * 7)
    assert [(s.start, s.end) for s in spans] == [(1, 4), (5, 6)]
    assert all(0.98 < s.probability <= 1.0 for s in spans)
    assert model.spans("x" * 7, floor=1.0) == []


class _Model:
    def __init__(self, spans):
        self._spans = spans

    def stretches(self, norm, type_="PERSON", floor=0.0):
        kept = [s for s in self._spans if s.probability >= floor]
        return (np.array([s.start for s in kept], np.int64),
                np.array([s.end for s in kept], np.int64),
                np.array([s.probability for s in kept]))


def test_learned_persons_keeps_free_names_only(monkeypatch):
    text = "市民贺明川说，我们的王明在。"
    found = [neural.Span(2, 5, 0.95),   # 贺明川: free, kept
             neural.Span(0, 2, 0.95),   # 市民: an everyday word
             neural.Span(10, 12, 0.5),  # below the threshold
             neural.Span(7, 9, 0.99),   # 我们: holds stops
             neural.Span(9, 10, 0.99),  # one character
             neural.Span(10, 13, 0.99)]  # 王明在: overlaps a mention
    monkeypatch.setattr(neural, "load_model", lambda name: _Model(found))

    class Gazetteer:
        words = frozenset({"市民"})

    learned = LearnedPersons("any", threshold=0.9)
    learned.set_gazetteer(Gazetteer())
    assert [(s.start, s.end) for s in learned.new_spans(text, [(12, 13)])] == [(2, 5)]
    assert LearnedPersons("any", 0.9, enabled=False).new_spans(text, []) == []


def test_shipped_model_loads_and_covers_its_vocabulary():
    model = neural.load_model("persons")
    assert len(model.vocabulary) > 3000
    p = model.probabilities(normalise("清乾隆时人吴长元得旧钞残本"))
    assert p.shape == (13, TAGS) and np.allclose(p.sum(axis=1), 1.0, atol=1e-5)


def test_character_features():
    assert (surname_class("王"), surname_class("欧"), surname_class("的")) == (2, 3, 1)
    assert 2 <= bucket("明") <= 8 and bucket("的") <= 5


def test_training_data(tmp_path):
    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps({"id": "d1", "source": "test", "text": "王明说，王明来", "mentions": [
        {"start": 0, "end": 2, "text": "王明", "type": "PERSON", "in_kb": False},
        {"start": 4, "end": 6, "text": "王明", "type": "PERSON", "in_kb": False}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    chars, data = examples([gold])
    assert chars == "明王"  # seen twice; code point order
    features, y = data[0]
    assert features.shape == (4, 7) and list(features[0][:2]) == [3, 2]
    assert list(y) == [1, 2, 0, 0, 1, 2, 0]
    assert vocabulary(["ab", "a"]) == "a"
    assert tags is not None


@pytest.mark.parametrize(("key", "name"), [
    ("emb_char.weight", "emb_char"), ("conv1.bias", "conv1_b"), ("sep1.dw.weight", "dw1_w"),
    ("sep2.pw.bias", "pw2_b"), ("out.weight", "out_w")])
def test_exported_names(key, name):
    assert _exported_name(key) == name


def test_training_writes_a_model_the_linker_reads(tmp_path):
    torch = pytest.importorskip("torch")
    from kg.linking import train_neural

    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps({"id": "d1", "source": "test", "text": "市民王明说，市民王明来", "mentions": [
        {"start": 2, "end": 4, "text": "王明", "type": "PERSON", "in_kb": False},
        {"start": 8, "end": 10, "text": "王明", "type": "PERSON", "in_kb": False}]},
        ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "persons.npz"
    assert train_neural.main(["--epochs", "2", "--out", str(out), str(gold)]) == 0
    chars, data = examples([gold])
    net = train_neural.build_network(torch, len(chars) + 2)
    weights = np.load(out)
    net.load_state_dict({k: torch.from_numpy(weights[_exported_name(k)].astype(np.float32))
                         for k in net.state_dict()})
    net.eval()
    with torch.no_grad():
        expected = torch.softmax(net(torch.from_numpy(data[0][0][None]))[0], -1).numpy()
    got = PersonModel(out).probabilities(normalise("市民王明说，市民王明来"))
    assert np.allclose(got, expected, atol=1e-5)
