"""The "is it working" summary: what moved from the first four weeks to the last four."""

from __future__ import annotations

from datetime import date, timedelta

from stride_tui.runs.controlled import AtReferencePace
from stride_tui.runs.summary import Change, SideValue, Week, build_weeks, summarize


def figure(step: float, cadence: float) -> AtReferencePace:
    return AtReferencePace(step, cadence, 330.0, 1200.0, 0.2)


def twelve_weeks() -> list[Week]:
    weeks = []
    for n in range(12):
        early, late = n < 4, n >= 8
        figures = [figure(1.02, 168), figure(1.02, 168)] if early else []
        figures += [figure(1.06, 171)] * (2 if n in (8, 9) else 1) if late else []
        tests = []
        if n in (0, 2):
            tests += [
                SideValue("hip-extension", "left", 12),
                SideValue("hip-extension", "right", 10),
            ]
        if n in (9, 11):
            tests += [
                SideValue("hip-extension", "left", 16),
                SideValue("hip-extension", "right", 15),
            ]
        if n == 10:
            tests.append(SideValue("ankle-dorsiflexion", "left", 9.5))
        weeks.append(Week(date(2026, 9, 7) + timedelta(weeks=n), 2 + n % 2, figures, tests))
    return weeks


def test_each_figure_says_what_moved_and_on_how_many_values() -> None:
    summary = summarize(twelve_weeks(), 330.0)
    assert summary.lines() == [
        "Mobility sessions a week: 2.5 → 2.5 (+0.0, 8 weeks)",
        "Step length at 5:30/km: 1.02 m → 1.06 m (+4%, 14 runs)",
        "Cadence at 5:30/km: 168 spm → 171 spm (+2%, 14 runs)",
        "Ankle dorsiflexion left: too few values (0 in the first 4 weeks, 1 in the last 4;"
        " 2 needed at each end)",
        "Hip extension left: 12° → 16° (+4°, 4 values)",
        "Hip extension right: 10° → 15° (+5°, 4 values)",
        "2.5 mobility sessions a week over 12 weeks (30 sessions)",
    ]


def test_no_claim_of_cause() -> None:
    text = " ".join(summarize(twelve_weeks(), 330.0).lines()).lower()
    for word in ("because", "thanks", "improved by", "due to", "caused"):
        assert word not in text


def test_too_few_values_and_too_few_weeks() -> None:
    few = Change("Step length at 5:30/km", "m", 1.0, 1.1, 1, 5, noun="run")
    assert few.text() == (
        "Step length at 5:30/km: too few values (1 in the first 4 weeks, 5 in the last 4;"
        " 2 needed at each end)"
    )
    short = summarize(twelve_weeks()[:6], 330.0)
    assert all("too few values" in line for line in short.lines()[:3])
    assert (
        summarize([], None).lines()[-1] == "0.0 mobility sessions a week over 0 weeks (0 sessions)"
    )


def test_days_are_sorted_into_twelve_calendar_weeks() -> None:
    today = date(2026, 12, 3)  # a Thursday
    weeks = build_weeks(
        today,
        sessions=[today, today, date(2026, 9, 14), date(2026, 9, 13), date(2026, 12, 4)],
        figures=[(date(2026, 11, 30), figure(1.0, 170))],
        tests=[(date(2026, 9, 20), SideValue("hip-extension", "left", 12))],
    )
    assert len(weeks) == 12
    assert weeks[0].start == date(2026, 9, 14) and weeks[-1].start == date(2026, 11, 30)
    assert [w.mobility_sessions for w in weeks] == [1] + [0] * 10 + [2]  # 13 Sep, 4 Dec out
    assert len(weeks[-1].figures) == 1
    assert weeks[0].tests == (SideValue("hip-extension", "left", 12),)
