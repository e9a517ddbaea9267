r"""A small grammar of regular expressions, rendered for Python's ``re`` or for a JSON Schema.

The parsers of durations, tempos and intervals and the exported schema's ``pattern``
strings are built from the same nodes here, so the two cannot drift apart. A node tree
renders in two dialects:

- ``Dialect.PARSER``: for text the parser has already stripped, lower-cased and (for
  durations and tempos) freed of spaces; keeps named groups for the parser to read.
- ``Dialect.SCHEMA``: for the text as an editor sees it, so letters match either case
  and, where the parser drops spaces, a space may follow any character. Only syntax that
  ECMA-262 (with the ``u`` flag) and Python's ``re`` read alike is used: classes, ``(?:``,
  ``(?=``, counted repeats and ``\uXXXX`` escapes.

Numeric limits become digit patterns (``int_below``, ``decimal_at_most``), so a schema
can refuse ``1:75`` or ``7h`` as the parser does.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction


class Dialect(enum.Enum):
    """Which regular-expression engine, and which view of the text, a rendering is for."""

    PARSER = "parser"
    SCHEMA = "schema"


@dataclass(frozen=True, slots=True)
class Style:
    """How to render: for which engine, and whether a space may follow every character."""

    dialect: Dialect
    spaced: bool = False


class Node:
    """A part of a grammar; ``render`` gives its regular expression."""

    def render(self, style: Style) -> str:
        """The regular expression for this node in ``style``."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Chars(Node):
    """One character from a class such as ``0-9``, or one literal character.

    ``spaced`` False keeps a class of white space from being followed by spaces itself.
    """

    members: str
    spaced: bool = True

    def render(self, style: Style) -> str:
        """See :class:`Node`."""
        if len(self.members) == 1:
            text = _escape(self.members)
            if style.dialect is Dialect.SCHEMA and self.members.isalpha():
                text = f"[{self.members.lower()}{self.members.upper()}]"
        else:
            text = f"[{self.members}]"
        return text + (" *" if style.spaced and self.spaced else "")


@dataclass(frozen=True, slots=True)
class Seq(Node):
    """Parts one after the other."""

    parts: tuple[Node, ...]

    def render(self, style: Style) -> str:
        """See :class:`Node`."""
        return "".join(part.render(style) for part in self.parts)


@dataclass(frozen=True, slots=True)
class Alt(Node):
    """Any one of the options."""

    options: tuple[Node, ...]

    def render(self, style: Style) -> str:
        """See :class:`Node`."""
        return "(?:" + "|".join(option.render(style) for option in self.options) + ")"


@dataclass(frozen=True, slots=True)
class Repeat(Node):
    """``low`` to ``high`` (``None``: any number of) repetitions of ``node``."""

    node: Node
    low: int
    high: int | None

    def render(self, style: Style) -> str:
        """See :class:`Node`."""
        inner = self.node.render(style)
        if not _atomic(self.node, style):
            inner = f"(?:{inner})"
        if (self.low, self.high) == (0, None):
            return inner + "*"
        if (self.low, self.high) == (1, None):
            return inner + "+"
        if (self.low, self.high) == (0, 1):
            return inner + "?"
        if self.low == self.high:
            return f"{inner}{{{self.low}}}"
        return f"{inner}{{{self.low},{'' if self.high is None else self.high}}}"


@dataclass(frozen=True, slots=True)
class Group(Node):
    """A part the parser reads by name; the schema only needs its shape."""

    name: str
    node: Node

    def render(self, style: Style) -> str:
        """See :class:`Node`."""
        if style.dialect is Dialect.PARSER:
            return f"(?P<{self.name}>{self.node.render(style)})"
        return self.node.render(style)


@dataclass(frozen=True, slots=True)
class Ahead(Node):
    """A condition on what follows, consuming nothing (``(?=...)``)."""

    node: Node

    def render(self, style: Style) -> str:
        """See :class:`Node`."""
        return f"(?={self.node.render(style)})"


def _escape(char: str) -> str:
    return "\\" + char if char in r"\^$.|?*+()[]{}/" else char


def _atomic(node: Node, style: Style) -> bool:
    """Whether ``node`` renders as one unit that can take a quantifier without a group."""
    if isinstance(node, Chars):
        return not (style.spaced and node.spaced)
    if isinstance(node, Group) and style.dialect is Dialect.SCHEMA:
        return _atomic(node.node, style)
    return isinstance(node, Alt | Group)


def lit(text: str) -> Node:
    """The characters of ``text`` in order."""
    if len(text) == 1:
        return Chars(text)
    return Seq(tuple(Chars(char) for char in text))


def seq(*parts: Node) -> Node:
    """Parts one after the other."""
    return parts[0] if len(parts) == 1 else Seq(parts)


def alt(*options: Node) -> Node:
    """Any one of the options."""
    return options[0] if len(options) == 1 else Alt(options)


def opt(node: Node) -> Node:
    """``node`` or nothing."""
    return Repeat(node, 0, 1)


def anchored(node: Node, style: Style, around: str = "") -> str:
    """The whole-text pattern ``^...$``, allowing ``around`` characters at either end."""
    edge = f"[{around}]*" if around else ""
    return f"^{edge}{node.render(style)}{edge}$"


DIGIT = Chars("0-9")
DIGITS = Repeat(DIGIT, 1, None)
ZEROS = Repeat(Chars("0"), 0, None)
ZERO = seq(Repeat(Chars("0"), 1, None), opt(seq(lit("."), Repeat(Chars("0"), 1, None))))
"""A number whose value is zero: ``0``, ``00``, ``0.0``."""
FRACTION = seq(lit("."), DIGITS)
NUMBER = seq(DIGITS, opt(FRACTION))
"""A decimal number as routine files write it: digits 0-9, maybe a point and more digits."""

STRIPPED = (
    "\\t\\n\\u000b\\u000c\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000"
)
"""Every character Python's ``str.strip()`` removes (``str.isspace``), as class members."""
ASCII_SPACE = "\\t\\n\\u000b\\u000c\\r\\u001c-\\u001f "
"""The ASCII characters Python's ``\\s`` matches, as class members."""


def nonzero_ahead() -> Node:
    """A condition that some digit 1-9 follows: the value written is not zero."""
    return Ahead(seq(Repeat(Chars("^1-9", spaced=False), 0, None), Chars("1-9")))


def int_below(limit: int) -> Node:
    """Whole numbers 0 to ``limit - 1``, leading zeros allowed."""
    if limit < 1:
        raise ValueError("no whole number is below 1 and at least 0")
    text = str(limit)
    options: list[Node] = []
    if len(text) > 1:
        options.append(Repeat(DIGIT, 1, len(text) - 1))
    for index, char in enumerate(text):
        if char == "0":
            continue
        rest = len(text) - index - 1
        below = Chars("0") if char == "1" else Chars(f"0-{int(char) - 1}")
        parts = [lit(text[:index])] if index else []
        parts.append(below)
        if rest:
            parts.append(Repeat(DIGIT, rest, rest))
        options.append(seq(*parts))
    return seq(ZEROS, alt(*options))


def int_exactly(value: int) -> Node:
    """The whole number ``value``, leading zeros allowed."""
    if value == 0:
        return Repeat(Chars("0"), 1, None)
    return seq(ZEROS, lit(str(value)))


def positive_int_below(limit: int) -> Node:
    """Whole numbers 1 to ``limit - 1``, leading zeros allowed."""
    return seq(Ahead(seq(ZEROS, Chars("1-9"))), int_below(limit))


POSITIVE_INT = seq(Ahead(seq(ZEROS, Chars("1-9"))), DIGITS)
"""Any whole number above zero."""


def decimal_below(limit: int) -> Node:
    """Decimal numbers from 0 up to, not including, the whole number ``limit``."""
    return seq(int_below(limit), opt(FRACTION))


def decimal_at_most(limit: Fraction) -> Node:
    """Decimal numbers from 0 to ``limit`` inclusive.

    Raises:
        ValueError: ``limit``'s decimal expansion repeats more than one digit (like 1/7),
            which this small grammar does not spell.
    """
    whole = int(limit)
    options: list[Node] = []
    if whole >= 1:
        options.append(decimal_below(whole))
    options.append(seq(int_exactly(whole), opt(seq(lit("."), _fraction_at_most(limit - whole)))))
    return alt(*options)


def _fraction_at_most(rest: Fraction) -> Node:
    """Digits ``d`` (at least one) with ``0.d <= rest``, for ``0 <= rest < 1``."""
    digits: list[int] = []
    remainder = rest
    repeating = 0
    for _ in range(rest.denominator + 1):
        digit = int(remainder * 10)
        following = remainder * 10 - digit
        if following == remainder:
            repeating = digit
            break
        digits.append(digit)
        remainder = following
    else:
        raise ValueError(f"{rest} repeats more than one digit")
    if repeating:
        smaller = Chars("0") if repeating == 1 else Chars(f"0-{repeating - 1}")
        tail: Node = seq(
            Repeat(lit(str(repeating)), 0, None), opt(seq(smaller, Repeat(DIGIT, 0, None)))
        )
    else:
        tail = ZEROS
    for digit in reversed(digits):
        choices: list[Node] = [seq(lit(str(digit)), tail)]
        if digit:
            smaller = Chars("0") if digit == 1 else Chars(f"0-{digit - 1}")
            choices.insert(0, seq(smaller, Repeat(DIGIT, 0, None)))
        tail = opt(alt(*choices))
    return seq(Ahead(DIGIT), tail)
