r"""Writing a command's output and its warnings.

Under a locale that cannot show block characters (Latin-1, ASCII) the sparklines, bars
and calendar cells are drawn in ASCII instead; any other character the locale cannot
encode is written as an escape (``\u5c71``, see ``cli``), never an error.
"""

from __future__ import annotations

import codecs
import sys
from functools import cache

ASCII_DRAWING = str.maketrans(
    {
        "▁": "_",
        "▂": ".",
        "▃": "-",
        "▄": "=",
        "▅": "+",
        "▆": "*",
        "▇": "%",
        "█": "#",
        "━": "-",
        "─": "-",
        "│": "|",
        "·": ".",
        "…": "...",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "→": "->",
        "✓": "v",
        "✗": "x",
    }
)
"""What each drawing character becomes where the output cannot show it."""


@cache
def _shows(encoding: str, chars: str) -> bool:
    try:
        codecs.encode(chars, encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def drawable(text: str, encoding: str | None) -> str:
    """``text`` with its drawing characters in ASCII when ``encoding`` cannot show them all."""
    if encoding is None or _shows(encoding, "▁▄█━─│"):
        return text
    return text.translate(ASCII_DRAWING)


def out(text: str = "") -> None:
    """Print a line of the command's output."""
    sys.stdout.write(drawable(text, getattr(sys.stdout, "encoding", None)) + "\n")


def warn(text: str) -> None:
    """Print a warning on stderr, prefixed as stride's."""
    sys.stderr.write(f"stride: {drawable(text, getattr(sys.stderr, 'encoding', None))}\n")


def err(text: str) -> None:
    """Print a line on stderr as it is (a summary, a problem with its location)."""
    sys.stderr.write(drawable(text, getattr(sys.stderr, "encoding", None)) + "\n")
