"""The finish screen: what was done, and a short review that goes straight to the log."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, RadioButton, SelectionList, Static

from stride_tui.live.driver import SessionDriver
from stride_tui.routine.durations import clock
from stride_tui.session.engine import StepStatus
from stride_tui.session.outcome import OutcomeKind
from stride_tui.text import visible
from stride_tui.tui.choices import Choices
from stride_tui.tui.sides import SideQuestions

SCALES = {
    "stiffness": ("Stiffness", "1 loose ... 5 very stiff"),
    "feel": ("Stride feel", "1 heavy ... 5 light and springy"),
}


class FinishScreen(Screen[None]):
    """Shown when a session ends, finished or stopped; offers the after-session review."""

    CSS_PATH = "finish.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save review", priority=True),
        Binding("escape", "skip", "Skip"),
    ]

    class Done(Message):
        """The review was saved or skipped: the app moves on."""

    def __init__(self, driver: SessionDriver, *, from_picker: bool = False) -> None:
        super().__init__()
        self.from_picker = from_picker
        """Whether leaving goes back to the picker (or ends ``stride run``)."""
        self.plan = driver.plan
        self.engine = driver.engine
        self.entry = driver.recorder.entry if driver.recorder is not None else None
        self.saved = False
        self.checklist_touched = False
        """Whether the runner ticked or unticked a key movement: only then is control known."""

    @property
    def logged(self) -> bool:
        """Whether this session is in the log (and so can be reviewed)."""
        return self.entry is not None and self.entry.logging

    def _summary(self) -> tuple[str, str]:
        statuses = [self.engine.step_status(i) for i in range(len(self.plan.steps))]
        outcome = self.engine.outcome
        # A session stopped at a step never reached the ones after it: those are not
        # "skipped" (the runner skipped nothing there), only not reached.
        stopped_at = outcome.at_step if outcome is not None else None
        stopped = outcome is not None and outcome.kind is OutcomeKind.STOPPED
        reached = len(self.plan.steps) if not stopped or stopped_at is None else stopped_at
        skipped = [
            s.name
            for s, status in zip(self.plan.steps, statuses, strict=True)
            if status is StepStatus.SKIPPED and s.index < reached
        ]
        unreached = len(self.plan.steps) - reached - (1 if stopped else 0)
        took = (self.engine.finished_at or 0.0) - (self.engine.started_at or 0.0)
        waited = self.engine.waited_seconds
        extra = f"; {clock(waited)} getting in position" if waited >= 1 else ""
        lines = [
            f"Time taken  {clock(took)}   (planned {clock(self.engine.total)}{extra})",
            f"Steps done  {statuses.count(StepStatus.DONE)} of {len(self.plan.steps)}",
        ]
        if self.engine.paused_seconds >= 1:
            lines.append(f"Paused      {clock(self.engine.paused_seconds)}")
        if skipped:
            lines.append(f"Skipped     {len(skipped)}:")
            lines += [f"  - {name}" for name in skipped]
        else:
            lines.append("Skipped     nothing")
        if unreached > 0:
            lines.append(f"Not reached {unreached} (stopped before them)")
        how = "done" if outcome is None or outcome.completed else outcome.describe()
        title = f"{self.plan.name}: {how}"
        return title, "\n".join(lines)

    def compose(self) -> ComposeResult:
        title, summary = self._summary()
        with VerticalScroll(id="finish"):
            yield Static(title, id="finish-title", markup=False)
            yield Static(summary, id="finish-summary", markup=False)
            if self.logged:
                yield from self._review()
            else:
                yield Static(
                    "This session was not logged (see the note when the app started).",
                    id="not-logged",
                )
            back = "back to routines" if self.from_picker else "done"
            yield Static(f"Ctrl+S: save   Esc: skip, {back}", id="finish-hint")
        yield Footer()

    def _review(self) -> ComposeResult:
        yield Static("How did it go?", classes="heading")
        keys = [
            step
            for step in self.plan.steps
            if step.checklist and self.engine.step_status(step.index) is StepStatus.DONE
        ]
        if keys:
            # Nothing is ticked for the runner: a review saved untouched says nothing
            # about control, and only what they tick counts as done with control.
            yield Static(
                "Tick the key movements you did with control (left as is: not asked):",
                classes="label",
            )
            yield SelectionList[int](
                *[(Content(visible(step.name)), step.index, False) for step in keys],
                id="checklist",
            )
        two_sided = [
            step
            for step in self.plan.steps
            if step.sides == "both" and self.engine.step_status(step.index) is StepStatus.DONE
        ]
        if two_sided:
            yield SideQuestions(two_sided)
        for key, (label, hint) in SCALES.items():
            with Vertical(classes="scale"):
                yield Static(f"{label} ({hint})", classes="label")
                with Choices(id=key):
                    for value in range(1, 6):
                        yield RadioButton(str(value), id=f"{key}-{value}")
        yield Input(
            placeholder="Notes (optional): how the hips felt, what to change",
            id="notes",
            max_length=500,
        )
        with Horizontal(classes="buttons"):
            yield Button("Save (Ctrl+S)", variant="primary", id="save")
            yield Button("Skip (Esc)", id="skip")

    def on_mount(self) -> None:
        if self.logged:
            # Open at the top at every size: the summary first, the review under it.
            self.query_one("#stiffness", Choices).focus(scroll_visible=False)
        self.query_one("#finish", VerticalScroll).scroll_home(animate=False)

    def on_selection_list_selection_toggled(self) -> None:
        """The runner answered the checklist: unticked now means not with control."""
        self.checklist_touched = True

    def _rating(self, key: str) -> int | None:
        pressed = self.query_one(f"#{key}", Choices).pressed_index
        return pressed + 1 if pressed >= 0 else None

    def action_save(self) -> None:
        """Write the review to the log at once, then move on."""
        if not self.logged or self.saved:
            self.action_skip()
            return
        chosen: dict[int, bool] = {}
        lists = self.query(SelectionList)
        if lists and self.checklist_touched:
            checklist = lists.first(SelectionList)
            selected = set(checklist.selected)
            for index in range(checklist.option_count):
                step = checklist.get_option_at_index(index).value
                chosen[step] = step in selected
        assert self.entry is not None
        sides = self.query(SideQuestions)
        self.entry.review(
            with_control=chosen,
            stiffness=self._rating("stiffness"),
            stride_feel=self._rating("feel"),
            notes=self.query_one("#notes", Input).value,
            tighter=sides.first(SideQuestions).answers() if sides else None,
        )
        self.saved = True
        self.notify("Saved to your training log", timeout=3)
        self.post_message(self.Done())

    def action_skip(self) -> None:
        """Move on without a review (the session itself is logged already)."""
        self.post_message(self.Done())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_skip()

    def on_input_submitted(self) -> None:
        self.action_save()
