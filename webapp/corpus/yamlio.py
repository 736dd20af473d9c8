"""YAML in and out, through ruamel.yaml: safe loading, and loading that remembers line numbers.

Corpus files are edited by teachers; when one is wrong the error must name the file and line,
which is why keys and lessons are loaded with ruamel's round-trip loader (it keeps positions).
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

__all__ = ["YAMLError", "dump_yaml", "line_of", "load_yaml", "load_yaml_with_lines"]


def load_yaml(text: str) -> Any:
    """Plain Python data (dicts, lists, strings, numbers, dates) from YAML text."""
    return YAML(typ="safe", pure=True).load(text)


def load_yaml_with_lines(text: str) -> Any:
    """Like :func:`load_yaml`, but mappings and lists remember where they were (see :func:`line_of`)."""
    return YAML(typ="rt").load(text)


def line_of(node: Any, key: Any = None, offset: int = 0) -> int | None:
    """1-based line of a round-trip node, or of one of its keys or items, plus ``offset``."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1 + offset
        if isinstance(key, int):
            return lc.item(key)[0] + 1 + offset
        return lc.key(key)[0] + 1 + offset
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1 + offset


def dump_yaml(data: Any) -> str:
    """Block-style YAML with Unicode kept as is and long lines left unwrapped."""
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
