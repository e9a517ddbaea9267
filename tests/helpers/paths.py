"""Where the project and the tests' own files are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The project's folder."""
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
"""Small routine files the tests play."""
BROKEN = TESTS / "broken"
"""The corpus of broken routine files, each with the problems it must report."""
LANGUAGE_SERVER = TESTS / "language_server"
"""The YAML language server's npm package, for the schema tests."""
