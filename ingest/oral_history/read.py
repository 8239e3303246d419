"""Reads one oral-history interview from its metadata file or its transcript file.

The two files find each other:

- from a metadata file ``NAME.yaml|.yml|.json`` (or a sidecar ``NAME.meta.yaml`` …): its
  ``transcript`` key, a path relative to the metadata file; without the key, the one
  ``NAME.vtt|.srt|.txt`` beside it;
- from a transcript ``NAME.vtt|.srt|.txt``: the sidecar ``NAME.meta.yaml|.meta.yml|.meta.json``
  beside it; failing that, a ``NAME.yaml|.yml|.json`` beside it that names this transcript
  (or names none).

Either way the same `Interview` comes out: both paths are resolved (absolute), and the
checksum covers both files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ingest.oral_history import formats
from ingest.oral_history.formats import TRANSCRIPT_SUFFIXES
from ingest.oral_history.metadata import METADATA_SUFFIXES, load_metadata, parse_metadata
from ingest.oral_history.model import (
    AmbiguousFiles,
    Interview,
    InterviewFileMissing,
    MetadataMalformed,
    MetadataNotFound,
    TranscriptEmpty,
    UnsupportedFile,
)
from ingest.oral_history.transcripts import assemble, decode

__all__ = ["checksum", "read_interview"]


def read_interview(path: Path) -> Interview:
    """The interview whose metadata file or transcript file is ``path``.

    Problems inside the transcript are `Interview.issues`; only a whole interview that
    cannot be read raises.

    Raises:
        InterviewFileMissing: ``path``, or the transcript its metadata names, does not exist
            or cannot be read.
        UnsupportedFile: a suffix other than .yaml .yml .json .vtt .srt .txt.
        MetadataNotFound: a transcript with no metadata file beside it.
        AmbiguousFiles: more than one file could be the metadata (or the transcript).
        MetadataMalformed: the metadata does not parse, or a key breaks its rule.
        TranscriptUndecodable: a UTF-16 transcript with broken bytes.
        TranscriptEmpty: the transcript has no cue or turn.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in METADATA_SUFFIXES:
        _exists(path)
        meta_bytes = _bytes(path)
        mapping = load_metadata(path, meta_bytes)
        return _read(path, meta_bytes, mapping, _named_transcript(path, mapping))
    if suffix in TRANSCRIPT_SUFFIXES:
        _exists(path)  # a missing transcript is named before any search for its metadata
        meta_path, meta_bytes, mapping = _find_metadata(path)
        return _read(meta_path, meta_bytes, mapping, path)
    raise UnsupportedFile(f"{path.suffix or 'no suffix'} is neither metadata "
                          f"({' '.join(METADATA_SUFFIXES)}) nor a transcript "
                          f"({' '.join(TRANSCRIPT_SUFFIXES)})", source=str(path))


def checksum(metadata: bytes, transcript: bytes) -> str:
    """SHA-256 of both files: each one's length (8 bytes, big-endian), then its bytes.

    The lengths keep the boundary between the files in the sum.

    >>> checksum(b"ab", b"c") == checksum(b"a", b"bc")
    False
    """
    digest = hashlib.sha256()
    for part in (metadata, transcript):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _read(meta_path: Path, meta_bytes: bytes, mapping: dict[Any, Any], transcript: Path
          ) -> Interview:
    metadata = parse_metadata(mapping, str(meta_path))
    data = _bytes(transcript)
    decoded = decode(data, str(transcript))
    parser = formats.parser(transcript.suffix)
    parsed = parser.parse(decoded.lines)
    if not parsed.drafts:
        strays = f", only {len(parsed.notes)} block(s) without a timing line" if any(
            note.kind == "stray-block" for note in parsed.notes) else ""
        raise TranscriptEmpty(f"no cue or turn in {len(decoded.lines)} line(s){strays}",
                              source=str(transcript))
    segments, issues = assemble(parsed, decoded, metadata)
    return Interview(meta_path.resolve(), transcript.resolve(), parser.FORMAT, metadata,
                     segments, issues, decoded.encoding, checksum(meta_bytes, data))


def _exists(path: Path, *, named_in: Path | None = None) -> None:
    """Raise InterviewFileMissing naming ``path`` (or the metadata naming it) if it is gone."""
    if named_in is not None and not path.is_file():
        raise InterviewFileMissing(f"the transcript it names, {path.name}, does not exist "
                                   f"({path})", source=str(named_in), field="transcript")
    if not path.is_file():
        raise InterviewFileMissing(f"no such file ({path})", source=str(path))


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InterviewFileMissing(f"{path} cannot be read: {err.strerror}",
                                   source=str(path)) from err


def _stem(path: Path) -> str:
    """NAME of ``NAME.yaml`` and of the sidecar ``NAME.meta.yaml``."""
    return path.name[:-len(path.suffix)].removesuffix(".meta")


def _named_transcript(meta_path: Path, mapping: dict[Any, Any]) -> Path:
    """The transcript a metadata file names (or, naming none, the one beside it)."""
    value = mapping.get("transcript")
    if value is None:
        beside = [meta_path.with_name(_stem(meta_path) + suffix)
                  for suffix in TRANSCRIPT_SUFFIXES]
        found = [path for path in beside if path.is_file()]
        if len(found) > 1:
            raise AmbiguousFiles(f"no transcript key, and {len(found)} transcripts beside it: "
                                 f"{', '.join(p.name for p in found)}",
                                 source=str(meta_path), field="transcript")
        if not found:
            raise InterviewFileMissing("no transcript key, and none of "
                                       f"{', '.join(p.name for p in beside)} beside it",
                                       source=str(meta_path), field="transcript")
        return found[0]
    if not isinstance(value, str) or not value.strip():
        raise MetadataMalformed(f"transcript is {value!r}; give the transcript's path",
                                source=str(meta_path), field="transcript")
    target = meta_path.parent / value.strip()
    if target.suffix.lower() not in TRANSCRIPT_SUFFIXES:
        raise UnsupportedFile(f"transcript {value!r} is not {', '.join(TRANSCRIPT_SUFFIXES)}",
                              source=str(meta_path), field="transcript")
    _exists(target, named_in=meta_path)
    return target


def _find_metadata(transcript: Path) -> tuple[Path, bytes, dict[Any, Any]]:
    """The metadata of a transcript: its sidecar, or a metadata file naming it."""
    stem = _stem(transcript)
    sidecars = [path for path in (transcript.with_name(f"{stem}.meta{suffix}")
                                  for suffix in METADATA_SUFFIXES) if path.is_file()]
    if len(sidecars) > 1:
        raise AmbiguousFiles(f"{len(sidecars)} sidecars: {', '.join(p.name for p in sidecars)}",
                             source=str(transcript))
    if sidecars:
        meta_bytes = _bytes(sidecars[0])
        mapping = load_metadata(sidecars[0], meta_bytes)
        named = mapping.get("transcript")
        if named is not None and not _same(sidecars[0], named, transcript):
            raise MetadataMalformed(f"the sidecar names the transcript {named!r}, not "
                                    f"{transcript.name}", source=str(sidecars[0]),
                                    field="transcript")
        return sidecars[0], meta_bytes, mapping
    return _naming_metadata(transcript, stem)


def _naming_metadata(transcript: Path, stem: str) -> tuple[Path, bytes, dict[Any, Any]]:
    found = []
    for path in (transcript.with_name(stem + suffix) for suffix in METADATA_SUFFIXES):
        if path.is_file():
            meta_bytes = _bytes(path)
            mapping = load_metadata(path, meta_bytes)
            named = mapping.get("transcript")
            if named is None or _same(path, named, transcript):
                found.append((path, meta_bytes, mapping))
    if len(found) > 1:
        raise AmbiguousFiles(f"{len(found)} metadata files: "
                             f"{', '.join(p.name for p, _, _ in found)}", source=str(transcript))
    if not found:
        tried = [f"{stem}.meta{s}" for s in METADATA_SUFFIXES] + [
            stem + s for s in METADATA_SUFFIXES]
        raise MetadataNotFound(f"no metadata beside it (looked for {', '.join(tried)})",
                               source=str(transcript))
    return found[0]


def _same(meta_path: Path, named: Any, transcript: Path) -> bool:
    """Whether the ``transcript`` value of ``meta_path`` points at ``transcript``."""
    if not isinstance(named, str):
        return False
    return (meta_path.parent / named.strip()).resolve() == transcript.resolve()
