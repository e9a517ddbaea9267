"""A progress bar that moves only when it would look different."""

from __future__ import annotations

from textual.renderables.bar import Bar as BarRenderable

# Textual's ProgressBar is four widgets (its bar, a percentage and an ETA, hidden here);
# the player needs only the bar, which draws exactly as it does inside a ProgressBar.
from textual.widgets._progress_bar import Bar

from stride_tui import text


class AsciiBar(BarRenderable):
    """The bar in ASCII, where the terminal's encoding has no bar characters."""

    HALF_BAR_LEFT = "-"
    BAR = "="
    HALF_BAR_RIGHT = "-"


class HalfCellBar(Bar):
    """A bar without percentage or ETA that redraws only when a half cell changes.

    A bar draws half cells, so a countdown's progress changes how it looks only every
    so often; setting it each redraw would repaint it for nothing.
    """

    def __init__(self, *, id: str | None = None) -> None:
        """Make an empty bar.

        Args:
            id: The widget's id.
        """
        ascii_only = not text.shows_blocks(text.terminal_encoding())
        super().__init__(id=id, bar_renderable=AsciiBar if ascii_only else BarRenderable)
        # Set without its watcher: an unknown percentage would animate at 15 frames a
        # second, the indeterminate bar.
        self.set_reactive(Bar.percentage, 0.0)
        self._shown: float | None = None

    @property
    def cells(self) -> int:
        """How many half cells the bar can draw at its width."""
        return max(1, self.size.width * 2)

    def show(self, fraction: float) -> None:
        """Move to ``fraction`` (0 to 1), rounded to the half cells the bar can draw."""
        steps = self.cells
        rounded = round(fraction * steps) / steps
        if rounded != self._shown:
            self._shown = rounded
            self.percentage = rounded
