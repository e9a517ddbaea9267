"""The routine picker: every routine, a preview of its steps, and a level that sets the total."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from stride_tui.coaching.coach import LogSnapshot, read_snapshot
from stride_tui.coaching.settings import Coaching, load_coaching
from stride_tui.coaching.today import RoutineChoice, Suggestion, suggest
from stride_tui.files import file_stamp
from stride_tui.log.writer import LogWriter
from stride_tui.routine.durations import clock
from stride_tui.routine.library import RoutineSource, Summary, discover, summaries
from stride_tui.routine.model import LEVELS, Level, Routine
from stride_tui.routine.plan import Plan, StepKind
from stride_tui.routine.plan_cache import PlanCache
from stride_tui.routine.problems import RoutineError
from stride_tui.text import visible
from stride_tui.tui.choices import Choices
from stride_tui.watch import Poller

SUGGESTION_WEEKS = 8
"""Weeks of sessions read for today's suggestion (the week, and which routine plays each kind)."""

LOG_SETTLE = 1.0
"""Seconds the picker waits for a finished session's last writes before reading the log."""

RELOAD_CHECK = 0.5
"""Seconds between looks for routine files changed on disk (on the watcher's thread)."""

Fingerprint = tuple[tuple[str, int, int], ...]
"""Every routine file's path, modification time and size: what a change changes."""

READING_LOG = "Today: reading the log…"
"""The today line until the log has answered (the list is drawn without waiting)."""

DEFAULT_ROUTINE = "pre-run-warmup"
"""Highlighted when the picker opens and no routine has the kind today's session needs."""


class RoutineList(OptionList):
    """The routines: one click (or tap) chooses and previews; a double click starts.

    A stray tap, on a phone through ``stride serve`` say, never starts a session.
    """

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # not OptionList's click, which selects (starts) at once
        clicked: int | None = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()


class PickerScreen(Screen[None]):
    """Choose a routine and a level; Enter, a double click or Start starts it."""

    CSS_PATH = "picker.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", priority=True),
        Binding("l", "next_level", "Level"),
        Binding("h", "history", "History"),
        Binding("w", "before_run", "Warm-up"),
        Binding("r", "after_run", "Recovery"),
        Binding("e", "edit", "Edit"),
        Binding("q", "app.quit", "Quit"),
    ]

    class FilesChanged(Message):
        """Routine files changed on disk: the watcher's stamp, and the listing it read.

        Posted from the watcher's thread (``post_message`` is thread-safe), so the UI
        thread neither stats the files again nor rewrites the summary index.
        """

        def __init__(
            self,
            stamp: Fingerprint,
            sources: dict[str, RoutineSource],
            found: dict[str, Summary],
        ) -> None:
            super().__init__()
            self.stamp = stamp
            self.sources = sources
            self.found = found

    class Start(Message):
        """The runner chose a routine and a level: the app plays ``plan``."""

        def __init__(self, routine_id: str, plan: Plan, path: Path) -> None:
            super().__init__()
            self.routine_id = routine_id
            self.plan = plan
            self.path = path

    def __init__(
        self,
        level: Level = "standard",
        *,
        log_writer: LogWriter | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.level: Level = level
        self.log_writer = log_writer
        """The session log's writer: the log is read only once it has opened the file."""
        self.today = today
        """The day today's session is worked out for (tests fix it)."""
        self.log_answered = False
        """Whether the log has been read (or found missing) since the picker opened."""
        self._auto_highlight: str | None = None
        """The routine highlighted for the runner, not by them: the log's answer may move it."""
        self.sources: dict[str, RoutineSource] = {}
        self.found: dict[str, Summary] = {}
        self.current: str | None = None
        self.last_good: dict[str, Routine] = {}
        """Each routine's last valid version: a broken save does not take it away."""
        self.plans = PlanCache()
        """Checked routines, kept between runs, so a preview needs no YAML."""
        self._fingerprint: Fingerprint = ()
        self._poller: Poller[Fingerprint] | None = None
        self._coaching: Coaching | None = None
        self.log_snapshot = LogSnapshot()
        """What coaching reads from the log, read again whenever the picker shows."""
        self.suggestion: Suggestion | None = None
        """Today's session from the weekly template."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="picker"):
            with Vertical(id="left"):
                yield Static("Routines", classes="heading")
                yield Static(id="today", markup=False)
                yield RoutineList(id="routines")
            with Vertical(id="right"):
                yield Static(id="title", markup=False)
                with Choices(id="level"):
                    for level in LEVELS:
                        yield RadioButton(level, value=level == self.level, id=f"level-{level}")
                yield Static(id="total")
                yield Button("Start ▶", id="start", variant="primary", compact=True)
                with VerticalScroll(id="preview-scroll"):
                    yield Static(id="preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()  # the list draws at once; today's line follows when the log answers
        self._read_log()
        self.query_one("#routines", OptionList).focus()
        self._start_watching()

    def _start_watching(self, *, at_once: bool = False) -> None:
        """Look for changed routine files on a thread: the UI never waits on the disk."""
        self._stop_watching()
        self._poller = Poller(_files, self._post_files_changed, RELOAD_CHECK)
        self._poller.start(self._fingerprint, at_once=at_once)

    def _post_files_changed(self, stamp: Fingerprint) -> None:
        """On the watcher's thread: read the listing again, and send it to the UI."""
        sources = discover()
        self.post_message(self.FilesChanged(stamp, sources, summaries(sources)))

    def _stop_watching(self) -> None:
        if self._poller is not None:
            self._poller.stop()
            self._poller = None

    def on_screen_suspend(self) -> None:
        """Covered by a session, the editor or the log: no looking until it shows again."""
        self._stop_watching()

    def on_unmount(self) -> None:
        self._stop_watching()

    def on_picker_screen_files_changed(self, message: PickerScreen.FilesChanged) -> None:
        """A routine file was added, removed or changed (in any editor): show it.

        The watcher has compared the files and read the listing, on its own thread.
        """
        self._fingerprint = message.stamp
        self._list(message.sources, message.found)
        self._preview()

    def reload(self) -> None:
        """Read the routine folders again, keeping the highlighted routine if it is still there."""
        self._fingerprint = _files()
        sources = discover()
        self._list(sources, summaries(sources))

    def _list(self, sources: dict[str, RoutineSource], found: dict[str, Summary]) -> None:
        """Show ``found`` in the list, keeping the highlighted routine if it is still there."""
        self.sources = sources
        self.found = found
        routines = self.query_one("#routines", OptionList)
        routines.clear_options()
        for rid, summary in self.found.items():
            if summary.problems:
                prompt = f"{rid}\n  invalid: {summary.problem_count} problem(s)"
            else:
                prompt = f"{summary.name}\n  {summary.kind} · {clock(summary.total)}"
                if not self.sources[rid].builtin:
                    prompt += " · yours"
            routines.add_option(Option(Content(prompt), id=rid))
        self._retotal()
        self._suggest()
        if self.found:
            ids = list(self.found)
            today = self.suggestion.routine_id if self.suggestion else None
            wanted = self.current if self.current in ids else today or DEFAULT_ROUTINE
            routines.highlighted = ids.index(wanted) if wanted in ids else 0
            if self.current not in ids:
                self._auto_highlight = ids[routines.highlighted]

    def _played(self, routine_id: str, routine: Routine, level: Level | None = None) -> Plan:
        """The plan Enter would play: the routine coached from the log, at the level."""
        at = self.level if level is None else level
        return self.log_snapshot.coach(routine, routine_id, at, self.coaching).plan

    def _retotal(self) -> None:
        """Each valid routine's line with the total of the plan it would play now."""
        routines = self.query_one("#routines", OptionList)
        for rid, summary in self.found.items():
            if summary.problems or rid not in self.sources:
                continue
            try:
                routine = self.plans.routine(self.sources[rid].path)
            except RoutineError:
                continue  # the file changed under the listing: the next look shows it
            prompt = f"{summary.name}\n  {summary.kind} · {clock(self._played(rid, routine).total)}"
            if not self.sources[rid].builtin:
                prompt += " · yours"
            routines.replace_option_prompt(rid, Content(prompt))

    def on_screen_resume(self) -> None:
        """Back from a session, the editor or the log: the log and the files again.

        Today and progress move on, routine files saved meanwhile show, and the watching
        starts again.
        """
        if self._poller is not None:
            return  # the first showing: on_mount has just done all this
        self._read_log()
        self._start_watching(at_once=True)  # files saved meanwhile show after one look

    def _read_log(self) -> None:
        """Read what coaching needs from the log on a worker; the UI thread never waits."""
        since = (self.today() - timedelta(weeks=SUGGESTION_WEEKS)).isoformat()
        read = partial(_read_snapshot, self.log_writer, since, LOG_SETTLE)
        self.run_worker(read, thread=True, exclusive=True, group="log")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "log" or event.state is not WorkerState.SUCCESS:
            return  # an error in the worker ends the app with its traceback, as a bug
        snapshot = event.worker.result
        self.log_answered = True
        if isinstance(snapshot, LogSnapshot):  # else no log: coach from nothing
            self.log_snapshot = snapshot
        self._suggest()
        moved = self.current not in (None, self._auto_highlight)
        if self._auto_highlight is not None and not moved and self.suggestion is not None:
            # The runner has not moved: open on today's session, now that it is known.
            ids = list(self.found)
            if self.suggestion.routine_id in ids:
                routines = self.query_one("#routines", OptionList)
                routines.highlighted = ids.index(self.suggestion.routine_id)
                self.current = self.suggestion.routine_id
        self._auto_highlight = None  # later answers (back from a session) leave it be
        self._retotal()
        self._preview()

    def _suggest(self) -> None:
        """Work out today's session and show why it is due."""
        routines = [
            RoutineChoice(rid, summary.name, summary.kind)
            for rid, summary in self.found.items()
            if not summary.problems
        ]
        today = self.today()
        sessions = self.log_snapshot.sessions
        self.suggestion = suggest(sessions, routines, today, self.coaching.week_starts)
        shown = f"Today: {self.suggestion.reason}" if self.log_answered else READING_LOG
        self.query_one("#today", Static).update(visible(shown))

    @property
    def coaching(self) -> Coaching:
        """The coaching settings (read when first needed)."""
        if self._coaching is None:
            self._coaching = load_coaching().coaching
        return self._coaching

    def _play(self, routine_id: str | None) -> None:
        if routine_id is None or routine_id not in self.found:
            self.notify("No such routine here; `stride new` makes one.", severity="warning")
            return
        self.current = routine_id
        self.action_start()

    def action_before_run(self) -> None:
        """Start the warm-up for before a run."""
        self._play(self.suggestion.before_run if self.suggestion else None)

    def action_after_run(self) -> None:
        """Start the recovery session for after a run."""
        self._play(self.suggestion.after_run if self.suggestion else None)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.current = event.option_id
        self._preview()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.current = event.option_id
        self.action_start()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.level = LEVELS[event.index]
        self._retotal()
        self._preview()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            event.stop()
            self.action_start()

    def action_history(self) -> None:
        """Open the training log."""
        from stride_tui.tui.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.log_writer, self.today))

    def action_next_level(self) -> None:
        """Cycle beginner, standard, experienced."""
        index = (LEVELS.index(self.level) + 1) % len(LEVELS)
        self.query_one(f"#level-{LEVELS[index]}", RadioButton).value = True

    def _load(self) -> Routine | RoutineError | None:
        if self.current is None or self.current not in self.sources:
            return None
        try:  # checked once per save: YAML is read only for a new or changed file
            routine = self.plans.routine(self.sources[self.current].path)
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
        from stride_tui.files import ReadFailure
        from stride_tui.tui.editor import EditorScreen

        if routine_id not in self.sources:
            return
        self.current = routine_id
        try:
            editor = EditorScreen(
                self.sources[routine_id], self.level, partial(self._played, routine_id)
            )
        except ReadFailure as failure:
            self.notify(visible(str(failure)), title="Cannot edit", severity="error", markup=False)
            return
        self.app.push_screen(editor)  # the list reloads when the picker shows again

    def _preview(self) -> None:
        loaded = self._load()
        title = self.query_one("#title", Static)
        total = self.query_one("#total", Static)
        preview = self.query_one("#preview", Static)
        self.set_class(not isinstance(loaded, Routine), "unplayable")
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
                self.add_class("invalid", "unplayable")
                return
            loaded = good
            self.remove_class("unplayable")
        self.set_class(bool(problems), "invalid")
        coached = self.log_snapshot.coach(loaded, source.id, self.level, self.coaching)
        plan = coached.plan  # the same plan as _played: what Enter plays
        progress = {state.index: state for state in coached.progress}
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
                StepKind.REPS: f"{step.reps} reps",
                StepKind.TIME: clock(step.work),
                StepKind.BREATHE: "breathing",
                StepKind.REST: "rest",
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
            state = progress.get(step.source_index)
            if state is not None:
                lines.append(f"     progress: {state.summary()}")
            if step.favored is not None:
                lines.append(f"     {step.favored.cue}")
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
        self.post_message(self.Start(source.id, self._played(source.id, loaded), source.path))


def _read_snapshot(log_writer: LogWriter | None, since: str, settle: float) -> LogSnapshot | None:
    """What coaching needs from the log (on a worker's thread); ``None`` without a log."""
    import sqlite3

    from stride_tui.log.opening import open_training_log
    from stride_tui.log.store import LogUnavailable

    if log_writer is None or not log_writer.wait_open():
        return None
    # The session just played may still be on its way to the log: let it land first.
    log_writer.flush(settle)
    try:
        history = open_training_log()
    except LogUnavailable:
        return None  # the app's notice says why
    try:
        return read_snapshot(history, since)
    except sqlite3.Error:
        return None
    finally:
        history.close()


def _files() -> Fingerprint:
    """Stat every routine file (on the watcher's thread, and once per reload)."""
    stamps = ((str(source.path), file_stamp(source.path)) for source in discover().values())
    return tuple((path, *stamp) for path, stamp in stamps if stamp is not None)
