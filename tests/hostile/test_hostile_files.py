"""Special files where routines are expected: each gets a clear message, never a hang.

A FIFO, a link to ``/dev/zero``, a folder named like a routine, a link loop, a dangling
link and an unreadable file are fed to ``stride check``, ``stride show``, ``stride list``
and the loader behind the picker (and its live reload), each as a real process under a
time limit, since a hang is the failure being tested for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.files import ReadFailure, Unusable, read_regular, write_atomic
from stride_tui.routine.loader import load_routine
from stride_tui.routine.problems import RoutineError
from tests.helpers.components import require

LIMIT = 20.0
"""Seconds a command may take before it counts as hung (start-up included, on a slow CI)."""

VALID = dedent("""\
    name: Fine
    steps:
      - {name: A, time: 30s}
    """)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.yaml").write_text(VALID, encoding="utf-8")


def _loop(path: Path) -> None:
    other = path.with_name("other-half.yml.link")
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("gone.yaml")


def _unreadable(path: Path) -> None:
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0)


SPECIAL: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "cannot read the file: it is a named pipe (FIFO), not a file"),
    "zero": (_zero, "cannot read the file: it is a device, not a file"),
    "folder": (_folder, "cannot read the file: it is a folder, not a file"),
    "loop": (_loop, "cannot read the file: it is a symbolic link loop"),
    "dangling": (
        _dangling,
        "cannot read the file: it is a symbolic link to gone.yaml, which does not exist",
    ),
    "unreadable": (_unreadable, "cannot read the file: permission denied"),
}


def _prefix() -> list[str]:
    """As root, run without the rights that read any file (CI runs tests as root)."""
    if os.geteuid() != 0:
        return []
    require(shutil.which("setpriv") is not None, "setpriv (util-linux) drops root's rights")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def _stride(*argv: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``stride`` as a real process, without root's power to read any file."""
    command = [*_prefix(), sys.executable, "-m", "stride_tui", *argv]
    environment = {**os.environ, "STRIDE_HOME": str(home), "PYTHONPATH": str(Path.cwd())}
    started = time.monotonic()
    try:
        result = subprocess.run(
            command,
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=LIMIT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`stride {' '.join(argv)}` hung for {LIMIT:g} s")
    assert time.monotonic() - started < LIMIT
    return result


@pytest.fixture(params=sorted(SPECIAL))
def special(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    """A special file named ``<kind>.yaml`` in a folder of its own, and its message."""
    make, message = SPECIAL[request.param]
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / f"{request.param}.yaml"
    make(path)
    return path, message


def test_check_names_what_the_file_is(special: tuple[Path, str], stride_home: Path) -> None:
    path, message = special
    result = _stride("check", path.name, cwd=path.parent, home=stride_home)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{path.name}:1:1: {message}")
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "1 of 1 file failed (1 problem)"


def test_show_names_what_the_file_is(special: tuple[Path, str], stride_home: Path) -> None:
    path, message = special
    result = _stride("show", f"./{path.name}", cwd=path.parent, home=stride_home)
    assert result.returncode == 1
    assert result.stderr.startswith(f"stride: {path.name}:1:1: {message}")
    assert f"{path.name} has problems; fix them and try again" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_shows_the_file_as_a_broken_routine(
    special: tuple[Path, str], stride_home: Path, tmp_path: Path
) -> None:
    path, message = special
    routines = locations.user_routines_dir()
    routines.parent.mkdir(parents=True)
    path.parent.rename(routines)
    rid = path.stem
    result = _stride("list", cwd=tmp_path, home=stride_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split()[:3] == [rid, rid, "invalid"] for line in lines)
    assert f"{rid} has 1 problem:" in lines
    assert f"  {routines / path.name}:1:1: {message}" in "\n".join(lines)
    assert "pre-run-warmup" in result.stdout  # the rest of the library still lists
    again = _stride("list", cwd=tmp_path, home=stride_home)  # now through the summary cache
    assert again.stdout == result.stdout


LOADER = """
import sys
from stride_tui.routine.library import discover, summaries
found = summaries(discover())
for rid, summary in found.items():
    if summary.problems:
        print(rid, summary.problems[0])
"""


def test_the_pickers_loader_reports_each_file_without_hanging(
    stride_home: Path, tmp_path: Path
) -> None:
    """``summaries`` is what the picker loads, and what its live reload calls again."""
    routines = locations.user_routines_dir()
    routines.mkdir(parents=True)
    for kind, (make, _) in SPECIAL.items():
        make(routines / f"{kind}.yaml")
    (routines / "fine.yaml").write_text(VALID, encoding="utf-8")
    result = subprocess.run(
        [*_prefix(), sys.executable, "-c", LOADER],
        cwd=tmp_path,
        env={**os.environ, "STRIDE_HOME": str(stride_home), "PYTHONPATH": str(Path.cwd())},
        capture_output=True,
        text=True,
        timeout=LIMIT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    reported = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert set(reported) == set(SPECIAL)
    for kind, (_, message) in SPECIAL.items():
        assert reported[kind].startswith(f"{routines / kind}.yaml:1:1: {message}")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(5_000_000_000)  # sparse: 5 GB that would take seconds to read
    started = time.monotonic()
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert time.monotonic() - started < 1.0
    assert str(caught.value) == (
        f"{path}:1:1: the file is 5,000,000,000 bytes; a routine file is at most 1,000,000"
    )


def test_a_file_that_grows_past_the_limit_is_not_read_beyond_it(tmp_path: Path) -> None:
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 10)
    with pytest.raises(ReadFailure) as caught:
        read_regular(path, 5)
    assert caught.value.why is Unusable.TOO_LARGE


def test_a_routine_saved_through_a_symbolic_link_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "mine.yaml"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "mine.yaml"
    link.symlink_to(real)
    assert write_atomic(link, b"new") == real
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in real.parent.iterdir()) == ["mine.yaml"]  # no temporary left


def test_an_exclusive_write_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "taken.yaml"
    path.write_text("keep", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(path, b"new", exclusive=True)
    assert path.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.yaml"]
