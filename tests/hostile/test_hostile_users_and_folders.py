"""Odd users and folders: a wide-open umask, folders that can't be made.

Whatever the umask, everything stride makes is the owner's alone: folders 0700, files
0600, the CSV export too. A folder that can't be made is named with what to set.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.commands import assert_clean, run_stride
from tests.helpers.paths import FIXTURES

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


# -- another user: no home, unwritable folders, a runtime folder someone else made ------

NOBODY = 65534
NO_PASSWD = 54321
"""A uid with no entry in the password file, as a container's arbitrary user has."""


def _as(uid: int) -> tuple[str, ...]:
    return ("setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups")


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder another user can work in (pytest's own are the owner's alone)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("running as another user needs root and setpriv")
    folder = Path(tempfile.mkdtemp(prefix="stride-shared-"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _isolated(**variables: str) -> dict[str, str | None]:
    """No stride or XDG variable but those given."""
    names: tuple[str, ...] = (
        "HOME",
        "STRIDE_HOME",
        "STRIDE_CONFIG_DIR",
        "STRIDE_DATA_DIR",
        "STRIDE_CACHE_DIR",
    )
    names += ("STRIDE_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    names += ("XDG_RUNTIME_DIR", "TMPDIR")
    env: dict[str, str | None] = dict.fromkeys(names)
    env.update(variables)
    return env


@pytest.mark.parametrize(
    ("argv", "folder"),
    [(("locate",), "config"), (("list",), "config"), (("log",), "data"), (("new", "X"), "config")],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else v,
)
def test_a_user_without_a_home_is_told_what_to_set(
    argv: tuple[str, ...], folder: str, shared: Path
) -> None:
    result = run_stride(*argv, cwd=shared, env=_isolated(), prefix=_as(NO_PASSWD))
    errors = assert_clean(result)
    assert result.returncode == 1
    assert f"cannot tell where stride's {folder} folder goes: HOME is not set" in errors
    assert "set HOME to a folder you can write, or STRIDE_HOME" in errors


@pytest.mark.parametrize("argv", [("new", "Morning"), ("schema", "--write")], ids=" ".join)
def test_xdg_variables_naming_files_are_named(argv: tuple[str, ...], shared: Path) -> None:
    (shared / "a-file").write_text("")
    env = _isolated(HOME=str(shared), XDG_CONFIG_HOME=str(shared / "a-file"))
    result = run_stride(*argv, cwd=shared, env=env, prefix=_as(NOBODY))
    errors = assert_clean(result)
    assert result.returncode == 1
    assert f"cannot write {shared / 'a-file'}" in errors
    assert "a file stands where a folder should be" in errors
    assert "STRIDE_CONFIG_DIR or XDG_CONFIG_HOME for this one" in errors


@pytest.mark.parametrize("argv", [("new", "Morning"), ("schema", "--write")], ids=" ".join)
def test_an_unwritable_home_is_named(argv: tuple[str, ...], shared: Path) -> None:
    locked = shared / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    for env in (_isolated(HOME=str(locked)), _isolated(STRIDE_HOME=str(locked / "stride"))):
        result = run_stride(*argv, cwd=shared, env=env, prefix=_as(NOBODY))
        errors = assert_clean(result)
        assert result.returncode == 1
        assert f"cannot write {locked}" in errors
        assert "you may not write there" in errors


def test_a_runtime_folder_someone_else_made_costs_only_the_status_line(shared: Path) -> None:
    planted = shared / f"runtime-{NOBODY}"
    planted.mkdir(mode=0o777)
    planted.chmod(0o777)  # root's, and open to all: not to be trusted
    home = shared / "home"
    home.mkdir()
    os.chown(home, NOBODY, NOBODY)
    env = _isolated(HOME=str(home), TMPDIR=str(shared))
    result = run_stride(
        "run", str(FIXTURES / "tiny.yaml"), "--plain", "--mute", cwd=shared, env=env,
        prefix=_as(NOBODY),
    )  # fmt: skip
    output = assert_clean(result)
    assert result.returncode == 0, output
    assert "Routine finished" in output
    said = result.stderr.decode()
    assert said.count("`stride status` can't follow this session") == 1
    assert f"{planted} is owned by uid 0, not {NOBODY}" in said
    assert "set XDG_RUNTIME_DIR (or STRIDE_RUNTIME_DIR)" in said
    assert not any(planted.iterdir())  # nothing written into it
