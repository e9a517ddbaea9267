"""Settings nested far too deep, CSV exports where they cannot or should not go, formula
cells, future marker days, and files written whole or not at all."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from stride_tui import locations
from stride_tui.cli import main
from stride_tui.log.export import EXPORTS, ExportRefused, export_csv
from stride_tui.log.markers import check_day
from stride_tui.log.opening import open_training_log
from stride_tui.settings import load_settings, parse_settings
from stride_tui.settings_file import MAX_TOML_DEPTH
from tests.helpers.components import require
from tests.helpers.paths import ROOT


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- settings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[sound]\nvolume = 0.5\nx = " + "[" * 500 + "]" * 500 + "\n", (3, 5 + MAX_TOML_DEPTH)),
        ("a = " + "{b = " * 500 + "1" + "}" * 500 + "\n", (1, 5 + 5 * MAX_TOML_DEPTH)),
        (
            's = """[[[\n' + "[" * 600 + '"""\n# ' + "{" * 600 + "\nv = " + "[" * 30,
            (4, 5 + MAX_TOML_DEPTH),
        ),
    ],
    ids=["arrays", "inline-tables", "brackets-in-strings-and-comments"],
)
def test_settings_nested_500_deep_give_a_located_message(text: str, where: tuple[int, int]) -> None:
    settings, problems = parse_settings(text)
    assert [(p.line, p.column) for p in problems] == [where]
    assert problems[0].message == (
        f"nested more than {MAX_TOML_DEPTH} levels deep (settings need one);"
        " using the default settings"
    )
    assert settings.volume == 0.8


def test_stride_settings_reports_a_deep_file_without_a_traceback(tmp_path: Path) -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    path.write_text("v = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "stride_tui", "settings"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path}:1:{5 + MAX_TOML_DEPTH}: nested more than" in result.stdout


def test_a_settings_file_that_is_a_fifo_is_reported_not_read() -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    loaded = load_settings()
    assert [p.message for p in loaded.problems] == [
        "cannot read the file: it is a named pipe (FIFO), not a file; using the default settings"
    ]


# -- CSV export ----------------------------------------------------------------------


def _log_with_formulas() -> None:
    history = open_training_log()
    started = datetime(2026, 11, 2, 7, tzinfo=UTC)
    for offset, name in enumerate(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTab", "\rCR", "Fine"]):
        history.start_session(
            routine_id=f"r{offset}",
            routine_name=name,
            routine_kind="warm-up",
            content_hash="x",
            level="standard",
            steps=[(f'=HYPERLINK("http://x","{offset}")', False)],
            planned_seconds=60.0,
            started=started + timedelta(days=offset),
        )
    history.add_marker("cadence", -1.5 + 172, "=cmd|' /C calc'!A0", started)
    history.close()


def test_csv_cells_never_run_as_formulas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _log_with_formulas()
    code, out, err = _run(capsys, "log", "--csv", str(tmp_path / "export"))
    assert code == 0, err
    assert out.splitlines() == [str(tmp_path / "export" / name) for name in EXPORTS]
    with (tmp_path / "export" / "sessions.csv").open(encoding="utf-8", newline="") as handle:
        names = [row["routine"] for row in csv.DictReader(handle)]
    assert names == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\\tTab", "'\\rCR", "Fine"]
    with (tmp_path / "export" / "steps.csv").open(encoding="utf-8", newline="") as handle:
        assert all(row["name"].startswith("'=HYPERLINK") for row in csv.DictReader(handle))
    with (tmp_path / "export" / "markers.csv").open(encoding="utf-8", newline="") as handle:
        (marker,) = csv.DictReader(handle)
    assert marker["note"] == "'=cmd|' /C calc'!A0"
    assert marker["value"] == "170.5"  # numbers stay numbers
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == sorted(EXPORTS)


def test_csv_export_refuses_a_path_that_is_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep", encoding="utf-8")
    code, out, err = _run(capsys, "log", "--csv", str(target))
    assert code == 1
    assert out == ""
    assert err == (
        f"stride: {target} is a file, not a folder; give a folder to write the CSV into\n"
    )
    assert target.read_text(encoding="utf-8") == "keep"


def test_csv_export_refuses_to_overwrite_unless_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _log_with_formulas()
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "steps.csv").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "log", "--csv", str(folder))
    assert code == 1
    assert err == (
        f"stride: {folder} already holds steps.csv; add --force to replace them, or choose"
        " another folder\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["steps.csv"]
    assert (folder / "steps.csv").read_text(encoding="utf-8") == "mine"
    code, out, _ = _run(capsys, "log", "--csv", str(folder), "--force")
    assert code == 0
    assert len(out.splitlines()) == len(EXPORTS)
    assert (folder / "steps.csv").read_text(encoding="utf-8").startswith("session_id,")
    assert sorted(p.name for p in folder.iterdir()) == sorted(EXPORTS)  # no temporaries


def test_csv_export_to_an_unwritable_folder_says_so(tmp_path: Path) -> None:
    """Run without root's override, as a runner would meet it."""
    _log_with_formulas()
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    prefix: list[str] = []
    if os.geteuid() == 0:
        require(shutil.which("setpriv") is not None, "setpriv (util-linux) drops root's rights")
        prefix = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "stride_tui", "log", "--csv", str(folder)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"stride: the folder {folder} is not writable; choose a folder you can write\n"
    )
    assert list(folder.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _log_with_formulas()
    folder = tmp_path / "export"
    history = open_training_log()

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportRefused, match=r"cannot write .*sessions\.csv: No space left"):
        export_csv(history, folder)
    history.close()
    assert list(folder.iterdir()) == []


# -- markers and the schema ----------------------------------------------------------------


def test_a_marker_day_after_today_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    tomorrow = date.today() + timedelta(days=1)
    code, out, err = _run(capsys, "mark", "cadence", "170", "--date", tomorrow.isoformat())
    assert code == 1
    assert out == ""
    assert err == (
        f"stride: {tomorrow.isoformat()} is after today ({date.today().isoformat()}); give the"
        " day it was measured, or leave out --date for today\n"
    )
    code, _, _ = _run(capsys, "mark", "cadence", "170", "--date", date.today().isoformat())
    assert code == 0
    history = open_training_log()
    assert [m.day for m in history.markers()] == [date.today().isoformat()]
    history.close()
    assert check_day(date(9999, 12, 31), date(2026, 11, 22)) is not None
    assert check_day(date(2026, 11, 22), date(2026, 11, 22)) is None


def test_schema_write_replaces_the_file_whole_and_keeps_a_link(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    real = tmp_path / "dotfiles" / "routine.schema.json"
    real.parent.mkdir()
    real.write_text("{}", encoding="utf-8")
    link = locations.schema_file()
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    code, out, _ = _run(capsys, "schema", "--write")
    assert code == 0
    assert out.strip() == str(link)
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["title"] == "stride-tui routine"
    assert sorted(p.name for p in real.parent.iterdir()) == ["routine.schema.json"]
