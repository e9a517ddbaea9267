"""Read YAML into a small tree of nodes that remember their line and column.

The tree is built from the parser's event stream rather than by PyYAML's composer:
libyaml's composer recurses in C and crashes the interpreter on deeply nested input,
while the event parser keeps an explicit stack. Building nodes here also lets us cap
nesting and refuse what a routine file never needs (several documents, custom tags),
with a message that points at the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from stride_tui.routine.problems import Problem, quote
from stride_tui.text import first_control

# libyaml is ~10x faster; PyYAML's wheels ship it, source builds may not.
FAST_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

REFERENCE_LOADER = yaml.SafeLoader
"""PyYAML's own parser, in Python: slower, but with no limits of its own."""

MAX_DEPTH = 32
"""Deepest nesting accepted; a routine file needs about six levels."""

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {f"{_CORE}map", f"{_CORE}seq"}
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(slots=True, eq=False)
class Node:
    """A YAML value and where it starts (1-based)."""

    line: int
    column: int


@dataclass(slots=True, eq=False)
class Scalar(Node):
    r"""A scalar: ``value`` as YAML types it, ``text`` as written, ``plain`` when unquoted.

    ``text`` is the scalar's content after YAML's escapes (``"\e"`` is an ESC).
    """

    value: object
    text: str
    plain: bool
    control: tuple[int, int] | None = None
    """Where the first control character in the text is written, when there is one."""


@dataclass(slots=True, eq=False)
class Sequence(Node):
    """A YAML list."""

    items: list[Node] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Mapping(Node):
    """A YAML mapping, as its key and value nodes in file order (duplicates kept)."""

    pairs: list[tuple[Node, Node]] = field(default_factory=list)


class YamlProblem(Exception):
    """The text is not YAML that a routine file can be; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def describe(node: Node) -> str:
    """Name a node's kind for messages: ``a list``, ``text `abc` ``, ``nothing``."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    assert isinstance(node, Scalar)
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return f"`{quote(node.text)}` (true/false)"
    if isinstance(node.value, int | float):
        return f"the number `{quote(node.text)}`"
    return f"the text `{quote(node.text)}`"


def _where(mark: Any) -> tuple[int, int]:
    """1-based line and column of a parser mark (PyYAML's or libyaml's)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _fail(mark: Any, message: str) -> YamlProblem:
    return YamlProblem(Problem(*_where(mark), "", message))


_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))", re.DOTALL)
_SHORT_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
                  "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", "N": "\x85"}  # fmt: skip


def _control_at(event: yaml.ScalarEvent, text: str) -> tuple[int, int] | None:
    r"""Line and column of the first control character in a scalar, as written.

    That is the raw character, or the escape (``\e``, ``\x1b``) that produced it; the
    scalar's start when neither can be pinned down (a line break in a block scalar).
    """
    if first_control(event.value) is None:
        return None
    start, end = event.start_mark, event.end_mark
    if start is None or end is None:
        return (1, 1)
    written = text[start.index : end.index]
    offset = first_control(written.replace("\n", " ").replace("\r", " "))
    if offset is None and event.style == '"':
        for match in _ESCAPE.finditer(written):
            code = next((g for g in match.groups()[:3] if g), None)
            char = chr(int(code, 16)) if code else _SHORT_ESCAPES.get(match.group(4) or "", "")
            if char and first_control(char) is not None:
                offset = match.start()
                break
    if offset is None:
        return _where(start)
    line = start.line + written.count("\n", 0, offset)
    column = (
        offset - (written.rfind("\n", 0, offset) + 1) + (0 if line > start.line else start.column)
    )
    return line + 1, column + 1


def _scalar(event: yaml.ScalarEvent, text: str) -> Scalar:
    mark = event.start_mark
    plain = bool(event.implicit[0]) and event.tag is None
    if event.tag not in (None, "!") and event.tag not in _SCALAR_TAGS:
        raise _fail(mark, f"the tag `{event.tag}` is not used in routine files; remove it")
    if plain:
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
    else:
        tag = event.tag if event.tag in _SCALAR_TAGS else f"{_CORE}str"
    value: object = event.value
    if tag in _SCALAR_TAGS and tag != f"{_CORE}str":
        try:
            value = _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, event.value))
        except (ValueError, yaml.YAMLError):  # e.g. an int with more digits than Python allows
            value = event.value
    return Scalar(*_where(mark), value, event.value, plain, _control_at(event, text))


# PyYAML's own parser words a few problems unlike libyaml; one wording whichever ran.
_PYTHON_WORDING = (
    (re.compile(r"^expected (.+), but (?:found|got) .+$"), "did not find expected {0}"),
    (re.compile(r"^(found incompatible YAML document) \(.*\)$"), "{0}"),
)
_QUOTED_TOKEN = re.compile(r"'(<[a-z ]+>)'")


def _one_wording(problem: str) -> str:
    for pattern, wording in _PYTHON_WORDING:
        match = pattern.match(problem)
        if match:
            return _QUOTED_TOKEN.sub(r"\1", wording.format(*match.groups()))
    return problem


_UNCLOSED_QUOTE = "this quote is never closed; add the closing quote where the text ends"


def _unclosed_quote(error: yaml.MarkedYAMLError) -> bool:
    """Whether the text ends inside a quoted scalar: then the place to show is its opening."""
    return (
        error.context_mark is not None
        and (error.context or "").startswith("while scanning a quoted scalar")
        and "end of stream" in (error.problem or "")
    )


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = _one_wording(error.problem or "this is not valid YAML")
    mark = error.problem_mark
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "a tab character; YAML indents with spaces, so replace the tab with spaces"
    context = f" {error.context}" if error.context else ""
    return f"not valid YAML: {problem}{context}"


class _Builder:
    """Turns parser events into nodes, one document deep."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.open: list[tuple[Sequence | Mapping, str | None]] = []
        self.key: list[Node | None] = []
        self.anchors: dict[str, Node] = {}
        self.root: Node | None = None
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _fail(
                    event.start_mark,
                    "a second YAML document; a routine file holds one, so remove this `---`"
                    " and what follows, or move it to a file of its own",
                )
        elif isinstance(event, yaml.ScalarEvent):
            node = _scalar(event, self.text)
            if event.anchor:
                self.anchors[event.anchor] = node
            self.place(node)
        elif isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor or "")
            if target is None:
                raise _fail(
                    event.start_mark,
                    f"`*{event.anchor}` refers to no anchor defined before it"
                    " (an alias cannot point into the block that holds it)",
                )
            self.place(target)
        elif isinstance(event, yaml.CollectionStartEvent):
            self.start(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            container, anchor = self.open.pop()
            self.key.pop()
            # Registered only once complete, so no alias can make a cycle.
            if anchor:
                self.anchors[anchor] = container
            self.place(container)

    def start(self, event: yaml.CollectionStartEvent) -> None:
        mark = event.start_mark
        where = _where(mark)
        if event.tag not in (None, "!") and event.tag not in _COLLECTION_TAGS:
            raise _fail(mark, f"the tag `{event.tag}` is not used in routine files; remove it")
        if len(self.open) >= MAX_DEPTH:
            raise _fail(
                mark, f"nested more than {MAX_DEPTH} levels deep; a routine needs far fewer"
            )
        container: Sequence | Mapping
        if isinstance(event, yaml.SequenceStartEvent):
            container = Sequence(*where)
        else:
            container = Mapping(*where)
        self.open.append((container, event.anchor))
        self.key.append(None)

    def place(self, node: Node) -> None:
        if not self.open:
            self.root = node
            return
        parent = self.open[-1][0]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif self.key[-1] is None:
            self.key[-1] = node
        else:
            key = self.key[-1]
            assert key is not None
            parent.pairs.append((key, node))
            self.key[-1] = None


def compose(text: str) -> Node | None:
    """Parse one YAML document into located nodes.

    Args:
        text: The file's text.

    Returns:
        The document's root node, or ``None`` when the text holds no document.

    Raises:
        YamlProblem: The text is not YAML, or uses what routine files may not.
    """
    try:
        return _build(text, FAST_LOADER)
    except _LoaderLimit:
        # libyaml (from the one PyYAML 6.0.4 bundles) refuses flow nesting past 1,000 levels
        # while it scans ahead, before the builder sees the level past MAX_DEPTH. PyYAML's
        # own parser has no such limit, so it finds that level and says where it opens.
        return _build(text, REFERENCE_LOADER)


class _LoaderLimit(Exception):
    """libyaml refused the text for a limit of its own, not for its YAML."""


def _build(text: str, loader: type[Any]) -> Node | None:
    builder = _Builder(text)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        if loader is not REFERENCE_LOADER and "maximum nesting depth" in (error.problem or ""):
            raise _LoaderLimit from None
        if _unclosed_quote(error):
            raise _fail(error.context_mark, _UNCLOSED_QUOTE) from None
        raise _fail(error.problem_mark, _syntax_message(error, text)) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        message = (
            f"a control character (#x{error.character:04x}) that YAML does not allow; remove it"
            if isinstance(error.character, int)
            else "text that YAML cannot read; save the file as UTF-8"
        )
        raise YamlProblem(Problem(line, column, "", message)) from None
    return builder.root
