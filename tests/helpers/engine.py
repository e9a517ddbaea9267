"""Helpers for engine tests: plans from YAML text, and readable event summaries."""

from __future__ import annotations

from stride_tui.routine.loader import parse_routine
from stride_tui.routine.model import Level
from stride_tui.routine.plan import Plan, expand
from stride_tui.session.clock import ManualClock
from stride_tui.session.engine import Engine
from stride_tui.session.events import Event

START = 1000.0


def plan_of(text: str, level: Level = "standard") -> Plan:
    return expand(parse_routine(text.encode(), "t.yaml"), level)


def engine_of(text: str) -> tuple[Engine, ManualClock]:
    clock = ManualClock(START)
    return Engine(plan_of(text), clock), clock


def brief(events: list[Event]) -> list[tuple[str, float, int | str]]:
    """(kind, seconds after START when due, number or text) for each event."""
    return [(e.kind.value, round(e.due - START, 6), e.text if e.text else e.number) for e in events]


def run_for(engine: Engine, clock: ManualClock, seconds: float, step: float = 0.1) -> list[Event]:
    events: list[Event] = []
    remaining = seconds
    while remaining > 1e-9:
        gap = min(step, remaining)
        clock.advance(gap)
        remaining -= gap
        events += engine.update()
    return events
