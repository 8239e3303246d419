"""Fit the linker's learned character model (`kg.linking.neural`) on the gold sets and write
kg/linking/models/persons.npz.

    python -m kg.linking.train_neural [--epochs N] [--out PATH] [GOLD.jsonl ...]
    # default: every dev*.jsonl of tests/kg/linking/eval, never the held-out set

Needs PyTorch, which the linker itself does not: ``pip install -e '.[train]'`` (the CPU build
of torch 2.13.0). Every character of every document is tagged B, I or O of its gold mention's
type; the network of `kg.linking.neural` learns the tags by cross-entropy (person tags count
double), with Adam, dropout and documents in batches of similar length. The seeds are fixed and
one thread runs, so the same sets, tables and torch give the same weights.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from kg.linking.neural import (
    BUCKETS,
    FIRST_CHAR,
    MODELS,
    SURNAME_CLASSES,
    TAGS,
    TYPES,
    UNKNOWN,
    WIDTH,
    ZONES,
    bucket,
    surname_class,
    zones,
)
from kg.linking.normalize import normalise
from kg.linking.scoring import GoldDoc, load_gold

EVAL = Path(__file__).resolve().parents[2] / "tests" / "kg" / "linking" / "eval"
DIMENSIONS = {"char": 32, "sur": 4, "bk": 4, "zone": 4, "hidden": 16, "separable": 24}
DILATIONS = (2, 1)
EPOCHS, BATCH, RATE, DROPOUT, PERSON_WEIGHT, MIN_COUNT = 20, 16, 2e-3, 0.1, 2.0, 2
SEED = 18


def default_sets() -> list[Path]:
    return sorted(p for p in EVAL.glob("dev*.jsonl"))


def vocabulary(texts: list[str]) -> str:
    """The characters seen at least MIN_COUNT times, in code point order."""
    counts = Counter(c for t in texts for c in t)
    return "".join(sorted(c for c, n in counts.items() if n >= MIN_COUNT and c.strip()))


def encode(norm: str, ids: dict[str, int]) -> np.ndarray:
    """(4, characters): character id, surname class, bucket, zone."""
    return np.stack([np.array([ids.get(c, UNKNOWN) for c in norm], np.int64),
                     np.array([surname_class(c) for c in norm], np.int64),
                     np.array([bucket(c) for c in norm], np.int64),
                     zones(norm)])


def tags(doc: GoldDoc) -> np.ndarray:
    out = np.zeros(len(doc.text), np.int64)
    for m in doc.mentions:
        k = TYPES.index(m.type.value)
        out[m.start] = 1 + 2 * k
        out[m.start + 1:m.end] = 2 + 2 * k
    return out


def examples(paths: list[Path]) -> tuple[str, list[tuple[np.ndarray, np.ndarray]]]:
    docs = [d for p in paths for d in load_gold(p)]
    norms = [normalise(d.text) for d in docs]
    chars = vocabulary(norms)
    ids = {c: i + FIRST_CHAR for i, c in enumerate(chars)}
    return chars, [(encode(n, ids), tags(d)) for n, d in zip(norms, docs, strict=True)]


def build_network(torch, vocab_size: int):
    nn = torch.nn
    dims = DIMENSIONS
    inputs = dims["char"] + dims["sur"] + dims["bk"] + dims["zone"]

    class Separable(nn.Module):
        def __init__(self, width_in: int, width_out: int, dilation: int):
            super().__init__()
            self.dw = nn.Conv1d(width_in, width_in, WIDTH, padding=(WIDTH // 2) * dilation,
                                dilation=dilation, groups=width_in)
            self.pw = nn.Conv1d(width_in, width_out, 1)

        def forward(self, x):
            return self.pw(self.dw(x))

    class Network(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb_char = nn.Embedding(vocab_size, dims["char"], padding_idx=0)
            self.emb_sur = nn.Embedding(SURNAME_CLASSES, dims["sur"], padding_idx=0)
            self.emb_bk = nn.Embedding(BUCKETS, dims["bk"], padding_idx=0)
            self.emb_zone = nn.Embedding(len(ZONES) + 1, dims["zone"], padding_idx=0)
            self.conv1 = nn.Conv1d(inputs, dims["hidden"], WIDTH, padding=WIDTH // 2)
            self.sep1 = Separable(dims["hidden"], dims["separable"], DILATIONS[0])
            self.sep2 = Separable(dims["separable"], dims["separable"], DILATIONS[1])
            self.drop = nn.Dropout(DROPOUT)
            self.out = nn.Linear(dims["separable"], TAGS)

        def forward(self, x):
            e = torch.cat([self.emb_char(x[:, 0]), self.emb_sur(x[:, 1]), self.emb_bk(x[:, 2]),
                           self.emb_zone(x[:, 3])], -1).transpose(1, 2)
            h = torch.relu(self.conv1(self.drop(e)))
            first = torch.relu(self.sep1(self.drop(h)))
            h = first + torch.relu(self.sep2(self.drop(first)))
            return self.out(self.drop(h.transpose(1, 2)))

    return Network()


def batches(data: list, rng: random.Random) -> list[list]:
    """Documents of similar length together, the batches in random order."""
    order = sorted(data, key=lambda ex: ex[1].shape[0] + rng.random() * 50)
    out = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
    rng.shuffle(out)
    return out


def stack(torch, batch: list):
    length = max(t.shape[0] for _, t in batch)
    x = np.zeros((len(batch), 4, length), np.int64)
    y = np.zeros((len(batch), length), np.int64)
    mask = np.zeros((len(batch), length), np.float32)
    for i, (features, gold) in enumerate(batch):
        x[i, :, :gold.shape[0]] = features
        y[i, :gold.shape[0]] = gold
        mask[i, :gold.shape[0]] = 1.0
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(mask)


def fit(torch, chars: str, data: list, epochs: int):
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    rng = random.Random(SEED)
    net = build_network(torch, len(chars) + FIRST_CHAR)
    optimiser = torch.optim.Adam(net.parameters(), lr=RATE)
    weight = torch.ones(TAGS)
    weight[1:3] = PERSON_WEIGHT
    loss_of = torch.nn.CrossEntropyLoss(weight=weight, reduction="none")
    started = time.perf_counter()
    for epoch in range(epochs):
        net.train()
        total, groups = 0.0, batches(data, rng)
        for group in groups:
            x, y, mask = stack(torch, group)
            loss = (loss_of(net(x).reshape(-1, TAGS), y.reshape(-1)) * mask.reshape(-1)).sum() \
                / mask.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item()
        _say(f"epoch {epoch + 1}/{epochs}: loss {total / len(groups):.4f} "
             f"({time.perf_counter() - started:.0f} s)")
    net.eval()
    return net


def export(net, chars: str, out: Path) -> None:
    """The weights as float16 arrays named as `kg.linking.neural` reads them, with the
    vocabulary and the dilations."""
    state = {_exported_name(k): v.detach().numpy().astype(np.float16)
             for k, v in net.state_dict().items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, vocabulary=np.array(chars), dilations=np.array(DILATIONS), **state)


def _exported_name(key: str) -> str:
    """emb_char.weight -> emb_char, conv1.weight -> conv1_w, sep1.dw.bias -> dw1_b."""
    module, _, kind = key.rpartition(".")
    if module.startswith("emb_"):
        return module
    if module.startswith("sep"):
        module = module[5:] + module[3]  # sep1.dw -> dw1
    return f"{module}_{kind[0]}"


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.linking.train_neural",
                                     description="Fit the linker's learned person model.")
    parser.add_argument("sets", nargs="*", type=Path, help="gold sets (default: dev*.jsonl)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=MODELS / "persons.npz")
    args = parser.parse_args(argv)
    try:
        import torch
    except ImportError:
        _say("train_neural: PyTorch is missing; run: pip install -e '.[train]'")
        return 2
    sets = args.sets or default_sets()
    if any(p.name.startswith("heldout") for p in sets):
        _say("train_neural: the held-out set is never trained on")
        return 2
    chars, data = examples(sets)
    _say(f"{len(data)} documents from {len(sets)} sets, {sum(t.shape[0] for _, t in data):,} "
         f"characters, vocabulary {len(chars):,}")
    export(fit(torch, chars, data, args.epochs), chars, args.out)
    _say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
