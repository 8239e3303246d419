"""Shared by the benchmarks: a generated N-Triples file of Nanjing-like records."""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).parent / "out"
BASE = "https://kg.jllib.cn/"
PREDICATES = ["http://www.w3.org/2004/02/skos/core#prefLabel",
              "http://www.w3.org/2000/01/rdf-schema#label",
              "https://kg.jllib.cn/ontology#locatedIn",
              "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
              "https://schema.org/birthDate"]


def generated_file(triples: int = 1_000_000) -> Path:
    """An N-Triples file with this many triples (made once, then reused)."""
    path = OUT / f"generated-{triples}.nt"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for i in range(triples):
            subject = f"<{BASE}entity/person/p{i // 10}>"
            predicate = PREDICATES[i % len(PREDICATES)]
            if i % 5 == 2:
                obj = f"<{BASE}entity/place/pl{i % 997}>"
            else:
                obj = f'"人物 {i} 金陵"@zh'
            out.write(f"{subject} <{predicate}> {obj} .\n")
    return path


def subject(i: int) -> str:
    """The IRI of the i-th generated subject."""
    return f"{BASE}entity/person/p{i}"
