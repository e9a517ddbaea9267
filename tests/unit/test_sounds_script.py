"""The shipped chimes are exactly what scripts/make_sounds.py makes, and are sane audio."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

from scripts.make_sounds import CHIMES, write_all

SOUNDS = Path(__file__).resolve().parents[2] / "sounds"


def test_shipped_chimes_match_the_generator(tmp_path: Path) -> None:
    made = write_all(tmp_path)
    assert sorted(p.name for p in made) == sorted(p.name for p in SOUNDS.glob("*.wav"))
    for path in made:
        assert path.read_bytes() == (SOUNDS / path.name).read_bytes(), path.name


def test_chimes_are_calm_short_and_end_in_silence() -> None:
    for name in CHIMES:
        with wave.open(str(SOUNDS / f"{name}.wav"), "rb") as chime:
            assert (chime.getnchannels(), chime.getsampwidth(), chime.getframerate()) == (
                1,
                2,
                44_100,
            )
            frames = chime.readframes(chime.getnframes())
        samples = struct.unpack(f"<{len(frames) // 2}h", frames)
        assert 0.05 <= len(samples) / 44_100 <= 2.0
        peak = max(abs(s) for s in samples)
        assert 0.5 * 32767 < peak <= 0.61 * 32767, name  # normalised with headroom
        assert abs(samples[-1]) < 200, name  # no click at the end
