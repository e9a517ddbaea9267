"""The finish screen: what was done, how long it took, what was skipped."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from stride_tui.routine.durations import clock
from stride_tui.routine.plan import Plan
from stride_tui.session.engine import Engine, StepStatus
from stride_tui.tui.app import stride_app


class FinishScreen(Screen[None]):
    """Shown when a session ends, finished or stopped."""

    CSS_PATH = "finish.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "leave", "Continue"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, plan: Plan, engine: Engine, routine_id: str = "") -> None:
        super().__init__()
        self.plan = plan
        self.engine = engine
        self.routine_id = routine_id

    def compose(self) -> ComposeResult:
        statuses = [self.engine.step_status(i) for i in range(len(self.plan.steps))]
        skipped = [
            s.name
            for s, status in zip(self.plan.steps, statuses, strict=True)
            if status is StepStatus.SKIPPED
        ]
        done = statuses.count(StepStatus.DONE)
        took = (self.engine.finished_at or 0.0) - (self.engine.started_at or 0.0)
        title = f"{self.plan.name}: {'stopped' if self.engine.outcome == 'stopped' else 'done'}"
        waited = self.engine.waited_seconds
        extra = f"; {clock(waited)} getting in position" if waited >= 1 else ""
        lines = [
            f"Time taken  {clock(took)}   (planned {clock(self.plan.total)}{extra})",
            f"Steps done  {done} of {len(self.plan.steps)}",
        ]
        if self.engine.paused_seconds >= 1:
            lines.append(f"Paused      {clock(self.engine.paused_seconds)}")
        if skipped:
            lines.append(f"Skipped     {len(skipped)}:")
            lines += [f"  - {name}" for name in skipped]
        else:
            lines.append("Skipped     nothing")
        back = "back to routines" if stride_app(self).from_picker else "done"
        with Vertical(id="finish"):
            yield Static(title, id="finish-title")
            yield Static("\n".join(lines), id="finish-summary")
            yield Static(f"Enter: {back}   q: quit", id="finish-hint")
        yield Footer()

    def action_leave(self) -> None:
        """Back to the routine picker (or out, when there is none)."""
        stride_app(self).after_session()
