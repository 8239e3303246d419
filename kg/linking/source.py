"""Where the linker's gazetteer comes from: a store, or the Turtle files under ``data/``.

Reading the files means parsing them into an in-memory store (relative IRIs resolved against
the base, as `kg.loading` does) and querying it, which takes a while for a large KB; so the
compiled gazetteer is pickled under ``var/linking/`` with a key made of the files' checksums,
the base IRI and the linker's own tables and queries. A changed file, table or query makes a new
key, hence a fresh build; an unreadable cache file is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kg.iri import Minter
from kg.linking.errors import KbLoadError
from kg.linking.gazetteer import Gazetteer
from kg.linking.kb import read_kb
from kg.linking.tables import TABLES
from kg.loading import LoadJob, load_files
from sparql import Store
from sparql.queries import QUERY_DIR

CACHE_VERSION = "1"
# the modules whose code shapes the compiled gazetteer: a change to them makes a new cache key
_GAZETTEER_CODE = ("kb", "gazetteer", "lexicon", "name_lists", "normalize")
# the KB that `jinling link` reads when given none: authority files and catalogue works
KB_GLOBS = ("data/kb/**/*.ttl", "data/catalogue/**/*.ttl")


@dataclass(frozen=True)
class GazetteerLoad:
    """A gazetteer and how it was had: from the cache or built, and how long it took."""

    gazetteer: Gazetteer
    cached: bool
    seconds: float
    cache_file: Path | None


def kb_files(root: Path) -> list[Path]:
    """The KB's Turtle files under a project root, sorted.

    Raises:
        KbLoadError: no file matches (the root is not a checkout with ``data/``).
    """
    files = sorted(p for pattern in KB_GLOBS for p in root.glob(pattern) if p.is_file())
    if not files:
        raise KbLoadError(str(root), f"no KB files ({', '.join(KB_GLOBS)})")
    return files


def from_store(store: Store) -> Gazetteer:
    """The gazetteer of everything the store knows."""
    return Gazetteer(read_kb(store))


def from_files(files: list[Path], base_iri: str) -> Gazetteer:
    """The gazetteer of KB files, loaded into a store in memory.

    Raises:
        KbLoadError: a file is missing.
        RdfSyntaxError: a file is malformed (file, line, column).
    """
    from sparql.embedded import EmbeddedStore

    _check(files)
    store = EmbeddedStore()
    try:
        minter = Minter(base_iri)
        jobs = [LoadJob(path, path.parent.name or "kb") for path in files]
        load_files(store, minter, jobs, base_iri=minter.base)
        return from_store(store)
    finally:
        store.close()


def _check(files: list[Path]) -> None:
    for path in files:
        if not path.is_file():
            raise KbLoadError(str(path), "no such file")


def cache_key(files: list[Path], base_iri: str) -> str:
    """A digest of the files' contents, the base, the linker's tables and queries and the code
    that compiles the gazetteer."""
    digest = hashlib.sha256(f"{CACHE_VERSION}\n{base_iri}\n".encode())
    here = Path(__file__).parent
    code = (sorted(TABLES.glob("*.tsv")) + sorted(QUERY_DIR.glob("link_*.rq"))
            + [here / f"{name}.py" for name in _GAZETTEER_CODE])
    for path in [*files, *code]:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def cached_gazetteer(files: list[Path], base_iri: str, cache_dir: Path | None) -> GazetteerLoad:
    """The gazetteer of the files, from the cache when it is there, else built and cached.

    With ``cache_dir`` None nothing is cached.

    Raises:
        KbLoadError: a file is missing.
        RdfSyntaxError: a file is malformed (file, line, column).
    """
    started = time.perf_counter()
    _check(files)
    target = cache_dir / f"gazetteer-{cache_key(files, base_iri)}.pickle" if cache_dir else None
    if target is not None and target.is_file():
        gazetteer = _read_cache(target)
        if gazetteer is not None:
            return GazetteerLoad(gazetteer, True, time.perf_counter() - started, target)
    gazetteer = from_files(files, base_iri)
    if target is not None:
        _write_cache(target, gazetteer)
    return GazetteerLoad(gazetteer, False, time.perf_counter() - started, target)


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as stream:
            value = pickle.load(stream)  # noqa: S301 - our own file, keyed by content
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return value if isinstance(value, Gazetteer) else None


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Write atomically (temporary file, then rename) and drop the older caches."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as stream:
            pickle.dump(gazetteer, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only checkout links all the same, only without the cache

