"""Named SPARQL queries (``*.rq``) and updates (``*.ru``) shipped in ``sparql/queries/``.

Each file starts with comment lines: a one-line summary, then ``in:`` (the variables a caller
binds) and ``out:`` (the columns it returns).

>>> "graphs" in available()
True
>>> load("graphs").lstrip().startswith("#")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).parent / "queries"


def available() -> list[str]:
    """Names of the shipped queries and updates."""
    return sorted(p.stem for p in QUERY_DIR.iterdir() if p.suffix in (".rq", ".ru"))


@cache
def load(name: str) -> str:
    """The text of a named query or update.

    Raises:
        KeyError: no query of that name; the message lists the names there are.
    """
    for suffix in (".rq", ".ru"):
        path = QUERY_DIR / f"{name}{suffix}"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise KeyError(f"no query named {name!r}; available: {', '.join(available())}")


def summary(name: str) -> str:
    """The first comment line of a named query."""
    first = load(name).lstrip().splitlines()[0]
    return first.lstrip("#").strip()


EXAMPLES_DIR = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    """An example query for people who write SPARQL (``examples/*.rq``): its first line is
    ``# 中文标题 | English title``."""

    name: str
    title: dict[str, str]
    text: str


@cache
def examples() -> tuple[Example, ...]:
    """The example queries, in the order of their file names.

    >>> examples()[0].title["en"].startswith("Persons of the Ming")
    True
    """
    found = []
    for path in sorted(EXAMPLES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        zh, _, en = text.splitlines()[0].lstrip("#").partition("|")
        found.append(Example(path.stem, {"zh": zh.strip(), "en": en.strip() or zh.strip()},
                             text))
    return tuple(found)
