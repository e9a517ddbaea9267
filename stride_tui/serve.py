"""Serving the app to a browser."""

from __future__ import annotations

import os

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The Textual driver textual-serve starts the app with."""


def served_by_browser() -> bool:
    """Whether this process was started by a server to draw in a browser."""
    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
