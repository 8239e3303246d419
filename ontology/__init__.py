"""The jl: ontology as shipped data: Turtle terms, SHACL shapes and the JSON-LD context.

This package holds files only. Code that needs the terms parses these paths itself.
"""

from pathlib import Path

_HERE = Path(__file__).parent

ONTOLOGY_PATH = _HERE / "jl.ttl"
SHAPES_PATH = _HERE / "shapes.ttl"
CONTEXT_PATH = _HERE / "context.jsonld"

JL = "https://kg.jllib.cn/ontology#"
