"""What a user typed, read as FTS5 match expressions and as patterns that mark matches.

Every white-space separated chunk of the folded query is a phrase of its tokens (Han characters
one by one), and all chunks must match: ``李煜 南唐`` is ``"李 煜" AND "南 唐"``. The last word
of a query that ends in a Latin word matches as a prefix. A query of ASCII letters is also read
as pinyin, against the syllables of names only. Tokens are letters, digits and Han characters
(`kg.search.text.tokens`), so nothing a user types reaches the expression as syntax.

>>> q = parse("南京")
>>> q.text, q.name_match()
('南京', 'tokens : ("南 京")')
>>> parse("Nan Jing").name_match()
'(tokens : ("nan" AND "jing"*)) OR (pinyin : ("nan jing"))'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.search.errors import BadQuery
from kg.search.pinyin import Reading, readings
from kg.search.text import HAN_RANGE, fold, is_han, squeeze, tokens

MAX_CHUNKS = 12  # phrases in one query; a longer one is a paste, not a search
_LATIN = f"[^\\W_{HAN_RANGE}]"  # a letter or digit that is not a token on its own


@dataclass(frozen=True)
class Query:
    """A parsed query: its folded text, its phrases and its pinyin readings."""

    text: str                              # folded, white space squeezed: 南京, nan jing
    phrases: tuple[tuple[str, ...], ...]   # the tokens of each chunk
    prefix: bool                           # the last token is a Latin word, matched as a prefix
    pinyin: tuple[Reading, ...]            # the query read as syllables (none: not pinyin)

    @property
    def key(self) -> str | None:
        """The letters of a pinyin query run together (nanjing), compared with the keys of
        names; None when the query is not pinyin."""
        return "".join(self.pinyin[0][0]) if self.pinyin else None

    def literal(self) -> str:
        """The FTS5 expression of the phrases (AND of quoted phrases)."""
        parts = [f'"{" ".join(p)}"' for p in self.phrases]
        if self.prefix:
            parts[-1] += "*"
        return " AND ".join(parts)

    def name_match(self) -> str:
        """The match expression for names: the phrases, or the pinyin readings."""
        literal = f"tokens : ({self.literal()})"
        if not self.pinyin:
            return literal
        spoken = " OR ".join(f'"{" ".join(s)}"' + ("*" if begun else "")
                             for s, begun in self.pinyin)
        return f"({literal}) OR (pinyin : ({spoken}))"

    def body_match(self) -> str:
        """The match expression for body text: the phrases."""
        return f"tokens : ({self.literal()})"

    def patterns(self) -> list[re.Pattern[str]]:
        """Regular expressions that find the phrases in folded text (for marking them):
        tokens in order with anything but letters and digits between them."""
        found = []
        for i, phrase in enumerate(self.phrases):
            last = i == len(self.phrases) - 1
            found.append(re.compile(r"[\W_]*".join(
                _token_pattern(t, grow=last and j == len(phrase) - 1 and self.prefix)
                for j, t in enumerate(phrase))))
        return found


def _token_pattern(token: str, *, grow: bool) -> str:
    if is_han(token):
        return re.escape(token)
    # a Latin word starts where no other Latin letter or digit stands before it
    return f"(?<!{_LATIN}){re.escape(token)}" + (f"{_LATIN}*" if grow else f"(?!{_LATIN})")


def parse(text: str) -> Query:
    """The query a user typed.

    Raises:
        BadQuery: nothing to search for (empty, or only punctuation), or too many phrases.
    """
    folded = squeeze(fold(text))
    phrases = tuple(t for t in (tuple(tokens(chunk)) for chunk in folded.split(" ")) if t)
    if not phrases:
        raise BadQuery("the query has no letters, digits or characters to search for")
    if len(phrases) > MAX_CHUNKS:
        raise BadQuery(f"the query has {len(phrases)} words; search for at most {MAX_CHUNKS}")
    prefix = not is_han(phrases[-1][-1])
    words = [t for p in phrases for t in p]
    return Query(folded, phrases, prefix, tuple(readings(words)))
