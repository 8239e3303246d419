"""Typed errors of the reconciliation service; `api.routes.reconcile` answers them with 400.

    ReconcileError (KgError, ValueError)   a batch, extension or parameter the service cannot
                                           read; the message names the query and the field
"""

from __future__ import annotations

from kg.errors import KgError


class ReconcileError(KgError, ValueError):
    """A request the service cannot read: malformed JSON, a missing or mistyped field, an
    unknown property to extend with."""
