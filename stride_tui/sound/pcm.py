"""Audio as the mixer wants it: mono 16-bit samples at one rate, at the volume in force.

Chimes, the user's own WAVs and rendered speech arrive in whatever format they have;
:func:`to_clip` turns each into a :class:`Clip` once, so playing one costs nothing.
Pure Python: no audio library is needed to prepare sound.
"""

from __future__ import annotations

import array
import io
import sys
import wave
from dataclasses import dataclass

MIX_RATE = 44_100
"""Frames per second of every clip, and of the device the mixer feeds."""

SAMPLE_BYTES = 2
"""16-bit samples."""


@dataclass(frozen=True, slots=True)
class Clip:
    """A sound ready to mix: mono 16-bit little-endian PCM at ``MIX_RATE``.

    Attributes:
        name: What it is (a chime's name, or ``speech``), for the bell and for messages.
        pcm: The samples.
    """

    name: str
    pcm: bytes

    @property
    def frames(self) -> int:
        """How many samples (one channel) it holds."""
        return len(self.pcm) // SAMPLE_BYTES

    @property
    def seconds(self) -> float:
        """How long it plays."""
        return self.frames / MIX_RATE


def _samples(pcm: bytes) -> array.array[int]:
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % SAMPLE_BYTES])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _pcm(samples: array.array[int]) -> bytes:
    if sys.byteorder == "big":
        samples = array.array("h", samples)
        samples.byteswap()
    return samples.tobytes()


def _mono(samples: array.array[int], channels: int) -> array.array[int]:
    if channels == 1:
        return samples
    return array.array(
        "h",
        (
            sum(samples[i : i + channels]) // channels
            for i in range(0, len(samples) - channels + 1, channels)
        ),
    )


def _resampled(samples: array.array[int], rate: int) -> array.array[int]:
    """Linear interpolation to ``MIX_RATE``: plenty for chimes and a speaking voice."""
    if rate == MIX_RATE or not samples:
        return samples
    count = len(samples) * MIX_RATE // rate
    step = rate / MIX_RATE
    last = len(samples) - 1
    out = array.array("h", bytes(count * SAMPLE_BYTES))
    for i in range(count):
        at = i * step
        left = int(at)
        if left >= last:
            out[i] = samples[last]
            continue
        fraction = at - left
        out[i] = int(samples[left] + (samples[left + 1] - samples[left]) * fraction)
    return out


def _louder(samples: array.array[int], volume: float) -> array.array[int]:
    if volume >= 1.0:
        return samples
    return array.array("h", (int(s * volume) for s in samples))


def to_clip(name: str, pcm: bytes, channels: int, rate: int, volume: float = 1.0) -> Clip:
    """A clip from 16-bit little-endian PCM in any channel count and rate, at ``volume``.

    Args:
        name: The clip's name.
        pcm: Interleaved 16-bit little-endian samples.
        channels: Channels in ``pcm``; they are averaged to one.
        rate: Frames per second of ``pcm``.
        volume: 0 to 1; the samples are scaled by it.
    """
    samples = _louder(_resampled(_mono(_samples(pcm), channels), rate), volume)
    return Clip(name, _pcm(samples))


def wav_clip(name: str, data: bytes, volume: float = 1.0) -> Clip:
    """A clip from a 16-bit PCM WAV file's bytes (as a speech engine writes it).

    Streamed WAVs (``espeak-ng --stdout``) give no true length in their header; every
    frame up to the end of ``data`` is read.

    Raises:
        ValueError: ``data`` is not 16-bit PCM WAV.
    """
    try:
        with wave.open(io.BytesIO(data), "rb") as source:
            if source.getsampwidth() != SAMPLE_BYTES:
                raise ValueError(f"{8 * source.getsampwidth()}-bit samples; 16-bit needed")
            channels, rate = source.getnchannels(), source.getframerate()
            pcm = source.readframes(source.getnframes())
    except (EOFError, wave.Error) as error:
        raise ValueError(f"not a WAV file ({error})") from None
    return to_clip(name, pcm, channels, rate, volume)


def wav_bytes(clip: Clip) -> bytes:
    """``clip`` as a WAV file, for players that read files."""
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(SAMPLE_BYTES)
        target.setframerate(MIX_RATE)
        target.writeframes(clip.pcm)
    return out.getvalue()


def louder(clip: Clip, volume: float) -> Clip:
    """``clip`` at ``volume`` (0 to 1)."""
    if volume >= 1.0:
        return clip
    return Clip(clip.name, _pcm(_louder(_samples(clip.pcm), volume)))
