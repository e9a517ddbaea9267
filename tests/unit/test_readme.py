"""The README leaves a runner what they need in its first screen; the detail is in docs/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = 24
"""Lines a runner sees before scrolling, in an 80x24 terminal."""


def test_the_first_screen_says_how_to_play_a_routine() -> None:
    first = "\n".join(README.splitlines()[:FIRST_SCREEN])
    assert "stride run pre" in first and "stride run post" in first
    # The Quick start: exactly two set-up commands, the app on the warm-up and the tests.
    quick = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    assert "make run" in first


def test_performance_and_development_live_in_docs_and_are_linked() -> None:
    assert "## Performance" not in README and "## Development" not in README
    assert len(README.split()) < 2500
    for page in ("docs/performance.md", "docs/development.md"):
        assert f"]({page})" in README
        assert (ROOT / page).is_file()
    assert "make bench" in (ROOT / "docs/performance.md").read_text(encoding="utf-8")
    assert "make test" in (ROOT / "docs/development.md").read_text(encoding="utf-8")


def test_every_relative_link_in_the_moved_pages_resolves() -> None:
    for page in ("README.md", "docs/performance.md", "docs/development.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)\)", text):
            assert ((ROOT / page).parent / target).exists(), (page, target)
