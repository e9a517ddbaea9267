"""The history screen's calendar and charts, from a log of several months made here."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.pilot import Pilot

from stride_tui.log.opening import open_training_log
from stride_tui.tui.calendar_view import ConsistencyCalendar
from stride_tui.tui.charts import TrendChart
from stride_tui.tui.history import HistoryScreen
from tests.helpers.coaching import TODAY, seed_months
from tests.helpers.tui import app_on, settle

SIZES = [(80, 24), (160, 48)]


async def open_history_screen(pilot: Pilot[None]) -> None:
    await pilot.press("h")
    deadline = asyncio.get_running_loop().time() + 10
    while not isinstance(pilot.app.screen, HistoryScreen):
        assert asyncio.get_running_loop().time() < deadline, "the history screen never opened"
        await pilot.pause(0.05)
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_charts_and_calendar(snap_compare: Any, size: tuple[int, int]) -> None:
    seed_months(open_training_log())
    app, _ = app_on(None, today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=open_history_screen)


def test_the_charts_hold_every_series_on_its_scale() -> None:
    assert seed_months(open_training_log()) > 50
    app, _ = app_on(None, today=TODAY)

    async def check() -> None:
        async with app.run_test(size=(160, 48)) as pilot:
            await open_history_screen(pilot)
            charts = list(app.screen.query("#charts TrendChart").results(TrendChart))
            titles = [chart.series.title for chart in charts]
            assert titles == [
                "Stiffness",
                "Stride feel",
                "Hip extension angle",
                "Step length",
                "Cadence",
                "Ankle dorsiflexion",
            ]
            working = list(app.screen.query("#working-charts TrendChart").results(TrendChart))
            assert [chart.series.title for chart in working] == [
                "Mobility sessions a week",
                "Step length",
                "Cadence",
                "Hip extension",
            ]
            assert len(working[0].series.points) == 12  # one a week, empty weeks included
            stiffness = charts[0].series
            assert (stiffness.low, stiffness.high, stiffness.unit) == (1.0, 5.0, "1-5")
            assert len(stiffness.points) == 13  # a weekly average for each of the 12+ weeks
            drawn = str(charts[0].render())
            assert drawn.splitlines()[1].lstrip().startswith("5 ┤")
            assert drawn.splitlines()[-1].strip().startswith("28 Aug") and "19 Nov" in drawn
            assert "cadence" not in drawn and "spm" in str(charts[4].render())
            assert any(char in drawn for char in "▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")  # a line is drawn
            calendar = app.screen.query_one(ConsistencyCalendar).calendar
            assert len(calendar.weeks) == 12 and calendar.active_days == calendar.sessions

    asyncio.run(check())
