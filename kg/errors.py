"""Typed errors of the kg layer.

    KgError
     ├── InvalidGraphName (ValueError)   a --graph name that cannot become an IRI
     ├── SettingsError (ValueError)      a setting that cannot work
     └── AuthError                       a credential problem
          ├── Unauthenticated            no token, or one we do not know
          └── Forbidden                  a known token whose role or graph does not allow this

Store errors (`sparql.errors`) pass through unchanged.
"""


class KgError(Exception):
    """Base of the errors raised by the kg layer."""


class InvalidGraphName(KgError, ValueError):
    """A graph short name that is not lower-case letters, digits, '.', '_', '-' and '/'."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(
            f"invalid graph name {name!r}: use lower-case letters, digits, '.', '_' and '-', "
            "with '/' between parts (e.g. kb, district/xuanwu)"
        )


class SettingsError(KgError, ValueError):
    """A setting that cannot work."""


class AuthError(KgError):
    """A credential problem; `status` is the HTTP status that fits it."""

    status = 401


class Unauthenticated(AuthError):
    """No token, or a token the server does not know (or that was revoked)."""

    status = 401


class Forbidden(AuthError):
    """A known token whose role or graph scope does not allow the operation."""

    status = 403
