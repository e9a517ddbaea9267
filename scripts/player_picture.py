"""Make docs/player.png: the player mid-hold at 160x48, from the app's own SVG screenshot.

Needs ``rsvg-convert`` (Debian's librsvg2-bin) to turn the SVG into a PNG.

Usage: python -m scripts.player_picture [FOLDER]   (default: the repository's docs/)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (160, 48)
SECONDS_IN = 9.0
"""Where the picture is taken: 6 s into the couch stretch's left side."""


async def _screenshot(svg: Path) -> None:
    from stride_tui.services import build_services
    from stride_tui.session.clock import ManualClock
    from stride_tui.settings import Settings
    from stride_tui.tui.app import StrideApp

    clock = ManualClock(100.0)
    routine = str(ROOT / "tests" / "fixtures" / "short.yaml")
    services = build_services(settings=Settings(backend="none"), log=False, clock=clock)
    app = StrideApp(services, routine)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(int(SECONDS_IN * 2)):
            clock.advance(0.5)
            await pilot.pause()
        await pilot.pause(1.0)  # let the flash of the last change end
        app.save_screenshot(filename=svg.name, path=str(svg.parent))


def main(folder: Path) -> Path:
    """Write ``player.png`` into ``folder`` and return its path."""
    converter = shutil.which("rsvg-convert")
    if converter is None:
        raise SystemExit("rsvg-convert is missing: apt-get install librsvg2-bin")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["STRIDE_HOME"] = scratch  # leave the real settings alone
        svg = Path(scratch) / "player.svg"
        asyncio.run(_screenshot(svg))
        png = folder / "player.png"
        subprocess.run([converter, "--zoom", "1", str(svg), "-o", str(png)], check=True)
    return png


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
