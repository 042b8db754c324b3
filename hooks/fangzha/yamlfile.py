"""YAML with line numbers, so problems can point at the line to fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class YamlError:
    """Malformed YAML: the 1-based line and what the parser said."""

    line: int | None
    message: str


def key_lines(text: str) -> dict[tuple, int]:
    """Map every key path in a YAML document to its 1-based line number.

    List items are numbered from 1, as authors count them. Tags such as
    ``!ENV`` or ``!!python/name`` are fine: the document is composed, not
    constructed.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    return _node_lines(root)


def _node_lines(root: Any) -> dict[tuple, int]:
    lines: dict[tuple, int] = {}

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    here = path + (key.value,)
                    lines[here] = key.start_mark.line + 1
                    walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, start=1):
                here = path + (index,)
                lines[here] = item.start_mark.line + 1
                walk(item, here)

    if root is not None:
        lines[()] = root.start_mark.line + 1
        walk(root, ())
    return lines


def load_with_lines(text: str) -> tuple[Any, dict[tuple, int], YamlError | None]:
    """Parse YAML once; return the data, the line of every key path, or the error."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None)
        message = f"{context}: {problem}" if context else problem
        return None, {}, YamlError(mark.line + 1 if mark else None, message)
    finally:
        loader.dispose()
    return data, _node_lines(node), None


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of a key path, or of its closest parent that the map has."""
    path = tuple(path)
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]
