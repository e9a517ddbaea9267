"""Shared fixtures: an isolated user home for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def stride_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own empty user folders; nothing touches the real ones."""
    home = tmp_path / "stride-home"
    monkeypatch.setenv("STRIDE_HOME", str(home))
    for name in ("STRIDE_CONFIG_DIR", "STRIDE_DATA_DIR", "STRIDE_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    yield home
