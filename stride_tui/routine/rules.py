"""Rules that span several fields of a routine, checked after the types are right."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from stride_tui.routine.durations import compact
from stride_tui.routine.model import LEVELS, Cue, Routine, Step
from stride_tui.routine.problems import Problem, field_path

FieldPath = tuple[str | int, ...]
Positions = dict[FieldPath, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Doubt:
    """What is not known about a step whose file has problems of its own there."""

    fields: frozenset[str] = frozenset()
    """Fields written with a problem, left out of the step: no rule reads them."""
    unknown_keys: bool = False
    """The step has a key it may not have, which may have been meant as its work."""


NO_DOUBT = Doubt()

_REST_ONLY_FORBIDDEN = (
    "tempo",
    "phases",
    "set_rest",
    "switch",
    "checklist",
    "progress",
    "favor",
    "measure",
)


def default_phase_names(count: int) -> tuple[str, ...]:
    """Names for a tempo's phases when the step gives none."""
    return {
        1: ("rep",),
        2: ("lower", "return"),
        3: ("lower", "pause", "return"),
        4: ("lower", "pause", "return", "pause"),
    }[count]


def work_seconds(routine: Routine, step: Step) -> float:
    """Seconds of one side's work in one set, as written (standard level)."""
    if step.time is not None:
        return float(step.time)
    if step.reps is not None:
        tempo = step.tempo or routine.defaults.tempo
        return step.reps * sum(tempo)
    if step.breathe is not None:
        b = step.breathe
        return (b.in_ + b.hold + b.out + b.hold_out) * b.rounds
    return 0.0


class _Checker:
    def __init__(self, positions: Positions, keys: Positions) -> None:
        self.positions = positions
        self.keys = keys
        self.problems: list[Problem] = []

    def at(self, path: FieldPath, message: str, *, key: bool = False) -> None:
        spot = None
        if key:
            spot = self.keys.get(path)
        probe = path
        while spot is None:
            spot = self.positions.get(probe)
            if not probe:
                break
            probe = probe[:-1]
        line, column = spot or (1, 1)
        self.problems.append(Problem(line, column, field_path(path), message))


def check_rules(
    routine: Routine,
    positions: Positions,
    keys: Positions,
    steps: list[int] | None = None,
    doubts: dict[int, Doubt] | None = None,
) -> list[Problem]:
    """Check what the types alone cannot, such as a step with both `time` and `reps`.

    Args:
        routine: The routine, with its types right at least for the steps named.
        positions: Where each field's value starts, by field path.
        keys: Where each field's key starts, by field path.
        steps: Indices in the file of the steps in ``routine.steps``; ``None`` when the
            routine is complete, which also checks the rules that span all steps.
        doubts: By step index, what is not known of a step with problems of its own: a
            rule that would read what is not known is not applied.

    Returns:
        Every problem found, in file order.
    """
    checker = _Checker(positions, keys)
    indices = steps if steps is not None else list(range(len(routine.steps)))
    for index, step in zip(indices, routine.steps, strict=True):
        doubt = (doubts or {}).get(index, NO_DOUBT)
        _check_step(checker, routine, step, ("steps", index), doubt)
    if steps is None:
        for level in LEVELS:
            if not any(step.levels is None or level in step.levels for step in routine.steps):
                checker.at(
                    ("steps",),
                    f"no step is left at level {level}; let at least one"
                    " step have no `levels`, or include that level",
                )
    return sorted(checker.problems, key=lambda p: (p.line, p.column))


def _check_step(c: _Checker, routine: Routine, step: Step, path: FieldPath, doubt: Doubt) -> None:
    unsure = doubt.fields
    work = [
        name
        for name in ("time", "reps", "breathe")
        if getattr(step, name) is not None or name in unsure
    ]
    if len(work) > 1:
        c.at(
            (*path, work[1]),
            f"`{work[0]}` and `{work[1]}` are both set; a step is held for a"
            " `time`, counted in `reps`, or paced by `breathe`: keep one",
            key=True,
        )
        return
    if not work:
        _check_rest_step(c, step, path, doubt)
        return
    if step.name is None and "name" not in unsure:
        c.at(path, "missing `name`; every exercise step needs one")
    for name in ("tempo", "phases"):
        if getattr(step, name) is not None and work != ["reps"]:
            c.at((*path, name), f"`{name}` paces reps, but this step has no `reps`", key=True)
    if work == ["reps"] and step.phases is not None and "tempo" not in unsure:
        tempo = step.tempo or routine.defaults.tempo
        if len(step.phases) != len(tempo):
            c.at(
                (*path, "phases"),
                f"names {len(step.phases)} phases but the tempo has "
                f"{len(tempo)}; give one name per phase",
            )
    if work == ["breathe"]:
        if step.sides != "none":
            c.at((*path, "sides"), "paced breathing has no sides; remove `sides`")
        if step.breathe is not None and work_seconds(routine, step) <= 0:
            c.at((*path, "breathe"), "each breath adds up to 0s; give `in` and `out` some time")
    if step.time is not None and step.time <= 0:
        c.at((*path, "time"), "`0s` leaves nothing to do; give the step some time, or remove it")
    if step.switch is not None and step.sides != "both" and "sides" not in unsure:
        c.at(
            (*path, "switch"),
            "`switch` is the time to change sides; it needs `sides: both`",
            key=True,
        )
    if not unsure & {"time", "reps", "breathe", "tempo"}:
        _check_cues(c, routine, step, path)
    _check_coaching(c, step, path, unsure)
    if step.levels is not None and len(set(step.levels)) != len(step.levels):
        c.at((*path, "levels"), "lists a level twice; name each level once")


def _check_rest_step(c: _Checker, step: Step, path: FieldPath, doubt: Doubt) -> None:
    if step.rest is None:
        if "rest" not in doubt.fields and not doubt.unknown_keys:
            c.at(path, "a step needs `time`, `reps` or `breathe`, or only `rest` for a rest step")
        return
    if step.rest <= 0:
        c.at((*path, "rest"), "a rest step of 0s does nothing; give it some time, or remove it")
    for name in _REST_ONLY_FORBIDDEN:
        if name in ("checklist",) and not step.checklist:
            continue
        if name != "checklist" and getattr(step, name) is None:
            continue
        c.at((*path, name), f"`{name}` means nothing on a rest step; remove it", key=True)
    if step.sides != "none":
        c.at((*path, "sides"), "`sides` means nothing on a rest step; remove it", key=True)
    if step.sets != 1:
        c.at((*path, "sets"), "`sets` means nothing on a rest step; remove it", key=True)


def _timed_cues(step: Step) -> Iterator[tuple[int, Cue]]:
    for index, cue in enumerate(step.cues):
        if isinstance(cue, Cue):
            yield index, cue


def _check_cues(c: _Checker, routine: Routine, step: Step, path: FieldPath) -> None:
    length = work_seconds(routine, step)
    for index, cue in _timed_cues(step):
        if cue.at >= length:
            c.at(
                (*path, "cues", index, "at"),
                f"comes at {compact(cue.at)}, but the work lasts "
                f"{compact(length)}; move it earlier",
            )


def _check_coaching(c: _Checker, step: Step, path: FieldPath, unsure: frozenset[str]) -> None:
    """``progress`` and ``favor``: what the log may change about a step."""
    if step.favor is not None and step.sides != "both" and "sides" not in unsure:
        c.at(
            (*path, "favor"),
            "`favor: tighter` gives the tighter side more; it needs `sides: both`",
            key=True,
        )
    progress = step.progress
    if progress is None:
        return
    where = (*path, "progress")
    if unsure & {"time", "reps"}:
        return
    if step.time is None and step.reps is None:
        c.at(where, "`progress` lengthens a `time` or adds `reps`; this step has neither", key=True)
        return
    if progress.add <= 0:
        c.at((*where, "add"), "adding 0 never moves; add at least 1s (or 1 rep)")
    if step.reps is not None:
        for name in ("add", "up_to"):
            value = getattr(progress, name)
            if not float(value).is_integer():
                c.at(
                    (*where, name),
                    f"counts reps on a reps step: write a whole number, not {value:g}",
                )
        written, unit = float(step.reps), " reps"
    else:
        written, unit = float(step.time or 0.0), "s"
    if progress.up_to <= written:
        c.at(
            (*where, "up_to"),
            f"{progress.up_to:g}{unit} is not above the step's {written:g}{unit}; set a"
            " higher limit, or remove `progress`",
        )
    elif step.reps is not None and progress.up_to > 1000:
        c.at((*where, "up_to"), "is more than 1000 reps; use at most 1000")
