"""The live-session driver: one loop body for the full-screen player and plain mode.

Each call catches the engine up with the clock and hands what fell due to the log
(through the writer, never waiting) and to the sound, decides which flash the batch
gets, and collects notices, each said once. A front end only shows what an
:class:`Update` holds: the player draws it, plain mode prints it. Nothing here grows
with the length of a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stride_tui.errors import StrideError
from stride_tui.live.measure import Ask, MeasureWatch
from stride_tui.live.recorder import Recorder
from stride_tui.live.status import StatusPublisher
from stride_tui.log.writer import LogWriter
from stride_tui.routine.plan import Plan
from stride_tui.session.alerts import Alert, alert_for_batch, control_alert
from stride_tui.session.clock import Clock, monotonic
from stride_tui.session.engine import Engine, State
from stride_tui.session.events import Event
from stride_tui.session.notices import Notices
from stride_tui.sound.session import SessionSound, sound_notice


@dataclass(frozen=True, slots=True)
class Update:
    """What one step of a session produced, for a front end to show.

    Attributes:
        events: What fell due since the previous update, in order.
        alert: The change the batch is for the runner (a chime and a flash word), or
            ``None``; the flash shows whatever mute or the sound profile say.
        notices: One-line messages not shown before.
        finished: Whether the session has ended.
    """

    events: tuple[Event, ...]
    alert: Alert | None
    notices: tuple[str, ...]
    finished: bool


class SoundWatch:
    """Says once, when the backend is known, that chimes will not be heard."""

    def __init__(self, sound: SessionSound | None, notices: Notices) -> None:
        self.sound = sound
        self.notices = notices
        self._told = sound is None
        if sound is not None:
            for notice in sound.notices:
                notices.say(notice)

    @property
    def settled(self) -> bool:
        """Whether there is nothing more to say (the backend is known, or no sound)."""
        return self._told

    def check(self) -> None:
        """Look whether the backend has been chosen; say so once if it is not audible."""
        if self._told or self.sound is None or self.sound.player.backend is None:
            return
        self._told = True
        notice = sound_notice(self.sound.player)
        if notice:
            self.notices.say(notice)


class SessionDriver:
    """Plays one plan: the engine, the log, the sound and the notices together.

    Args:
        plan: What to play.
        clock: The engine's clock.
        sound: Chimes and speech; ``None`` plays silently.
        log: The log writer; ``None`` logs nothing.
        routine_id: The routine's id, for the log.
        routine_path: The routine's file, for the log's hash of it.
        notices: Where notices collect (the app shares one across sessions).
        sound_watch: The watch on the sound backend, when the caller keeps one already
            (the app does, across sessions); otherwise the driver makes its own.
        status: Where the session under way is published for ``stride status``; by
            default, this process's file in the user's runtime folder.
    """

    def __init__(
        self,
        plan: Plan,
        *,
        clock: Clock = monotonic,
        sound: SessionSound | None = None,
        log: LogWriter | None = None,
        routine_id: str = "",
        routine_path: Path | None = None,
        notices: Notices | None = None,
        sound_watch: SoundWatch | None = None,
        status: StatusPublisher | None = None,
    ) -> None:
        self.plan = plan
        reminder = sound.player.settings.reminder if sound is not None else 0
        self.engine = Engine(plan, clock, reminder=reminder)
        self.sound = sound
        self.log = log
        self.routine_id = routine_id
        self.routine_path = routine_path
        self.notices = notices or Notices()
        self.sound_watch = sound_watch or SoundWatch(sound, self.notices)
        self.recorder: Recorder | None = None
        self.measures = MeasureWatch(plan)
        """Guided tests that have ended: each face asks for their values."""
        self.metronome = sound.player.settings.metronome if sound is not None else True
        self.status: StatusPublisher | None = status or self._own_status(routine_id)

    def _own_status(self, routine_id: str) -> StatusPublisher | None:
        """This process's status file, or none (said once) when its folder can't be trusted.

        The status line is optional; the session is not.
        """
        try:
            return StatusPublisher(routine_id)
        except (OSError, StrideError) as error:
            self.notices.say(f"`stride status` can't follow this session: {error}")
            return None

    @property
    def finished(self) -> bool:
        """Whether the session has ended."""
        return self.engine.state is State.FINISHED

    def start(self) -> Update:
        """Begin the session now, logged from this moment."""
        self.engine.start()
        entry = self.log.entry() if self.log is not None else None
        self.recorder = Recorder(entry, self.engine, self.routine_id, self.routine_path)
        return self.update()

    def update(self) -> Update:
        """Catch up with the clock: log, sound and flash what fell due."""
        events = self.engine.update()
        alert = None
        if events:
            if self.recorder is not None:
                self.recorder.hear(events)
            alert = alert_for_batch(events, self.plan, metronome=self.metronome)
            self._sound(events)
        self._publish()
        self.sound_watch.check()
        return Update(tuple(events), alert, tuple(self.notices.take()), self.finished)

    def _sound(self, events: list[Event]) -> None:
        if self.sound is None:
            return
        try:
            self.sound.hear(events, self.plan)
        except Exception as error:  # a sound that fails must never stop the session
            self.notices.say(f"sound stopped working ({error}); the screen still flashes")
            self.sound = None

    def _publish(self) -> None:
        if self.status is None:
            return
        try:
            self.status.follow(self.engine)
        except OSError as error:  # the status line is a convenience: the session goes on
            reason = error.strerror or str(error)
            self.notices.say(f"`stride status` can't follow this session ({reason})")
            self.status = None

    def next_due(self) -> float | None:
        """The clock reading at which the next event falls due (``None`` while stopped)."""
        return self.engine.next_due()

    # -- controls: each takes effect now and returns what it caused ----------------

    def toggle(self) -> Update:
        """Space: ready when waiting, otherwise pause or resume."""
        self.engine.toggle()
        return self.update()

    def pause(self, at: float | None = None) -> Update:
        """Stop the clock (as of clock reading ``at``, when the process was suspended)."""
        self.engine.pause(at)
        return self.update()

    def resume(self) -> Update:
        """Restart the clock (a hold counts 3-2-1 back in)."""
        self.engine.resume()
        return self.update()

    def skip(self) -> Update:
        """Move on to what comes next."""
        self.engine.skip()
        return self.update()

    def back(self) -> Update:
        """Restart this part, or go back one."""
        self.engine.back()
        return self.update()

    def extend(self, seconds: float) -> Update:
        """Add (or take off) time, with a chime and a flash that say so."""
        changed = self.engine.extend(seconds)
        return self._by_runner(control_alert(changed)) if changed else self.update()

    def set_muted(self, muted: bool) -> Update:
        """Silence the chimes, or bring them back; the flash says which either way."""
        if self.sound is not None:
            self.sound.set_muted(muted)
        return self._by_runner(Alert.MUTED if muted else Alert.UNMUTED)

    def _by_runner(self, alert: Alert) -> Update:
        """An update for a change the runner made, which the batch's own alert outranks."""
        update = self.update()
        if update.alert is not None:
            return update
        if self.sound is not None and alert not in (Alert.MUTED, Alert.UNMUTED):
            try:
                self.sound.signal(alert)
            except Exception as error:  # a sound that fails must never stop the session
                self.notices.say(f"sound stopped working ({error}); the screen still flashes")
                self.sound = None
        return Update(update.events, alert, update.notices, update.finished)

    def jump(self, step: int) -> Update:
        """Go to the start of plan step ``step``."""
        self.engine.jump(step)
        return self.update()

    def measured(self, ask: Ask, value: float) -> None:
        """Log a guided test's value as a marker of its side (on the log writer's thread)."""
        entry = self.recorder.entry if self.recorder is not None else None
        if entry is not None:
            entry.measure(ask.kind.name, value, ask.side, f"measured in {self.plan.name}")

    def stop(self) -> Update:
        """End the session now as stopped: q, Ctrl+C, a signal or a closed terminal.

        Every step not played counts as skipped, and the final state is queued on the log.
        """
        self.engine.finish()
        return self.update()
