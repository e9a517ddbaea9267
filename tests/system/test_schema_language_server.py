"""The exported schema, as the real ``yaml-language-server`` applies it in an editor.

A routine file with one mistake on each marked line (every kind ``stride check`` reports
that a schema can express) gets a diagnostic on exactly those lines, each also reported
by ``stride check``; a built-in routine gets none; hover and completion on ``time`` show
what it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stride_tui.routine.loader import parse_routine
from stride_tui.routine.problems import RoutineError
from stride_tui.routine.schema import DURATION_MESSAGE, TEMPO_MESSAGE, routine_schema
from tests.helpers.language_server import LanguageServer, server_command
from tests.helpers.paths import ROOT

MISTAKES = """\
name: Broken on purpose
kind: warmup                                  # ! not one of the kinds
sound: loud                                   # ! not one of the sound profiles
colour: blue                                  # ! unknown key
defaults:
  get_ready: 1m70s                            # ! seconds of 60 or more after minutes
  switch: 1:75                                # ! seconds of 60 or more in a clock
  tempo: 9-9-9-9-9                            # ! five phases
levels:
  beginner: {reps: 0, time: 1}                # ! a factor of 0
steps:
  - name: Seconds in words
    time: 45 seconds                          # ! a unit word
  - name: Negative
    time: -5s                                 # ! negative text
  - name: Negative number
    time: 30
    rest: -5                                  # ! negative number
  - name: Too long
    time: 7h                                  # ! over six hours
  - name: Fraction first
    time: 1.5m30s                             # ! a fraction before the last part
  - name: Words for reps
    reps: ten                                 # ! wrong type
  - name: Too many reps
    reps: 1001                                # ! over the maximum
  - name: Bad side
    reps: 5
    sides: bothe                              # ! not one of the sides
  - name: Bad level
    time: 30
    levels: [novice]                          # ! not a level
  - name: Bad interval
    time: 30s
    progress: {add: 5s, every: fortnight, up_to: 60s}  # ! not an interval
  - name: Unknown progress key
    time: 30s
    progress: {add: 5s, evry: 2 sessions, up_to: 60s}  # ! unknown key, missing every
  - name: Late clock cue
    time: 30s
    cues:
      - {at: 1:70, say: Breathe}              # ! a bad cue time
  - name: Breathing without out
    breathe: {in: 4s, rounds: 3}              # ! missing out
  - name: No breaths
    breathe: {in: 4s, out: 6s, rounds: 0}     # ! rounds below 1
  - name: Tempo of nothing
    reps: 5
    tempo: 0-0                                # ! adds up to no time
  - name: Slow phase
    reps: 5
    tempo: 200-1                              # ! a phase over 2m30s
  - name: ""                                  # ! an empty name
    time: 30
  - name: Wait for what
    time: 30
    wait: [yes]                               # ! a list, not true/false or text
  - nme: Typo                                 # ! unknown key
    time: 30
  - name: No sets
    time: 30
    sets: 0                                   # ! below 1
  - name: Every spelling that is right
    time: " 2m 5S "
    rest: 0:05
    get_ready: 1:00:00
    switch: 0m70s
    progress: {add: 5s, every: 2 Weeks, up_to: 6h}
    cues: [Neutral pelvis, {at: 20s, say: Keep ribs quiet}]
  - name: Tempo spellings that are right
    reps: 3
    tempo: 1-0-2-0
"""


def _marked_lines(text: str) -> set[int]:
    return {number for number, line in enumerate(text.splitlines()) if "# !" in line}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LanguageServer, Path]]:
    folder = tmp_path_factory.mktemp("editor")
    schema = folder / "routine.schema.json"
    schema.write_text(json.dumps(routine_schema(), indent=2), encoding="utf-8")
    settings = {
        "yaml": {
            "schemas": {schema.as_uri(): "*.yaml"},
            "validate": True,
            "hover": True,
            "completion": True,
        }
    }
    language_server = LanguageServer(server_command(), folder, settings)
    try:
        language_server.request(
            "initialize",
            {
                "processId": None,
                "rootUri": folder.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {
                            "completionItem": {"documentationFormat": ["markdown", "plaintext"]}
                        },
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        language_server.notify("initialized", {})
        # The server reads its settings back with workspace/configuration (answered above).
        language_server.notify("workspace/didChangeConfiguration", {"settings": settings})
        yield language_server, folder
    finally:
        language_server.close()


def _open(server: LanguageServer, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    return uri


def _stride_check_lines(text: str) -> set[int]:
    try:
        parse_routine(text, "mistakes.yaml")
    except RoutineError as error:
        return {problem.line - 1 for problem in error.problems}
    return set()


def test_each_mistake_gets_a_diagnostic_on_its_line_and_only_there(
    server: tuple[LanguageServer, Path],
) -> None:
    language_server, folder = server
    uri = _open(language_server, folder / "mistakes.yaml", MISTAKES)
    diagnostics = language_server.diagnostics(uri)
    lines = MISTAKES.splitlines()
    found: dict[int, list[str]] = {}
    for diagnostic in diagnostics:
        found.setdefault(diagnostic["range"]["start"]["line"], []).append(diagnostic["message"])
    expected = _marked_lines(MISTAKES)
    missed = [lines[n].split("#")[0].strip() for n in sorted(expected - set(found))]
    extra = {lines[n].strip(): found[n] for n in sorted(set(found) - expected)}
    assert missed == [], f"the editor lets these through: {missed}"
    assert extra == {}, "the editor flags lines that are right"
    assert expected <= _stride_check_lines(MISTAKES), "stride check must report them too"


def test_a_wrong_duration_or_tempo_says_what_to_write(
    server: tuple[LanguageServer, Path],
) -> None:
    language_server, folder = server
    text = "name: X\nsteps:\n  - name: A\n    time: 45 seconds\n  - name: B\n    reps: 2\n"
    text += "    tempo: 9-9-9-9-9\n  - name: C\n    time: 1:75\n"
    uri = _open(language_server, folder / "messages.yaml", text)
    messages = {d["range"]["start"]["line"]: d["message"] for d in language_server.diagnostics(uri)}
    assert messages == {3: DURATION_MESSAGE, 6: TEMPO_MESSAGE, 8: DURATION_MESSAGE}


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "routines").glob("*.yaml")))
def test_a_built_in_routine_gets_no_diagnostic(
    server: tuple[LanguageServer, Path], name: str
) -> None:
    language_server, folder = server
    text = (ROOT / "routines" / f"{name}.yaml").read_text(encoding="utf-8")
    uri = _open(language_server, folder / f"{name}.yaml", text)
    assert language_server.diagnostics(uri) == []
    # The same server does flag a mistake, so the silence above means the schema was applied.
    broken = _open(language_server, folder / f"{name}-broken.yaml", text + "colour: blue\n")
    assert language_server.diagnostics(broken) != []


def _text_of(contents: Any) -> str:
    if isinstance(contents, dict):
        return str(contents.get("value", ""))
    if isinstance(contents, list):
        return "\n".join(_text_of(item) for item in contents)
    return str(contents or "")


def test_hover_and_completion_on_time_show_its_description(
    server: tuple[LanguageServer, Path],
) -> None:
    language_server, folder = server
    text = "name: X\nsteps:\n  - name: A\n    time: 30\n  - name: B\n    \n"
    uri = _open(language_server, folder / "hover.yaml", text)
    language_server.diagnostics(uri)
    hover = language_server.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 5}},
    )
    assert "Hold or move for this long." in _text_of(hover["contents"])
    result = language_server.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 4}},
    )
    items = result["items"] if isinstance(result, dict) else result
    documented = {item["label"]: _text_of(item.get("documentation")) for item in items}
    assert "Hold or move for this long." in documented["time"]
    assert "Count of reps per side and set." in documented["reps"]
