"""The stride app: opens on the picker, or straight into a routine with ``stride run``."""

from __future__ import annotations

import contextlib

from textual.app import App
from textual.dom import DOMNode

from stride_tui.routine.library import RoutineNotFound, resolve
from stride_tui.routine.loader import load_routine
from stride_tui.routine.model import Level
from stride_tui.routine.plan import Plan, expand
from stride_tui.routine.problems import RoutineError
from stride_tui.session.clock import Clock, monotonic
from stride_tui.settings import Settings
from stride_tui.sound.session import SessionSound, sound_notice, start_sound

NOTICE_CHECK = 0.2
"""Seconds between looks at whether the sound backend has been chosen."""


class StrideApp(App[None]):
    """The full-screen app.

    Args:
        routine_id: Play this routine (an id, prefix or path) at once; ``None`` opens
            the picker.
        level: The level to play (or to preselect in the picker).
        clock: The engine's clock; tests pass a manual one.
        plan: The plan of ``routine_id``, when the caller has loaded it already.
        voice: Speak cues; ``None`` follows the settings.
        mute: Start with the chimes muted.
        settings: Sound settings to use instead of reading ``config.toml``.
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
        voice: bool | None = None,
        mute: bool = False,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.routine_id = routine_id
        self.level: Level = level
        self.clock = clock
        self.plan = plan
        self.from_picker = routine_id is None
        self.sound: SessionSound = start_sound(voice=voice, ring=self._ring, settings=settings)
        self.sound.player.muted = self.sound.player.muted or mute
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

        for notice in self.sound.notices:
            self.notify(notice, title="Settings", severity="warning", timeout=10)
        self.set_interval(NOTICE_CHECK, self._tell_about_sound)
        if self.routine_id is None:
            self.push_screen(PickerScreen(self.level))
            return
        if self.plan is not None:
            self.start_session(self.routine_id, self.plan)
            return
        try:
            source = resolve(self.routine_id)
            plan = expand(load_routine(source.path), self.level)
        except (RoutineNotFound, RoutineError) as error:
            self.exit(return_code=1, message=str(error))
            return
        self.start_session(source.id, plan)

    def _tell_about_sound(self) -> None:
        """Say once, when the backend is known, that chimes will not be heard."""
        if self._told_about_sound or self.sound.player.backend is None:
            return
        self._told_about_sound = True
        notice = sound_notice(self.sound.player)
        if notice:
            self.notify(notice, title="Sound", timeout=6)

    def on_unmount(self) -> None:
        self.sound.close()

    def start_session(self, routine_id: str, plan: Plan) -> None:
        """Open the player on ``plan``."""
        from stride_tui.tui.player import PlayerScreen

        self.sound.use_profile(plan.sound)
        self.push_screen(PlayerScreen(plan, self.clock, routine_id))

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
