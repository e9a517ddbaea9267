"""Odd users and folders: a wide-open umask, folders that can't be made.

Whatever the umask, everything stride makes is the owner's alone: folders 0700, files
0600, the CSV export too. A folder that can't be made is named with what to set.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers.commands import assert_clean, run_stride

WIDE_OPEN = ("sh", "-c", 'umask 000; exec "$@"', "sh")
"""Run the rest under ``umask 000``."""


def _modes(top: Path) -> dict[str, int]:
    found: dict[str, int] = {}
    for folder, folders, files in os.walk(top):
        for name in [*folders, *files]:
            path = Path(folder, name)
            found[str(path.relative_to(top))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_make_folder_makes_every_missing_parent_private(tmp_path: Path) -> None:
    from stride_tui.files import make_folder, write_atomic

    old = os.umask(0)
    try:
        make_folder(tmp_path / "a" / "b" / "c")
        written = write_atomic(tmp_path / "a" / "b" / "c" / "file", b"x")
    finally:
        os.umask(old)
    assert _modes(tmp_path / "a") == {"b": 0o700, "b/c": 0o700, "b/c/file": 0o600}
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert written.read_bytes() == b"x"


def test_make_folder_leaves_existing_folders_and_refuses_a_file_in_the_way(
    tmp_path: Path,
) -> None:
    from stride_tui.files import make_folder

    (tmp_path / "shared").mkdir(mode=0o755)
    os.chmod(tmp_path / "shared", 0o755)
    make_folder(tmp_path / "shared" / "mine")
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o755
    (tmp_path / "file").write_text("")
    with pytest.raises(OSError):
        make_folder(tmp_path / "file" / "below")


def test_under_umask_000_everything_stride_makes_is_private(
    stride_home: Path, tmp_path: Path
) -> None:
    exports = tmp_path / "exports" / "csv"
    for argv in (
        ("new", "Morning flow"),
        ("schema", "--write"),
        ("list",),
        ("mark", "cadence", "170"),
        ("show", "pre-run-warmup"),
        ("log", "--csv", str(exports)),
        ("completion", "bash", "--install"),
    ):
        env = {"VISUAL": "true", "EDITOR": "true", "HOME": str(tmp_path / "home")}
        result = run_stride(*argv, cwd=tmp_path, env=env, prefix=WIDE_OPEN)
        assert result.returncode == 0, assert_clean(result)
    made = {**_modes(stride_home), **{f"csv/{k}": v for k, v in _modes(exports.parent).items()}}
    assert any(name.endswith("history.sqlite3") for name in made)
    assert any(name.endswith("markers.csv") for name in made)
    wrong = {
        name: oct(mode)
        for name, mode in made.items()
        if mode != (0o700 if (stride_home / name).is_dir() or name == "csv/csv" else 0o600)
    }
    assert stat.S_IMODE(stride_home.stat().st_mode) == 0o700
    assert not wrong, wrong
