"""The oral-history source: each interview (metadata file and transcript) is one record."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ingest.oral_history.convert import VERSION, Env, convert
from ingest.oral_history.formats import TRANSCRIPT_SUFFIXES
from ingest.oral_history.metadata import METADATA_SUFFIXES
from ingest.oral_history.model import Interview
from ingest.protocol import Conversion, Rejected, one_record
from kg.iri import Minter
from sparql import Store

SIDECARS = tuple(".meta" + s for s in METADATA_SUFFIXES)


class OralHistorySource:
    name = "oral-history"
    version = VERSION
    unit = "interviews"

    def files(self, path: Path) -> Iterator[Path]:
        """The file itself; in a folder, each metadata file and each transcript that has a
        sidecar (``NAME.meta.yaml``), by name."""
        if not path.is_dir():
            yield path
            return
        for p in sorted(q for q in path.rglob("*") if q.is_file()):
            name = p.name.lower()
            if name.endswith(SIDECARS):
                continue
            if p.suffix.lower() in METADATA_SUFFIXES or (
                    p.suffix.lower() in TRANSCRIPT_SUFFIXES and _has_sidecar(p)):
                yield p

    def reader(self) -> Callable[[Path], Iterator[Interview | Rejected]]:
        from ingest.oral_history.read import read_interview

        return one_record(read_interview)

    def context(self, store: Store) -> dict[str, Any]:
        return {}

    def converter(self, minter: Minter, source: str, context: dict[str, Any]
                  ) -> Callable[[Interview], Conversion]:
        env = Env(minter, source)
        return lambda interview: convert(interview, env)


def _has_sidecar(transcript: Path) -> bool:
    return any(transcript.with_name(transcript.stem + s).is_file() for s in SIDECARS)


SOURCE = OralHistorySource()
