"""The schema's patterns accept exactly the durations, tempos and intervals the parser does.

For every string: ``parse_*`` accepts it if and only if the exported schema's pattern
matches it whole. The strings come from a grammar-shaped generator (numbers near every
limit, units, colons, dashes, points, spaces, other scripts' digits, underscores, signs)
and from arbitrary text. Numbers are checked against the schema's numeric bounds.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stride_tui.routine.durations import DurationError, parse_duration, parse_tempo
from stride_tui.routine.every import parse_every
from stride_tui.routine.schema import routine_schema
from tests.helpers.components import require

SCHEMA = routine_schema()
DEFINITIONS = SCHEMA["$defs"]
FIELDS: dict[str, dict[str, Any]] = {
    "duration": DEFINITIONS["Defaults"]["properties"]["rest"],
    "tempo": DEFINITIONS["Defaults"]["properties"]["tempo"],
    "every": DEFINITIONS["Progress"]["properties"]["every"],
}
PARSERS: dict[str, Callable[[object], object]] = {
    "duration": parse_duration,
    "tempo": parse_tempo,
    "every": parse_every,
}
RUNS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


PATTERNS = {kind: FIELDS[kind]["pattern"] for kind in FIELDS}


def parser_accepts(kind: str, value: object) -> bool:
    try:
        PARSERS[kind](value)
    except DurationError:
        return False
    return True


def schema_accepts(kind: str, value: object) -> bool:
    if isinstance(value, str):
        assert "string" in FIELDS[kind]["type"]
        return re.fullmatch(PATTERNS[kind], value) is not None
    return jsonschema.Draft202012Validator(FIELDS[kind]).is_valid(value)


def assert_agree(kind: str, value: object) -> None:
    parser, schema = parser_accepts(kind, value), schema_accepts(kind, value)
    assert parser == schema, f"{kind} {value!r}: parser accepts {parser}, schema {schema}"


TOKENS = [
    *"0123456789", "00", "05", "59", "60", "6", "10", "100", "101", "150", "151", "359",
    "360", "361", "599", "600", "601", "21599", "21600", "21601", "1666", "17",
    "h", "m", "s", "H", "M", "S", ":", ".", ".0", ".5", "-", "+", " ", "  ", "\t", "\n",
    "_", "e", "x", "0x", "sec", "seconds", "min", "session", "sessions", "week", "weeks",
    "Week", "\u0663", "\uff11", "\u00b2", "\u3000", "\u00a0", "\u0085", "\x1c", "\u212a",
    "\u0130", "\u017f", "inf", "nan",
]  # fmt: skip

shaped = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=9).map("".join)


LIMITS = [0, 1, 5, 6, 7, 9, 10, 59, 60, 61, 99, 100, 101, 149, 150, 151, 359, 360, 361, 599]
LIMITS += [600, 601, 21599, 21600, 21601]


@st.composite
def near_limits(draw: st.DrawFn) -> str:
    """A compound, clock or phase spelling with values around every limit the parser has."""

    def number(high: int, last: bool = True) -> str:
        whole = draw(st.one_of(st.integers(0, high), st.sampled_from(LIMITS)))
        zeros = draw(st.sampled_from(["", "", "", "0", "00"]))
        fractions = ["", ".0", ".00", ".5", ".999", ".0001", ".1666", ".17"]
        fraction = draw(st.sampled_from(fractions if last else ["", "", "", "", ".5"]))
        return f"{zeros}{whole}{fraction}"

    space = st.sampled_from(["", "", " "])
    form = draw(st.sampled_from(["compound", "clock", "phases", "number"]))
    if form == "compound":
        chosen = [(u, h) for u, h in (("h", 8), ("m", 400), ("s", 22000)) if draw(st.booleans())]
        parts = [
            number(high, last=index == len(chosen) - 1)
            + draw(st.sampled_from([unit, unit.upper()]))
            + draw(space)
            for index, (unit, high) in enumerate(chosen)
        ]
        return "".join(parts) or "0s"
    if form == "clock":
        fields = [number(7, last=False), number(400, last=False), number(70)]
        if draw(st.booleans()):
            fields = fields[1:]
        return (draw(space) + ":" + draw(space)).join(fields)
    if form == "phases":
        count = draw(st.integers(1, 5))
        return "-".join(number(700) for _ in range(count))
    return number(25000)


STRINGS = st.one_of(shaped, near_limits(), st.text(max_size=12))


@pytest.mark.parametrize("kind", sorted(FIELDS))
@RUNS
@given(text=STRINGS)
def test_parser_and_schema_agree_on_every_string(kind: str, text: str) -> None:
    assert_agree(kind, text)


@pytest.mark.parametrize("kind", sorted(FIELDS))
@RUNS
@given(
    number=st.one_of(
        st.integers(-(10**6), 10**6),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([0, 0.0, -0.0, 1, 100, 101, 600, 600.0001, 21600, 21600.5, 5e-324]),
    )
)
def test_parser_and_schema_agree_on_every_number(kind: str, number: float) -> None:
    if kind == "every" and isinstance(number, float):
        # JSON (and so an editor) cannot tell 2.0 from 2; the parser sees the text "2.0".
        return
    assert_agree(kind, number)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("duration", "1m70s"),
        ("duration", "1:75"),
        ("duration", "45 seconds"),
        ("duration", "-5s"),
        ("duration", "6h0m1s"),
        ("duration", "21600.0000000000000001"),
        ("duration", "1.5m30s"),
        ("tempo", "9-9-9-9-9"),
        ("tempo", "0-0-0"),
        ("tempo", "151-1"),
        ("tempo", "0.17h"),
        ("every", "0 weeks"),
        ("every", "wee\u212a"),
    ],
)
def test_both_refuse_the_known_mistakes(kind: str, text: str) -> None:
    assert not parser_accepts(kind, text)
    assert not schema_accepts(kind, text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("duration", "45"),
        ("duration", " 2m 5S "),
        ("duration", "0m70s"),
        ("duration", "6:00:00"),
        ("duration", "360:00"),
        ("duration", "5h59m59.999s"),
        ("tempo", "2-0-2-1"),
        ("tempo", "0.1666h"),
        ("tempo", "10m"),
        ("every", "\u3000007 Weeks "),
        ("every", "100"),
    ],
)
def test_both_accept_the_edge_spellings(kind: str, text: str) -> None:
    assert parser_accepts(kind, text)
    assert schema_accepts(kind, text)


ECMA_TEST = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const regex = new RegExp(input.pattern, "u");  // as yaml-language-server compiles it
process.stdout.write(JSON.stringify(input.strings.map((s) => regex.test(s))));
"""


@pytest.mark.parametrize("kind", sorted(FIELDS))
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strings=st.lists(STRINGS, min_size=100, max_size=100))
def test_an_editor_reads_each_pattern_as_python_does(kind: str, strings: list[str]) -> None:
    """The patterns use only what ECMA-262 (with the ``u`` flag) and Python read alike."""
    node = shutil.which("node")
    require(node is not None, "nodejs (apt install nodejs) to run the patterns as editors do")
    assert node
    done = subprocess.run(
        [node, "-e", ECMA_TEST],
        input=json.dumps({"pattern": PATTERNS[kind], "strings": strings}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    python = [re.fullmatch(PATTERNS[kind], s) is not None for s in strings]
    differ = [s for s, a, b in zip(strings, json.loads(done.stdout), python, strict=True) if a != b]
    assert differ == []
