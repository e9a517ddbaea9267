"""Whatever the bytes, loading a routine gives a routine or located problems, never a crash."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stride_tui.routine.loader import parse_routine
from stride_tui.routine.model import Routine
from stride_tui.routine.plan import expand
from stride_tui.routine.problems import RoutineError
from stride_tui.text import first_control
from tests.helpers.paths import ROOT

KEYS = [
    "name", "summary", "kind", "sound", "defaults", "levels", "steps", "time", "reps",
    "breathe", "tempo", "phases", "sides", "sets", "set_rest", "rest", "get_ready",
    "switch", "cues", "wait", "scale", "checklist", "at", "say", "in", "out", "hold",
    "rounds", "beginner", "experienced", "how",
]  # fmt: skip
VALUES = [
    "45s", "1m30s", "1:30", "3-1-1", "both", "left", "none", "warm-up", "calm", "beginner",
    "1m70s", "-5", "", "~", ".inf", "0", "1e400", "yes", "Keep ribs quiet",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(VALUES),
    st.text(max_size=20),
)
yaml_data = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=40,
)


def check_outcome(data: bytes | str) -> None:
    try:
        routine = parse_routine(data, "fuzz.yaml")
    except RoutineError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1
            assert problem.column >= 1
            assert problem.message
            assert "\n" not in problem.render("fuzz.yaml")
            assert first_control(problem.render("fuzz.yaml")) is None
        return
    assert isinstance(routine, Routine)
    for text in _texts(routine):
        assert first_control(text, newlines=True) is None, text
    for level in ("beginner", "standard", "experienced"):
        plan = expand(routine, level)
        assert plan.total >= 0
        assert all(s.duration >= 0 for s in plan.segments)


def _texts(routine: Routine) -> list[str]:
    """Every text a routine can put on the screen."""
    texts = [routine.name, routine.summary]
    for step in routine.steps:
        texts += [step.name or "", step.how, *(step.phases or [])]
        texts += [cue if isinstance(cue, str) else cue.say for cue in step.cues]
        texts += [step.wait] if isinstance(step.wait, str) else []
    return texts


def _leaves(data: Any) -> list[str]:
    """Every text in YAML-loaded data, stripped as the loader strips text fields."""
    if isinstance(data, dict):
        return [text for value in data.values() for text in _leaves(value)]
    if isinstance(data, list):
        return [text for value in data for text in _leaves(value)]
    return [data.strip()] if isinstance(data, str) else []


CONTROLS = "\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\x9d\u202e\u2066\u2069\u200f"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["name", "summary", "step", "how", "cue", "say", "phase", "wait"]),
    st.text(alphabet=st.sampled_from(CONTROLS + "ab ;[]"), min_size=1, max_size=12),
)
def test_control_characters_in_any_text_field_are_refused(field: str, text: str) -> None:
    step: dict[str, Any] = {"name": "A", "reps": 2}
    routine: dict[str, Any] = {"name": "R", "steps": [step]}
    value = "x" + text
    if field in ("name", "summary"):
        routine[field] = value
    elif field == "step":
        step["name"] = value
    elif field == "how":
        step["how"] = value
    elif field == "cue":
        step["cues"] = [value]
    elif field == "say":
        step["cues"] = [{"at": 1, "say": value}]
    elif field == "phase":
        step.update(tempo="1-1", phases=[value, "up"])
    else:
        step["wait"] = value
    written = yaml.safe_dump(routine, allow_unicode=True)
    # What YAML reads back counts: it folds a raw line break (NEL included) into a space.
    read = yaml.safe_load(written)
    multiline = field in ("summary", "how")
    if all(first_control(text, newlines=multiline) is None for text in _leaves(read)):
        return
    try:
        parse_routine(written, "r.yaml")
    except RoutineError as error:
        assert any("holds" in p.message or "YAML does not allow" in p.message
                   for p in error.problems)  # fmt: skip
        for problem in error.problems:
            assert first_control(problem.render("r.yaml")) is None
    else:
        raise AssertionError(f"accepted {value!r} in {field}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    check_outcome(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    check_outcome(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}[]:-,&*!|>'\"#\t\n abc0123456789.smh", max_size=200))
def test_yaml_punctuation_soup(text: str) -> None:
    check_outcome(text)


@settings(max_examples=400, deadline=None)
@given(yaml_data)
def test_arbitrary_yaml_shaped_data(data: Any) -> None:
    check_outcome(yaml.safe_dump(data, allow_unicode=True))


def _routine_like() -> st.SearchStrategy[dict[str, Any]]:
    step = st.fixed_dictionaries(
        {"name": st.sampled_from(["A", "Hip hold", ""])},
        optional={
            "time": st.sampled_from([*VALUES, 30, 0, -1]),
            "reps": st.one_of(st.integers(-2, 2000), st.sampled_from(VALUES)),
            "tempo": st.sampled_from([*VALUES, 2, 0]),
            "sides": st.sampled_from(["none", "both", "left", "right", "bothe", 3]),
            "sets": st.integers(-1, 60),
            "rest": st.sampled_from(VALUES),
            "cues": st.lists(
                st.one_of(
                    st.text(max_size=90),
                    st.fixed_dictionaries(
                        {"at": st.sampled_from([*VALUES, 5, 500]), "say": st.text(max_size=10)}
                    ),
                ),
                max_size=4,
            ),
            "breathe": st.fixed_dictionaries(
                {"in": st.integers(-1, 10), "out": st.integers(0, 10)},
                optional={"rounds": st.integers(-1, 300)},
            ),
            "wait": st.one_of(st.booleans(), st.text(max_size=10)),
            "levels": st.lists(
                st.sampled_from(["beginner", "standard", "experienced", "pro"]), max_size=4
            ),
        },
    )
    return st.fixed_dictionaries(
        {"name": st.text(min_size=1, max_size=10), "steps": st.lists(step, max_size=5)},
        optional={"kind": st.sampled_from(["warm-up", "recovery", "nope"])},
    )


@settings(max_examples=400, deadline=None)
@given(_routine_like())
def test_routine_shaped_data(data: dict[str, Any]) -> None:
    check_outcome(yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_builtin_routines(data: st.DataObject) -> None:
    files = sorted((ROOT / "routines").glob("*.yaml"))
    text = data.draw(st.sampled_from(files)).read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)))
    length = data.draw(st.integers(0, 20))
    insert = data.draw(st.text(alphabet="{}[]:-,&*\t\n #x5s", max_size=6))
    check_outcome(text[:start] + insert + text[start + length :])
