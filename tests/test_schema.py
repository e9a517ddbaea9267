"""The exported JSON Schema agrees with the validator on real and broken routines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from stride_tui.routine.schema import routine_schema

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = jsonschema.Draft202012Validator(routine_schema())


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(routine_schema())


@pytest.mark.parametrize("path", sorted((ROOT / "routines").glob("*.yaml")), ids=lambda p: p.stem)
def test_builtin_routines_satisfy_the_schema(path: Path) -> None:
    VALIDATOR.validate(yaml.safe_load(path.read_text()))


@pytest.mark.parametrize(
    "document",
    [
        {"name": "X", "steps": [{"name": "A", "rep": 3}]},
        {"name": "X", "steps": [{"name": "A", "time": "soon"}]},
        {"name": "X", "steps": [{"name": "A", "reps": 3, "sides": "bothe"}]},
        {"name": "X", "steps": [{"name": "A", "reps": 3, "tempo": "fast"}]},
        {"name": "X", "steps": []},
        {"steps": [{"name": "A", "time": 5}]},
    ],
)
def test_schema_rejects_what_the_validator_rejects(document: dict[str, Any]) -> None:
    assert not VALIDATOR.is_valid(document)


def test_schema_accepts_every_duration_and_tempo_spelling() -> None:
    for duration in (45, 1.5, "45", "45s", "1m30s", "1:30", "1h2m"):
        for tempo in (2, "1.5s", "3-1-1"):
            document = {
                "name": "X",
                "steps": [
                    {"name": "A", "time": duration},
                    {"name": "B", "reps": 2, "tempo": tempo},
                ],
            }
            VALIDATOR.validate(document)
