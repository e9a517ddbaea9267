"""Layers: nothing outside ``tui/`` imports Textual or Rich, directly or indirectly, and
``tui/`` draws what the domain computes without reaching into the sound's tables."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "stride_tui"
UI = "tui"
UI_LIBRARIES = ("textual", "rich")
SOUND_TABLES = ("stride_tui.sound.chimes", "stride_tui.sound.fallbacks")
"""Which chime an event rings, and what the bell rings for: the sound's business. The UI
decides its flashes from ``session.alerts``, as the sound does."""


def _module(path: Path) -> str:
    return "stride_tui." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def _domain_files() -> list[Path]:
    return [p for p in sorted(PACKAGE.glob("**/*.py")) if p.relative_to(PACKAGE).parts[0] != UI]


def _imports(path: Path) -> set[str]:
    """Every module named in an import anywhere in ``path`` (inside functions too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def textual_imports(path: Path) -> set[str]:
    """The imports of Textual or Rich that ``path`` makes."""
    return {n for n in _imports(path) if n.split(".")[0] in UI_LIBRARIES}


def sound_table_imports(path: Path) -> set[str]:
    """The imports of the sound's tables that ``path`` makes."""
    return {n for n in _imports(path) if n.startswith(SOUND_TABLES)}


def test_the_domain_covers_every_module_outside_the_ui() -> None:
    modules = {_module(p) for p in _domain_files()}
    expected = {"routine", "session", "sound", "commands"}
    assert {m.split(".")[1] for m in modules} >= expected
    assert {"stride_tui.settings", "stride_tui.plain", "stride_tui.coaching.report"} <= modules
    assert not any(m.startswith(f"stride_tui.{UI}.") for m in modules)


@pytest.mark.parametrize("path", _domain_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_outside_the_ui_names_textual_or_rich(path: Path) -> None:
    assert not textual_imports(path), f"{path.relative_to(PACKAGE)} imports {textual_imports(path)}"


def test_importing_every_module_outside_the_ui_loads_no_textual() -> None:
    modules = [_module(p) for p in _domain_files() if p.name != "__main__.py"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {UI_LIBRARIES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / UI).glob("**/*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_the_ui_does_not_reach_into_the_sounds_tables(path: Path) -> None:
    assert not sound_table_imports(path), (
        f"{path.relative_to(PACKAGE)} imports {sound_table_imports(path)}: decide from"
        " stride_tui.session.alerts instead"
    )


def test_the_checks_see_an_import_in_the_wrong_place(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "def draw() -> None:\n"
        "    from textual.widgets import Static\n"
        "    from stride_tui.sound.chimes import chime_for_batch\n"
    )
    assert textual_imports(wrong) == {"textual.widgets", "textual.widgets.Static"}
    assert sound_table_imports(wrong) == {
        "stride_tui.sound.chimes",
        "stride_tui.sound.chimes.chime_for_batch",
    }
