"""The number field a guided test asks with, over the bottom of the player.

It shows what is asked (the test and the side), the number typed with its unit, and the
plausible range; Enter records, Esc skips. The keys it does not take (space, ``n``, ``q``)
still reach the player, and the session plays on while it is open: its timing never
waits on an answer. The typing itself is :class:`stride_tui.live.measure.NumberEntry`,
the same as plain mode's.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from stride_tui.live.measure import (
    BACKSPACE,
    ENTER,
    ESCAPE,
    Ask,
    NumberEntry,
    Recorded,
    Refused,
)
from stride_tui.text import visible

_KEYS = {"enter": ENTER, "escape": ESCAPE, "backspace": BACKSPACE[0]}
"""Textual's names for the keys the field takes besides characters."""


class MeasureField(Widget, can_focus=True):
    """Asks for guided tests' values one at a time, while the session plays on."""

    DEFAULT_CSS = """
    MeasureField {
        dock: bottom;
        height: 4;
        display: none;
        padding: 0 1;
        background: $panel;
        border-top: tall $accent;
    }
    MeasureField.-open {
        display: block;
    }
    """

    class Answered(Message):
        """A value typed and accepted, for one ask."""

        def __init__(self, ask: Ask, value: float) -> None:
            super().__init__()
            self.ask = ask
            self.value = value

    class Done(Message):
        """Nothing more is asked for (every ask answered or skipped)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.asks: list[Ask] = []
        self.entry: NumberEntry | None = None
        self.problem = ""

    @property
    def open(self) -> bool:
        """Whether a question is on screen or waiting."""
        return self.entry is not None

    def offer(self, asks: Sequence[Ask]) -> None:
        """Queue asks; the first is shown (and the field focused) when none is open."""
        self.asks += asks
        if self.entry is None and self.asks:
            self._next()

    def _next(self) -> None:
        self.problem = ""
        self.entry = NumberEntry(self.asks.pop(0)) if self.asks else None
        self.set_class(self.entry is not None, "-open")
        if self.entry is not None:
            self.focus()
        else:
            self.blur()
            self.post_message(self.Done())
        self.refresh()

    def on_key(self, event: events.Key) -> None:
        """Take digits, the point, the minus, backspace, Enter and Esc; let others pass."""
        entry = self.entry
        if entry is None:
            return
        key = _KEYS.get(event.key, event.character or "")
        if key not in _KEYS.values() and not (key.isdigit() or key in ".,-"):
            return  # space, n, q...: the player's
        event.stop()
        event.prevent_default()
        answer = entry.key(key)
        if answer is None:
            self.problem = ""
        elif isinstance(answer, Refused):
            self.problem = answer.why
            entry.text = ""
        else:
            if isinstance(answer, Recorded):
                self.post_message(self.Answered(entry.ask, answer.value))
            self._next()
        self.refresh()

    def render(self) -> Text:
        """The question, the number with its unit, the range and the keys."""
        entry = self.entry
        if entry is None:
            return Text("")
        ask = entry.ask
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(visible(ask.what) + ": ", "bold")
        text.append(f" {entry.text or ' '}▏", "reverse")
        text.append(f" {ask.kind.unit}", "bold")
        more = f" ({len(self.asks)} more)" if self.asks else ""
        text.append(f"{more}\nplausible {ask.kind.low:g} to {ask.kind.show(ask.kind.high)}")
        text.append(" · Enter records · Esc skips · the session plays on", "dim")
        if self.problem:
            text.append(f"\n{self.problem}", "bold")
        return text
