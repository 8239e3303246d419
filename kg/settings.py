"""One validated settings object, read from ``JINLING_*`` environment variables and flags.

Every setting is documented in docs/settings.md (a test checks it).

>>> Settings(base_iri="https://example.org/kg").base_iri
'https://example.org/kg/'
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the store is, what IRIs look like, and the limits of the public endpoints."""

    model_config = SettingsConfigDict(env_prefix="JINLING_", extra="ignore")

    store: Path = Field(Path("var/store"), description="Folder of the embedded Oxigraph store.")
    endpoint: str | None = Field(
        None, description="URL of a remote SPARQL query endpoint to use instead of the "
        "embedded store.")
    update_endpoint: str | None = Field(
        None, description="URL of the remote SPARQL update endpoint (default: the endpoint).")
    gsp_endpoint: str | None = Field(
        None, description="URL of the remote Graph Store Protocol endpoint (optional).")
    endpoint_token: SecretStr | None = Field(
        None, description="Bearer token sent to the remote endpoint.")
    base_iri: str = Field(
        "https://kg.jllib.cn/", description="Canonical base of every IRI the project mints.")
    query_timeout: float = Field(
        30.0, gt=0, description="Seconds a public SPARQL query may run before it is stopped.")
    result_limit: int = Field(
        10_000, gt=0, description="Most rows or triples a public SPARQL query may return.")
    result_max_bytes: int = Field(
        64 * 2**20, gt=0, description="Most bytes of results a public SPARQL query may return.")
    query_processes: int = Field(
        2, ge=0, description="Worker processes for public queries on the embedded store; a "
        "query past its timeout is killed with its process (0: threads, which cannot stop "
        "every query).")
    host: str = Field("127.0.0.1", description="Address the server listens on.")
    port: int = Field(8000, gt=0, lt=65536, description="Port the server listens on.")
    tokens: Path = Field(
        Path("var/tokens.json"), description="File of API token hashes, roles and scopes.")
    media: Path = Field(
        Path("var/media"), description="Folder of page images and other media files that the "
        "IIIF Image API serves.")
    index: Path | None = Field(
        None, description="SQLite file of the full-text search and suggest index (default: "
        "index.sqlite beside the store folder, var/index.sqlite).")
    oai_page_size: int = Field(
        100, gt=0, description="Records or headers per page of an OAI-PMH list, before its "
        "resumption token.")
    uploads: Path | None = Field(
        None, description="Folder of uploaded files, their status and rejects reports, one "
        "folder per upload (default: uploads beside the store folder, var/uploads).")
    changes: Path | None = Field(
        None, description="The change log: every recorded write (who, when, quads added and "
        "removed), for entity histories, undo and the change feed (default: changes.sqlite "
        "beside the store folder, var/changes.sqlite).")

    @field_validator("base_iri")
    @classmethod
    def _base_is_absolute(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or " " in value:
            raise ValueError(f"base IRI must be an absolute http(s) IRI, not {value!r}")
        return value if value.endswith("/") else value + "/"

    @property
    def changes_file(self) -> Path:
        """The change log: ``changes``, else ``changes.sqlite`` beside the store folder (a
        scratch store gets a scratch log)."""
        return self.changes or self.store.parent / "changes.sqlite"

    @property
    def uploads_folder(self) -> Path:
        """``uploads``, else ``uploads`` beside the store folder."""
        return self.uploads or self.store.parent / "uploads"

    @property
    def runtime_file(self) -> Path:
        """Where a running server leaves its address for the CLI."""
        return self.store.parent / f"{self.store.name}.server.json"

    @property
    def index_file(self) -> Path:
        """The search index file: ``index``, else ``index.sqlite`` beside the store folder (so
        that a scratch store gets a scratch index)."""
        return self.index or self.store.parent / "index.sqlite"


def documented_settings() -> list[tuple[str, object, str]]:
    """(environment variable, default, help) for every setting."""
    return [
        (f"JINLING_{name.upper()}", field.default, field.description or "")
        for name, field in Settings.model_fields.items()
    ]
