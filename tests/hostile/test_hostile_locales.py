"""Under a locale that cannot encode what stride prints, every command still works.

A Latin-1 locale is built for the test with ``localedef`` (skipped where there is
none). Text the locale cannot encode is written as an escape, drawing characters
(sparklines, bars) in ASCII; a full disk on standard output is said in a line.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.log.opening import open_training_log
from stride_tui.session.outcome import Outcome, OutcomeKind
from tests.helpers.commands import assert_clean, run_stride

CJK = dedent("""\
    name: "山の朝 Утро"
    summary: "Ωμέγα ροή"
    steps:
      - {name: "股関節", time: 5s, cues: ["ゆっくり"]}
    """)


@pytest.fixture(scope="module")
def latin1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    """The environment of a runner whose locale is ISO-8859-1."""
    if shutil.which("localedef") is None:
        pytest.skip("no localedef to build a Latin-1 locale")
    folder = tmp_path_factory.mktemp("locales")
    built = subprocess.run(
        ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(folder / "en_US.ISO-8859-1")],
        capture_output=True,
        check=False,
    )
    if not (folder / "en_US.ISO-8859-1").exists():
        pytest.skip(f"localedef could not build a Latin-1 locale: {built.stderr!r}")
    return {
        "LOCPATH": str(folder),
        "LC_ALL": "en_US.ISO-8859-1",
        "LANG": None,
        "PYTHONIOENCODING": None,
        "PYTHONUTF8": None,
    }


@pytest.fixture
def library(stride_home: Path) -> Path:
    folder = locations.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "cjk.yaml").write_text(CJK, encoding="utf-8")
    history = open_training_log()
    start = datetime.now(UTC) - timedelta(days=3)
    for day in range(3):
        session = history.start_session(
            routine_id="cjk",
            routine_name="山の朝",
            routine_kind="dynamic",
            content_hash="x",
            level="standard",
            steps=[("股関節", True)],
            planned_seconds=5.0,
            started=start + timedelta(days=day),
        )
        history.end_session(session, Outcome(OutcomeKind.COMPLETED, 1, None, 0), 5.0)
        history.review(
            session, with_control={0: True}, stiffness=day + 1, stride_feel=5 - day, notes="ok"
        )
    history.close()
    return folder


@pytest.mark.parametrize(
    "argv", [("list",), ("show", "cjk"), ("log",), ("today",), ("check", "cjk")], ids=" ".join
)
def test_a_latin1_locale_ends_no_command(
    argv: tuple[str, ...], latin1: dict[str, str | None], library: Path, tmp_path: Path
) -> None:
    result = run_stride(*argv, cwd=tmp_path, env=latin1)
    output = assert_clean(result)
    assert result.returncode == 0, output
    result.stdout.decode("latin-1")  # what the terminal gets is Latin-1, nothing else
    if argv[0] in ("list", "show"):
        assert "\\u5c71" in output  # 山, escaped


def test_log_draws_its_sparklines_in_ascii_under_latin1(
    latin1: dict[str, str | None], library: Path, tmp_path: Path
) -> None:
    output = assert_clean(run_stride("log", cwd=tmp_path, env=latin1))
    stiffness = next(line for line in output.splitlines() if "stiffness" in line)
    assert "_-+" in stiffness  # 1, 2 and 3 on a scale of 1 to 5
    assert "\\u25" not in output


def test_drawing_characters_become_ascii_only_where_they_cannot_be_shown() -> None:
    from stride_tui.commands.console import drawable

    assert drawable("▁▄█ ━", "utf-8") == "▁▄█ ━"
    assert drawable("▁▄█ ━", "iso-8859-1") == "_=# -"
    assert drawable("▁", "ascii") == "_"
    assert drawable("▁", None) == "▁"


@pytest.mark.parametrize("argv", [("schema",), ("completion", "bash"), ("list",)], ids=" ".join)
def test_a_full_output_is_said_in_a_line(argv: tuple[str, ...], tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = run_stride(*argv, cwd=tmp_path, stdout=full.fileno())
    errors = result.stderr.decode()
    assert "Traceback" not in errors and "bug" not in errors, errors
    assert result.returncode == 1
    assert errors.count("\n") == 1
    assert "the output could not be written (No space left on device)" in errors


def test_the_apps_figure_and_bar_are_ascii_where_blocks_cannot_be_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stride_tui import text
    from stride_tui.tui.bars import AsciiBar, HalfCellBar
    from stride_tui.tui.big_figure import Scale, render_bitmap

    pixels = ["#.", ".#"]
    assert render_bitmap(pixels, Scale(1, 1)) == ["▀▄"]
    assert HalfCellBar().bar_renderable is not AsciiBar
    monkeypatch.setattr(text, "terminal_encoding", lambda: "iso-8859-1")
    assert render_bitmap(pixels, Scale(1, 1)) == ["'."]
    assert set("".join(render_bitmap(["###", "#.#"], Scale(2, 2)))) <= set("#'. ")
    assert HalfCellBar().bar_renderable is AsciiBar
    assert not text.shows_blocks("ascii") and text.shows_blocks("utf-8")
