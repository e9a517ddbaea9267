"""The exported JSON Schema agrees with the validator on real and broken routines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from stride_tui.routine.schema import routine_schema
from tests.helpers.paths import ROOT

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


def _properties() -> list[tuple[str, str, dict[str, Any]]]:
    definitions = routine_schema()["$defs"]
    return [
        (name, key, prop)
        for name, definition in definitions.items()
        for key, prop in definition.get("properties", {}).items()
    ]


def test_every_field_has_a_description_for_completion() -> None:
    missing = [f"{name}.{key}" for name, key, prop in _properties() if not prop.get("description")]
    assert missing == []


def test_time_and_reps_say_what_they_are() -> None:
    step = routine_schema()["$defs"]["Step"]["properties"]
    assert step["time"]["description"].startswith("Hold or move for this long.")
    assert "1m30s" in step["time"]["description"]
    assert step["reps"]["description"] == "Count of reps per side and set."


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time", "1m70s"),
        ("time", "1:75"),
        ("time", "45 seconds"),
        ("time", "-5s"),
        ("time", -5),
        ("time", "7h"),
        ("tempo", "9-9-9-9-9"),
        ("tempo", "0"),
        ("tempo", "11m"),
    ],
)
def test_schema_refuses_what_the_parser_refuses(field: str, value: object) -> None:
    step = {"name": "A", "time": 30, field: value} if field != "time" else {field: value}
    assert not VALIDATOR.is_valid({"name": "X", "steps": [{"name": "A", **step}]})


def test_every_wrong_duration_gets_a_message_that_says_what_to_write() -> None:
    """One schema per field, not ``anyOf``: editors merge failed branches into "Incorrect type"."""
    for name, key, prop in _properties():
        if name == "LevelScale" or key not in ("time", "tempo", "rest", "in", "every"):
            continue
        assert "anyOf" not in prop, key
        assert prop["errorMessage"] == prop["patternErrorMessage"], key
        assert prop["errorMessage"].startswith("Write "), key
