"""The JSON Schema of routine files, generated from the model so the two never disagree."""

from __future__ import annotations

from typing import Any

import msgspec

from stride_tui.routine.durations import DURATION_HINT
from stride_tui.routine.model import Routine

SCHEMA_ID = "https://stride-tui.invalid/routine.schema.json"

_DURATION_TEXT = (
    r"^\s*(\d+(\.\d+)?|(\d+(\.\d+)?h)?(\d+(\.\d+)?m)?(\d+(\.\d+)?s)?|(\d+:)?\d+:\d+(\.\d+)?)\s*$"
)
_TEMPO_TEXT = r"^\s*\d+(\.\d+)?(-\d+(\.\d+)?){1,3}\s*$"
_EVERY_TEXT = r"^\s*(\d+\s*)?(session|sessions|week|weeks)\s*$"


def _marked(kind: str) -> dict[str, Any]:
    if kind == "duration":
        return {
            "description": f"A duration: {DURATION_HINT}.",
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": _DURATION_TEXT},
            ],
            "examples": [45, "45s", "1m30s", "1:30"],
        }
    if kind == "tempo":
        return {
            "description": "Seconds per rep (2, 1.5s) or phase seconds joined by dashes (3-1-1).",
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "string", "pattern": _DURATION_TEXT},
                {"type": "string", "pattern": _TEMPO_TEXT},
            ],
            "examples": [2, "1.5s", "3-1-1"],
        }
    if kind == "every":
        return {
            "description": "How often to step up: a count of sessions, or of weeks.",
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 100},
                {"type": "string", "pattern": _EVERY_TEXT},
            ],
            "examples": ["session", "2 sessions", "week", "2 weeks"],
        }
    raise NotImplementedError(kind)


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
        return {**_marked(node["x-stride"]), **keep}
    return {key: _rewrite(value) for key, value in node.items()}


def routine_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) for routine files."""
    schema = _rewrite(msgspec.json.schema(Routine))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "stride-tui routine",
        **schema,
    }
