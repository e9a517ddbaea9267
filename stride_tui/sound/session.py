"""What a session sounds like: chimes and spoken cues for each event the engine emits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from stride_tui.routine.plan import Plan, SegmentKind
from stride_tui.session.alerts import Alert
from stride_tui.session.describe import segment_title
from stride_tui.session.events import Event, EventKind
from stride_tui.session.outcome import OutcomeKind
from stride_tui.settings import Settings, load_settings
from stride_tui.sound.chimes import chime_for_batch, chime_name
from stride_tui.sound.player import ChimePlayer
from stride_tui.sound.voice import Speaker, find_engine


def announcement(event: Event, plan: Plan) -> str | None:
    """What to say for an event: step names, switching sides, halfway, and cues."""
    segment = plan.segments[event.segment]
    if event.kind is EventKind.SEGMENT_STARTED:
        if segment.kind is SegmentKind.GET_READY:
            return f"Next: {segment.label}"
        if segment.kind is SegmentKind.WORK:
            return segment_title(segment)
        return None
    if event.kind is EventKind.SWITCH_SIDES:
        return "Switch sides"
    if event.kind is EventKind.HALFWAY:
        return "Halfway"
    if event.kind is EventKind.CUE:
        return event.text
    if event.kind is EventKind.ROUTINE_FINISHED and event.text != OutcomeKind.STOPPED:
        return "Well done"
    if event.kind is EventKind.WAITING:
        return f"{event.text}. Press space when you're ready"
    return None


@dataclass
class SessionSound:
    """Turns a session's events into chimes and, when enabled, spoken cues."""

    player: ChimePlayer
    speaker: Speaker | None
    profile: str = "standard"
    notices: list[str] = field(default_factory=list)
    """One-line messages for the runner (settings problems, no speech engine)."""

    def use_profile(self, routine_profile: str) -> None:
        """Follow a routine's ``sound`` unless the settings fix a profile."""
        chosen = self.player.settings.profile
        self.profile = routine_profile if chosen == "auto" else chosen
        self.player.calm = self.profile == "calm"

    def hear(self, events: list[Event], plan: Plan) -> None:
        """Sound events that fell due together: one chime, and the newest announcement."""
        chime = chime_for_batch(
            events, plan, self.profile, metronome=self.player.settings.metronome
        )
        if chime is not None:
            self.player.play(chime)
        if self.speaker is None or self.player.muted:
            return
        spoken = None
        for event in events:
            spoken = announcement(event, plan) or spoken
        if spoken is not None:
            self.speaker.say(spoken)

    def signal(self, alert: Alert) -> None:
        """Sound a change the runner made themselves (mute, more or less time)."""
        chime = chime_name(alert, self.profile)
        if chime is not None:
            self.player.play(chime)

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, with the chime that says so heard either way."""
        if muted:
            self.signal(Alert.MUTED)  # queued before the player goes quiet: it plays
            self.player.muted = True
        else:
            self.player.muted = False
            self.signal(Alert.UNMUTED)

    def close(self, drain: bool = True) -> None:
        """Stop every sound; with ``drain``, let the last chime and announcement finish."""
        if self.speaker is not None:
            self.speaker.close(drain)  # hands its last cue to the player first
        self.player.close(drain)


def start_sound(
    routine_profile: str = "standard",
    voice: bool | None = None,
    ring: Callable[[], None] | None = None,
    settings: Settings | None = None,
) -> SessionSound:
    """Set up sound from the user's settings; the backend is chosen in the background.

    Args:
        routine_profile: The routine's own ``sound`` (standard, calm, silent).
        voice: Speak cues (``--voice``); ``None`` follows the settings.
        ring: How to ring the terminal bell.
        settings: Settings to use instead of reading ``config.toml``.
    """
    notices: list[str] = []
    if settings is None:
        loaded = load_settings()
        settings = loaded.settings
        notices += [p.render(str(loaded.path)) for p in loaded.problems]
    player = ChimePlayer(settings, ring)
    speaker = None
    if voice if voice is not None else settings.voice:
        engine = find_engine(settings.voice_engine)
        if engine is None:
            notices.append(
                "no speech engine found (espeak-ng, espeak or say); cues are shown, not spoken"
            )
        else:
            speaker = Speaker(engine, settings.voice_rate, player.speak)
    sound = SessionSound(player, speaker, notices=notices)
    sound.use_profile(routine_profile)
    return sound


def sound_notice(player: ChimePlayer) -> str | None:
    """One line to show when chimes will not be heard; ``None`` while still choosing."""
    backend = player.backend
    if backend is None or backend.audible or backend.name == player.settings.backend:
        return None  # still choosing, heard, or silence chosen on purpose
    if backend.name == "bell":
        return "No audio device answered: the terminal bell marks the big changes"
    return "No sound available: the screen flashes for every cue"


def describe_sound(sound: SessionSound) -> str:
    """The sound in use, for the help screen and ``stride locate``."""
    voice = f"; voice: {sound.speaker.engine}" if sound.speaker is not None else ""
    muted = " (muted)" if sound.player.muted else ""
    problems = sound.player.problems + (sound.speaker.problems if sound.speaker else [])
    trouble = f"; {len(problems)} problem(s), latest: {problems[-1]}" if problems else ""
    return f"{sound.player.backend_name}{muted}, {sound.profile} profile{voice}{trouble}"
