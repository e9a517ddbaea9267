"""The routine picker: every routine, a preview of its steps, and a level that sets the total."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from stride_tui.routine.durations import clock
from stride_tui.routine.library import RoutineSource, Summary, discover, summaries
from stride_tui.routine.loader import load_routine
from stride_tui.routine.model import LEVELS, Level, Routine
from stride_tui.routine.plan import expand
from stride_tui.routine.problems import RoutineError
from stride_tui.tui.app import stride_app

RELOAD_CHECK = 0.5
"""Seconds between looks for routine files changed on disk."""

DEFAULT_ROUTINE = "pre-run-warmup"
"""Highlighted when the picker opens: `stride` then Enter starts the warm-up."""


class PickerScreen(Screen[None]):
    """Choose a routine and a level; Enter starts it."""

    CSS_PATH = "picker.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", priority=True),
        Binding("l", "next_level", "Level"),
        Binding("h", "history", "History"),
        Binding("e", "edit", "Edit"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, level: Level = "standard") -> None:
        super().__init__()
        self.level: Level = level
        self.sources: dict[str, RoutineSource] = {}
        self.found: dict[str, Summary] = {}
        self.current: str | None = None
        self.last_good: dict[str, Routine] = {}
        """Each routine's last valid version: a broken save does not take it away."""
        self._fingerprint: tuple[tuple[str, int, int], ...] = ()

    def compose(self) -> ComposeResult:
        with Horizontal(id="picker"):
            with Vertical(id="left"):
                yield Static("Routines", classes="heading")
                yield OptionList(id="routines")
            with Vertical(id="right"):
                yield Static(id="title")
                with RadioSet(id="level"):
                    for level in LEVELS:
                        yield RadioButton(level, value=level == self.level, id=f"level-{level}")
                yield Static(id="total")
                with VerticalScroll(id="preview-scroll"):
                    yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#routines", OptionList).focus()
        self.set_interval(RELOAD_CHECK, self._watch)

    def _files(self) -> tuple[tuple[str, int, int], ...]:
        found = []
        for source in discover().values():
            try:
                stat = source.path.stat()
            except OSError:
                continue
            found.append((str(source.path), stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def _watch(self) -> None:
        """Reload when a routine file is added, removed or changed (in any editor)."""
        current = self._files()
        if current != self._fingerprint:
            self.reload()
            self._preview()

    def reload(self) -> None:
        """Read the routine folders again, keeping the highlighted routine if it is still there."""
        self._fingerprint = self._files()
        self.sources = discover()
        self.found = summaries(self.sources)
        routines = self.query_one("#routines", OptionList)
        routines.clear_options()
        for rid, summary in self.found.items():
            if summary.problems:
                prompt = f"{rid}\n  invalid: {summary.problem_count} problem(s)"
            else:
                prompt = f"{summary.name}\n  {summary.kind} · {clock(summary.total)}"
                if not self.sources[rid].builtin:
                    prompt += " · yours"
            routines.add_option(Option(prompt, id=rid))
        if self.found:
            ids = list(self.found)
            wanted = self.current if self.current in ids else DEFAULT_ROUTINE
            routines.highlighted = ids.index(wanted) if wanted in ids else 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.current = event.option_id
        self._preview()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.current = event.option_id
        self.action_start()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.level = LEVELS[event.index]
        self._preview()

    def action_history(self) -> None:
        """Open the training log."""
        from stride_tui.tui.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_next_level(self) -> None:
        """Cycle beginner, standard, experienced."""
        index = (LEVELS.index(self.level) + 1) % len(LEVELS)
        self.query_one(f"#level-{LEVELS[index]}", RadioButton).value = True

    def _load(self) -> Routine | RoutineError | None:
        if self.current is None or self.current not in self.sources:
            return None
        try:
            routine = load_routine(self.sources[self.current].path)
        except RoutineError as error:
            return error
        self.last_good[self.current] = routine
        return routine

    def action_edit(self) -> None:
        """Edit the highlighted routine in the app (a built-in is saved as your copy)."""
        if self.current is not None:
            self.edit(self.current)

    def edit(self, routine_id: str) -> None:
        """Open ``routine_id`` in the editor; the list reloads when it closes."""
        from stride_tui.tui.editor import EditorScreen

        if routine_id not in self.sources:
            return
        self.current = routine_id
        self.app.push_screen(
            EditorScreen(self.sources[routine_id], self.level), lambda saved: self._watch()
        )

    def _preview(self) -> None:
        loaded = self._load()
        title = self.query_one("#title", Static)
        total = self.query_one("#total", Static)
        preview = self.query_one("#preview", Static)
        if loaded is None:
            title.update("No routines found")
            total.update("")
            preview.update("")
            return
        source = self.sources[self.current or ""]
        problems = ""
        if isinstance(loaded, RoutineError):
            problems = "\n".join(p.render(str(source.path)) for p in loaded.problems)
            good = self.last_good.get(source.id)
            if good is None:
                title.update(f"{source.id}: this file has problems")
                total.update("Fix them, then it can be played:")
                preview.update(problems)
                self.add_class("invalid")
                return
            loaded = good
        self.set_class(bool(problems), "invalid")
        plan = expand(loaded, self.level)
        title.update(
            f"{loaded.name}  ({loaded.kind}, {source.origin})"
            + ("  [the file has problems: showing the last good version]" if problems else "")
        )
        total.update(f"{clock(plan.total)} at {self.level} level · {len(plan.steps)} steps")
        lines = [problems, ""] if problems else []
        lines += [loaded.summary, ""] if loaded.summary else []
        for step in plan.steps:
            length = plan.step_seconds(step)
            detail = {
                "reps": f"{step.reps} reps",
                "time": clock(step.work),
                "breathe": "breathing",
                "rest": "rest",
            }[step.kind]
            if step.sides == "both":
                detail += " each side"
            if step.sets > 1:
                detail += f" x {step.sets} sets"
            lines.append(f"{step.index + 1:>2}. {step.name}  ({detail}; {clock(length)})")
            cues = [
                c if isinstance(c, str) else c.say for c in loaded.steps[step.source_index].cues
            ]
            if cues:
                lines.append(f"     {' · '.join(cues)}")
        preview.update("\n".join(lines))

    def action_start(self) -> None:
        """Play the highlighted routine at the chosen level."""
        loaded = self._load()
        if isinstance(loaded, RoutineError):
            loaded = self.last_good.get(self.current or "")
            if loaded is None:
                self.notify("This routine has problems; fix the file first.", severity="error")
                return
        if loaded is None or self.current is None:
            return
        source = self.sources[self.current]
        stride_app(self).start_session(source.id, expand(loaded, self.level), source.path)
