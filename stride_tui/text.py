r"""The one rule for text that files supply on its way to a terminal or a spreadsheet.

Names, cues, ids, file names and notes come from files other people write. Any control
character in them could steer the terminal that prints them (set its title, switch
screens, write the clipboard) or reorder what the reader sees, so every such character
is shown as an escape instead: ``\x1b``, ``\n``, ``\u202e``.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Marks, embeddings, overrides and isolates that reorder the text around them."""

_SURROGATES = "\ud800-\udfff"
"""Lone surrogates: the undecodable bytes of a file name (``surrogateescape``)."""

_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = False) -> str:
    r"""Make every control character in ``text`` visible as an escape.

    Args:
        text: Text from a file or the log.
        newlines: Keep line breaks as they are (for multi-line notes in a CSV cell).

    Returns:
        The text with C0 and C1 controls, DEL and BiDi controls written as escapes
        (``\x1b``, ``\t``, ``\u202e``), and the undecodable bytes of a file name as the
        bytes they were (``\xfc``); all other characters unchanged.
    """
    pattern = _CONTROL_BUT_NEWLINE if newlines else _CONTROL
    return pattern.sub(_escape, text)


def first_control(text: str, *, newlines: bool = False) -> int | None:
    """The index of the first character :func:`visible` would escape, or ``None``.

    Args:
        text: The text to search.
        newlines: Allow line breaks.
    """
    pattern = _CONTROL_BUT_NEWLINE if newlines else _CONTROL
    found = pattern.search(text)
    return found.start() if found else None


def spreadsheet_cell(text: str) -> str:
    """A text cell that a spreadsheet shows as text, never runs as a formula.

    Controls are made visible (line breaks kept), and a cell starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'``, as OWASP advises.
    """
    shown = visible(text, newlines=True)
    return "'" + shown if text.startswith(_FORMULA_START) else shown


BLOCKS = "▀▄█━╸╺"
"""The drawing characters the app's figures and bars use."""


def shows_blocks(encoding: str | None) -> bool:
    """Whether text in ``encoding`` can carry block and bar characters.

    UTF-8 can; Latin-1 and ASCII cannot, and then figures and bars are drawn in ASCII.
    """
    if encoding is None:
        return True
    try:
        BLOCKS.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def terminal_encoding() -> str | None:
    """The encoding of the stream the full-screen app draws on (standard error)."""
    import sys

    return getattr(sys.__stderr__, "encoding", None)


def plural(count: int, word: str) -> str:
    """``1 step``, ``3 steps``: a count and an English noun that takes an ``s``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def table(rows: list[tuple[str, ...]], right: frozenset[int] = frozenset()) -> list[str]:
    """Lay ``rows`` out in columns two spaces apart, the ``right`` ones right-aligned.

    Cells are shown as given: pass them through :func:`visible` first.
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    return [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
