"""The review's side question: for each two-sided step played, which side felt tighter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import RadioButton, Static

from stride_tui.log.sides import Tighter
from stride_tui.routine.plan import PlanStep
from stride_tui.text import visible
from stride_tui.tui.choices import Choices


class SideQuestions(Vertical):
    """One row per two-sided step: its name, then left / right / even.

    Args:
        steps: The two-sided steps that were played, in plan order.
    """

    DEFAULT_CSS = """
    SideQuestions {
        height: auto;
    }
    SideQuestions .side-row {
        height: auto;
    }
    SideQuestions .side-name {
        width: 32;
        padding: 0 1 0 0;
        color: $text-muted;
    }
    SideQuestions Choices {
        layout: horizontal;
        width: auto;
        height: auto;
        & > RadioButton {
            width: auto;
            margin-right: 2;
        }
    }
    """

    def __init__(self, steps: list[PlanStep]) -> None:
        super().__init__(id="sides")
        self.steps = steps

    def compose(self) -> ComposeResult:
        yield Static("Which side felt tighter?", classes="label")
        for step in self.steps:
            with Horizontal(classes="side-row"):
                yield Static(visible(step.name), classes="side-name", markup=False)
                # Compact: no border, so focusing the set never moves the buttons.
                with Choices(id=f"tighter-{step.index}", compact=True):
                    for side in Tighter:
                        yield RadioButton(side.value, id=f"tighter-{step.index}-{side.value}")

    def answers(self) -> dict[int, Tighter]:
        """The answers given, by plan step index; a step left unanswered is left out."""
        chosen: dict[int, Tighter] = {}
        sides = list(Tighter)
        for step in self.steps:
            pressed = self.query_one(f"#tighter-{step.index}", Choices).pressed_index
            if pressed >= 0:
                chosen[step.index] = sides[pressed]
        return chosen
