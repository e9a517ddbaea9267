"""FIT files written by fit-tool, read by the decoder stride ships."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from stride_tui.runs.fit import read_fit
from stride_tui.runs.fit_frame import check_frame, crc16
from stride_tui.runs.model import Run, RunSport
from stride_tui.runs.outcomes import Damaged, Skipped
from stride_tui.runs.reading import read_run_file
from tests.unit.runs_helpers import FileType, RunSpec, Sport, SubSport, fit_bytes, write_fit


def read(spec: RunSpec) -> Run | Skipped | Damaged:
    data = fit_bytes(spec)
    return read_fit(data, hashlib.sha256(data).hexdigest())


def a_run(spec: RunSpec) -> Run:
    run = read(spec)
    assert isinstance(run, Run), run
    return run


@pytest.mark.parametrize(("speed", "step_mm"), [(3.0, 1050.0), (3.6, 1234.5), (2.4, 880.0)])
def test_cadence_and_step_length_match_what_was_written(speed: float, step_mm: float) -> None:
    run = a_run(RunSpec(seconds=900, speed=speed, step_mm=step_mm))
    cadence = speed / (step_mm / 1000) * 60  # steps per minute
    assert run.cadence_spm == pytest.approx(cadence, abs=0.5)
    assert run.step_length_m == pytest.approx(step_mm / 1000, abs=0.01)
    assert run.distance_m == pytest.approx(speed * 900, abs=1)
    assert run.moving_time_s == 900
    assert run.pace_s_per_km == pytest.approx(1000 / speed, abs=0.5)
    samples = run.samples
    assert len(samples) == 900
    assert samples.cadence_spm[100] == pytest.approx(cadence, abs=0.5)
    assert samples.step_length_m[100] == pytest.approx(step_mm / 1000, abs=0.01)
    assert samples.speed_mps[100] == pytest.approx(speed, abs=0.01)


def test_fractional_cadence_is_counted_and_strides_are_doubled() -> None:
    # 85.7 strides a minute: 85 in `cadence`, 0.7 in `fractional_cadence`.
    run = a_run(RunSpec(step_mm=None, strides=85.7, session_averages=False))
    assert run.cadence_spm == pytest.approx(171.4, abs=0.5)
    assert run.samples.cadence_spm[10] == pytest.approx(171.4, abs=0.5)


def test_without_the_devices_step_length_it_is_distance_over_steps() -> None:
    run = a_run(RunSpec(seconds=1200, speed=3.2, step_mm=None, strides=88.0))
    assert run.step_length_m == pytest.approx(3.2 / (176 / 60), abs=0.01)
    assert run.samples.step_length_m[50] == pytest.approx(3.2 / (176 / 60), abs=0.01)


def test_a_run_without_cadence_has_no_step_figure() -> None:
    run = a_run(RunSpec(cadence=False))
    assert run.cadence_spm is None
    assert run.step_length_m is None


def test_start_sport_device_balance_and_identity() -> None:
    spec = RunSpec(sub_sport=SubSport.TRAIL, gct_balance=49.2, serial=42)
    run = a_run(spec)
    assert run.start == spec.start
    assert run.start.utcoffset() is not None
    assert run.sport is RunSport.TRAIL
    assert run.gct_balance_left_pct == pytest.approx(49.2, abs=0.01)
    assert "945" in run.device
    assert run.identity.dedup_keys()[1] == "start:2026-11-14T07:00:00+00:00|serial:42"
    assert run.utc_offset is not None and run.utc_offset.total_seconds() == 3600
    treadmill = a_run(RunSpec(sub_sport=SubSport.TREADMILL))
    assert treadmill.sport is RunSport.TREADMILL


@pytest.mark.parametrize(
    ("spec", "what"),
    [
        (RunSpec(sport=Sport.CYCLING), "a cycling activity"),
        (RunSpec(sport=Sport.WALKING), "a walking activity"),
        (RunSpec(sport=Sport.SWIMMING), "a swimming activity"),
        (RunSpec(file_type=FileType.MONITORING_B), "a monitoring file (all-day tracking)"),
    ],
)
def test_what_is_not_a_run_is_skipped_by_name(spec: RunSpec, what: str) -> None:
    assert read(spec) == Skipped(what)
    assert Skipped(what).words() == f"{what}, not a run; skipped"


def test_a_truncated_file_is_cut_short_at_its_last_byte() -> None:
    data = fit_bytes(RunSpec())
    for size in (5, 13, 768, len(data) // 2, len(data) - 1):
        assert read_fit(data[:size], "x") == Damaged(f"cut short at byte {size}", size)


def test_a_damaged_byte_fails_the_checksum() -> None:
    data = bytearray(fit_bytes(RunSpec()))
    data[1000] ^= 0x10
    result = read_fit(bytes(data), "x")
    assert isinstance(result, Damaged)
    assert result.why == f"damaged: the checksum at byte {len(data) - 2} does not match its data"


def test_a_file_the_decoder_cannot_follow_is_located() -> None:
    data = bytearray(fit_bytes(RunSpec(seconds=60)))
    data[12] = 0x4F  # the first record: a definition of local message 15, never used
    data[13 + 5] = 0xFF  # ... with 255 fields, more than the file holds
    body = bytes(data[:-2])
    result = read_fit(body + crc16(body).to_bytes(2, "little"), "x")
    assert isinstance(result, Damaged)
    assert result.why.startswith("damaged")


def test_empty_and_not_fit() -> None:
    assert read_fit(b"", "x") == Damaged("empty (0 bytes)", 0)
    not_fit = read_fit(b"<html>not a watch file</html>", "x")
    assert not_fit == Damaged("not a FIT file (it does not start with a FIT header)", 0)


def test_the_frame_check_is_the_fit_crc() -> None:
    data = fit_bytes(RunSpec(seconds=60))
    assert check_frame(data) is None
    assert crc16(data) == 0  # a FIT file's CRC over itself, its own CRC included
    assert crc16(b"123456789") == 0xBB3D  # CRC-16/ARC's check value


def test_a_chained_file_and_zero_padding_read() -> None:
    data = fit_bytes(RunSpec(seconds=60))
    assert check_frame(data + data) is None
    assert check_frame(data + bytes(16)) is None
    assert check_frame(data + b"junk") == Damaged(
        f"unreadable bytes after the end of its data at byte {len(data)}", len(data)
    )


def test_reading_a_file_never_raises_on_garbage(tmp_path: Path) -> None:
    data = fit_bytes(RunSpec(seconds=120))
    for cut in range(0, len(data), 97):
        mangled = bytearray(data)
        mangled[cut] ^= 0xFF
        result = read_fit(bytes(mangled), "x")
        assert isinstance(result, Damaged | Run | Skipped)
        # The same damage with a CRC that matches it reaches the decoder itself.
        body = bytes(mangled[:-2])
        resealed = body + crc16(body).to_bytes(2, "little")
        assert isinstance(read_fit(resealed, "x"), Damaged | Run | Skipped)
    path = write_fit(tmp_path / "run.fit")
    assert isinstance(read_run_file(path), Run)


def test_compressed_timestamps_are_named_not_misread() -> None:
    body = fit_bytes(RunSpec(seconds=30))[12:-2] + b"\xe5" + bytes(15)
    header = bytearray(fit_bytes(RunSpec(seconds=30))[:12])
    header[4:8] = len(body).to_bytes(4, "little")
    data = bytes(header) + body
    result = read_fit(data + crc16(data).to_bytes(2, "little"), "x")
    assert isinstance(result, Damaged)
    assert result.why.endswith("it uses compressed timestamps, which the FIT decoder does not read")
    assert result.why.startswith(f"damaged at byte {12 + len(body) - 16}:")  # its header


def test_balance_from_the_records_when_the_session_has_none() -> None:
    run = a_run(RunSpec(gct_balance=48.6, session_averages=False))
    assert run.gct_balance_left_pct == pytest.approx(48.6, abs=0.01)
    assert a_run(RunSpec()).gct_balance_left_pct is None
