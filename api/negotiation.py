"""Proactive content negotiation (RFC 9110 §12.5.1): q-values, wildcards, specificity."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    params: dict[str, str]

    def matches(self, media_type: str) -> int:
        """How specifically this range matches a media type: -1 not at all, 0..2 more."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, {})]
    ranges = []
    for item in header.split(","):
        media, *raw_params = [part.strip() for part in item.split(";")]
        main, _, sub = media.lower().partition("/")
        params = {}
        for raw in raw_params:
            key, _, value = raw.partition("=")
            params[key.strip().lower()] = value.strip().strip('"')
        try:
            q = float(params.pop("q", "1"))
        except ValueError:
            q = 0.0
        if main:
            ranges.append(MediaRange(main, sub or "*", q, params))
    return ranges


def best_range(ranges: list[MediaRange], media_type: str) -> MediaRange | None:
    """The most specific range that matches a media type."""
    scored = [(r.matches(media_type), r) for r in ranges]
    scored = [(s, r) for s, r in scored if s >= 0]
    return max(scored, key=lambda sr: sr[0])[1] if scored else None


def choose(header: str | None, offers: list[str]) -> tuple[str, MediaRange] | None:
    """The offer the client prefers (ties go to the earlier offer), or None for 406."""
    ranges = parse_accept(header)
    best: tuple[float, int, str, MediaRange] | None = None
    for index, offer in enumerate(offers):
        match = best_range(ranges, offer)
        if match is None or match.q <= 0:
            continue
        key = (match.q, -index, offer, match)
        if best is None or key[:2] > best[:2]:
            best = key
    return (best[2], best[3]) if best else None
