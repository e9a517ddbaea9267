"""The big figure: time left, a rep count or a 3-2-1, as large as the space allows.

The glyphs come from a 3x5 bitmap font of this module's own, drawn in block characters
and scaled by whole numbers, so every stroke of every digit keeps the same thickness and
stays a clean block at any size. A font pixel spans whole columns and whole *half* rows
(the upper and lower half blocks): one column by one half row is about square, and half
rows give twice as many heights to choose from as whole rows would.

`draw` is a pure function of the text and the space; `BigFigure` is the widget that
draws its `text` to fit its own size.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget

from stride_tui import text

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    "-": ("...", "...", "###", "...", "..."),
    "·": (".", ".", "#", ".", "."),
    ".": (".", ".", ".", ".", "#"),
    " ": ("..",) * 5,
    # The letters of the side band (LEFT, RIGHT, NEXT) and of a breath (IN, HOLD, OUT).
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": ("###", "#..", "#.#", "#.#", "###"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "N": ("##.", "#.#", "#.#", "#.#", "#.#"),
    "O": ("###", "#.#", "#.#", "#.#", "###"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
}
"""The font: each glyph's rows of pixels, ``#`` on and ``.`` off, all five rows high."""

GLYPH_HEIGHT = 5
"""Pixel rows in every glyph."""

MIN_ROWS = math.ceil(GLYPH_HEIGHT / 2)
"""Terminal rows of the smallest block figure; with fewer, the figure is plain text."""

NARROWEST = 0.5
"""Thinnest pixel allowed: columns per half row. Half as wide as square still reads."""

WIDEST = 1.5
"""Widest pixel allowed: columns per half row; wider, a lone digit turns into a slab."""

_HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
_ASCII_HALVES = {(False, False): " ", (True, False): "'", (False, True): ".", (True, True): "#"}
"""The figure where the terminal's encoding has no block characters (Latin-1, ASCII)."""


@dataclass(frozen=True, slots=True)
class Scale:
    """How large one font pixel is drawn."""

    columns: int
    """Terminal columns per pixel."""
    halves: int
    """Half rows per pixel (two make one terminal row)."""

    def rows(self) -> int:
        """Terminal rows a figure takes at this scale."""
        return math.ceil(GLYPH_HEIGHT * self.halves / 2)


def bitmap(text: str) -> list[str] | None:
    """The text's pixels, glyphs one pixel apart, or None if the font lacks a character.

    Args:
        text: What to draw, e.g. ``1:05``.

    Returns:
        ``GLYPH_HEIGHT`` rows of ``#`` and ``.``, or None for an empty text or one with
        a character outside `GLYPHS`.
    """
    if not text or any(char not in GLYPHS for char in text):
        return None
    return [".".join(GLYPHS[char][row] for char in text) for row in range(GLYPH_HEIGHT)]


def fit(text: str, max_width: int, max_height: int) -> Scale | None:
    """The largest scale at which the text fits the space, or None if it cannot.

    The tallest figure wins, then the widest; pixels stay between `NARROWEST` and
    `WIDEST` so that digits never turn into slivers or slabs.

    Args:
        text: What to draw.
        max_width: Columns available.
        max_height: Rows available.

    Returns:
        The scale, or None when the text has a character the font lacks or even the
        smallest figure (one column and one half row a pixel) does not fit.
    """
    pixels = bitmap(text)
    if pixels is None:
        return None
    width = len(pixels[0])
    most_columns = max_width // width
    most_halves = 2 * max_height // GLYPH_HEIGHT
    for halves in range(most_halves, 0, -1):
        columns = min(most_columns, math.floor(halves * WIDEST))
        if columns >= 1 and columns >= halves * NARROWEST:
            return Scale(columns, halves)
    return None


def render_bitmap(pixels: list[str], scale: Scale) -> list[str]:
    """Draw pixels in block characters at a scale.

    Args:
        pixels: Rows of ``#`` (on) and ``.`` (off), all of one length.
        scale: How large one pixel is drawn.

    Returns:
        The figure's rows, each ``len(pixels[0]) * scale.columns`` characters long.
    """
    halves = [
        [on == "#" for on in row for _ in range(scale.columns)]
        for row in pixels
        for _ in range(scale.halves)
    ]
    if len(halves) % 2:
        halves.append([False] * len(halves[0]))
    cells = _HALF_BLOCKS if text.shows_blocks(text.terminal_encoding()) else _ASCII_HALVES
    return [
        "".join(cells[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(halves[::2], halves[1::2], strict=True)
    ]


def draw(text: str, max_width: int, max_height: int) -> list[str]:
    """The figure for a text, as large as fits: block glyphs, else one line of plain text.

    Args:
        text: ``1:05``, ``12:30``, ``4/10``, ``3``, ``LEFT``: digits, ``:``, ``/``,
            ``-``, ``·``, ``.``, spaces and the letters of LEFT, RIGHT and NEXT draw as
            blocks; any other character gives plain text.
        max_width: Columns available.
        max_height: Rows available.

    Returns:
        The rows, all of one width, no wider than ``max_width`` and no more than
        ``max_height``: a block figure while one fits (from `MIN_ROWS` rows up), else
        the text itself cut to the width; no rows when there is no room or no text.
    """
    if max_width < 1 or max_height < 1 or not text:
        return []
    pixels = bitmap(text)
    scale = fit(text, max_width, max_height)
    if pixels is None or scale is None:
        return [text[:max_width]]
    return render_bitmap(pixels, scale)


class BigFigure(Widget):
    """The big figure, drawn to fill the widget: set `text` and it redraws what changed.

    Give it the room it may take (``1fr`` both ways by default, or a fixed height; not
    ``auto``, since its size decides the figure). The figure is centred in it, or shown
    as plain text when no block figure fits. Colour and text style come from CSS.

    It draws through Textual's line API: its lines are made once for each text, size
    and style and kept (a flash's end draws nothing anew), and a new text repaints only
    the columns and rows from the first cell that differs to the last: Textual writes
    such a partial update from the widget's left edge, so what it saves is to the right.
    """

    DEFAULT_CSS = """
    BigFigure {
        width: 1fr;
        height: 1fr;
    }
    """

    # Not a repaint of the whole widget: the watcher repaints the columns that changed.
    text: reactive[str] = reactive("", repaint=False)
    """What the figure shows: ``1:05``, ``4/10``, ``3``."""

    def __init__(
        self,
        text: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Make a figure.

        Args:
            text: What it shows at first.
            name: The widget's name.
            id: The widget's id.
            classes: Space-separated CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(BigFigure.text, text)
        self._drawn: tuple[tuple[str, int, int], list[str], list[str]] | None = None
        self._strips: tuple[object, list[Strip]] | None = None

    @property
    def figure(self) -> list[str]:
        """The rows of the figure as last drawn, without the centring around them."""
        return self._drawn[1] if self._drawn is not None else []

    def _lines(self, text: str) -> list[str]:
        """The widget's lines for ``text`` at its size: blank lines above, rows centred."""
        width, height = self.size
        key = (text, width, height)
        if self._drawn is None or self._drawn[0] != key:
            rows = draw(text, width, height)
            top = (height - len(rows)) // 2
            centred = [row.center(width) for row in rows]
            self._drawn = (key, rows, [""] * top + centred)
        return self._drawn[2]

    def watch_text(self, text: str) -> None:
        """Repaint the columns where the new text's cells differ from the last one's."""
        drawn = self._drawn
        width, height = self.size
        if drawn is None or drawn[0][1:] != (width, height):
            self.refresh()
            return
        before, after = drawn[2], self._lines(text)
        if len(before) != len(after) or any(
            len(line) != width for line in (*before, *after) if line
        ):
            self.refresh()  # the figure moved or changed its scale: all of it
            return
        changed = [
            x
            for old, new in zip(before, after, strict=True)
            for x in range(width)
            if (old[x : x + 1] or " ") != (new[x : x + 1] or " ")
        ]
        if changed:
            # All rows of those columns: the figure's vertical centring stays Textual's.
            self.refresh(Region(min(changed), 0, max(changed) - min(changed) + 1, height))

    def _draw_strips(self, style: Style) -> list[Strip]:
        """Every line of the figure in the widget's style, aligned as its CSS says.

        Cell for cell what Textual draws for the same lines as text (the snapshots hold
        it), without making and measuring a text each second: each line is already as
        wide as the widget, one segment in one style.
        """
        width, height = self.size
        lines = self._lines(self.text)
        if not any(lines):  # nothing drawn: Textual's own blank line, padded its way
            return Visual.to_strips(self, Content("\n".join(lines)), width, height, style)
        rich_style = style.rich_style
        # A blank line is centred in the background alone (not reversed in a flash).
        blank = RichStyle(bgcolor=rich_style.bgcolor)
        strips = []
        for y, line in enumerate(lines):
            # The offset is the text's own mark of where each cell came from (selection).
            segment = Segment(line, rich_style + RichStyle.from_meta({"offset": (0, y)}))
            if line:
                strips.append(Strip([segment], len(line)))
            else:
                left = width // 2
                pads = (Segment(" " * left, blank), Segment(" " * (width - left), blank))
                strips.append(Strip([pads[0], segment, pads[1]], width))
        pad = (style + Style(reverse=False)).rich_style
        horizontal, vertical = self.styles.content_align
        return list(Strip.align(strips, pad, width, height, horizontal, vertical))

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the figure, as Textual would draw its text with the widget's style."""
        style = self.visual_style
        key = (self.text, self.size, style, self.styles.content_align)
        if self._strips is None or self._strips[0] != key:
            self._strips = (key, self._draw_strips(style))
        strips = self._strips[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(self.size.width)
