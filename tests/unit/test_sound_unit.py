"""Sound logic without a device: which chime, priorities, settings, and backend fallback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

from stride_tui import locations
from stride_tui.settings import Settings, load_settings, parse_settings
from stride_tui.sound import backends
from stride_tui.sound.backends import choose_backend
from stride_tui.sound.chimes import ChimeError, chime_for, chime_for_batch, load_chime
from stride_tui.sound.fallbacks import SilentBackend, SimpleaudioBackend
from stride_tui.sound.interface import ORDER, Backend
from stride_tui.sound.mixer import Mixer, Track
from stride_tui.sound.pcm import Clip, to_clip, wav_clip
from stride_tui.sound.player import ChimePlayer
from stride_tui.sound.probe import prove_in_child
from stride_tui.sound.session import SessionSound, announcement, sound_notice
from stride_tui.sound.voice import Speaker, describe_engine, render
from tests.helpers.components import require
from tests.helpers.engine import engine_of, run_for
from tests.helpers.sound import CRASHING_MINIAUDIO

ROUTINE = dedent("""\
    name: T
    defaults: {get_ready: 2s, switch: 1s}
    steps:
      - {name: Hold, time: 20s, sides: both, cues: [{at: 3s, say: Keep ribs quiet}]}
      - {name: Reps, reps: 2}
      - {name: B, breathe: {in: 2, out: 2, rounds: 1}}
    """)


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
    assert heard[:6] == ["tick", "tick", "start", "cue", "halfway", "last-three"]
    assert "switch" in heard and "rep" in heard
    assert heard[-3:] == ["breathe-in", "breathe-out", "finish"]


def test_calm_drops_rep_beats_and_silent_drops_everything() -> None:
    standard, calm = chimes_of("standard"), chimes_of("calm")
    assert "rep" not in calm
    assert [c for c in standard if c != "rep"] == calm
    assert chimes_of("silent") == []


def test_simultaneous_events_sound_the_most_important_chime() -> None:
    engine, _ = engine_of(
        dedent("""\
            name: T
            steps:
              - {name: R, reps: 2, get_ready: 0}
            """)
    )
    engine.start()
    first = engine.update()  # segment start and rep 1, together
    assert {e.kind.value for e in first} >= {"segment-started", "rep"}
    assert chime_for_batch(first, engine.plan, "standard") == "start"
    assert chime_for(first[-1], engine.plan, "standard") == "rep"


def test_tempo_phases_chime_only_with_the_metronome_on() -> None:
    tempo = dedent("""\
        name: T
        steps:
          - {name: L, reps: 2, tempo: 2-1, phases: [down, up], get_ready: 0}
        """)

    def heard(metronome: bool) -> list[str]:
        engine, clock = engine_of(tempo)
        engine.start()
        batch, chimes = engine.update(), []
        while engine.state.value != "finished":
            chime = chime_for_batch(batch, engine.plan, "standard", metronome=metronome)
            chimes += [chime] if chime else []
            batch = run_for(engine, clock, 0.5, step=0.5)
        return chimes

    # Each rep's first phase falls with its beat, which outranks it; "up" has its own.
    assert heard(metronome=True) == ["start", "phase", "rep", "phase"]
    assert heard(metronome=False) == ["start", "rep"]
    assert parse_settings("[sound]\nmetronome = false\n")[0].metronome is False


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
        "say; using 'auto'",
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
    pulls = False

    def __init__(self, name: str) -> None:
        self.name = name
        self.played: list[str] = []
        self.clips: list[Clip] = []

    def play(self, mixer: Mixer, clip: Clip) -> None:
        self.played.append(clip.name)
        self.clips.append(clip)

    def tidy(self) -> float | None:
        return None

    def wait_done(self, timeout: float) -> None:
        self.played.append("drained")

    def close(self) -> None:
        self.played.append("closed")


def test_fallback_order_skips_what_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    tried: list[str] = []

    def make(name: str, mixer: Mixer, ring: object) -> Backend:
        tried.append(name)
        if name in ("miniaudio", "simpleaudio", "paplay", "aplay"):
            raise OSError(f"{name} has no device")
        if name == "pw-play":
            raise FileNotFoundError("pw-play")
        return Recording(name)

    monkeypatch.setattr(backends, "_make", make)
    backend, failures = choose_backend()
    assert backend.name == "afplay"
    assert tried == ["miniaudio", "simpleaudio", "paplay", "pw-play", "aplay", "afplay"]
    assert failures[0] == "miniaudio: OSError: miniaudio has no device"
    tried.clear()
    backend, _ = choose_backend("bell")
    assert (backend.name, tried) == ("bell", ["bell"])


def test_the_last_resort_is_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    def make(name: str, mixer: Mixer, ring: object) -> Backend:
        raise OSError(name)

    monkeypatch.setattr(backends, "_make", make)
    backend, failures = choose_backend()
    assert isinstance(backend, SilentBackend)
    assert len(failures) == len(ORDER)


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_player_returns_at_once_respects_mute_and_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    recording = Recording("fake")

    def slow_choice(preference: str, ring: object, mixer: Mixer) -> tuple[Backend, list[str]]:
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
    player.speak(Clip("speech", b"\x00\x10" * 100))
    player.muted = False
    player.play("switch")
    assert wait_for(lambda: recording.played == ["start", "switch"])
    player.close()
    assert recording.played == ["start", "switch", "drained", "closed"]


def test_speech_goes_through_the_player_at_its_volume(monkeypatch: pytest.MonkeyPatch) -> None:
    recording = Recording("fake")
    monkeypatch.setattr("stride_tui.sound.player.choose_backend", lambda p, r, m: (recording, []))
    player = ChimePlayer(Settings(volume=0.5))
    player.wait_ready()
    player.speak(Clip("speech", (1000).to_bytes(2, "little", signed=True) * 4410))
    assert wait_for(lambda: recording.played == ["speech"])
    assert recording.clips[0].pcm[:2] == (500).to_bytes(2, "little", signed=True)
    assert player.speaking()  # the mixer holds it for its 0.1 s
    assert wait_for(lambda: not player.speaking())
    player.close()


def test_silence_chosen_on_purpose_needs_no_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    player = ChimePlayer(Settings(backend="none"))
    player.wait_ready()
    assert sound_notice(player) is None
    monkeypatch.setattr(
        "stride_tui.sound.player.choose_backend",
        lambda p, r, m: (SilentBackend(), ["miniaudio: no device"]),
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


def pcm_of(*samples: int) -> bytes:
    return b"".join(s.to_bytes(2, "little", signed=True) for s in samples)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_mixer_cuts_within_a_track_and_sums_across_tracks() -> None:
    clock = Clock()
    mixer = Mixer(clock)
    mixer.pulled = True
    mixer.add(Track.CHIME, Clip("tick", pcm_of(1, 2, 3, 4, 5, 6)))
    assert mixer.read(2) == pcm_of(1, 2)
    mixer.add(Track.SPEECH, Clip("speech", pcm_of(10, 20, 30, 40, 50)))
    assert mixer.read(2) == pcm_of(13, 24)  # chime and speech together
    mixer.add(Track.CHIME, Clip("start", pcm_of(-100, 32767)))  # cuts the tick's 5, 6
    assert mixer.read(2) == pcm_of(-70, 32767)  # summed, clipped
    assert mixer.playing(Track.SPEECH) and not mixer.playing(Track.CHIME)
    assert mixer.quiet_for() is None
    assert mixer.read(3) == pcm_of(50, 0, 0)  # the rest of the speech, then silence
    clock.now += 2
    assert mixer.quiet_for() == 2 and not mixer.playing()


def test_mixer_renders_the_rest_by_the_clock_for_buffer_players() -> None:
    clock = Clock()
    mixer = Mixer(clock)
    second = Clip("speech", pcm_of(*(i % 30_000 for i in range(44_100))))
    mixer.add(Track.SPEECH, second)
    clock.now += 0.01  # a busy machine: the player gets to it late
    assert mixer.render() == second.pcm  # a sound just added plays from its first sample
    clock.now += 0.5
    rest = mixer.render()
    assert rest == second.pcm[22_050 * 2 :]
    assert 0.49 < mixer.time_left() < 0.51
    clock.now += 0.6
    assert mixer.render() == b"" and mixer.quiet_for() == pytest.approx(0.1)


def test_clips_are_mono_at_the_mix_rate_and_volume() -> None:
    stereo = pcm_of(100, 300, -100, -300)
    assert to_clip("x", stereo, 2, 44_100).pcm == pcm_of(200, -200)
    doubled = to_clip("x", pcm_of(0, 1000, 2000), 1, 22_050)
    assert doubled.pcm == pcm_of(0, 500, 1000, 1500, 2000, 2000)
    assert to_clip("x", pcm_of(1000, -1000), 1, 44_100, volume=0.25).pcm == pcm_of(250, -250)


def test_a_streamed_wav_header_with_no_length_is_read_to_the_end() -> None:
    import io
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(44_100)
        wav.writeframes(pcm_of(5, 6, 7))
    data = bytearray(out.getvalue())
    data[4:8] = data[40:44] = (0x7FFFFFFF).to_bytes(4, "little")  # as espeak-ng --stdout
    assert wav_clip("speech", bytes(data)).pcm == pcm_of(5, 6, 7)
    with pytest.raises(ValueError, match="not a WAV"):
        wav_clip("speech", b"RIFF nonsense")


def test_a_library_that_crashes_is_caught_in_a_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "miniaudio.py").write_text(CRASHING_MINIAUDIO)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    with pytest.raises(OSError, match=r"crashed a test process \(SIGSEGV\)"):
        prove_in_child("miniaudio")
    backend, failures = choose_backend("miniaudio", mixer=Mixer())
    assert backend.name != "miniaudio"
    assert failures[0].startswith("miniaudio: OSError: crashed a test process (SIGSEGV)")
    backend.close()


def test_simpleaudio_is_never_loaded_where_it_crashes(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys, "version_info", (3, 12, 1, "final", 0))
    with pytest.raises(OSError, match=r"crashes Python 3\.12 and later"):
        SimpleaudioBackend()


def test_speech_engine_renders_a_cue_that_starts_with_a_dash() -> None:
    import shutil

    require(shutil.which("espeak-ng") is not None, "espeak-ng is not installed (espeak-ng)")
    minus = render("espeak-ng", 170, "-5 degrees")
    plain = render("espeak-ng", 170, "5 degrees")
    assert minus.seconds > plain.seconds + 0.1  # "minus" was said, not taken as an option
    assert describe_engine("espeak-ng") == "espeak-ng"
    assert describe_engine("say") == "espeak-ng (say was not found)"


def test_only_the_newest_cue_is_said() -> None:
    import shutil

    require(shutil.which("espeak-ng") is not None, "espeak-ng is not installed (espeak-ng)")
    heard: list[Clip] = []
    speaker = Speaker("espeak-ng", 170, heard.append)
    speaker.say("Hold, left side. " * 40)  # long enough to be still rendering below
    assert wait_for(lambda: speaker.rendering, seconds=2)
    for text in ("Keep ribs quiet", "Switch sides"):
        speaker.say(text)
    speaker.close()
    assert [clip.pcm for clip in heard] == [render("espeak-ng", 170, "Switch sides").pcm]


def test_a_failing_engine_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # the engine has gone
    heard: list[Clip] = []
    speaker = Speaker("espeak-ng", 170, heard.append)
    speaker.say("hello")
    speaker.close()
    assert heard == [] and "espeak-ng" in speaker.problems[0]


class Failing(Recording):
    def play(self, mixer: Mixer, clip: Clip) -> None:
        raise OSError("device unplugged")


def test_a_device_lost_mid_session_moves_to_the_next_backend(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failing, spare = Failing("miniaudio"), Recording("aplay")
    choices = iter([(failing, []), (spare, ["miniaudio: OSError: no device"])])
    monkeypatch.setattr("stride_tui.sound.player.choose_backend", lambda p, r, m: next(choices))
    player = ChimePlayer(Settings())
    player.wait_ready()
    player.play("start")
    assert wait_for(lambda: spare.played == ["start"])  # the chime is not lost either
    assert player.backend is spare and failing.played == ["closed"]
    assert player.problems == ["miniaudio stopped working: device unplugged"]
    assert player.failures == ["miniaudio: OSError: no device"]
    player.close()


def test_a_chime_file_that_breaks_the_player_costs_only_that_chime(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(44_100)
        wav.writeframes(pcm_of(1, 2, 3))
    data = bytearray(out.getvalue())
    data[24:28] = bytes(4)  # a frame rate of 0: the file reads, but cannot be played
    folder = locations.user_sounds_dir()
    folder.mkdir(parents=True)
    (folder / "tick.wav").write_bytes(bytes(data))
    recording = Recording("fake")
    monkeypatch.setattr("stride_tui.sound.player.choose_backend", lambda p, r, m: (recording, []))
    player = ChimePlayer(Settings())
    player.wait_ready()
    player.play("tick")
    assert wait_for(lambda: bool(player.problems))
    player.play("start")
    assert wait_for(lambda: recording.played == ["start"])
    assert player.problems[0].startswith("a sound could not be played: ")
    player.close()


def test_no_speech_engine_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert describe_engine() == (
        "none found (install espeak-ng; macOS has say); cues are shown, not spoken"
    )
