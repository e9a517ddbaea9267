"""Make docs/history.png: the history screen at 160x48 over a demo log of four months.

The app's SVG screenshot places each run of text at its cell and leaves the glyphs to the
font, so a renderer without the terminal's font lets block characters drift. This script
pins every character to its cell first, then renders the SVG with ``rsvg-convert``
(librsvg); without it, the pinned SVG is written instead for any browser to open.

Usage: python scripts/history_screenshot.py [PNG]   (default: docs/history.png; run it
from a checkout, as it uses the tests' demo log)
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 48)
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


async def _screenshot() -> str:
    from stride_tui.session.history import open_history
    from stride_tui.tui.history import HistoryScreen
    from tests.coaching_helpers import TODAY, seed_months
    from tests.tui_helpers import app_on, settle

    seed_months(open_history())
    app, _ = app_on(None, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        while not isinstance(app.screen, HistoryScreen):
            await pilot.pause(0.05)
        await settle(pilot)
        return app.export_screenshot(title="stride: training log")


def main(argv: list[str]) -> int:
    """Write the PNG (or, without librsvg, a pinned SVG beside where it would go)."""
    target = Path(argv[0]) if argv else ROOT / "docs" / "history.png"
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        os.environ["STRIDE_HOME"] = home  # a demo log, never the runner's own
        svg = pin_to_cells(asyncio.run(_screenshot()))
    converter = shutil.which("rsvg-convert")
    if converter is None:
        fallback = target.with_suffix(".svg")
        fallback.write_text(svg, encoding="utf-8")
        print(f"rsvg-convert (librsvg) not found: wrote {fallback}; open it in a browser")
        return 1
    with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8") as handle:
        handle.write(svg)
        handle.flush()
        subprocess.run([converter, handle.name, "-o", str(target)], check=True)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
