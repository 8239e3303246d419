"""The package's public names, and that importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ingest.ancient_book as package


@pytest.mark.parametrize("name", package.__all__)
def test_package_exports_resolve(name):
    assert getattr(package, name) is not None


def test_package_unknown_name():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        package.nothing  # noqa: B018


def test_package_import_loads_no_parser_and_no_opencc():
    code = ("import sys, ingest.ancient_book; "
            "print(sorted(m for m in sys.modules if m.startswith('opencc') "
            "or m.startswith('ingest.ancient_book.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
