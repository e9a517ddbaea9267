"""Check located YAML nodes against the model's msgspec types, collecting every problem.

msgspec stops at the first error and knows no line numbers, so this walker reads the
model through ``msgspec.inspect`` and checks the node tree itself: every unknown key,
wrong type and bad value in a file is reported at once, each where it stands. What it
returns is then built into Structs by ``msgspec.convert``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import msgspec.inspect as mi

from stride_tui.routine.durations import (
    DurationError,
    parse_duration,
    parse_tempo,
    unusual_number,
)
from stride_tui.routine.every import parse_every
from stride_tui.routine.problems import Problem, field_path, quote
from stride_tui.routine.yaml_nodes import Mapping, Node, Scalar, Sequence, describe
from stride_tui.suggest import did_you_mean
from stride_tui.text import first_control

FieldPath = tuple[str | int, ...]


class _Invalid:
    """Marks a value that failed; its problem is already recorded."""


INVALID: Any = _Invalid()


def _raw(node: Scalar) -> object:
    """What a parsed field reads: the text as written, or the value of a quoted scalar."""
    # A plain 1:30 is YAML's base-60 integer 90; reading the text catches 1:70.
    # A plain 0x10 or 1_000 is a YAML number too; the text lets the parser refuse them.
    if node.plain and not isinstance(node.value, bool):
        return node.text
    return node.value


MULTILINE = frozenset({"how", "summary"})
"""Text fields that may hold line breaks (a YAML block scalar)."""

PARSERS: dict[str, Callable[[object], object]] = {
    "duration": parse_duration,
    "tempo": parse_tempo,
    "every": parse_every,
}
"""Fields whose ``Meta.extra["parse"]`` names one of these are read by that parser."""
EXPECTED = {
    "duration": "a duration (45, 45s, 1m30s or 1:30)",
    "tempo": "a tempo (2, 1.5s or 3-1-1)",
    "every": "an interval (session, 2 sessions, week or 2 weeks)",
}


class Walker:
    """Walks one file's nodes; ``problems`` and ``positions`` fill as it goes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.key_positions: dict[FieldPath, tuple[int, int]] = {}
        self.unknown_keys: dict[FieldPath, list[str]] = {}
        """By mapping, the keys it may not have (each one reported)."""

    def clean(self, path: FieldPath) -> bool:
        """Whether no problem was found at or under ``path``."""
        prefix = field_path(path)
        return not any(
            p.field == prefix or p.field.startswith((prefix + ".", prefix + "["))
            for p in self.problems
        )

    def report(self, node: Node, path: FieldPath, message: str) -> None:
        """Record a problem at ``node``."""
        self.problems.append(Problem(node.line, node.column, field_path(path), message))

    def check(self, node: Node, kind: mi.Type, path: FieldPath) -> Any:
        """Check ``node`` against ``kind`` and return its plain value.

        A value that fails is ``INVALID``; a mapping or list keeps its good parts (a bad
        mapping field is left out, a bad list item stays ``INVALID``) so that later checks
        can still look at the rest of the file.
        """
        self.positions.setdefault(path, (node.line, node.column))
        parser = _parser(kind)
        if parser is not None:
            return self._parsed(node, parser, path)
        kind = _unwrap(kind)
        if isinstance(kind, mi.UnionType):
            return self._union(node, kind, path)
        if isinstance(kind, mi.StructType):
            return self._struct(node, kind, path)
        if isinstance(kind, mi.ListType):
            return self._list(node, kind, path)
        if not isinstance(node, Scalar):
            self.report(node, path, f"expected {_expected(kind)}, found {describe(node)}")
            return INVALID
        return self._scalar(node, kind, path)

    def _struct(self, node: Node, kind: mi.StructType, path: FieldPath) -> Any:
        if not isinstance(node, Mapping):
            self.report(
                node, path, f"expected a mapping of keys ({_keys(kind)}), found {describe(node)}"
            )
            return INVALID
        fields = {f.encode_name: f for f in kind.fields}
        seen: dict[str, Node] = {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.pairs:
            if not isinstance(key_node, Scalar) or not isinstance(key_node.value, str):
                self.report(key_node, path, f"a key must be a word, found {describe(key_node)}")
                continue
            key = key_node.value
            if key in seen:
                first = seen[key]
                self.report(
                    key_node,
                    (*path, key),
                    f"duplicate key `{quote(key)}` (first on line {first.line}); keep one",
                )
                continue
            seen[key] = key_node
            if key not in fields:
                self.report(key_node, path, _unknown_key(key, list(fields)))
                self.unknown_keys.setdefault(path, []).append(key)
                continue
            self.key_positions[(*path, key)] = (key_node.line, key_node.column)
            value = self.check(value_node, fields[key].type, (*path, key))
            if value is not INVALID:
                result[key] = value
        for name, spec in fields.items():
            if spec.required and name not in seen:
                self.report(node, path, f"missing `{name}`")
        return result

    def _list(self, node: Node, kind: mi.ListType, path: FieldPath) -> Any:
        if not isinstance(node, Sequence):
            self.report(
                node, path, f"expected a list (lines starting with `- `), found {describe(node)}"
            )
            return INVALID
        count = len(node.items)
        if kind.min_length is not None and count < kind.min_length:
            self.report(
                node,
                path,
                f"needs at least {kind.min_length} item{'s' if kind.min_length > 1 else ''}",
            )
            return INVALID
        # Checked before descending: with every list capped, the walk stays small even
        # when YAML aliases repeat one big node many times.
        if kind.max_length is not None and count > kind.max_length:
            self.report(node, path, f"has {count} items; at most {kind.max_length} are allowed")
            return INVALID
        return [self.check(item, kind.item_type, (*path, i)) for i, item in enumerate(node.items)]

    def _union(self, node: Node, kind: mi.UnionType, path: FieldPath) -> Any:
        options = list(kind.types)
        if isinstance(node, Mapping | Sequence):
            wanted = mi.StructType if isinstance(node, Mapping) else mi.ListType
            for option, original in zip(options, kind.types, strict=True):
                if isinstance(_unwrap(option), wanted) and _parser(option) is None:
                    return self.check(node, original, path)
            self.report(node, path, f"expected {_expected(kind)}, found {describe(node)}")
            return INVALID
        assert isinstance(node, Scalar)
        if node.value is None and any(isinstance(_unwrap(o), mi.NoneType) for o in options):
            return None
        for option, original in zip(options, kind.types, strict=True):
            if _fits(node, option):
                return self.check(node, original, path)
        real = [t for t in options if not isinstance(_unwrap(t), mi.NoneType)]
        if len(real) == 1:  # judge by the one real type, for its more telling message
            return self.check(node, real[0], path)
        self.report(node, path, f"expected {_expected(kind)}, found {describe(node)}")
        return INVALID

    def _scalar(self, node: Scalar, kind: mi.Type, path: FieldPath) -> Any:
        value = node.value
        if isinstance(kind, mi.StrType):
            # YAML reads `name: yes` as true and `name: 1:30` as 90; a text field wants the text.
            if value is None or (not isinstance(value, str) and not node.plain):
                self.report(node, path, f"expected text, found {describe(node)}")
                return INVALID
            text = node.text.strip()
            if not self._visible_ok(node, path, text):
                return INVALID
            return text if self._length_ok(node, kind, path, text) else INVALID
        if isinstance(kind, mi.LiteralType):
            choices = [str(v) for v in kind.values]
            if isinstance(value, str) and value in choices:
                return value
            guess = did_you_mean(node.text, choices)
            self.report(
                node,
                path,
                f"`{quote(node.text)}` is not one of {', '.join(choices)}{guess}",
            )
            return INVALID
        if isinstance(kind, mi.BoolType):
            if isinstance(value, bool):
                return value
            self.report(node, path, f"expected true or false, found {describe(node)}")
            return INVALID
        if isinstance(kind, mi.IntType | mi.FloatType):
            return self._number(node, kind, path)
        if isinstance(kind, mi.NoneType) and value is None:
            return None
        self.report(node, path, f"expected {_expected(kind)}, found {describe(node)}")
        return INVALID

    def _parsed(self, node: Node, parser: str, path: FieldPath) -> Any:
        if not isinstance(node, Scalar) or node.value is None:
            self.report(node, path, f"expected {EXPECTED[parser]}, found {describe(node)}")
            return INVALID
        try:
            return PARSERS[parser](_raw(node))
        except DurationError as error:
            self.report(node, path, str(error))
            return INVALID

    def _visible_ok(self, node: Scalar, path: FieldPath, text: str) -> bool:
        """Report a control character in a text field: printed, it would steer the terminal."""
        index = first_control(text, newlines=bool(path) and path[-1] in MULTILINE)
        if index is None:
            return True
        char = text[index]
        line, column = node.control or (node.line, node.column)
        self.problems.append(Problem(line, column, field_path(path), _control_message(char)))
        return False

    def _length_ok(self, node: Scalar, kind: mi.StrType, path: FieldPath, text: str) -> bool:
        if kind.min_length and len(text) < kind.min_length:
            self.report(node, path, "must not be empty")
            return False
        if kind.max_length is not None and len(text) > kind.max_length:
            self.report(
                node,
                path,
                f"is {len(text)} characters long; keep it to {kind.max_length} or fewer"
                " so it reads at a glance",
            )
            return False
        return True

    def _number(self, node: Scalar, kind: mi.IntType | mi.FloatType, path: FieldPath) -> Any:
        value = node.value
        whole = isinstance(kind, mi.IntType)
        if isinstance(value, bool) or not isinstance(value, int | float):
            advice = unusual_number(value) if isinstance(value, str) else None
            quoted = " (remove the quotes)" if isinstance(value, str) and _numeric(value) else ""
            digits = isinstance(value, str) and node.plain and node.text.isdigit()
            extra = "; that number is far too large" if digits else quoted
            extra = f"; {advice}" if advice else extra
            self.report(node, path, f"expected {_expected(kind)}, found {describe(node)}{extra}")
            return INVALID
        if isinstance(value, float) and not math.isfinite(value):
            self.report(node, path, f"expected {_expected(kind)}, found `{quote(node.text)}`")
            return INVALID
        advice = unusual_number(node.text) if node.plain else None
        if advice:
            self.report(node, path, f"`{quote(node.text)}` is not {_expected(kind)}; {advice}")
            return INVALID
        if node.plain and node.text.isascii() and node.text.isdigit():
            value = int(node.text)  # YAML 1.1 reads 010 as octal 8; a runner means ten
        if whole and isinstance(value, float):
            if not value.is_integer():
                self.report(node, path, f"expected a whole number, found `{quote(node.text)}`")
                return INVALID
            value = int(value)
        low = kind.ge if kind.ge is not None else kind.gt
        if (kind.ge is not None and value < kind.ge) or (kind.gt is not None and value <= kind.gt):
            relation = "at least" if kind.ge is not None else "more than"
            self.report(node, path, f"`{quote(node.text)}` is too small; use {relation} {low}")
            return INVALID
        high = kind.le if kind.le is not None else kind.lt
        if (kind.le is not None and value > kind.le) or (kind.lt is not None and value >= kind.lt):
            self.report(node, path, f"`{quote(node.text)}` is too large; use at most {high}")
            return INVALID
        return value


def _control_message(char: str) -> str:
    if char == "\n":
        return "holds a line break; keep this text on one line"
    if char == "\t":
        return "holds a tab character; write spaces instead"
    if ord(char) > 0x9F:
        what = "a BiDi control, which reorders the text around it"
    else:
        what = "a control character, which can steer the terminal that shows it"
    return f"holds `{quote(char)}`, {what}; remove it"


def _numeric(text: str) -> bool:
    if not text.isascii():  # float() reads other scripts' digits; a routine file may not
        return False
    try:
        float(text)
    except ValueError:
        return False
    return True


def _unwrap(kind: mi.Type) -> mi.Type:
    while isinstance(kind, mi.Metadata):
        kind = kind.type
    return kind


def _parser(kind: mi.Type) -> str | None:
    while isinstance(kind, mi.Metadata):
        if kind.extra and "parse" in kind.extra:
            return str(kind.extra["parse"])
        kind = kind.type
    return None


def _fits(node: Scalar, kind: mi.Type) -> bool:
    """Whether a scalar should be judged as ``kind`` within a union."""
    value = node.value
    if _parser(kind) is not None:
        return value is not None and not isinstance(value, bool)
    kind = _unwrap(kind)
    if isinstance(kind, mi.BoolType):
        return isinstance(value, bool)
    if isinstance(kind, mi.IntType | mi.FloatType):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(kind, mi.StrType | mi.LiteralType):
        return value is not None and not isinstance(value, bool)
    return False


def _expected(kind: mi.Type) -> str:
    parser = _parser(kind)
    if parser is not None:
        return EXPECTED[parser]
    kind = _unwrap(kind)
    if isinstance(kind, mi.UnionType):
        names = [_expected(o) for o in kind.types if not isinstance(_unwrap(o), mi.NoneType)]
        return " or ".join(dict.fromkeys(names))
    if isinstance(kind, mi.StructType):
        return "a mapping"
    if isinstance(kind, mi.ListType):
        return "a list"
    if isinstance(kind, mi.IntType):
        return "a whole number"
    if isinstance(kind, mi.FloatType):
        return "a number"
    if isinstance(kind, mi.BoolType):
        return "true or false"
    if isinstance(kind, mi.LiteralType):
        return "one of " + ", ".join(str(v) for v in kind.values)
    return "text"


def _keys(kind: mi.StructType) -> str:
    names = [f.encode_name for f in kind.fields]
    shown = ", ".join(names[:6])
    return shown + (", ..." if len(names) > 6 else "")


def _unknown_key(key: str, known: list[str]) -> str:
    guess = did_you_mean(key, known)
    if guess:
        return f"unknown key `{quote(key)}`{guess}"
    return f"unknown key `{quote(key)}`; known keys here: {', '.join(known)}"
