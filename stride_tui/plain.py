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
from collections.abc import Iterator
from typing import TextIO

from stride_tui.routine.durations import clock as clock_text
from stride_tui.routine.plan import Plan
from stride_tui.session.clock import Clock, monotonic
from stride_tui.session.describe import describe_event
from stride_tui.session.engine import Engine, State
from stride_tui.session.events import Event
from stride_tui.session.recorder import LogTarget, Recorder
from stride_tui.signals import SessionStopped, raise_on_stop_signals
from stride_tui.sound.session import SessionSound, sound_notice

IDLE_WAKE = 0.5
"""Seconds between checks while nothing is due (paused, waiting)."""


def stamp(seconds: float) -> str:
    """``m:ss.ss``: precise enough to compare actual and planned times."""
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes)}:{secs:05.2f}"


def format_line(event: Event, plan: Plan, actual: float) -> str:
    """One output line: actual time, planned time, step, side, and what happened."""
    segment = plan.segments[event.segment]
    step = plan.steps[event.step].name
    side = (segment.side or "").upper()
    return (
        f"{stamp(actual):>8}  plan {stamp(event.position):>8}  {step[:28]:<28}  "
        f"{side:<5}  {describe_event(event, plan)}"
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


def run_plain(
    plan: Plan,
    *,
    out: TextIO = sys.stdout,
    keys_from: TextIO | None = None,
    clock: Clock = monotonic,
    sound: SessionSound | None = None,
    log: LogTarget | None = None,
) -> Engine:
    """Play ``plan`` writing one line per event to ``out``; return the finished engine.

    Chimes and spoken cues go through ``sound``. Notices about sound go to stderr, so
    that ``out`` holds nothing but event lines.
    """
    keys = _keyboard(keys_from or sys.stdin)
    session = _PlainSession(plan, out, keys, Engine(plan, clock), sound=sound, log=log)
    return session.run()


class _PlainSession:
    def __init__(
        self,
        plan: Plan,
        out: TextIO,
        keys: _Keys | None,
        engine: Engine,
        *,
        sound: SessionSound | None,
        log: LogTarget | None,
    ) -> None:
        self.plan = plan
        self.out = out
        self.keys = keys
        self.sound = sound
        self.engine = engine
        self.told = sound is None
        self.log = log
        self.recorder: Recorder | None = None

    def run(self) -> Engine:
        for notice in self.sound.notices if self.sound else []:
            sys.stderr.write(f"stride: {notice}\n")
        context = self.keys.raw() if self.keys else contextlib.nullcontext()
        with context:
            if self.keys:
                self.out.write("space: pause/ready   n: next   q: stop\n")
            raise_on_stop_signals()
            self.engine.start()
            if self.log is not None:
                self.recorder = self.log.recorder(self.engine)
            try:
                self._loop()
            except (KeyboardInterrupt, SessionStopped):
                self.engine.finish()
                self._print()
                raise
        return self.engine

    def _print(self) -> None:
        engine = self.engine
        events = engine.update()
        if not events:
            return
        if self.recorder is not None:
            self.recorder.hear(events)
        if self.sound is not None:
            self.sound.hear(events, self.plan)
        started = engine.started_at or 0.0
        for event in events:
            self.out.write(format_line(event, self.plan, engine.clock() - started) + "\n")
        self.out.flush()

    def _tell_about_sound(self) -> None:
        """Say once, when it is known, that chimes will not be heard."""
        if self.told or self.sound is None or self.sound.player.backend is None:
            return
        self.told = True
        notice = sound_notice(self.sound.player)
        if notice:
            sys.stderr.write(f"stride: {notice}\n")

    def _loop(self) -> None:
        import time

        engine = self.engine
        while True:
            self._print()
            self._tell_about_sound()
            if engine.state is State.FINISHED:
                break
            if engine.state is State.WAITING and self.keys is None:
                engine.ready()
                continue
            now = engine.clock()
            due = engine.next_due()
            timeout = min(IDLE_WAKE, due - now) if due is not None else IDLE_WAKE
            if self.keys is None:
                time.sleep(max(0.0, timeout))
                continue
            key = self.keys.read(timeout)
            if key == " ":
                engine.toggle()
            elif key == "n":
                engine.skip()
            elif key == "q":
                engine.finish()
        total = (engine.finished_at or 0.0) - (engine.started_at or 0.0)
        stopped = " (stopped early)" if engine.outcome == "stopped" else ""
        self.out.write(f"{'':8}  took {clock_text(total)}{stopped}\n")
        self.out.flush()
