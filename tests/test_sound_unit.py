"""Sound logic without a device: which chime, priorities, settings, and backend fallback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from stride_tui import locations
from stride_tui.settings import Settings, load_settings, parse_settings
from stride_tui.sound import backends
from stride_tui.sound.backends import Backend, SilentBackend, choose_backend
from stride_tui.sound.chimes import Chime, ChimeError, chime_for, chime_for_batch, load_chime
from stride_tui.sound.player import ChimePlayer
from stride_tui.sound.session import SessionSound, announcement, sound_notice
from tests.engine_helpers import engine_of, run_for

ROUTINE = (
    "name: T\ndefaults: {get_ready: 2s, switch: 1s}\nsteps:\n"
    "  - {name: Hold, time: 20s, sides: both, cues: [{at: 3s, say: Keep ribs quiet}]}\n"
    "  - {name: Reps, reps: 2}\n  - {name: B, breathe: {in: 2, out: 2, rounds: 1}}\n"
)


def chimes_of(profile: str) -> list[str]:
    engine, clock = engine_of(ROUTINE)
    engine.start()
    heard = []
    events = engine.update()
    while True:
        chime = chime_for_batch(events, engine.plan, profile)
        if chime:
            heard.append(chime)
        if engine.state.value == "finished":
            return heard
        events = run_for(engine, clock, 0.5, step=0.5)


def test_standard_profile_sounds_every_kind_of_change() -> None:
    heard = chimes_of("standard")
    assert heard[:5] == ["tick", "tick", "start", "halfway", "last-three"]
    assert "switch" in heard and "rep" in heard
    assert heard[-3:] == ["breathe-in", "breathe-out", "finish"]


def test_calm_drops_rep_beats_and_silent_drops_everything() -> None:
    standard, calm = chimes_of("standard"), chimes_of("calm")
    assert "rep" not in calm
    assert [c for c in standard if c != "rep"] == calm
    assert chimes_of("silent") == []


def test_simultaneous_events_sound_the_most_important_chime() -> None:
    engine, _ = engine_of("name: T\nsteps:\n  - {name: R, reps: 2, get_ready: 0}\n")
    engine.start()
    first = engine.update()  # segment start and rep 1, together
    assert {e.kind.value for e in first} >= {"segment-started", "rep"}
    assert chime_for_batch(first, engine.plan, "standard") == "start"
    assert chime_for(first[-1], engine.plan, "standard") == "rep"


def test_announcements() -> None:
    engine, clock = engine_of(ROUTINE)
    engine.start()
    said = [announcement(e, engine.plan) for e in engine.update() + run_for(engine, clock, 45)]
    assert [s for s in said if s] == [
        "Next: Hold", "Hold, left side", "Keep ribs quiet", "Halfway", "Switch sides",
        "Hold, right side", "Keep ribs quiet", "Halfway", "Next: Reps",
    ]  # fmt: skip


def test_settings_read_every_key() -> None:
    settings, problems = parse_settings(
        "[sound]\nvolume = 0.5\nmute = true\nprofile = 'calm'\nbackend = 'aplay'\n"
        "[sound.events]\nrep = false\n[voice]\nenabled = true\nengine = 'espeak'\nrate = 150\n"
    )
    assert problems == []
    assert (settings.volume, settings.mute, settings.profile, settings.backend) == (
        0.5, True, "calm", "aplay",
    )  # fmt: skip
    assert settings.events["rep"] is False and settings.events["tick"] is True
    assert (settings.voice, settings.voice_engine, settings.voice_rate) == (True, "espeak", 150)


def test_settings_problems_are_located_and_defaults_stand_in() -> None:
    settings, problems = parse_settings(
        "[sound]\nvolume = 3\nmute = 'no'\nprofle = 'calm'\n\n[voice]\nengine = 'festival'\n"
    )
    assert [p.render("config.toml") for p in problems] == [
        "config.toml:2:1: sound.volume: `3.0` is outside 0.0 to 1.0; using 0.8",
        "config.toml:3:1: sound.mute: expected true or false, found `no`; using False",
        "config.toml:4:1: sound.profle: unknown setting `profle`; did you mean `profile`?",
        "config.toml:7:1: voice.engine: `festival` is not one of auto, espeak-ng, espeak, "
        "spd-say, say; using 'auto'",
    ]
    assert settings == Settings()
    _, broken = parse_settings("[sound\nvolume = 1\n")
    assert broken[0].render("c") == (
        "c:1:7: not valid TOML: Expected ']' at the end of a table declaration; using the "
        "default settings"
    )


def test_settings_file_missing_or_unreadable() -> None:
    assert load_settings().problems == []  # no file: defaults
    path = locations.config_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe volume")
    assert "not UTF-8" in load_settings().problems[0].message


def test_user_chimes_override_builtin_ones_and_bad_files_are_reported() -> None:
    builtin = load_chime("tick")
    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    (folder / "tick.wav").write_bytes((locations.builtin_sounds_dir() / "rep.wav").read_bytes())
    assert load_chime("tick").pcm == load_chime("rep").pcm != builtin.pcm
    (folder / "tick.wav").write_bytes(b"not a wav")
    with pytest.raises(ChimeError, match=r"tick\.wav: cannot read it as WAV"):
        load_chime("tick")


def test_volume_scales_samples() -> None:
    loud, soft = load_chime("finish", 1.0), load_chime("finish", 0.5)
    assert len(loud.pcm) == len(soft.pcm)
    peak = max(
        abs(int.from_bytes(loud.pcm[i : i + 2], "little", signed=True))
        for i in range(0, len(loud.pcm), 2)
    )
    soft_peak = max(
        abs(int.from_bytes(soft.pcm[i : i + 2], "little", signed=True))
        for i in range(0, len(soft.pcm), 2)
    )
    assert soft_peak == pytest.approx(peak / 2, abs=1)


class Recording:
    """A backend that records what it is asked to play."""

    audible = True

    def __init__(self, name: str) -> None:
        self.name = name
        self.played: list[str] = []

    def play(self, chime: Chime) -> None:
        self.played.append(chime.name)

    def wait_done(self, timeout: float) -> None:
        self.played.append("drained")

    def close(self) -> None:
        self.played.append("closed")


def test_fallback_order_skips_what_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    tried: list[str] = []

    def make(name: str, ring: object) -> Backend:
        tried.append(name)
        if name in ("simpleaudio", "paplay", "aplay"):
            raise OSError(f"{name} has no device")
        if name == "pw-play":
            raise FileNotFoundError("pw-play")
        return Recording(name)

    monkeypatch.setattr(backends, "_make", make)
    backend, failures = choose_backend()
    assert backend.name == "afplay"
    assert tried == ["simpleaudio", "paplay", "pw-play", "aplay", "afplay"]
    assert failures[0] == "simpleaudio: OSError: simpleaudio has no device"
    tried.clear()
    backend, _ = choose_backend("bell")
    assert (backend.name, tried) == ("bell", ["bell"])


def test_the_last_resort_is_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    def make(name: str, ring: object) -> Backend:
        raise OSError(name)

    monkeypatch.setattr(backends, "_make", make)
    backend, failures = choose_backend()
    assert isinstance(backend, SilentBackend)
    assert len(failures) == len(backends.ORDER)


def test_player_returns_at_once_respects_mute_and_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    recording = Recording("fake")

    def slow_choice(preference: str, ring: object) -> tuple[Backend, list[str]]:
        time.sleep(0.3)  # a slow audio stack must not hold up the caller
        return recording, []

    monkeypatch.setattr("stride_tui.sound.player.choose_backend", slow_choice)
    settings = Settings()
    settings.events["rep"] = False
    player = ChimePlayer(settings)
    start = time.perf_counter()
    player.play("start")
    assert time.perf_counter() - start < 0.05
    player.wait_ready()
    player.play("rep")  # switched off
    player.muted = True
    player.play("finish")
    player.muted = False
    player.play("switch")
    deadline = time.monotonic() + 5
    while recording.played != ["start", "switch"] and time.monotonic() < deadline:
        time.sleep(0.01)
    player.close()
    assert recording.played == ["start", "switch", "drained", "closed"]


def test_silence_chosen_on_purpose_needs_no_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    player = ChimePlayer(Settings(backend="none"))
    player.wait_ready()
    assert sound_notice(player) is None
    monkeypatch.setattr(
        "stride_tui.sound.player.choose_backend",
        lambda p, r: (SilentBackend(), ["simpleaudio: no device"]),
    )
    unplanned = ChimePlayer(Settings())
    unplanned.wait_ready()
    assert sound_notice(unplanned) == "No sound available: the screen flashes for every cue"
    sound = SessionSound(unplanned, None)
    sound.use_profile("calm")
    assert (sound.profile, unplanned.calm) == ("calm", True)
    player.close()
    unplanned.close()


def test_shipped_sounds_folder_is_found() -> None:
    assert Path(load_chime("finish").path).parent == locations.builtin_sounds_dir()


def test_problems_with_the_users_chimes_are_shown() -> None:
    from stride_tui.sound.session import describe_sound

    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    (folder / "finish.wav").write_bytes(b"not a wav")
    player = ChimePlayer(Settings(backend="none"))
    player.wait_ready()
    player.play("finish")
    deadline = time.monotonic() + 5
    while not player.problems and time.monotonic() < deadline:
        time.sleep(0.01)
    sound = SessionSound(player, None)
    assert describe_sound(sound).startswith("none, standard profile; 1 problem(s), latest: ")
    assert "finish.wav: cannot read it as WAV" in describe_sound(sound)
    player.close()
