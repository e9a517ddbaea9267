"""The ``stride`` command, run in-process, and once as a real process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.cli import main
from tests.helpers.paths import ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_routine_with_its_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "KIND", "TIME", "SOURCE"]
    warmup = next(line for line in lines if line.startswith("pre-run-warmup "))
    assert warmup.split()[-3:] == ["warm-up", "7:33", "built-in"]
    _, beginner, _ = run(capsys, "list", "--level", "beginner")
    assert "6:45" in next(line for line in beginner.splitlines() if "pre-run-warmup" in line)
    _, ids, _ = run(capsys, "list", "--ids")
    assert "pre-run-warmup" in ids.split()


def test_list_shows_broken_routines_with_their_problems(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "oops.yaml").write_text(
        dedent("""\
            name: Oops
            steps:
              - {name: A, time: 1m70s}
            """)
    )
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "oops" in out and "invalid" in out
    assert "oops.yaml:3:21: steps[0].time: `1m70s` is not a duration; write 2m10s" in out


def test_show_prints_each_segment_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "pre")
    assert code == 0
    assert "  0:00    0:05  Get ready: Easy trot in place" in out
    assert "  1:28    0:05  Switch sides, to the right" in out
    assert "Wait: Lie on your back, knees bent, feet flat (press space when ready)" in out
    assert "at 0:10: Height is not the goal" in out
    assert "Total 7:33 in 10 steps" in out
    _, beginner, _ = run(capsys, "show", "pre-run-warmup", "--level", "beginner")
    assert "Total 6:45" in beginner


def test_a_misspelt_level_is_told_what_it_may_mean(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["show", "pre-run-warmup", "--level", "expert"])
    assert exited.value.code == 2
    assert "`expert` is not a level; did you mean `experienced`?" in capsys.readouterr().err


def test_show_unknown_or_ambiguous_routine(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "nothing-like-it")
    assert code == 1
    assert err.startswith("stride: no routine `nothing-like-it`")


def test_check_reports_problems_and_exit_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = ROOT / "routines" / "dynamic-day.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        dedent("""\
            name: B
            steps:
              - name: A
                rep: 3
            """)
    )
    code, out, _ = run(capsys, "check", str(good))
    assert (code, out.strip()) == (0, f"{good}: ok")
    code, out, err = run(capsys, "check", str(good), str(bad))
    assert code == 1
    assert f"{bad}:4:5: steps[0]: unknown key `rep`; did you mean `reps`?" in out
    assert "1 of 2 files failed (1 problem)" in err
    code, out, _ = run(capsys, "check", "-q", "post")  # an id works too
    assert (code, out) == (0, "")


def test_schema_is_json_and_can_be_written(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$defs"]["Step"]["additionalProperties"] is False
    code, out, _ = run(capsys, "schema", "--write")
    assert Path(out.strip()) == locations.schema_file()
    assert json.loads(locations.schema_file().read_text()) == schema


def test_new_writes_a_valid_routine_with_a_modeline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "Hip Flow #2")
    assert code == 0
    path = locations.user_routines_dir() / "hip-flow-2.yaml"
    assert out.startswith(f"created {path}")
    first = path.read_text().splitlines()[0]
    assert first == f"# yaml-language-server: $schema={locations.schema_file().as_uri()}"
    assert locations.schema_file().exists()
    assert run(capsys, "check", "hip-flow-2")[0] == 0
    code, _, err = run(capsys, "new", "Hip flow 2")
    assert code == 1 and "already exists" in err


def test_what_the_new_routine_template_suggests_in_its_comments_is_valid() -> None:
    from stride_tui.routine.authoring import TEMPLATE
    from stride_tui.routine.loader import parse_routine

    comments = [line.split("#", 1)[1] for line in TEMPLATE.splitlines() if "#" in line]
    suggested = [
        pair for comment in comments for pair in re.findall(r"\b([a-z_]+): (\S+)", comment)
    ]
    for key, value in suggested:  # each one, put on a step of reps, must load
        parse_routine(f"name: X\nsteps:\n  - name: A\n    reps: 4\n    {key}: {value}\n")


def test_new_from_copies_comments_and_renames(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "My warm-up: short", "--from", "pre-run-w")[0] == 0
    text = (locations.user_routines_dir() / "my-warm-up-short.yaml").read_text()
    assert '\nname: "My warm-up: short"\n' in text
    assert "# Pre-run warm-up: about seven minutes" in text
    _, out, _ = run(capsys, "list")
    assert "My warm-up: short" in out


def test_edit_copies_a_builtin_then_checks_the_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s/time: 15s/time: 1m70s/" "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    code, out, err = run(capsys, "edit", "pre-run-warmup")
    copy = locations.user_routines_dir() / "pre-run-warmup.yaml"
    assert f"copied the built-in routine to {copy}" in out
    assert code == 1
    assert "steps[10].time: `1m70s` is not a duration; write 2m10s" in out
    assert "run `stride edit pre-run-warmup` again" in err
    assert (ROOT / "routines" / "pre-run-warmup.yaml").read_text().count("1m70s") == 0


def test_locate_names_every_folder(capsys: pytest.CaptureFixture[str], stride_home: Path) -> None:
    _, out, _ = run(capsys, "locate")
    assert f"your routines      {stride_home / 'config' / 'routines'}" in out
    assert f"training log       {stride_home / 'data' / 'history.sqlite3'}" in out
    assert f"built-in routines  {ROOT / 'routines'}" in out


def test_bare_stride_prints_help_and_python_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stride_tui"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0
    assert "usage: stride" in result.stdout
    assert "list" in result.stdout and "show" in result.stdout


def test_output_into_a_closed_pipe_is_quiet() -> None:
    shell = f"{sys.executable} -m stride_tui schema | head -c 10 >/dev/null; echo done"
    result = subprocess.run(shell, shell=True, capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == "done"


def test_settings_shows_values_and_located_mistakes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "settings")
    assert code == 0
    assert "(not there: defaults in force)" in out
    assert "volume 0.8, mute false, profile auto, backend auto" in out
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    path.write_text("[sound]\nvolume = 0.3\n[sound.events]\nrep = false\n[voice]\nrate = 9\n")
    code, out, _ = run(capsys, "settings")
    assert code == 1
    assert f"{path}:6:1: voice.rate: `9` is outside 80 to 400; using 170" in out
    assert "volume 0.3" in out and "chimes off: rep" in out
    code, out, _ = run(capsys, "settings", "--example")
    assert code == 0 and out.startswith("# stride-tui settings")
    from stride_tui.settings import parse_settings

    assert parse_settings(out)[1] == []  # the example itself is valid


def test_locate_names_the_sound_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    path.write_text("[sound]\nbackend = 'none'\n")
    _, out, _ = run(capsys, "locate")
    assert "sound              none, standard profile" in out
