"""Shared fixtures: an isolated user home, and the rule for missing real components."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(available: bool, reason: str) -> None:
    """Skip locally when a real component is missing; in CI, fail instead."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def stride_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own empty user folders; nothing touches the real ones."""
    home = tmp_path / "stride-home"
    monkeypatch.setenv("STRIDE_HOME", str(home))
    for name in ("STRIDE_CONFIG_DIR", "STRIDE_DATA_DIR", "STRIDE_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    yield home
