"""The OpenAPI description, with an operationId of its own for every operation.

FastAPI names a route's operations after the route and its first method, so a route that
answers GET and HEAD (or GET, POST and HEAD) gives two operations one id, which the OpenAPI
specification forbids and code generators trip over. Each id here ends with its own method.
"""

from __future__ import annotations

import re
import warnings

from fastapi import FastAPI

_METHOD_SUFFIX = re.compile(r"_(get|head|post|put|patch|delete|options)$")


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` give unique operationIds."""
    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            with warnings.catch_warnings():  # the duplicates this function removes
                warnings.filterwarnings("ignore", message="Duplicate Operation ID")
                schema = generate()
            for operations in schema.get("paths", {}).values():
                for method, operation in operations.items():
                    if "operationId" in operation:
                        base = _METHOD_SUFFIX.sub("", operation["operationId"])
                        operation["operationId"] = f"{base}_{method}"
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
