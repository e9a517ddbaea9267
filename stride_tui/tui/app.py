"""The stride app: opens on the picker, or straight into a routine with ``stride run``."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import App
from textual.dom import DOMNode

from stride_tui.routine.library import RoutineNotFound, resolve
from stride_tui.routine.loader import load_routine
from stride_tui.routine.model import Level
from stride_tui.routine.plan import Plan, expand
from stride_tui.routine.problems import RoutineError
from stride_tui.session.clock import Clock, monotonic
from stride_tui.session.history import History
from stride_tui.session.recorder import LogTarget, open_log
from stride_tui.settings import Settings
from stride_tui.signals import on_stop_signals
from stride_tui.sound.session import SessionSound, sound_notice, start_sound

NOTICE_CHECK = 0.2
"""Seconds between looks at whether the sound backend has been chosen."""

_NO_LOG = object()


class StrideApp(App[None]):
    """The full-screen app.

    Args:
        routine_id: Play this routine (an id, prefix or path) at once; ``None`` opens
            the picker.
        level: The level to play (or to preselect in the picker).
        clock: The engine's clock; tests pass a manual one.
        plan: The plan of ``routine_id``, when the caller has loaded it already.
        routine_path: The file of ``routine_id``, for the log's record of it.
        voice: Speak cues; ``None`` follows the settings.
        mute: Start with the chimes muted.
        settings: Sound settings to use instead of reading ``config.toml``.
        history: The training log to use instead of opening the usual one; ``None``
            runs without a log.
        today: The date the history screen counts from (tests fix it).
        edit: Open the picker with this routine (id) in the editor.
    """

    TITLE = "stride"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        routine_id: str | None = None,
        *,
        level: Level = "standard",
        clock: Clock = monotonic,
        plan: Plan | None = None,
        routine_path: Path | None = None,
        voice: bool | None = None,
        mute: bool = False,
        settings: Settings | None = None,
        history: History | object | None = _NO_LOG,
        today: Callable[[], date] = date.today,
        edit: str | None = None,
    ) -> None:
        super().__init__()
        self.routine_id = routine_id
        self.routine_path = routine_path
        self.level: Level = level
        self.clock = clock
        self.plan = plan
        self.today = today
        self.edit = edit
        self.from_picker = routine_id is None
        self.sound: SessionSound = start_sound(voice=voice, ring=self._ring, settings=settings)
        self.sound.player.muted = self.sound.player.muted or mute
        self.notices = list(self.sound.notices)
        if history is _NO_LOG:
            self.history, log_notices = open_log()
            self.notices += log_notices
        else:
            assert history is None or isinstance(history, History)
            self.history = history
        self._told_about_sound = False

    @property
    def muted(self) -> bool:
        """Whether chimes (and speech) are silenced."""
        return self.sound.player.muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self.sound.player.muted = value

    def _ring(self) -> None:
        """Ring the terminal bell from the sound worker's thread."""
        with contextlib.suppress(RuntimeError):  # not running (any more): nothing to ring
            self.call_from_thread(self.bell)

    def on_mount(self) -> None:
        from stride_tui.tui.picker import PickerScreen

        on_stop_signals(self._stop_signal)
        for notice in self.notices:
            self.notify(notice, title="Note", severity="warning", timeout=10)
        self.set_interval(NOTICE_CHECK, self._tell_about_sound)
        if self.routine_id is None:
            picker = PickerScreen(self.level)
            self.push_screen(picker)
            if self.edit is not None:
                self.call_after_refresh(picker.edit, self.edit)
            return
        if self.plan is not None:
            self.start_session(self.routine_id, self.plan, self.routine_path)
            return
        try:
            source = resolve(self.routine_id)
            plan = expand(load_routine(source.path), self.level)
        except (RoutineNotFound, RoutineError) as error:
            self.exit(return_code=1, message=str(error))
            return
        self.start_session(source.id, plan, source.path)

    def _stop_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP: log the session as stopped where it is, then leave."""
        from stride_tui.tui.player import PlayerScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.recorder.stop_now()
        self.sound.close(drain=False)
        if signum == signal.SIGHUP:
            os._exit(128 + signum)  # the terminal is gone: nothing left to draw on
        self.exit(return_code=128 + signum)

    def _tell_about_sound(self) -> None:
        """Say once, when the backend is known, that chimes will not be heard."""
        if self._told_about_sound or self.sound.player.backend is None:
            return
        self._told_about_sound = True
        notice = sound_notice(self.sound.player)
        if notice:
            self.notify(notice, title="Sound", timeout=6)

    def on_unmount(self) -> None:
        from stride_tui.tui.player import PlayerScreen

        # However the app ends (Ctrl+Q, an error), a session under way is logged as stopped.
        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.recorder.stop_now()
        self.sound.close()
        if self.history is not None:
            self.history.close()

    def start_session(self, routine_id: str, plan: Plan, path: Path | None = None) -> None:
        """Open the player on ``plan``."""
        from stride_tui.tui.player import PlayerScreen

        self.sound.use_profile(plan.sound)
        log = LogTarget(self.history, routine_id, path)
        self.push_screen(PlayerScreen(plan, self.clock, routine_id, log))

    def after_session(self) -> None:
        """Leave the finish screen: back to the picker, or out for ``stride run``."""
        if self.from_picker:
            self.pop_screen()
        else:
            self.exit()


def stride_app(node: DOMNode) -> StrideApp:
    """The app a screen or widget belongs to, typed as the stride app."""
    app = node.app
    assert isinstance(app, StrideApp), f"{type(node).__name__} runs only in StrideApp"
    return app
