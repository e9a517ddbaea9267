"""Turning the app's SVG screenshots into the PNGs under docs/.

The app's SVG places each run of text at its cell and leaves the glyphs to the font, so
a renderer without the terminal's font lets block characters drift (a big figure drawn
off-centre, letters squeezed). :func:`pin_to_cells` pins every character to its cell
first; :func:`write_png` then renders with ``rsvg-convert`` (Debian's librsvg2-bin).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

_TEXT = re.compile(
    r'<text([^>]*?) x="([\d.]+)"([^>]*?) textLength="([\d.]+)"([^>]*)>([^<]*)</text>'
)


def pin_to_cells(svg: str) -> str:
    """Split every text run into one element per visible character, each at its cell."""

    def pinned(match: re.Match[str]) -> str:
        before, x, middle, length, after, content = match.groups()
        chars = html.unescape(content)
        if not chars:
            return match.group(0)
        cell = float(length) / len(chars)
        return "".join(
            f'<text{before} x="{float(x) + cell * index:.2f}"{middle}{after}>'
            f"{html.escape(char)}</text>"
            for index, char in enumerate(chars)
            if not char.isspace()  # backgrounds are drawn as rectangles, not spaces
        )

    return _TEXT.sub(pinned, svg)


def write_png(svg: str, target: Path) -> Path:
    """Render a screenshot's SVG text to ``target``, every character pinned to its cell.

    Without librsvg the pinned SVG is written beside ``target`` instead, for a browser.

    Raises:
        SystemExit: ``rsvg-convert`` is missing (the message says what to install).
    """
    pinned = pin_to_cells(svg)
    converter = shutil.which("rsvg-convert")
    if converter is None:
        fallback = target.with_suffix(".svg")
        fallback.write_text(pinned, encoding="utf-8")
        raise SystemExit(
            f"rsvg-convert is missing (apt-get install librsvg2-bin): wrote {fallback};"
            " open it in a browser"
        )
    with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8") as handle:
        handle.write(pinned)
        handle.flush()
        subprocess.run([converter, handle.name, "-o", str(target)], check=True)
    return target


def demo_png(
    screenshot: Callable[[Path], Coroutine[Any, Any, str]], argv: list[str], default: str
) -> int:
    """Take ``screenshot(home)`` in a demo home of its own and write it as a PNG.

    Args:
        screenshot: Takes the app's SVG screenshot, given the demo home folder.
        argv: The command line: a target path, or none for ``docs/<default>``.
        default: The PNG's name under docs/.
    """
    import asyncio
    import os
    import sys

    root = Path(__file__).resolve().parent.parent
    target = Path(argv[0]) if argv else root / "docs" / default
    sys.path.insert(0, str(root))
    with tempfile.TemporaryDirectory() as home:
        os.environ["STRIDE_HOME"] = home  # a demo log, never the runner's own
        svg = asyncio.run(screenshot(Path(home)))
    print(write_png(svg, target))
    return 0
