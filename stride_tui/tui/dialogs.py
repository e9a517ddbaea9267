"""Small screens over the player: stop confirmation, jump to a step, and help."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from stride_tui.routine.durations import clock
from stride_tui.routine.plan import Plan


class QuitScreen(ModalScreen[bool]):
    """Asks before a session stops, saying what stopping means."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Stop"),
        Binding("n,escape", "answer(False)", "Keep going"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Stop the session?", classes="title")
            yield Static(self.message, id="quit-message", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Stop (y)", variant="error", id="stop")
                yield Button("Keep going (n)", variant="primary", id="keep")
            yield Static(id="enter-does")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_descendant_focus(self) -> None:
        """Say what Enter does: what the highlighted button says."""
        focused = self.focused
        stops = isinstance(focused, Button) and focused.id == "stop"
        what = "stop the session" if stops else "keep going"
        self.query_one("#enter-does", Static).update(f"Enter: {what}   (Tab or arrows to change)")

    def key_left(self) -> None:
        self.focus_previous()

    def key_right(self) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop")

    def action_answer(self, stop: bool) -> None:
        """Close with the runner's answer."""
        self.dismiss(stop)


class JumpScreen(ModalScreen[int | None]):
    """Lists the plan's steps; choosing one jumps there."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,j", "cancel", "Cancel")]

    def __init__(self, plan: Plan, current: int) -> None:
        super().__init__()
        self.plan = plan
        self.current = current

    def compose(self) -> ComposeResult:
        options = []
        for step in self.plan.steps:
            length = self.plan.step_seconds(step)
            mark = ">" if step.index == self.current else " "
            options.append(
                Option(
                    Content(f"{mark} {step.index + 1:>2}. {step.name}  ({clock(length)})"),
                    id=str(step.index),
                )
            )
        with Vertical(classes="dialog"):
            yield Static("Jump to a step", classes="title")
            yield OptionList(*options, id="steps")

    def on_mount(self) -> None:
        steps = self.query_one("#steps", OptionList)
        steps.highlighted = self.current
        steps.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option_id or 0))

    def action_cancel(self) -> None:
        """Close without jumping."""
        self.dismiss(None)


HELP = """\
space   pause / resume (a hold counts 3-2-1 back in); "ready" when a step waits
n  ->   next: skip to what comes next
p  <-   back: restart this part (or the one before, near its start)
+  -    add or take off 10 seconds
j       jump to any step
m       mute the chimes (the screen still flashes for each one)
q       stop the session (asks first)
Ctrl+Z  suspend to the shell; the session pauses until `fg`
?       this help

A click on the big countdown pauses too; the keys below are clickable."""


HELP_ROWS = HELP.count("\n") + 10
"""Rows the help takes when nothing scrolls: its keys, the title, sound and Close."""


class HelpScreen(ModalScreen[None]):
    """The keys, and how sound is played."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, sound: str) -> None:
        super().__init__()
        self.sound = sound
        """How sound is played, in words."""

    def compose(self) -> ComposeResult:
        sound = self.sound
        with Vertical(classes="dialog", id="help"):
            yield Static("Keys", classes="title")
            # On a small terminal the keys scroll; Close stays in sight below them.
            with VerticalScroll(id="help-body"):
                yield Static(HELP, id="help-text")
                yield Static(f"Sound: {sound}", id="sound")
            yield Button("Close", id="close")

    def on_resize(self, event: events.Resize) -> None:
        # Shorter than the help's keys need, they scroll and Close stays in sight.
        self.set_class(event.size.height < HELP_ROWS, "tight")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
