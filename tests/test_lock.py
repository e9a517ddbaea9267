"""The locked test environment: one uv, named the same in every place that names it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_uv_the_makefile_installs_is_the_one_pyproject_requires() -> None:
    required = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["uv"]
    pinned = re.findall(r"^uv==(\S+)", (ROOT / "requirements-uv.txt").read_text(), re.M)
    assert [f"=={version}" for version in pinned] == [required["required-version"]]


def test_the_lock_covers_every_supported_python_and_the_dev_group() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert lock["requires-python"] == project["requires-python"]
    (stride,) = [p for p in lock["package"] if p["name"] == "stride-tui"]
    assert set(stride["dev-dependencies"]) >= {"dev", "bench"}
    unhashed = [
        p["name"]
        for p in lock["package"]
        if p["name"] != "stride-tui"
        and not all("hash" in w for w in [*p.get("wheels", []), p.get("sdist", {"hash": ""})])
    ]
    assert unhashed == []
