"""The JSON Schema of routine files, generated from the model so the two never disagree.

Durations, tempos and intervals take their ``pattern`` from the parser's own grammar
(:mod:`stride_tui.routine.spellings`), and every field carries a description (shown by
editors on completion and hover) and, where a value is wrong, an ``errorMessage`` that
says what to write, as ``stride check`` would.
"""

from __future__ import annotations

from typing import Any

import msgspec

from stride_tui.routine.durations import compact
from stride_tui.routine.model import Routine
from stride_tui.routine.spellings import (
    DURATION_PATTERN,
    EVERY_PATTERN,
    MAX_EVERY,
    MAX_PHASE_SECONDS,
    MAX_REP_SECONDS,
    MAX_SECONDS,
    TEMPO_PATTERN,
)

SCHEMA_ID = "https://stride-tui.invalid/routine.schema.json"

DURATION_MESSAGE = (
    f"Write a duration from 0 to {compact(MAX_SECONDS)}: seconds (45 or 45s), minutes and"
    " seconds (1m30s, seconds below 60) or a clock (1:30). Only the last part may have a"
    " decimal point."
)
TEMPO_MESSAGE = (
    f"Write a tempo: seconds per rep, above 0 and up to {compact(MAX_REP_SECONDS)} (2 or"
    f" 1.5s), or two to four phase seconds joined by dashes, each up to"
    f" {compact(MAX_PHASE_SECONDS)} and not all 0 (3-1-1: lower, pause, return)."
)
EVERY_MESSAGE = (
    f"Write how often to step up: session, 2 sessions, week or 2 weeks (1 to {MAX_EVERY})."
)

_FIELD_NOTES = {
    ("Routine", "name"): "The routine's name, as the picker shows it.",
    ("Routine", "defaults"): "Values every step uses unless it sets its own.",
    ("Routine", "levels"): "How beginner and experienced levels scale reps and held times.",
    ("Routine", "steps"): "The exercises and rests, in order (1 to 200).",
    ("Step", "name"): "What the runner sees; a step without a name needs only `rest`.",
    ("Step", "breathe"): "Paced breathing: in, hold, out, hold_out, rounds.",
    ("Step", "progress"): "Lengthen the hold or add reps as the log shows sessions done.",
    ("Levels", "beginner"): "Scaling for beginners (fewer reps, longer holds).",
    ("Levels", "experienced"): "Scaling for experienced runners (more reps).",
    ("LevelScale", "reps"): "Multiplier for reps at this level.",
    ("LevelScale", "time"): "Multiplier for held times at this level.",
    ("Every", "count"): "How many sessions or weeks.",
    ("Every", "unit"): "session or week.",
}
"""Descriptions for fields whose type carries none, so that completion shows every field."""


def _marked(kind: str) -> dict[str, Any]:
    if kind == "duration":
        return _texts(
            DURATION_MESSAGE,
            {"type": "number", "minimum": 0, "maximum": MAX_SECONDS},
            DURATION_PATTERN,
            [45, "45s", "1m30s", "1:30"],
        )
    if kind == "tempo":
        return _texts(
            TEMPO_MESSAGE,
            {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_REP_SECONDS},
            TEMPO_PATTERN,
            [2, "1.5s", "3-1-1"],
        )
    if kind == "every":
        return _texts(
            EVERY_MESSAGE,
            {"type": "integer", "minimum": 1, "maximum": MAX_EVERY},
            EVERY_PATTERN,
            ["session", "2 sessions", "week", "2 weeks"],
        )
    raise NotImplementedError(kind)


def _texts(
    message: str, number: dict[str, Any], pattern: str, examples: list[object]
) -> dict[str, Any]:
    """A value written as a number within bounds, or as text matching ``pattern``.

    One schema with a list of types rather than ``anyOf``: the number keywords apply only
    to numbers and ``pattern`` only to text, and an editor then reports ``message``
    instead of merging the branches' failures into "Incorrect type".
    """
    return {
        "description": message,
        **number,
        "type": [number["type"], "string"],
        "pattern": pattern,
        "errorMessage": message,
        "patternErrorMessage": message,
        "examples": examples,
    }


def _rewrite(node: Any) -> Any:
    """Replace each node marked ``x-stride`` by the schema of what the file may write."""
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "x-stride" in node:
        keep = {k: v for k, v in node.items() if k in ("description", "default", "title")}
        if isinstance(keep.get("default"), list | tuple):
            keep["default"] = "-".join(f"{x:g}" for x in keep["default"])
        marked = _marked(node["x-stride"])
        if "description" in keep:  # the field's own words first, then how to write it
            keep["description"] = f"{keep['description']} {marked['description']}"
        return {**marked, **keep}
    return {key: _rewrite(value) for key, value in node.items()}


def _optional(node: dict[str, Any]) -> None:
    """Fold ``anyOf: [text value, null]`` into one schema; lift a branch's description."""
    branches = node.get("anyOf")
    if not isinstance(branches, list):
        return
    rest = [b for b in branches if b != {"type": "null"}]
    if len(rest) == 1 and len(branches) == 2 and "pattern" in rest[0]:
        del node["anyOf"]
        node.update({**rest[0], "type": [*rest[0]["type"], "null"], **node})
        return
    for branch in branches:
        if "description" not in node and isinstance(branch, dict) and "description" in branch:
            node["description"] = branch["description"]


def _describe(schema: dict[str, Any]) -> None:
    """Give every property a description: its own, its type's, or a note from this module."""
    definitions: dict[str, Any] = schema.get("$defs", {})
    for name, definition in definitions.items():
        for key, prop in definition.get("properties", {}).items():
            _optional(prop)
            if "description" in prop:
                continue
            target = prop.get("$ref") or next(
                (b.get("$ref") for b in prop.get("anyOf", []) if "$ref" in b), None
            )
            referred = definitions.get(str(target).rsplit("/", 1)[-1], {}) if target else {}
            note = _FIELD_NOTES.get((name, key)) or referred.get("description")
            if note:
                prop["description"] = note


def routine_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) for routine files."""
    schema = _rewrite(msgspec.json.schema(Routine))
    _describe(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "stride-tui routine",
        **schema,
    }
