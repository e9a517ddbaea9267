"""Every broken routine in tests/broken reports exactly the expected located problems."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from stride_tui.routine.loader import parse_routine
from stride_tui.routine.problems import RoutineError

CORPUS = Path(__file__).parent / "broken"


def _expected() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = defaultdict(list)
    for line in (CORPUS / "expected.txt").read_text(encoding="utf-8").splitlines():
        name = line.split(":", 1)[0]
        expected[name].append(line)
    return expected


EXPECTED = _expected()
FILES = sorted(p.name for p in CORPUS.glob("*.yaml"))


def test_corpus_is_large_and_fully_specified() -> None:
    assert len(FILES) >= 40
    assert set(EXPECTED) == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_broken_file_reports_expected_problems(name: str) -> None:
    with pytest.raises(RoutineError) as caught:
        parse_routine((CORPUS / name).read_bytes(), name)
    rendered = [problem.render(name) for problem in caught.value.problems]
    assert rendered == EXPECTED[name]
    for problem in caught.value.problems:
        assert problem.line >= 1
        assert problem.column >= 1
