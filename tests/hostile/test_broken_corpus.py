"""Every broken routine in tests/broken reports exactly the expected located problems.

Each ``*.yaml`` there is a hostile or mistaken routine file; ``expected.txt`` holds,
for each, the lines ``stride check`` prints, in order. The corpus covers plain mistakes
and what arrives from outside: terminal control sequences (ESC, OSC, C1), BiDi
controls, NUL bytes, UTF-16/32 and Latin-1 files, byte order marks, CRLF and CR line
endings, merge keys, tags, and huge or deeply nested inputs.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from stride_tui.cli import main
from stride_tui.routine import yaml_nodes
from stride_tui.routine.loader import parse_routine
from stride_tui.routine.problems import RoutineError
from tests.helpers.components import require

CORPUS = Path(__file__).parent.parent / "broken"
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What must never reach the terminal: every control but the line break, and BiDi controls."""


def _expected() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = defaultdict(list)
    for line in (CORPUS / "expected.txt").read_text(encoding="utf-8").splitlines():
        name = line.split(":", 1)[0]
        expected[name].append(line)
    return expected


EXPECTED = _expected()
FILES = sorted(p.name for p in CORPUS.glob("*.yaml"))


@pytest.fixture(params=["libyaml", "python"], autouse=True)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each case runs on libyaml's parser (what PyYAML's wheels use) and on PyYAML's own."""
    if request.param == "libyaml":
        require(yaml.__with_libyaml__, "PyYAML was built without libyaml (pip install PyYAML)")
        assert yaml_nodes.FAST_LOADER is yaml.CSafeLoader
    else:
        monkeypatch.setattr(yaml_nodes, "FAST_LOADER", yaml.SafeLoader)
    return str(request.param)


def test_corpus_is_large_and_fully_specified() -> None:
    assert len(FILES) >= 120
    assert set(EXPECTED) == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_broken_file_reports_expected_problems(name: str) -> None:
    started = time.perf_counter()
    with pytest.raises(RoutineError) as caught:
        parse_routine((CORPUS / name).read_bytes(), name)
    assert time.perf_counter() - started < 2.0, "a hostile file must not slow the loader"
    rendered = [problem.render(name) for problem in caught.value.problems]
    assert rendered == EXPECTED[name]
    for problem in caught.value.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert not UNSAFE.search(problem.render(name))


def test_stride_check_prints_the_expected_lines_and_nothing_unsafe(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS)
    assert main(["check", *FILES]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [line for name in FILES for line in EXPECTED[name]]
    assert err.strip() == (
        f"{len(FILES)} of {len(FILES)} files failed ({sum(map(len, EXPECTED.values()))} problems)"
    )
    assert not UNSAFE.search(out + err)
