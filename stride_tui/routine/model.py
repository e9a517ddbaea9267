"""The routine file model: one set of msgspec Structs that validates files and makes the schema.

Field names here are the keys users write. Durations and tempos are small custom types
so that ``45``, ``45s``, ``1m30s`` and ``1:30`` all land as seconds.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct, field

Kind = Literal["warm-up", "prelude", "recovery", "long-hold", "dynamic", "mobility"]
Level = Literal["beginner", "standard", "experienced"]
Sides = Literal["none", "both", "left", "right"]
MeasureKind = Literal["hip-extension", "ankle-dorsiflexion", "stride-length", "cadence"]
"""What a guided test step may ask for: a progress marker's kind (the log's ``KINDS``)."""
SoundProfile = Literal["standard", "calm", "silent"]

LEVELS: tuple[Level, ...] = ("beginner", "standard", "experienced")


Duration = Annotated[
    float, Meta(extra={"parse": "duration"}, extra_json_schema={"x-stride": "duration"})
]
"""Seconds, written in a file as ``45``, ``45s``, ``1m30s`` or ``1:30``."""

Tempo = Annotated[
    tuple[float, ...], Meta(extra={"parse": "tempo"}, extra_json_schema={"x-stride": "tempo"})
]
"""Seconds of each phase of one rep, written as ``2``, ``1.5s`` or ``3-1-1``."""


Name = Annotated[str, Meta(min_length=1, max_length=80, description="What the runner sees.")]
CueText = Annotated[
    str, Meta(min_length=1, max_length=80, description="A short imperative, e.g. Keep ribs quiet.")
]
Factor = Annotated[float, Meta(gt=0, le=5, description="Multiplier applied at this level.")]
Favor = Literal["tighter"]
EveryUnit = Literal["session", "week"]


class Cue(Struct, forbid_unknown_fields=True, kw_only=True):
    """A cue that appears (and may be spoken) at a given second of the step."""

    at: Annotated[Duration, Meta(description="Seconds into the work, e.g. 20s.")]
    say: CueText


class Breathe(Struct, forbid_unknown_fields=True, kw_only=True):
    """Paced breathing: each round breathes in, holds, breathes out and may hold again."""

    in_: Annotated[Duration, Meta(description="Breathe in for this long.")] = field(name="in")
    out: Annotated[Duration, Meta(description="Breathe out for this long.")]
    hold: Annotated[Duration, Meta(description="Hold full lungs for this long.")] = 0.0
    hold_out: Annotated[Duration, Meta(description="Hold empty lungs for this long.")] = 0.0
    rounds: Annotated[int, Meta(ge=1, le=200, description="How many breaths.")]


class Every(Struct, forbid_unknown_fields=True, kw_only=True):
    """How often a progression steps up: after ``count`` sessions, or ``count`` weeks."""

    count: Annotated[int, Meta(ge=1, le=100)]
    unit: EveryUnit


EveryText = Annotated[
    Every, Meta(extra={"parse": "every"}, extra_json_schema={"x-stride": "every"})
]
"""Written in a file as ``2 sessions``, ``session``, ``week`` or ``3 weeks``."""


class Progress(Struct, forbid_unknown_fields=True, kw_only=True):
    """A hold that lengthens, or reps that grow, as the log shows sessions done with control."""

    add: Annotated[
        Duration, Meta(description="Added each time: seconds for a `time`, a count for `reps`.")
    ]
    every: Annotated[
        EveryText, Meta(description="How often: `2 sessions`, `session`, `week`, `2 weeks`.")
    ]
    up_to: Annotated[
        Duration, Meta(description="The most it grows to: seconds for a `time`, reps for `reps`.")
    ]


class Defaults(Struct, forbid_unknown_fields=True, kw_only=True):
    """Values every step uses unless it sets its own."""

    get_ready: Annotated[
        Duration, Meta(description="Countdown before each step starts; 0 for none.")
    ] = 5.0
    switch: Annotated[Duration, Meta(description="Time to change sides.")] = 5.0
    rest: Annotated[Duration, Meta(description="Rest after each step (not after the last).")] = 0.0
    set_rest: Annotated[Duration, Meta(description="Rest between sets.")] = 20.0
    tempo: Annotated[Tempo, Meta(description="Seconds per rep (2, 1.5s) or phases (3-1-1).")] = (
        2.0,
    )


class LevelScale(Struct, forbid_unknown_fields=True, kw_only=True):
    """How one level changes reps and held times."""

    reps: Factor = 1.0
    time: Factor = 1.0


class Levels(Struct, forbid_unknown_fields=True, kw_only=True):
    """Scaling per level; standard is the routine as written."""

    beginner: LevelScale = msgspec.field(default_factory=lambda: LevelScale(reps=0.75, time=1.25))
    experienced: LevelScale = msgspec.field(default_factory=lambda: LevelScale(reps=1.25))


class Step(Struct, forbid_unknown_fields=True, kw_only=True):
    """One exercise (held for `time`, counted in `reps`, or paced `breathe`), or a rest."""

    name: Name | None = None
    how: Annotated[
        str, Meta(max_length=400, description="A longer description for the preview.")
    ] = ""
    time: Annotated[Duration, Meta(description="Hold or move for this long.")] | None = None
    reps: (
        Annotated[int, Meta(ge=1, le=1000, description="Count of reps per side and set.")] | None
    ) = None
    breathe: Breathe | None = None
    tempo: (
        Annotated[Tempo, Meta(description="Seconds per rep (2, 1.5s) or phases (3-1-1).")] | None
    ) = None
    phases: (
        Annotated[
            list[Annotated[str, Meta(min_length=1, max_length=20)]],
            Meta(min_length=1, max_length=4, description="Names of the tempo phases."),
        ]
        | None
    ) = None
    sides: Annotated[
        Sides, Meta(description="both = the full work on each side, with a switch between.")
    ] = "none"
    sets: Annotated[int, Meta(ge=1, le=50, description="How many times to repeat the work.")] = 1
    set_rest: Annotated[Duration, Meta(description="Rest between sets.")] | None = None
    rest: (
        Annotated[Duration, Meta(description="Rest after this step; alone, the step is a rest.")]
        | None
    ) = None
    get_ready: Annotated[Duration, Meta(description="Countdown before this step.")] | None = None
    switch: Annotated[Duration, Meta(description="Time to change sides.")] | None = None
    cues: Annotated[
        list[CueText | Cue],
        Meta(max_length=20, description="Cues for the whole step, or at a time."),
    ] = msgspec.field(default_factory=list)
    wait: Annotated[
        bool | Annotated[str, Meta(min_length=1, max_length=120)],
        Meta(description="Wait for a key press before starting; text says how to set up."),
    ] = False
    levels: (
        Annotated[
            list[Level], Meta(min_length=1, max_length=3, description="Only at these levels.")
        ]
        | None
    ) = None
    scale: Annotated[bool, Meta(description="false keeps time and reps at every level.")] = True
    checklist: Annotated[
        bool, Meta(description="A key movement, confirmed in the after-session checklist.")
    ] = False
    progress: Progress | None = None
    favor: (
        Annotated[Favor, Meta(description="tighter: the side that has been tighter gets more.")]
        | None
    ) = None
    measure: (
        Annotated[
            MeasureKind,
            Meta(
                description="A guided test: after the step, ask for this marker's value"
                " (each side when the step has both) and log it."
            ),
        ]
        | None
    ) = None


class Routine(Struct, forbid_unknown_fields=True, kw_only=True):
    """A routine file: a named sequence of steps."""

    name: Name
    summary: Annotated[str, Meta(max_length=300, description="One or two sentences.")] = ""
    kind: Annotated[Kind, Meta(description="What sort of session this is.")] = "mobility"
    sound: Annotated[
        SoundProfile, Meta(description="calm: soft chimes and no rep beats; silent: none.")
    ] = "standard"
    defaults: Defaults = msgspec.field(default_factory=Defaults)
    levels: Levels = msgspec.field(default_factory=Levels)
    steps: Annotated[list[Step], Meta(min_length=1, max_length=200)]
