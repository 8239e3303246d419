"""What the search index holds and what it answers.

A `Record` is one resource as indexed: its type, the record it belongs to, its names (labels,
aliases, titles) and body texts, the graphs they come from and its periods. `Results` and
`Suggestion` are the answers of `SearchIndex.search` and `SearchIndex.suggest`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# display-label preference: the language tags of labels, best first (no tag counts as zh)
LANGUAGES = ("zh-hans", "zh", "", "zh-cn", "zh-hant", "zh-tw", "en")


@dataclass(frozen=True)
class Name:
    """One name of a resource, as written."""

    text: str
    kind: str          # pref, alt, alias, courtesy, art, label, title …
    rank: int          # lower is a better name (from the prior of its property)
    language: str      # lower-case tag, '' for none
    graph: str

    def display_order(self) -> tuple[int, int, int]:
        """Preferred labels first, in simplified Chinese first, shorter first."""
        lang = LANGUAGES.index(self.language) if self.language in LANGUAGES else len(LANGUAGES)
        return self.rank, lang, len(self.text)


@dataclass
class Record:
    """One resource as the index holds it."""

    iri: str
    type: str
    owner: str = ""                                 # the record a part belongs to ('' for itself)
    names: list[Name] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (text, graph)
    full_texts: list[tuple[str, str]] = field(default_factory=list)  # used when it has no parts
    periods: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        """The name to show: its best name, '' when it has none (a paragraph)."""
        return min(self.names, key=Name.display_order).text if self.names else ""

    @property
    def graphs(self) -> set[str]:
        """The graphs its names and texts come from."""
        return {n.graph for n in self.names} | {g for _, g in self.texts}


@dataclass(frozen=True)
class Facet:
    """One value of a facet and the number of matching resources that have it."""

    value: str
    count: int
    label: str = ""


@dataclass(frozen=True)
class Hit:
    """One search result."""

    iri: str
    type: str
    label: str
    snippet: str       # HTML: matches in <mark>, the rest escaped
    score: float
    field: str         # the kind of name that matched, or 'text'
    owner: str | None = None
    owner_label: str = ""
    owner_type: str = ""
    graphs: tuple[str, ...] = ()
    periods: tuple[tuple[str, str], ...] = ()   # (IRI, label)


@dataclass(frozen=True)
class Results:
    """A page of hits, the number of all of them and the facets of all of them."""

    total: int
    hits: list[Hit]
    facets: dict[str, list[Facet]]
    offset: int
    limit: int

    @property
    def more(self) -> bool:
        """True when hits follow this page."""
        return self.offset + len(self.hits) < self.total


@dataclass(frozen=True)
class Suggestion:
    """A resource whose name starts with what was typed."""

    iri: str
    type: str
    label: str
    match: str         # the name that matched (an alias, a traditional form …)
