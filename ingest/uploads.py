"""Uploads: files that a district library (or a curator) sends to be ingested into its graph.

An upload is kept in its own folder (``{uploads}/{id}/``: the files as sent, ``status.json``
and, once it ran, ``rejects.jsonl``) and runs as a background job: ``queued``, ``running``
(with the number of records read and rejected so far), then ``done`` with the run's summary
line, or ``failed`` with the reason. The status file is rewritten whole on every change, so a
reader never sees half of it.

Kinds: the registered ingest sources (``marc``, ``document``, ``ancient-book`` (a census
sheet and its pages), ``oral-history`` (metadata and transcripts)) and ``rdf`` (a Turtle,
N-Triples, RDF/XML or JSON-LD file loaded into the graph as it is).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from ingest.registry import SOURCES
from kg.errors import KgError

KINDS = (*SOURCES, "rdf")
_SAFE_NAME = re.compile(r"[^\w.\-]+")


class UploadNotFound(KgError, LookupError):
    """No upload with this id."""


class UploadRefused(KgError, ValueError):
    """An upload that cannot be taken (no file, an unknown kind, a bad file name)."""


@dataclass(frozen=True)
class UploadStatus:
    """Where an upload stands."""

    id: str
    kind: str
    graph: str
    actor: str
    files: tuple[str, ...]
    state: str = "queued"
    read: int = 0
    rejected: int = 0
    summary: str = ""
    error: str = ""
    created: str = field(default_factory=lambda: _now())
    finished: str = ""


class Uploads:
    """The uploads folder: create uploads, read and update their status, run them."""

    def __init__(self, folder: Path):
        self.folder = folder

    def create(self, kind: str, graph: str, actor: str, files: list[tuple[str, bytes]]
               ) -> UploadStatus:
        """Keep the files of a new upload and return its queued status."""
        if kind not in KINDS:
            raise UploadRefused(f"unknown upload kind {kind!r}; one of {', '.join(KINDS)}")
        if not files or not any(data for _, data in files):
            raise UploadRefused("the upload holds no file; send the file as the request body "
                                "or as multipart form parts")
        upload_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S-") + secrets.token_hex(3)
        names = [self._keep(upload_id, name, data) for name, data in files]
        status = UploadStatus(upload_id, kind, graph, actor, tuple(names))
        self._save(status)
        return status

    def status(self, upload_id: str) -> UploadStatus:
        path = self._dir(upload_id) / "status.json"
        if not path.is_file():
            raise UploadNotFound(f"no upload {upload_id!r}")
        data = json.loads(path.read_text(encoding="utf-8"))
        return UploadStatus(**{**data, "files": tuple(data["files"])})

    def inputs(self, upload_id: str) -> Path:
        """The folder of an upload's files."""
        return self._dir(upload_id) / "files"

    def rejects(self, upload_id: str) -> Path:
        return self._dir(upload_id) / "rejects.jsonl"

    def start(self, upload_id: str, work: Callable[[Callable[[int, int], None]], str]) -> None:
        """Run ``work`` in the background; it gets a progress callable (read, rejected) and
        returns the summary line."""
        threading.Thread(target=self.run, args=(upload_id, work), daemon=True,
                         name=f"upload-{upload_id}").start()

    def run(self, upload_id: str, work: Callable[[Callable[[int, int], None]], str]) -> None:
        """Run ``work`` now, keeping the status current."""
        self._update(upload_id, state="running")
        try:
            summary = work(self._progress(upload_id))
        except Exception as err:  # noqa: BLE001 - the job's end: what failed is its status
            self._update(upload_id, state="failed", error=f"{type(err).__name__}: {err}",
                         finished=_now())
            return
        self._update(upload_id, state="done", summary=summary, finished=_now())

    def _progress(self, upload_id: str, every: float = 0.5) -> Callable[[int, int], None]:
        """A progress callable that writes the status at most every ``every`` seconds."""
        last = [0.0]

        def update(read: int, rejected: int) -> None:
            if time.monotonic() - last[0] >= every:
                last[0] = time.monotonic()
                self._update(upload_id, read=read, rejected=rejected)
        return update

    def _keep(self, upload_id: str, name: str, data: bytes) -> str:
        safe = _SAFE_NAME.sub("_", Path(name or "upload").name).lstrip(".") or "upload"
        target = self.inputs(upload_id) / safe
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return safe

    def _update(self, upload_id: str, **changes) -> None:
        self._save(replace(self.status(upload_id), **changes))

    def _save(self, status: UploadStatus) -> None:
        path = self._dir(status.id) / "status.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(asdict(status), ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def _dir(self, upload_id: str) -> Path:
        if not re.fullmatch(r"[0-9T]+-[0-9a-f]+", upload_id):
            raise UploadNotFound(f"no upload {upload_id!r}")
        return self.folder / upload_id


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
