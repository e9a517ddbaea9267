"""The routine editor: YAML with live validation, a live preview of the plan, and saving.

The text is saved exactly as typed, so comments and key order are always kept: the app
never rebuilds a routine file from data. A built-in routine is copied to the user folder
on its first save and never overwritten. Checking runs on a worker thread a moment after
typing pauses, so a long routine never holds up the keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Offset
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Button, Footer, Static, TextArea
from textual.worker import Worker, WorkerState

from stride_tui import locations
from stride_tui.files import MAX_ROUTINE_BYTES, make_folder, read_regular, write_atomic
from stride_tui.routine.durations import clock
from stride_tui.routine.library import RoutineSource
from stride_tui.routine.loader import parse_routine
from stride_tui.routine.model import Level, Routine
from stride_tui.routine.plan import Plan, expand
from stride_tui.routine.problems import Problem, RoutineError
from stride_tui.routine.render import describe_segment
from stride_tui.text import visible

CHECK_AFTER = 0.15
"""Seconds of quiet typing before the text is checked again (the check takes tens of
milliseconds on the longest routine, so problems show within 300 ms of the pause)."""

PROBLEM_GUTTER = Style(color="white", bgcolor="red", bold=True)

SHOWN_PROBLEMS = 8
"""Problems listed under the text; the rest are counted."""


def line_starting_at(area: TextArea, row: int) -> int | None:
    """The document line whose first screen row is ``row`` (of the whole wrapped text).

    The one place the editor asks Textual how lines wrap: a row that continues a
    wrapped line, or lies past the end, is ``None``. Textual's ``WrappedDocument`` is
    not a documented API, so a change there costs the gutter marks, never a crash;
    ``tests/tui/test_tui_editor.py`` fails loudly if it changes.

    Args:
        area: The text area.
        row: A row of the wrapped text, counted from its top (not from the scroll).

    Returns:
        The 0-based line, or ``None``.
    """
    try:
        wrapped = area.wrapped_document
        line, _ = wrapped.offset_to_location(Offset(0, row))
        starts = wrapped.location_to_offset((line, 0)).y
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    return line if starts == row else None


@dataclass(frozen=True, slots=True)
class Checked:
    """What checking one text found: its problems, or the plan's total and preview.

    Attributes:
        text: The text checked.
        level: The level the plan was expanded at.
        problems: Every problem, in file order; empty when the text is valid.
        total: The plan's one-line summary (valid text only).
        preview: The plan, a line per part (valid text only).
    """

    text: str
    level: Level
    problems: tuple[Problem, ...] = ()
    total: str = ""
    preview: str = ""


Coach = Callable[[Routine, Level], Plan]
"""Makes the plan a routine would play at a level: coached from the log, as the picker does."""


def check_text(text: str, name: str, level: Level, coach: Coach | None = None) -> Checked:
    """Validate ``text`` (the file ``name``) and make its plan at ``level``; no widget is touched.

    ``coach`` makes the plan that would be played (progressions and favoured sides from
    the log); without it, the file's plan at the level. Runs on the check worker's thread.
    """
    try:
        routine = parse_routine(text, name)
    except RoutineError as error:
        return Checked(text, level, tuple(error.problems))
    plan = coach(routine, level) if coach is not None else expand(routine, level)
    total = (
        f"{routine.name}: {clock(plan.total)} at {level} level, "
        f"{len(plan.steps)} steps (Ctrl+L: level)"
    )
    preview = "\n".join(f"{clock(s.start):>6}  {describe_segment(s)}" for s in plan.segments)
    return Checked(text, level, (), total, preview)


def _update(static: Static, text: str, *, layout: bool = True) -> None:
    """Show ``text`` unless it is shown already: a keystroke or a check redraws only news.

    Args:
        static: Where to show it.
        text: What to show.
        layout: Lay the screen out again (``False`` for a widget whose size is fixed).
    """
    if str(static.content) != text:
        static.update(text, layout=layout)


class RoutineTextArea(TextArea):
    """A YAML text area whose gutter marks the lines that have problems."""

    problem_lines: reactive[frozenset[int]] = reactive(frozenset())
    """0-based lines with a problem (a change repaints the gutter)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        width = self.gutter_width
        if not self.problem_lines or not width:
            return strip
        line = line_starting_at(self, y + self.scroll_offset.y)
        if line is None or line not in self.problem_lines:
            return strip
        gutter = strip.crop(0, width).text
        flagged = gutter[: width - 2] + "! "  # a mark that shows without colour too
        return Strip.join(
            [Strip([Segment(flagged, PROBLEM_GUTTER)], width), strip.crop(width, strip.cell_length)]
        )


class EditorScreen(Screen[bool]):
    """Edit one routine; dismisses with whether anything was saved."""

    CSS_PATH = "editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back", priority=True),
        Binding("ctrl+l", "next_level", "Level", priority=True),
    ]

    problems: reactive[tuple[Problem, ...]] = reactive((), always_update=True, init=False)
    """The problems of the text last checked, in file order."""

    def __init__(
        self, source: RoutineSource, level: Level = "standard", coach: Coach | None = None
    ) -> None:
        super().__init__()
        self.source = source
        self.coach = coach
        """Makes the plan that would be played, so the preview's total is the picker's."""
        self.level: Level = level
        # Only a regular file, read within the size limit: raises ReadFailure otherwise.
        self.original = read_regular(source.path, MAX_ROUTINE_BYTES).decode(
            "utf-8", errors="replace"
        )
        self.saved_text = self.original
        self.saved_any = False
        self.checked: Checked | None = None
        """The last check that finished."""
        self._check_timer: Timer | None = None

    @property
    def target(self) -> Path:
        """Where Ctrl+S writes: the user's own file (a built-in is copied there)."""
        if self.source.builtin:
            return locations.user_routines_dir() / self.source.path.name
        return self.source.path

    @property
    def modified(self) -> bool:
        """Whether the text differs from what was last saved (or opened)."""
        return self.query_one(RoutineTextArea).text != self.saved_text

    def compose(self) -> ComposeResult:
        with Horizontal(id="editor"):
            with Vertical(id="edit-side"):
                yield Static(id="edit-title", markup=False)
                yield RoutineTextArea.code_editor(
                    self.original, language="yaml", id="text", tab_behavior="indent"
                )
                yield Static(id="problems", markup=False)
            with VerticalScroll(id="preview-side"):
                yield Static(id="edit-total", markup=False)
                yield Static(id="edit-preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RoutineTextArea).focus()
        self._title()
        self.check()

    def on_text_area_changed(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_AFTER, self.check)
        self._title()

    def _title(self) -> None:
        star = " (modified)" if self.modified else ""
        where = f"saves to {self.target}" if self.source.builtin else str(self.target)
        title = self.query_one("#edit-title", Static)  # one row, its column's width
        _update(title, f"{self.source.id}{star}  {where}", layout=False)

    def check(self) -> None:
        """Check the text on the worker's thread; a newer check cancels an older one."""
        text = self.query_one(RoutineTextArea).text
        work = partial(check_text, text, self.source.path.name, self.level, self.coach)
        self.run_worker(work, thread=True, exclusive=True, group="check")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.SUCCESS:
            return  # cancelled by a newer check; an error ends the app as the bug it is
        checked = event.worker.result
        if isinstance(checked, Checked):
            self._show(checked)

    def _show(self, checked: Checked) -> None:
        """Show a finished check: the plan (when valid), then the problems."""
        self.checked = checked
        if not checked.problems:
            _update(self.query_one("#edit-total", Static), checked.total)
            _update(self.query_one("#edit-preview", Static), checked.preview)
        self.problems = checked.problems

    def watch_problems(self, problems: tuple[Problem, ...]) -> None:
        self.query_one(RoutineTextArea).problem_lines = frozenset(p.line - 1 for p in problems)
        listing = self.query_one("#problems", Static)
        listing.set_class(bool(problems), "has-problems")
        if not problems:
            _update(listing, "No problems.")
            return
        shown = [
            f"line {p.line}, column {p.column}: {p.field + ': ' if p.field else ''}{p.message}"
            for p in problems[:SHOWN_PROBLEMS]
        ]
        more = len(problems) - len(shown)
        listing.update("\n".join(shown + ([f"... and {more} more"] if more else [])))
        self.query_one("#edit-total", Static).update(
            f"{len(problems)} problem(s); the preview shows the last good version"
        )

    def action_next_level(self) -> None:
        """Preview at the next level."""
        from stride_tui.routine.model import LEVELS

        self.level = LEVELS[(LEVELS.index(self.level) + 1) % len(LEVELS)]
        self.check()

    def action_save(self) -> None:
        """Write the text, exactly as typed, to the user's routine file."""
        text = self.query_one(RoutineTextArea).text
        target = self.target
        try:
            make_folder(target.parent)
            write_atomic(target, text.encode("utf-8"))  # through a link, never half written
        except OSError as error:
            self.notify(
                visible(f"Could not save {target}: {error.strerror}"),
                severity="error",
                markup=False,
            )
            return
        self.saved_text = text
        self.saved_any = True
        self._title()
        checked = self.checked
        if checked is None or checked.text != text or checked.level != self.level:
            # Saved before the last keys were checked: check now, to say what was saved.
            checked = check_text(text, self.source.path.name, self.level, self.coach)
            self._show(checked)
        problems = f", with {len(checked.problems)} problem(s)" if checked.problems else ""
        self.notify(f"Saved {target}{problems}", timeout=4)

    def action_leave(self) -> None:
        """Back to the picker, asking first when there are unsaved changes."""
        if not self.modified:
            self.dismiss(self.saved_any)
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                self.dismiss(True)
            elif choice == "discard":
                self.dismiss(self.saved_any)

        self.app.push_screen(UnsavedScreen(), answered)


class UnsavedScreen(ModalScreen[str | None]):
    """Asks what to do with unsaved changes."""

    CSS_PATH = "editor.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape", "choose('')", "Keep editing"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("This routine has unsaved changes.", id="unsaved-message")
            with Horizontal(classes="buttons"):
                yield Button("Save (s)", variant="primary", id="save")
                yield Button("Discard (d)", variant="error", id="discard")
                yield Button("Keep editing (Esc)", id="keep")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"save": "save", "discard": "discard"}.get(event.button.id or ""))

    def action_choose(self, choice: str) -> None:
        """Close with the runner's choice."""
        self.dismiss(choice or None)
