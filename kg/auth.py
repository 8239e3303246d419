"""API tokens: roles, graph scopes, and a file that keeps only their hashes.

A token is shown once, when it is created; the file keeps its SHA-256. Tokens are 256-bit
random strings, so a fast hash is enough (unlike passwords, they cannot be guessed).

Roles:
    admin     any write, including DROP ALL and the default graph
    curator   writes to any named graph, or only to its --graph when it has one
    district  writes only to its own --graph (required)

>>> import tempfile, pathlib
>>> tokens = TokenFile(pathlib.Path(tempfile.mkdtemp()) / "tokens.json")
>>> record, secret = tokens.create(Role.DISTRICT, "district/xuanwu")
>>> tokens.verify(secret).graph
'district/xuanwu'
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from kg.errors import Forbidden, InvalidGraphName, Unauthenticated
from kg.iri import GRAPH_NAME


class Role(StrEnum):
    """What a token may do."""

    ADMIN = "admin"
    CURATOR = "curator"
    DISTRICT = "district"


@dataclass(frozen=True)
class TokenRecord:
    """A stored token: never the token itself, only its hash."""

    id: str
    role: Role
    graph: str | None
    created: str
    sha256: str
    revoked: bool = False


@dataclass(frozen=True)
class Principal:
    """Who is making a request."""

    token_id: str
    role: Role
    graph: str | None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenFile:
    """Token hashes in a JSON file, readable by its owner only."""

    def __init__(self, path: Path):
        self.path = path
        self._extra: dict[str, TokenRecord] = {}

    def _read(self) -> list[TokenRecord]:
        if not self.path.exists():
            return []
        rows = json.loads(self.path.read_text(encoding="utf-8"))
        return [TokenRecord(**{**r, "role": Role(r["role"])}) for r in rows]

    def _write(self, records: list[TokenRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps([asdict(r) for r in records], indent=1), encoding="utf-8")
        os.chmod(tmp, 0o600)
        tmp.replace(self.path)

    def create(self, role: Role, graph: str | None = None) -> tuple[TokenRecord, str]:
        """Store a new token's hash and return it with the token (shown only now)."""
        _check_scope(role, graph)
        token_id = secrets.token_hex(4)
        token = f"jl_{token_id}_{secrets.token_urlsafe(32)}"
        record = TokenRecord(token_id, role, graph, datetime.now(UTC).isoformat(timespec="seconds"),
                             _digest(token))
        self._write([*self._read(), record])
        return record, token

    def add_ephemeral(self, role: Role) -> str:
        """A token kept in memory only (the running server's own, for the local CLI)."""
        token_id = "local-" + secrets.token_hex(3)
        token = f"jl_{token_id}_{secrets.token_urlsafe(32)}"
        self._extra[token_id] = TokenRecord(token_id, role, None, "", _digest(token))
        return token

    def list(self) -> list[TokenRecord]:
        """All stored tokens, revoked ones included."""
        return self._read()

    def revoke(self, token_id: str) -> TokenRecord:
        """Mark a token revoked. Raises KeyError when there is no such token."""
        records = self._read()
        found = [r for r in records if r.id == token_id]
        if not found:
            raise KeyError(f"no token with id {token_id!r}; see `jinling token list`")
        updated = [TokenRecord(**{**asdict(r), "revoked": True}) if r.id == token_id else r
                   for r in records]
        self._write(updated)
        return found[0]

    def active(self, token_id: str) -> bool:
        """Whether a token of that id exists and is not revoked (a session made with it may
        go on)."""
        return any(r.id == token_id and not r.revoked
                   for r in [*self._read(), *self._extra.values()])

    def verify(self, token: str) -> Principal:
        """The principal of a presented token. Raises Unauthenticated."""
        parts = token.split("_", 2)
        token_id = parts[1] if len(parts) == 3 else ""
        digest = _digest(token)
        for record in [*self._read(), *self._extra.values()]:
            if record.id == token_id and hmac.compare_digest(record.sha256, digest):
                if record.revoked:
                    raise Unauthenticated("this token was revoked; ask an admin for a new one")
                return Principal(record.id, record.role, record.graph)
        raise Unauthenticated("unknown token; create one with `jinling token create`")


def _check_scope(role: Role, graph: str | None) -> None:
    if graph is not None and not GRAPH_NAME.match(graph):
        raise InvalidGraphName(graph)
    if role is Role.DISTRICT and graph is None:
        raise ValueError("a district token needs --graph: the one graph it may write")
    if role is Role.ADMIN and graph is not None:
        raise ValueError("admin tokens write every graph; leave out --graph")


@dataclass(frozen=True)
class Targets:
    """What a write touches: named graph IRIs, the default graph, or everything."""

    graphs: frozenset[str] = frozenset()
    default: bool = False
    everything: bool = False
    fetches: bool = False  # LOAD <url>: the server would fetch a remote document


def authorize(principal: Principal | None, targets: Targets, graph_iri_of) -> None:
    """Allow the write or raise.

    Args:
        principal: the caller, None when no token came with the request.
        targets: what the write touches.
        graph_iri_of: maps a graph short name to its IRI string.

    Raises:
        Unauthenticated: no principal.
        Forbidden: the role or scope does not cover a target; the message names it.
    """
    if principal is None:
        raise Unauthenticated("writes need a token: send Authorization: Bearer <token>")
    if principal.role is Role.ADMIN:
        return
    if targets.everything or targets.default or targets.fetches:
        what = ("the whole store" if targets.everything else
                "the default graph" if targets.default else "LOAD from a URL")
        raise Forbidden(f"a {principal.role} token cannot write {what}; ask an admin")
    if principal.graph is None:
        return
    allowed = graph_iri_of(principal.graph)
    outside = sorted(g for g in targets.graphs if g != allowed)
    if outside:
        raise Forbidden(f"this token may write only graph {principal.graph} ({allowed}), "
                        f"not {', '.join(outside)}")
