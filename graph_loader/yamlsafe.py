"""A bounded YAML loader for ``schema.yaml``.

:func:`load` parses like :func:`yaml.safe_load` but refuses what a hand-edited schema
never needs and a hostile one abuses:

* **aliases** (``*name``): a "billion laughs" document expands a few lines into
  gigabytes; the schema has no use for them;
* **duplicate keys**: YAML keeps the last silently, hiding an edit;
* **deep nesting** beyond :data:`MAX_DEPTH` levels (the composer recurses, so 100k
  levels would end in ``RecursionError``);
* **integers** of more than :data:`MAX_INT_DIGITS` digits (Python refuses to convert
  very long ones with a ``ValueError`` that is not a YAML error).

Every refusal is a :class:`yaml.MarkedYAMLError` with a ``problem`` and a
``problem_mark`` (line and column), like PyYAML's own errors.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.reader import ReaderError

#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 64
#: Longest integer accepted, in digits.
MAX_INT_DIGITS = 18

_DIGITS = re.compile(r"[0-9a-fA-F]")
_FLOW = re.compile(r"[\[\]{}]")


class BoundedYamlError(yaml.MarkedYAMLError):
    """A document :func:`load` refuses; ``problem`` says why, ``problem_mark`` where."""


class _BoundedLoader(yaml.SafeLoader):
    """``SafeLoader`` without aliases, duplicate keys, deep nesting or huge integers."""

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise BoundedYamlError(
                problem=f"aliases (*{event.anchor}) are not allowed; write the value out",
                problem_mark=event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise BoundedYamlError(
                    problem=f"nested more than {MAX_DEPTH} levels deep",
                    problem_mark=self.peek_event().start_mark,
                )
            return Composer.compose_node(self, parent, index)  # type: ignore[return-value]
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key; the base class reports it
                continue
            if first is not None:
                raise BoundedYamlError(
                    problem=f"duplicate key {key!r} (first at line {first.start_mark.line + 1})",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = key_node
        return SafeConstructor.construct_mapping(self, node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = len(_DIGITS.findall(str(node.value)))
        if digits > MAX_INT_DIGITS:
            raise BoundedYamlError(
                problem=f"integer with {digits} digits; at most {MAX_INT_DIGITS} allowed",
                problem_mark=node.start_mark,
            )
        return SafeConstructor.construct_yaml_int(self, node)


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)


def _mark(text: str, position: int) -> yaml.Mark:
    """A mark (0-based line and column) for a character offset in ``text``."""
    line = text.count("\n", 0, position)
    column = position - (text.rfind("\n", 0, position) + 1)
    return yaml.Mark("<unicode string>", position, line, column, None, None)  # type: ignore[arg-type]


def _check_flow_depth(text: str) -> None:
    """Refuse ``[`` and ``{`` nested beyond :data:`MAX_DEPTH` before PyYAML scans them.

    PyYAML's scanner keeps a possible simple key per open flow collection and walks
    them all for each token, so 2,000 opening brackets take about a second before the
    composer's own depth limit is reached. Brackets are counted without regard to
    quoting: a text with more than :data:`MAX_DEPTH` unclosed ones is refused either way.
    """
    depth = 0
    for m in _FLOW.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise BoundedYamlError(
                    problem=f"nested more than {MAX_DEPTH} levels deep",
                    problem_mark=_mark(text, m.start()),
                )
        elif depth:
            depth -= 1


def load(text: str | bytes) -> Any:
    """Parse one YAML document with the limits of this module.

    Parameters
    ----------
    text : str or bytes
        The document.

    Returns
    -------
    Any
        The parsed value, as :func:`yaml.safe_load` would return it.

    Raises
    ------
    yaml.YAMLError
        A syntax error, or a :class:`BoundedYamlError` for an alias, a duplicate key,
        nesting deeper than :data:`MAX_DEPTH` or an integer longer than
        :data:`MAX_INT_DIGITS` digits.

    Examples
    --------
    >>> load("a: 1\\nb: [x, y]")
    {'a': 1, 'b': ['x', 'y']}
    >>> try:
    ...     load("a: &x [1]\\nb: *x")
    ... except BoundedYamlError as exc:
    ...     print(exc.problem, "at line", exc.problem_mark.line + 1)
    aliases (*x) are not allowed; write the value out at line 2
    """
    shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
    _check_flow_depth(shown)
    try:
        loader = _BoundedLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except ReaderError as exc:  # it has no mark, and its text spans two lines
        raise BoundedYamlError(
            problem=f"unacceptable character U+{exc.character:04X} (control characters "
            "are not allowed)" if isinstance(exc.character, int) else exc.reason,
            problem_mark=_mark(shown, exc.position),
        ) from None
