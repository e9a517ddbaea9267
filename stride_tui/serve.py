"""What the app needs to know when a server runs it for a browser, not a terminal.

``stride serve`` (through textual-serve) starts ``stride`` with pipes for standard input
and output and the web driver named in ``TEXTUAL_DRIVER``; such a process opens the app
even though it has no terminal. The level the picker starts on comes from the server
through the environment, since the served command line is fixed.
"""

from __future__ import annotations

import os

from stride_tui.routine.model import LEVELS, Level

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The Textual driver textual-serve starts the app with."""

LEVEL_VARIABLE = "STRIDE_SERVED_LEVEL"
"""The environment variable ``stride serve`` passes the picker's level in."""


def served_by_browser() -> bool:
    """Whether this process was started by a server to draw in a browser."""
    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def served_level() -> Level:
    """The level the served picker starts on: the one ``stride serve`` was given.

    ``standard`` when not served, or when the variable holds no level.
    """
    wanted = os.environ.get(LEVEL_VARIABLE, "")
    if served_by_browser():
        for level in LEVELS:
            if level == wanted:
                return level
    return "standard"
