"""Layers: the import-linter contracts in pyproject.toml state them; these tests add what a
contract cannot say: no import cycle anywhere in ``stride_tui``, the contract's list of
modules outside ``tui/`` is complete, and importing them loads no Textual."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import grimp

from tests.helpers.paths import ROOT

PACKAGE = ROOT / "stride_tui"
UI = "stride_tui.tui"
UI_LIBRARIES = ("textual", "rich")


def import_graph() -> grimp.ImportGraph:
    """Every import between the modules of ``stride_tui`` (inside functions too)."""
    return grimp.build_graph("stride_tui", cache_dir=None)


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Each group of modules that import each other in a circle, as the circle's path.

    Tarjan's strongly connected components over the direct imports; a group of two or
    more modules (or one that imports itself) is a cycle.
    """
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:  # recursion depth is bounded by the chain of imports
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in graph.modules or graph.is_module_squashed(imported):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or graph.direct_import_exists(importer=module, imported=module):
                groups.append(sorted(group))

    for module in modules:
        if module.startswith("stride_tui") and module not in index:
            visit(module)
    return [_circle(graph, group) for group in groups]


def _circle(graph: grimp.ImportGraph, group: list[str]) -> list[str]:
    """One circle through ``group``'s first module: it, what it imports, ..., it again."""
    first = group[0]
    for imported in sorted(graph.find_modules_directly_imported_by(first)):
        if imported in group:
            back = graph.find_shortest_chain(importer=imported, imported=first)
            if back is not None:
                return [first, *back]
    return [first, first]


def test_no_module_of_stride_tui_is_in_an_import_cycle() -> None:
    cycles = import_cycles(import_graph())
    assert cycles == [], "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_cycle_check_finds_an_added_circle() -> None:
    graph = import_graph()
    graph.add_import(importer="stride_tui.session.engine", imported="stride_tui.live.driver")
    cycles = import_cycles(graph)
    assert len(cycles) == 1
    (circle,) = cycles
    assert circle[0] == circle[-1]
    assert {"stride_tui.session.engine", "stride_tui.live.driver"} <= set(circle)


def test_the_screens_never_import_the_app() -> None:
    graph = import_graph()
    screens = graph.find_children(UI) - {f"{UI}.app"}
    assert not [s for s in screens if graph.direct_import_exists(importer=s, imported=f"{UI}.app")]


def _outside_the_ui() -> list[str]:
    names = sorted(
        f"stride_tui.{path.stem if path.is_file() else path.name}"
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem not in ("__init__", "__main__"))
        or (path.is_dir() and (path / "__init__.py").exists())
    )
    return [name for name in names if name != UI]


def test_the_contract_on_textual_covers_every_module_outside_the_ui() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    (textual,) = [c for c in contracts if "textual" in c.get("forbidden_modules", [])]
    assert sorted(textual["source_modules"]) == _outside_the_ui()
    assert set(UI_LIBRARIES) <= set(textual["forbidden_modules"])


def test_importing_every_module_outside_the_ui_loads_no_textual() -> None:
    modules = sorted(
        module
        for module in import_graph().modules
        if module.startswith("stride_tui")
        and not module.startswith(UI)
        and module != "stride_tui.__main__"
    )
    assert len(modules) > 50
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {UI_LIBRARIES!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
