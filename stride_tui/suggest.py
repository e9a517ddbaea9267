"""Did-you-mean: the closest of the words a place accepts, for a word that it does not."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from stride_tui.text import visible


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` most likely misspells or shortens; ``None`` when none is close.

    Close means difflib's ratio of at least 0.5, or, for a word of three letters or more,
    the same first three letters (``exp`` for ``experienced``).
    """
    known = list(choices)
    hint = difflib.get_close_matches(word, known, n=1, cutoff=0.5)
    if hint:
        return hint[0]
    if len(word) >= 3:
        return next((choice for choice in known if choice.startswith(word[:3])), None)
    return None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean `experienced`?`` for a close choice, else the empty string."""
    hint = closest(word, choices)
    return f"; did you mean `{visible(hint)}`?" if hint is not None else ""
