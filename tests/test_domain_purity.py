"""The domain packages (routine/, session/) never import Textual, directly or indirectly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "stride_tui"
DOMAIN = ("routine", "session")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_sources_do_not_name_textual_or_rich() -> None:
    files = [p for d in DOMAIN for p in (PACKAGE / d).glob("**/*.py")]
    assert files
    for path in files:
        bad = {n for n in _imports(path) if n.split(".")[0] in ("textual", "rich")}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_importing_every_domain_module_loads_no_textual() -> None:
    modules = [
        "stride_tui." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for d in DOMAIN
        for p in sorted((PACKAGE / d).glob("**/*.py"))
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
