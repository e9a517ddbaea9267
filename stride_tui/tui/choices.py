"""A row of choices where only the chosen value looks chosen.

Textual's ``RadioSet`` paints the keyboard cursor as a solid block, which reads as the
choice ("1", "left", "beginner") when the real choice is the lit dot. Here the cursor is
only underlined, while the chosen value is bold, lit and written in brackets (``[3]``),
so it reads the same without colour.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton, RadioSet


class Choices(RadioSet):
    """A ``RadioSet`` whose cursor is drawn apart from the choice."""

    DEFAULT_CSS = """
    Choices {
        & > RadioButton > .toggle--label {
            background: transparent;
            color: $foreground;
            text-style: none;
        }
        &:blur > RadioButton.-selected > .toggle--label {
            background: transparent;
            text-style: none;
        }
        &:focus > RadioButton.-selected > .toggle--label {
            background: transparent;
            color: $foreground;
            text-style: underline;
        }
        & > RadioButton.-on > .toggle--label {
            color: $text-success;
            text-style: bold;
        }
        &:focus > RadioButton.-on.-selected > .toggle--label {
            color: $text-success;
            text-style: bold underline;
        }
    }
    """

    def on_mount(self) -> None:
        self._words = {id(button): str(button.label) for button in self.query(RadioButton)}
        self.mark()

    def mark(self) -> None:
        """Write the chosen value in brackets, the others plain."""
        words: dict[int, str] = getattr(self, "_words", {})
        for button in self.query(RadioButton):
            word = words.setdefault(id(button), str(button.label))
            button.label = Content(f"[{word}]" if button.value else word)

    def _on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.mark()
