"""One module per family of ``stride`` subcommands, each imported only when it runs.

The parser (``stride_tui.parser``) names a subcommand's function as ``module:function``;
:func:`handler` imports that one module, so ``stride list`` never loads Textual and
``stride run`` never loads the CSV export.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def handler(name: str) -> Handler:
    """The function a ``module:function`` name points to, imported now."""
    module, _, function = name.partition(":")
    found: Handler = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return found
