"""Typed errors of the entity linker; each says which file, record or field is at fault.

    LinkingError (kg.errors.KgError)
     ├── LinkTableError (ValueError)   a shipped table (kg/linking/tables/*.tsv) is missing or
     │                                 malformed: file, line and column
     ├── KbLoadError (ValueError)       a knowledge-base file cannot be read or parsed: file,
     │                                 line and column
     ├── LinkConfigError (ValueError)   the linker's config names something that does not work
     └── LinkInputError (ValueError)    a text to link cannot be read (not UTF-8, missing)

Store errors (`sparql.errors`) pass through unchanged.
"""

from __future__ import annotations

from kg.errors import KgError


class LinkingError(KgError):
    """Base of the entity linker's errors."""


class LinkTableError(LinkingError, ValueError):
    """A linker table that is missing or malformed; the message names the file and line."""


class KbLoadError(LinkingError, ValueError):
    """A knowledge-base file that cannot be read or parsed."""

    def __init__(self, path: str, problem: str, line: int | None = None,
                 column: int | None = None):
        self.path, self.problem, self.line, self.column = path, problem, line, column
        where = path if line is None else f"{path}:{line}" + (
            f":{column}" if column is not None else "")
        super().__init__(f"{where}: {problem}; fix the file or leave it out of the KB")


class LinkConfigError(LinkingError, ValueError):
    """A linker config that cannot work: the message names the section and key."""


class LinkInputError(LinkingError, ValueError):
    """A text to link that cannot be read."""

    def __init__(self, source: str, problem: str, offset: int | None = None):
        self.source, self.problem, self.offset = source, problem, offset
        where = source if offset is None else f"{source} (byte {offset})"
        super().__init__(f"{where}: {problem}")
