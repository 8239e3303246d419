"""The running server's note for the CLI: where it listens and a token only it knows.

While ``jinling serve`` owns the embedded store, it writes this note next to the store (owner
read-only). A CLI command that finds the store locked reads it and goes through the server.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServerNote:
    """How to reach the server that owns the store."""

    url: str
    pid: int
    token: str

    def write(self, path: Path) -> None:
        """Write the note, readable by its owner only."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(self), out)

    @classmethod
    def read(cls, path: Path) -> ServerNote | None:
        """The note of a live server, or None (no note, or its process is gone)."""
        try:
            note = cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        return note if _alive(note.pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
