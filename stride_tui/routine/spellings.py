"""What a duration, a tempo and a progression interval may look like, in one grammar.

The parsers (``durations``, ``every``) read text with the *shapes* here; the schema's
``pattern`` strings are the *languages* here: the same shapes with the parser's limits
(seconds below 60 after minutes, at most six hours, ...) spelled as digit patterns, so
an editor refuses exactly what ``stride check`` refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from stride_tui.routine.grammar import (
    ASCII_SPACE,
    DIGITS,
    NUMBER,
    POSITIVE_INT,
    STRIPPED,
    Chars,
    Dialect,
    Group,
    Node,
    Repeat,
    Style,
    alt,
    anchored,
    decimal_at_most,
    decimal_below,
    int_exactly,
    lit,
    nonzero_ahead,
    opt,
    positive_int_below,
    seq,
)

MAX_SECONDS = 6 * 3600
"""Longest duration a routine may ask for: far beyond any sane hold, short of nonsense."""
MAX_REP_SECONDS = 600
"""Longest single rep a tempo may ask for."""
MAX_PHASE_SECONDS = 150
"""Longest phase of a phase tempo (four of them still make at most a 10-minute rep)."""
MAX_EVERY = 100
"""Most sessions or weeks between two step-ups of a progression."""

EVERY_UNITS = ("session", "sessions", "week", "weeks")


@dataclass(frozen=True, slots=True)
class _Part:
    """One field of a compound (``1h``) or clock (``1:``) duration."""

    seconds: int
    after: Node | None


_UNITS = (_Part(3600, lit("h")), _Part(60, lit("m")), _Part(1, lit("s")))
_SEPARATED = (_Part(3600, lit(":")), _Part(60, lit(":")), _Part(1, None))

PARSER = Style(Dialect.PARSER)

# Shapes: what the parser recognises before it checks the values (and explains mistakes).
NUMBER_SHAPE = re.compile(NUMBER.render(PARSER))
COMPOUND_SHAPE = re.compile(
    seq(*(opt(seq(Group(letter, NUMBER), lit(letter))) for letter in "hms")).render(PARSER)
)
"""``1h2m3s`` with any parts left out; groups ``h``, ``m``, ``s``."""
CLOCK_SHAPE = re.compile(
    seq(
        opt(seq(Group("h", DIGITS), lit(":"))), Group("m", DIGITS), lit(":"), Group("s", NUMBER)
    ).render(PARSER)
)
"""``1:30`` or ``1:02:30``; groups ``h``, ``m``, ``s``."""
PHASES_SHAPE = re.compile(seq(NUMBER, Repeat(seq(lit("-"), NUMBER), 1, 3)).render(PARSER))
"""Two to four phase seconds joined by dashes: ``3-1-1``."""
_EVERY_UNIT = alt(*(lit(word) for word in sorted(EVERY_UNITS, key=len, reverse=True)))
EVERY_SHAPE = re.compile(
    seq(
        opt(seq(Group("count", DIGITS), Repeat(Chars(ASCII_SPACE, spaced=False), 0, None))),
        Group("unit", _EVERY_UNIT),
    ).render(PARSER)
)
"""``2 sessions``, ``week``; groups ``count`` and ``unit``."""


def _parts(parts: tuple[_Part, ...], bound: Fraction | None, capped: bool, sticky: bool) -> Node:
    """The fields ``parts`` whose total is at most ``bound`` seconds.

    A field is below 60 when ``capped`` (a field before it is not zero; with ``sticky``,
    as in a clock, when any field comes before it). Only the last field has a fraction.
    """
    part, rest = parts[0], parts[1:]
    after = [part.after] if part.after else []
    if not rest:
        if bound is None or (capped and bound / part.seconds >= 60):
            return seq(decimal_below(60), *after)
        return seq(decimal_at_most(bound / part.seconds), *after)
    options = [seq(int_exactly(0), *after, _parts(rest, bound, capped or sticky, sticky))]
    upper = None if bound is None else int(bound // part.seconds)
    limit = 60 if capped else None
    if upper is not None:
        limit = upper if limit is None else min(limit, upper)
    if limit is None:
        options.append(seq(POSITIVE_INT, *after, _parts(rest, None, True, sticky)))
    elif limit > 1:
        options.append(seq(positive_int_below(limit), *after, _parts(rest, None, True, sticky)))
    if bound is not None and upper is not None and upper >= 1 and (not capped or upper < 60):
        remaining = bound - upper * part.seconds
        options.append(seq(int_exactly(upper), *after, _parts(rest, remaining, True, sticky)))
    return alt(*options)


def duration_language(most: int, *, positive: bool = False) -> Node:
    """Every spelling of a duration from 0 (or, if ``positive``, above 0) to ``most`` seconds."""
    bound = Fraction(most)
    forms: list[Node] = [decimal_at_most(bound)]
    for mask in range(1, 8):  # every non-empty choice of h, m, s, in that order
        chosen = tuple(part for bit, part in enumerate(_UNITS) if mask & (4 >> bit))
        forms.append(_parts(chosen, bound, capped=False, sticky=False))
    forms.append(_parts(_SEPARATED[1:], bound, capped=False, sticky=True))
    forms.append(_parts(_SEPARATED, bound, capped=False, sticky=True))
    body = alt(*forms)
    return seq(nonzero_ahead(), body) if positive else body


def phases_language() -> Node:
    """Every phase tempo: two to four phases of at most 150 s, not all zero."""
    phase = decimal_at_most(Fraction(MAX_PHASE_SECONDS))
    return seq(nonzero_ahead(), phase, Repeat(seq(lit("-"), phase), 1, 3))


def every_language() -> Node:
    """Every spelling of a progression interval: ``2``, ``2 sessions``, ``week``."""
    count = positive_int_below(MAX_EVERY + 1)
    spaces = Repeat(Chars(ASCII_SPACE, spaced=False), 0, None)
    return alt(count, seq(opt(seq(count, spaces)), _EVERY_UNIT))


_SCHEMA_SPACED = Style(Dialect.SCHEMA, spaced=True)
DURATION_PATTERN = anchored(duration_language(MAX_SECONDS), _SCHEMA_SPACED, STRIPPED)
"""The schema's pattern for a duration written as text."""
TEMPO_PATTERN = anchored(
    alt(phases_language(), duration_language(MAX_REP_SECONDS, positive=True)),
    _SCHEMA_SPACED,
    STRIPPED,
)
"""The schema's pattern for a tempo written as text."""
EVERY_PATTERN = anchored(every_language(), Style(Dialect.SCHEMA), STRIPPED)
"""The schema's pattern for a progression interval written as text."""
