"""Whatever bytes a file holds, reading it gives an outcome and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stride_tui.runs.fit import read_fit
from stride_tui.runs.fit_frame import crc16
from stride_tui.runs.gpx import read_gpx
from stride_tui.runs.model import Run
from stride_tui.runs.outcomes import Damaged, Skipped
from stride_tui.runs.tcx import read_tcx
from tests.unit.runs_helpers import RunSpec, fit_bytes

VALID = fit_bytes(RunSpec(seconds=40, gct_balance=49.0))
OUTCOMES = (Run, Skipped, Damaged)


def resealed(body: bytes) -> bytes:
    """``body`` with a FIT header that fits its size and a CRC that matches."""
    header = bytearray(VALID[:12])
    header[4:8] = len(body).to_bytes(4, "little")
    data = bytes(header) + body
    return data + crc16(data).to_bytes(2, "little")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(12, len(VALID) - 3), st.integers(0, 255)), min_size=1, max_size=6
    ),
    cut=st.integers(0, 200),
)
def test_a_mangled_fit_body_with_a_good_crc_gives_an_outcome(
    edits: list[tuple[int, int]], cut: int
) -> None:
    body = bytearray(VALID[12:-2])
    for index, value in edits:
        body[index - 12] = value
    assert isinstance(read_fit(resealed(bytes(body[: len(body) - cut])), "x"), OUTCOMES)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_an_outcome(data: bytes) -> None:
    for reader in (read_fit, read_gpx, read_tcx):
        assert isinstance(reader(data, "x"), OUTCOMES)
    assert isinstance(read_fit(resealed(data), "x"), OUTCOMES)
