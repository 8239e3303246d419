"""Curators' sessions for the web pages: a curator logs in once with a token, and the pages
then know who acts through a session cookie.

The cookie holds a random session id (256 bits), never the token; the server keeps the
session in memory (who it is, its form key, when it ends), so a restart logs everyone out, and
the pages end a session whose token has been revoked since.
Each form that writes carries the session's form key, checked on the way in (with the
cookie's SameSite=Strict, a page of another site cannot post a curator's forms).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from kg.auth import Principal

COOKIE = "jl_session"
LIFETIME = 8 * 3600  # seconds: a working day


@dataclass(frozen=True)
class Session:
    who: Principal
    form_key: str
    ends: float


class Sessions:
    """The open sessions of one server."""

    def __init__(self, lifetime: float = LIFETIME):
        self.lifetime = lifetime
        self._open: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, who: Principal) -> str:
        """A new session for ``who``; returns its id, for the cookie."""
        key = secrets.token_urlsafe(32)
        with self._lock:
            self._open[key] = Session(who, secrets.token_urlsafe(32),
                                      time.monotonic() + self.lifetime)
        return key

    def get(self, key: str | None) -> Session | None:
        """The live session of a cookie's id, or None."""
        with self._lock:
            found = self._open.get(key or "")
            if found is not None and found.ends < time.monotonic():
                del self._open[key]
                found = None
        return found

    def close(self, key: str | None) -> None:
        with self._lock:
            self._open.pop(key or "", None)


def form_key_matches(session: Session, sent: str | None) -> bool:
    """Whether a form carried its session's key (compared in constant time)."""
    return sent is not None and hmac.compare_digest(session.form_key, sent)


def current(request) -> Session | None:
    """The live session of a request's cookie; one whose token was revoked since ends here."""
    sessions, key = request.app.state.sessions, request.cookies.get(COOKIE)
    session = sessions.get(key)
    if session is not None and not request.app.state.jinling.tokens.active(session.who.token_id):
        sessions.close(key)
        return None
    return session
