"""Plain mode: a session as one line per event, for screen readers, slow links, logs and pipes.

Each line shows the actual time since the start beside the planned time on the routine's
timeline. When standard input is a terminal, space pauses (or says ready), ``n`` skips
and ``q`` stops; otherwise steps that wait for the runner start at once.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from stride_tui.live.driver import SessionDriver, Update
from stride_tui.live.measure import Ask, NumberEntry, Recorded, Refused, Skipped
from stride_tui.live.signals import SessionStopped, StopSignals
from stride_tui.routine.durations import clock as clock_text
from stride_tui.routine.plan import Plan
from stride_tui.session.describe import describe_event
from stride_tui.session.engine import Engine, State
from stride_tui.session.events import Event
from stride_tui.text import visible

IDLE_WAKE = 0.5
"""Seconds between checks while nothing is due (paused, waiting)."""


def stamp(seconds: float) -> str:
    """``m:ss.ss``: precise enough to compare actual and planned times."""
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{secs:05.2f}"


def format_line(event: Event, plan: Plan, actual: float) -> str:
    """One output line: actual time, planned time, step, side, and what happened."""
    segment = plan.segments[event.segment]
    step = visible(plan.steps[event.step].name)
    side = (segment.side or "").upper()
    return (
        f"{stamp(actual):>8}  plan {stamp(event.position):>8}  {step[:28]:<28}  "
        f"{side:<5}  {visible(describe_event(event, plan))}"
    )


class _Keys:
    """Single key presses from a terminal, without waiting for Enter."""

    def __init__(self, stream: TextIO) -> None:
        self.fd = stream.fileno()

    @contextlib.contextmanager
    def raw(self) -> Iterator[None]:
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        try:
            tty.setcbreak(self.fd)
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)

    def read(self, timeout: float) -> str:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        return os.read(self.fd, 1).decode(errors="ignore") if ready else ""


def _keyboard(stream: TextIO) -> _Keys | None:
    try:
        return _Keys(stream) if stream.isatty() else None
    except (AttributeError, ValueError, OSError):
        return None


EXTEND = 10.0
"""Seconds ``+`` adds to (and ``-`` takes from) the current part, as in the player."""


def opening_line(plan: Plan) -> str:
    """``Pre-run warm-up · standard level · 7:33``: what is about to play, and its total."""
    return f"{visible(plan.name)} · {plan.level} level · {clock_text(plan.total)}"


def run_plain(
    driver: SessionDriver,
    *,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    keys_from: TextIO | None = None,
) -> Engine:
    """Play ``driver``'s session, writing one line per event to ``out``; return its engine.

    Notices (sound, log) go to ``err``, so that ``out`` holds nothing but event lines.
    Ctrl+C, SIGTERM and SIGHUP stop the session where it is: its last lines are
    printed and logged, then :class:`SessionStopped` is raised.
    """
    keys = _keyboard(keys_from or sys.stdin)
    return _PlainSession(driver, out, err, keys).run()


class _PlainSession:
    def __init__(self, driver: SessionDriver, out: TextIO, err: TextIO, keys: _Keys | None) -> None:
        self.driver = driver
        self.plan = driver.plan
        self.out = out
        self.err = err
        self.keys = keys
        self.signals = StopSignals()
        self.asks: list[Ask] = []
        """Guided tests' values still to ask for (only with a terminal to ask on)."""
        self.entry: NumberEntry | None = None
        """The value being typed, when one is asked for."""

    def run(self) -> Engine:
        context = self.keys.raw() if self.keys else contextlib.nullcontext()
        with context:
            self.out.write(opening_line(self.plan) + "\n")
            if self.keys:
                self.out.write("space: pause/ready   n: next   q: stop\n")
            self.signals.install()
            try:
                self._show(self.driver.start())
                self._loop()
                self._finish_asking()
            except SessionStopped:
                self._show(self.driver.stop())
                self._took()
                raise
            except OSError:
                # The terminal went away: a closed window's writes can fail before its
                # SIGHUP is seen. The session still ends as stopped, every step with it.
                self.driver.stop()
                raise
        self._took()
        return self.driver.engine

    def _show(self, update: Update) -> None:
        for notice in update.notices:
            self.err.write(f"stride: {notice}\n")
        self.err.flush()
        engine = self.driver.engine
        actual = engine.clock() - (engine.started_at or 0.0)
        if update.events and self.entry is not None:
            self.out.write("\n")  # the event lines go below the open question
        for event in update.events:
            self.out.write(format_line(event, self.plan, actual) + "\n")
        if self.keys is not None:
            self.asks += self.driver.measures.due(engine)
        if self.entry is None and self.asks:
            self.entry = NumberEntry(self.asks.pop(0))
            self._prompt()
        elif update.events and self.entry is not None:
            self._prompt()
        self.out.flush()

    def _prompt(self) -> None:
        """The open question and what has been typed so far, on one line."""
        assert self.entry is not None
        self.out.write(f"{'':8}  {visible(self.entry.ask.prompt())}{self.entry.text}")
        self.out.flush()

    def _answer(self, key: str) -> None:
        """One key for the open question: typed, or Enter records, or Esc skips."""
        entry = self.entry
        assert entry is not None
        before = entry.text
        answer = entry.key(key)
        if answer is None:
            if entry.text != before:  # the terminal does not echo in cbreak mode
                erased = len(before) - len(entry.text)
                self.out.write("\b \b" * erased if erased > 0 else entry.text[len(before) :])
                self.out.flush()
            return
        if isinstance(answer, Refused):
            self.out.write(f"\n{'':8}  {answer.why}\n")
            entry.text = ""
            self._prompt()
            return
        ask = entry.ask
        if isinstance(answer, Recorded):
            self.driver.measured(ask, answer.value)
            shown = ask.kind.show(answer.value)
            self.out.write(f"\n{'':8}  logged {ask.what.lower()}: {shown}\n")
        else:
            assert isinstance(answer, Skipped)
            self.out.write(f"\n{'':8}  skipped; nothing logged for {ask.what.lower()}\n")
        self.entry = NumberEntry(self.asks.pop(0)) if self.asks else None
        if self.entry is not None:
            self._prompt()
        self.out.flush()

    def _finish_asking(self) -> None:
        """The session has ended: the questions still open are asked to their end."""
        while self.entry is not None and self.keys is not None:
            self.signals.check()
            with self.signals.waiting():
                key = self.keys.read(IDLE_WAKE)
            if key:
                self._answer(key)

    def _took(self) -> None:
        engine = self.driver.engine
        total = (engine.finished_at or 0.0) - (engine.started_at or 0.0)
        outcome = engine.outcome
        how = f" ({outcome.describe()})" if outcome is not None and not outcome.completed else ""
        # Time added or removed with +/- moved the plan: say what it became.
        planned = f" (planned {clock_text(engine.total)})" if engine.added else ""
        self.out.write(f"{'':8}  took {clock_text(total)}{planned}{how}\n")
        self.out.flush()

    def _loop(self) -> None:
        driver = self.driver
        engine = driver.engine
        while not driver.finished:
            self.signals.check()
            if engine.state is State.WAITING and self.keys is None:
                self._show(driver.toggle())
                continue
            due = driver.next_due()
            now = engine.clock()
            timeout = min(IDLE_WAKE, due - now) if due is not None else IDLE_WAKE
            with self.signals.waiting():
                if self.keys is None:
                    time.sleep(max(0.0, timeout))
                    key = ""
                else:
                    key = self.keys.read(timeout)
            if key and self.entry is not None:
                self._answer(key)  # while a value is typed, keys are its own
                key = ""
            controls: dict[str, Callable[[], Update]] = {
                " ": driver.toggle,
                "n": driver.skip,
                "q": driver.stop,
                "+": lambda: driver.extend(EXTEND),
                "-": lambda: driver.extend(-EXTEND),
            }
            control = controls.get(key)
            self._show(control() if control is not None else driver.update())
