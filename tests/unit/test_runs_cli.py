"""``stride runs``: import, list and export against a real log, in-process like test_cli."""

from __future__ import annotations

import csv
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from stride_tui import locations
from stride_tui.cli import main
from stride_tui.coaching.settings import parse_coaching, parse_pace
from stride_tui.log.opening import open_training_log
from stride_tui.log.runs import run_rows
from tests.unit.runs_helpers import RunSpec, write_fit
from tests.unit.test_runs_import import mixed_folder


def lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()


# -- stride runs import ----------------------------------------------------------------


def test_a_mixed_folder_gets_one_line_per_file_and_a_second_import_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = mixed_folder(tmp_path / "watch")
    assert main(["runs", "import", str(tmp_path / "watch")]) == 1  # damaged files were named
    first = lines(capsys)
    assert len(first) == len(expected) + 1
    assert first[-1] == "4 imported, 1 already there, 3 skipped, 4 damaged"
    shown = {line.split(": ", 1)[0].split("watch/", 1)[1]: line for line in first[:-1]}
    assert sorted(shown) == sorted(expected)
    assert shown["cut.fit"].endswith("cut.fit: cut short at byte 768; nothing imported")
    assert shown["ride.fit"].endswith("ride.fit: a cycling activity, not a run; skipped")
    assert "no cadence in this file" in shown["nocadence.fit"]
    assert "\x1b" not in "".join(first)  # the device's name is made visible
    history = open_training_log()
    rows = run_rows(history)
    assert len(rows) == 4
    # Each run with cadence has its two markers, naming it; the one without has none.
    by_run = {(m.run_id, m.kind) for m in history.markers()}
    with_figure = [r.id for r in rows if r.ref_step_length_m is not None]
    assert len(with_figure) == 3
    assert by_run == {(i, k) for i in with_figure for k in ("stride-length", "cadence")}
    history.close()

    assert main(["runs"]) == 0
    listed = lines(capsys)
    assert len(listed) == 5 and "\x1b" not in "".join(listed)  # the device made visible
    assert "Forerunner \\x1b]0;pwned\\x07945" in listed[1]

    assert main(["runs", "import", str(tmp_path / "watch")]) == 1
    again = lines(capsys)
    assert again[-1] == "0 imported, 5 already there, 3 skipped, 4 damaged"
    history = open_training_log()
    assert len(run_rows(history)) == 4
    assert len(history.markers()) == 6
    history.close()


def test_the_same_start_and_device_from_another_file_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fit(tmp_path / "a.fit", RunSpec())
    write_fit(tmp_path / "b.fit", RunSpec(seconds=601))  # other bytes, the same activity
    assert main(["runs", "import", str(tmp_path / "a.fit")]) == 0
    assert main(["runs", "import", str(tmp_path / "b.fit")]) == 0
    out = lines(capsys)
    assert out[-2].endswith("b.fit: already imported (the same start and device); nothing added")
    history = open_training_log()
    assert len(run_rows(history)) == 1
    history.close()


def test_figures_are_taken_at_the_reference_pace_and_hand_markers_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mark", "stride-length", "1.32", "--note", "by hand"]) == 0
    locations.config_file().parent.mkdir(parents=True, exist_ok=True)
    locations.config_file().with_name("coaching.toml").write_text('reference_pace = "5:30"\n')
    # 3.03 m/s is 5:30/km; the step is 1.10 m at any speed written.
    write_fit(tmp_path / "run.fit", RunSpec(seconds=1200, speed=3.03, step_mm=1100.0))
    assert main(["runs", "import", str(tmp_path)]) == 0
    capsys.readouterr()
    history = open_training_log()
    (row,) = run_rows(history)
    assert row.reference_pace_s_per_km == 330
    assert row.ref_step_length_m == pytest.approx(1.10, abs=0.01)
    assert row.ref_cadence_spm == pytest.approx(3.03 / 1.10 * 60, abs=0.5)
    kinds = [(m.kind, m.run_id, m.note) for m in history.markers()]
    assert ("stride-length", None, "by hand") in kinds
    assert ("stride-length", row.id, "1.10 m, 165 spm at 5:30/km") in kinds
    history.close()
    assert main(["runs"]) == 0
    listed = lines(capsys)
    assert listed[0] == "Reference pace: 5:30/km (reference_pace in coaching.toml)"
    assert "1.10 m, 165 spm at 5:30/km" in listed[1]


def test_the_default_reference_pace_is_the_median_of_the_last_12_weeks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["runs"]) == 0
    assert lines(capsys)[0] == "Reference pace: none yet (no runs in the last 12 weeks)"
    from stride_tui.log.store import now

    today = now().replace(microsecond=0)
    for n, speed in enumerate((2.8, 3.0, 3.2)):
        start = today - timedelta(days=n + 1)
        write_fit(tmp_path / f"{n}.fit", RunSpec(start=start, seconds=900, speed=speed))
    old = today - timedelta(weeks=12, days=1)  # one past the 12 weeks: not counted
    write_fit(tmp_path / "old.fit", RunSpec(start=old, seconds=900, speed=1.5))
    assert main(["runs", "import", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["runs"]) == 0
    listed = lines(capsys)
    assert listed[0] == "Reference pace: 5:33/km (the median of your runs over the last 12 weeks)"
    assert len(listed) == 5


def test_a_reference_pace_setting_is_checked_at_its_limits() -> None:
    assert parse_pace("2:00") == 120 and parse_pace("15:00/km") == 900
    assert parse_pace("1:59") is None and parse_pace("15:01") is None
    assert parse_pace("5:60") is None and parse_pace("fast") is None
    coaching, problems = parse_coaching('reference_pace = "5:3"\n')
    assert coaching.reference_pace_s_per_km is None
    assert "is not a pace from 2:00 to 15:00 per km" in problems[0].message


# -- stride runs --csv -----------------------------------------------------------------


def test_runs_csv_is_private_whole_and_never_a_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    write_fit(tmp_path / "in" / "run.fit", RunSpec())
    assert main(["runs", "import", str(tmp_path / "in")]) == 0
    history = open_training_log()
    history.db.execute("UPDATE runs SET device = '=HYPERLINK(\"x\")'")
    history.close()
    assert main(["runs", "--csv", str(tmp_path / "out")]) == 0
    path = tmp_path / "out" / "runs.csv"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (row,) = list(csv.DictReader(path.open()))
    assert row["device"] == '\'=HYPERLINK("x")'
    assert float(row["step_length_m"]) == pytest.approx(1.05, abs=0.01)
    assert float(row["cadence_spm"]) == pytest.approx(171.4, abs=0.5)
    capsys.readouterr()
    assert main(["runs", "--csv", str(tmp_path / "out")]) == 1  # already there
    assert "already holds runs.csv; add --force" in capsys.readouterr().err
    assert main(["runs", "--csv", str(tmp_path / "out"), "--force"]) == 0


def test_a_run_stored_meanwhile_by_another_import_is_not_added_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_fit(tmp_path / "run.fit", RunSpec())
    assert main(["runs", "import", str(tmp_path)]) == 0
    capsys.readouterr()
    # As if another `stride runs import` stored it after this one read the known keys.
    monkeypatch.setattr("stride_tui.log.runs.known_run_keys", lambda history: frozenset())
    assert main(["runs", "import", str(tmp_path)]) == 0
    out = lines(capsys)
    assert out[0].endswith("run.fit: already imported; nothing added")
    assert out[-1] == "0 imported, 1 already there, 0 skipped, 0 damaged"
    history = open_training_log()
    assert len(run_rows(history)) == 1 and len(history.markers()) == 2
    history.close()


def test_mark_takes_a_side_and_ankle_dorsiflexion_in_cm(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mark", "ankle-dorsiflexion", "9.5", "--side", "left"]) == 0
    assert main(["mark", "ankle-dorsiflexion", "25"]) == 0  # at the limit
    assert main(["mark", "ankle-dorsiflexion", "25.1"]) == 1  # one past it
    out, err = capsys.readouterr()
    assert "logged ankle dorsiflexion (left): 9.5 cm on " in out
    assert "25.1 cm is not a plausible ankle dorsiflexion; expected 0 to 25 cm" in err
    history = open_training_log()
    assert [(m.value, m.side) for m in history.markers()] == [(9.5, "left"), (25.0, None)]
    history.close()


def test_the_log_export_holds_the_runs_and_the_markers_sides_and_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    write_fit(tmp_path / "in" / "run.fit", RunSpec(seconds=900))
    assert main(["runs", "import", str(tmp_path / "in")]) == 0
    assert main(["mark", "hip-extension", "14", "--side", "right"]) == 0
    assert main(["log", "--csv", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    (run,) = list(csv.DictReader((tmp_path / "out" / "runs.csv").open()))
    assert run["sport"] == "running" and float(run["distance_m"]) == pytest.approx(2700, abs=1)
    markers = list(csv.DictReader((tmp_path / "out" / "markers.csv").open()))
    assert sorted((m["kind"], m["side"], m["run_id"]) for m in markers) == [
        ("cadence", "", run["id"]),
        ("hip-extension", "right", ""),
        ("stride-length", "", run["id"]),
    ]


def test_stride_log_shows_each_side_of_a_test_on_a_line_of_its_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for value, side in ((12, "left"), (14, "left"), (10, "right")):
        assert main(["mark", "hip-extension", str(value), "--side", side]) == 0
    assert main(["mark", "hip-extension", "11"]) == 0
    capsys.readouterr()
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert "  hip-extension  ▅ " in out and "11° (" in out  # typed without a side
    assert "  hip-extension L ▁█ " in out and "14° (" in out
    assert "  hip-extension R ▅ " in out and "10° (" in out


def test_shell_completion_offers_files_and_folders_to_runs_import() -> None:
    from stride_tui.completion import Shell, script
    from stride_tui.parser import build_parser

    bash = script(build_parser(), Shell.BASH)
    assert "_shtab_stride_runs_import_pos_0_COMPGEN=_shtab_compgen_files" in bash
    assert "_shtab_stride_runs___csv_COMPGEN=_shtab_compgen_dirs" in bash
    assert "_shtab_stride_runs_subparsers=(import)" in bash
