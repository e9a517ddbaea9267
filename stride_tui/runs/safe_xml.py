"""XML from files, parsed with the standard library but refusing what can hurt.

TCX and GPX files never need a document type: a ``<!DOCTYPE>`` is where entity bombs
("billion laughs") and external entities live, so one is refused the moment the parser
meets it, before any entity is declared or expanded. The parser is expat (as for
:mod:`xml.etree.ElementTree`), driven here so its handlers can refuse; the tree it
builds is an ordinary :class:`xml.etree.ElementTree.Element`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat


class XmlRefused(Exception):
    """A document that is not read: malformed, or declaring a DTD or entities.

    Attributes:
        why: Words for the runner, with the line and column where known.
    """

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _refuse(what: str) -> None:
    raise XmlRefused(f"{what}, which stride does not read (no TCX or GPX file needs one)")


def parse(data: bytes) -> ET.Element:
    """Parse ``data`` into an element tree, with namespaced tags as ``{uri}name``.

    Raises:
        XmlRefused: The document declares a document type or an entity, refers to an
            external entity, or is not well-formed XML.
    """
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag: str, attributes: dict[str, str]) -> None:
        builder.start(_name(tag), {_name(key): value for key, value in attributes.items()})

    def doctype(*_: object) -> None:
        _refuse("it declares a document type (<!DOCTYPE>)")

    def entity(*_: object) -> None:
        _refuse("it declares an entity (<!ENTITY>)")

    def external(*_: object) -> int:
        _refuse("it refers to an external entity")
        return 0

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_name(tag))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise XmlRefused(
            f"not well-formed XML at line {error.lineno}, column {error.offset + 1}"
            f" ({expat.ErrorString(error.code)})"
        ) from None
    return builder.close()


def _name(tag: str) -> str:
    return "{" + tag if "}" in tag else tag


def local(tag: str) -> str:
    """A tag's name without its namespace: ``{http://…}trkpt`` → ``trkpt``."""
    return tag.rsplit("}", 1)[-1]
