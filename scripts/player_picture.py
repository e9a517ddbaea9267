"""Make docs/player.png: the player mid-hold at 160x48, from the app's own SVG screenshot.

Rendered by ``scripts.screenshots`` (needs ``rsvg-convert``, Debian's librsvg2-bin).

Usage: python -m scripts.player_picture [FOLDER]   (default: the repository's docs/; run
it from a checkout, as it uses the tests' app helpers)
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from scripts.screenshots import write_png

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 48)
SECONDS_IN = 9.0
"""Where the picture is taken: 6 s into the couch stretch's left side."""


async def _screenshot(svg: Path) -> None:
    from tests.helpers.tui import advance, app_on, settle

    app, clock = app_on(str(ROOT / "tests" / "fixtures" / "short.yaml"), logged=False)
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, SECONDS_IN)
        await settle(pilot)  # let the flash of the last change end
        app.save_screenshot(filename=svg.name, path=str(svg.parent))


def main(folder: Path) -> Path:
    """Write ``player.png`` into ``folder`` and return its path."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["STRIDE_HOME"] = scratch  # leave the real settings alone
        svg = Path(scratch) / "player.svg"
        asyncio.run(_screenshot(svg))
        return write_png(svg.read_text(encoding="utf-8"), folder / "player.png")


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
