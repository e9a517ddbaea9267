"""The player's number field for guided tests: keys, the range, the end that waits for it."""

from __future__ import annotations

from pathlib import Path

from stride_tui.log.opening import open_training_log
from stride_tui.session.engine import State
from stride_tui.tui.finish import FinishScreen
from stride_tui.tui.measure_field import MeasureField
from tests.helpers.tui import advance, app_on, log_answered, player

LAST_STEP_MEASURES = """\
name: Check
defaults: {get_ready: 1s}
steps:
  - {name: Wall, time: 2s, sides: left, measure: ankle-dorsiflexion}
"""


async def test_the_end_waits_for_the_open_question_and_keys_pass_through(
    tmp_path: Path,
) -> None:
    routine = tmp_path / "check.yaml"
    routine.write_text(LAST_STEP_MEASURES)
    app, clock = app_on(str(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 3.5)  # get ready, the hold: the session is over
        screen = player(app)
        assert screen.engine.state is State.FINISHED
        field = screen.query_one(MeasureField)
        assert field.open and field.has_class("-open")
        assert not isinstance(app.screen, FinishScreen)  # it waits for the answer
        rendered = str(field.render())
        assert "Ankle dorsiflexion, left:" in rendered and "plausible 0 to 25 cm" in rendered
        await pilot.press("2", "6", "enter")  # one past the range: refused, asked again
        assert "26 cm is not a plausible ankle dorsiflexion" in str(field.render())
        await pilot.press("9", "comma", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await log_answered(pilot)
    history = open_training_log()
    assert [(m.kind, m.value, m.side) for m in history.markers()] == [
        ("ankle-dorsiflexion", 9.5, "left")
    ]
    history.close()


async def test_space_still_pauses_while_the_field_is_open() -> None:
    app, clock = app_on(str(Path(__file__).parents[1] / "fixtures" / "measure.yaml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, clock, 6.2)  # both sides of the test are over
        screen = player(app)
        field = screen.query_one(MeasureField)
        assert field.open
        await pilot.press("space")
        assert screen.engine.state is State.PAUSED  # the player's key, not the field's
        await pilot.press("escape", "escape")
        assert not field.open
