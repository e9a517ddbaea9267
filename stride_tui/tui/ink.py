"""Colours the big figure can be read in: each phase's colour, made to stand out.

A theme's success or secondary colour can sit close to its background (a pale green on
a white theme, a grey-blue on a dark one), and NO_COLOR turns every colour into its grey,
where two greys can meet. Each phase's figure takes its theme colour blended toward the
background's contrast text just far enough that it stands out by WCAG's 4.5:1, both in
colour and in grey, so the hue shows where it can and the figure reads everywhere.
"""

from __future__ import annotations

from textual.color import Color

LEAST_CONTRAST = 4.5
"""WCAG 2's least contrast for text."""

PHASE_COLOURS = {
    "get-ready": "warning",
    "work": "success",
    "switch": "accent",
    "rest": "primary",
    "breathe": "secondary",
    "wait": "foreground",
    "paused": "error",
}
"""The theme colour each phase's figure starts from; the CSS names ``$figure-<phase>``."""


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG's contrast ratio of two opaque colours, from 1 to 21."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(ink: Color, background: Color, least: float = LEAST_CONTRAST) -> Color:
    """``ink``, blended toward the contrast text only as far as ``least`` needs."""
    toward = background.get_contrast_text(1.0)
    grey = background.monochrome
    for percent in range(0, 101, 5):
        candidate = ink.blend(toward, percent / 100)
        if contrast(candidate, background) >= least and (
            contrast(candidate.monochrome, grey) >= least
        ):
            return candidate
    return toward


def figure_inks(variables: dict[str, str]) -> dict[str, str]:
    """``figure-<phase>`` variables for a theme's CSS variables."""
    background = Color.parse(variables["background"])
    return {
        f"figure-{phase}": readable(Color.parse(variables[name]), background).hex
        for phase, name in PHASE_COLOURS.items()
    }
