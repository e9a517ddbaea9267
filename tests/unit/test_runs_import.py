"""Importing files and folders: one line per file, nothing lost, nothing twice."""

from __future__ import annotations

import gzip
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from stride_tui.runs.importing import dedup, find_files, import_paths
from stride_tui.runs.outcomes import Outcome, Status
from stride_tui.runs.reading import MAX_RUN_BYTES, read_run_file
from tests.unit.runs_helpers import FileType, RunSpec, Sport, fit_bytes, write_fit


def mixed_folder(root: Path) -> dict[str, Status]:
    """A folder of every kind of file, and the status each must get."""
    (root / "2026" / "11").mkdir(parents=True)
    base = RunSpec()
    run = fit_bytes(base)
    write_fit(root / "run.fit", base)
    write_fit(root / "2026" / "11" / "trail.FIT", RunSpec(start=base.start + timedelta(days=1)))
    (root / "2026" / "11" / "packed.fit.gz").write_bytes(
        gzip.compress(fit_bytes(RunSpec(start=base.start + timedelta(days=2))))
    )
    write_fit(root / "nocadence.fit", RunSpec(start=base.start + timedelta(days=3), cadence=False))
    write_fit(root / "ride.fit", RunSpec(start=base.start + timedelta(days=4), sport=Sport.CYCLING))
    write_fit(root / "walk.fit", RunSpec(start=base.start + timedelta(days=5), sport=Sport.WALKING))
    write_fit(root / "monitor.fit", RunSpec(file_type=FileType.MONITORING_B))
    (root / "cut.fit").write_bytes(run[:768])
    damaged = bytearray(run)
    damaged[500] ^= 1
    (root / "crc.fit").write_bytes(bytes(damaged))
    (root / "empty.fit").write_bytes(b"")
    (root / "notfit.fit").write_bytes(b"PK\x03\x04 a zip file, really")
    (root / "copy-of-run.fit").write_bytes(run)
    (root / "notes.txt").write_text("not a run file, and not looked at in a folder")
    return {
        "2026/11/packed.fit.gz": Status.IMPORTED,
        "2026/11/trail.FIT": Status.IMPORTED,
        "copy-of-run.fit": Status.IMPORTED,
        "crc.fit": Status.DAMAGED,
        "cut.fit": Status.DAMAGED,
        "empty.fit": Status.DAMAGED,
        "monitor.fit": Status.SKIPPED,
        "nocadence.fit": Status.IMPORTED,
        "notfit.fit": Status.DAMAGED,
        "ride.fit": Status.SKIPPED,
        "run.fit": Status.DUPLICATE,  # the same bytes as copy-of-run.fit, found first
        "walk.fit": Status.SKIPPED,
    }


def statuses(outcomes: list[Outcome], root: Path) -> dict[str, Status]:
    return {o.path.relative_to(root).as_posix(): o.status for o in outcomes}


def test_a_mixed_folder_gives_each_file_its_one_line(tmp_path: Path) -> None:
    expected = mixed_folder(tmp_path)
    outcomes = list(import_paths([tmp_path]))
    assert statuses(outcomes, tmp_path) == expected
    assert [o.path.relative_to(tmp_path).as_posix() for o in outcomes] == sorted(
        expected, key=lambda name: tuple(name.split("/"))
    )
    lines = {o.path.name: o.line() for o in outcomes}
    assert lines["ride.fit"].endswith("ride.fit: a cycling activity, not a run; skipped")
    assert lines["cut.fit"].endswith("cut.fit: cut short at byte 768; nothing imported")
    assert lines["empty.fit"].endswith("empty.fit: empty (0 bytes); nothing imported")
    assert "no cadence in this file" in lines["nocadence.fit"]
    assert "already imported (the same file); nothing added" in lines["run.fit"]
    assert "checksum" in lines["crc.fit"]
    for line in lines.values():
        assert "\x1b" not in line and "\x07" not in line  # the device's name is escaped
    assert "Forerunner \\x1b]0;pwned\\x07945" in lines["copy-of-run.fit"]


def test_a_second_import_adds_nothing(tmp_path: Path) -> None:
    mixed_folder(tmp_path)
    first = list(import_paths([tmp_path]))
    known = frozenset(
        key
        for o in first
        if o.status is Status.IMPORTED and o.run
        for key in o.run.identity.dedup_keys()
    )
    again = list(import_paths([tmp_path], known))
    assert not [o for o in again if o.status is Status.IMPORTED]
    assert [o.path for o in again] == [o.path for o in first]
    assert {o.status for o in again} == {Status.DUPLICATE, Status.SKIPPED, Status.DAMAGED}


def test_the_same_start_and_device_in_another_file_is_a_duplicate(tmp_path: Path) -> None:
    write_fit(tmp_path / "a.fit", RunSpec(seconds=300))
    write_fit(tmp_path / "b.fit", RunSpec(seconds=301))  # other bytes, same start and watch
    write_fit(tmp_path / "c.fit", RunSpec(seconds=300, serial=7))  # another watch
    outcomes = list(import_paths([tmp_path]))
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.DUPLICATE, Status.IMPORTED]
    assert outcomes[1].line() == (
        f"{tmp_path / 'b.fit'}: already imported (the same start and device); nothing added"
    )


def test_dedup_is_pure_over_the_known_set(tmp_path: Path) -> None:
    path = write_fit(tmp_path / "a.fit")
    result = read_run_file(path)
    known = frozenset({"sha256:elsewhere"})
    once = list(dedup([(path, result)], known))
    assert once == list(dedup([(path, result)], known))
    assert known == frozenset({"sha256:elsewhere"})
    assert once[0].status is Status.IMPORTED


def test_files_are_named_as_given_and_read_once(tmp_path: Path) -> None:
    path = write_fit(tmp_path / "activity.bin")
    (tmp_path / "notes.txt").write_text("hello")
    outcomes = list(import_paths([path, tmp_path / "notes.txt", path, tmp_path / "missing.fit"]))
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.SKIPPED, Status.DAMAGED]
    assert outcomes[2].line().endswith("missing.fit: there is no such file; nothing imported")
    assert list(find_files([tmp_path])) == []  # neither name is a run file's


def test_a_folder_link_loop_does_not_trap_the_walk(tmp_path: Path) -> None:
    write_fit(tmp_path / "a.fit")
    os.symlink(tmp_path, tmp_path / "loop")
    assert [p.name for p in find_files([tmp_path])] == ["a.fit"]


def test_exactly_the_size_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    data = fit_bytes(RunSpec(seconds=60))
    path = tmp_path / "run.fit"
    path.write_bytes(data)
    assert read_run_file(path, limit=len(data)).__class__.__name__ == "Run"
    too_big = read_run_file(path, limit=len(data) - 1)
    assert too_big.__class__.__name__ == "Damaged"
    assert f"it is {len(data):,} bytes; at most {len(data) - 1:,} are read" in str(too_big)
    assert MAX_RUN_BYTES == 64 * 1024 * 1024


def test_a_gzip_bomb_is_not_unpacked_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.fit.gz"
    path.write_bytes(gzip.compress(bytes(10_000_000)))
    result = read_run_file(path, limit=1_000_000)
    assert "unpacks to more than 1,000,000 bytes" in str(result)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.fit")
    (outcome,) = import_paths([tmp_path / "pipe.fit"])
    assert outcome.line().endswith("it is a named pipe (FIFO), not a file; nothing imported")


def test_a_hostile_file_name_is_escaped(tmp_path: Path) -> None:
    source = write_fit(tmp_path / "a.fit", RunSpec(sport=Sport.CYCLING))
    hostile = tmp_path / "evil\x1b[2J.fit"
    shutil.copy(source, hostile)
    (outcome,) = import_paths([hostile])
    assert "\x1b" not in outcome.line() and "evil\\x1b[2J.fit" in outcome.line()


def test_importing_the_package_does_not_load_the_decoder() -> None:
    import subprocess
    import sys

    code = (
        "import sys, stride_tui.runs.importing, stride_tui.runs.controlled,"
        " stride_tui.runs.summary; print('garmin_fit_sdk' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"  # start-up stays fast; reading a file loads it
