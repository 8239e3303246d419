"""The OpenCC converters every layer shares: loaded once per process, on first use.

>>> t2s().convert("金陵書局"), s2t().convert("随园")
('金陵书局', '隨園')
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def t2s() -> Any:  # OpenCC ships no type hints
    """Traditional to simplified characters."""
    import opencc  # imported late: code that meets no Han text never loads the dictionaries

    return opencc.OpenCC("t2s")


@cache
def s2t() -> Any:
    """Simplified to traditional characters."""
    import opencc

    return opencc.OpenCC("s2t")
