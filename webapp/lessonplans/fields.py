"""Reading a lesson file's front matter: splitting it off, parsing it, and typed field readers.

Every reader fails with the file and line of the offending field, taken from ruamel's
round-trip positions: a teacher fixing a lesson by hand needs to know where to look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from webapp.corpus.articles import ID_RE, CorpusError
from webapp.corpus.yamlio import YAMLError, line_of, load_yaml_with_lines


class Where:
    """Turns ruamel positions into ``file:line``: the front matter starts on line 2 of the file."""

    def __init__(self, path: Path, offset: int = 1) -> None:
        self.path, self.offset = path, offset

    def line(self, node: Any, key: Any = None) -> int:
        return line_of(node, key, self.offset) or 1

    def fail(self, node: Any, key: Any, message: str) -> NoReturn:
        self.fail_at(self.line(node, key), message)

    def fail_at(self, line: int, message: str) -> NoReturn:
        raise CorpusError(f"{self.path}:{line}: {message}")


def kind(value: Any) -> str:
    """How a value of the wrong type is named in a message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    names = {str: "text", list: "a list", dict: "a mapping"}
    return next((name for cls, name in names.items() if isinstance(value, cls)), type(value).__name__)


def check_fields(data: dict, required: tuple[str, ...], optional: tuple[str, ...], where: Where,
                 what: str) -> None:
    """Refuse unknown fields (usually typos) and report the first missing one."""
    allowed = required + optional
    for key in data:
        if key not in allowed:
            where.fail(data, key, f"unknown field '{key}' in {what} (fields: {', '.join(allowed)})")
    for key in required:
        if key not in data:
            where.fail(data, None, f"{what} has no '{key}' field")


def read_text(data: dict, key: str, where: Where) -> str:
    """Non-empty text; YAML turns some bare words into numbers or booleans, which are refused."""
    value = data[key]
    if value is None or (isinstance(value, str) and not value.strip()):
        where.fail(data, key, f"'{key}' is empty")
    if not isinstance(value, str):
        where.fail(data, key, f"'{key}' must be text, not {kind(value)}")
    return value.strip()


def read_whole(data: dict, key: str, where: Where, low: int, high: int) -> int:
    """A whole number in range (``true`` is not 1 here, although Python says it is)."""
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int):
        where.fail(data, key, f"'{key}' must be a whole number, not {kind(value)}")
    if not low <= value <= high:
        where.fail(data, key, f"'{key}' must be from {low} to {high}, not {value}")
    return value


def read_list(data: dict, key: str, where: Where, low: int, high: int) -> list:
    """A list whose length is in range; kept as the ruamel node so its items keep their lines."""
    value = data[key]
    if value is None or value == []:
        where.fail(data, key, f"'{key}' is empty")
    if not isinstance(value, list):
        where.fail(data, key, f"'{key}' must be a list, not {kind(value)}")
    if not low <= len(value) <= high:
        where.fail(data, key, f"'{key}' needs {low} to {high} items, not {len(value)}")
    return value


def read_texts(data: dict, key: str, where: Where, low: int, high: int) -> tuple[str, ...]:
    """A list of non-empty texts; a bad item is reported at its own line."""
    items = read_list(data, key, where, low, high)
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            where.fail(items, index, f"each item of '{key}' must be text, not {kind(item)}")
    return tuple(item.strip() for item in items)


def read_mapping(node: Any, index: int, items: list, where: Where, key: str) -> dict:
    """One list item that must be a mapping (a step, an exercise, a standard)."""
    if not isinstance(node, dict):
        where.fail(items, index, f"each item of '{key}' must be a mapping of fields, not {kind(node)}")
    return node


def read_id(data: dict, where: Where) -> str:
    """An id in the corpus's own shape, so ids can appear in URLs and file names."""
    value = read_text(data, "id", where)
    if not ID_RE.match(value):
        where.fail(data, "id", f"id '{value}' must be lowercase letters, digits and hyphens")
    return value


def split_front_matter(source: str, where: Where) -> tuple[str, str, int]:
    """The front matter, the notes after it, and the line number of the closing '---'."""
    lines = source.splitlines()
    if not lines or lines[0].rstrip() != "---":
        where.fail_at(1, "a lesson file starts with a '---' line, then YAML front matter, "
                         "then a closing '---' line, then the teacher notes")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:]), index + 1
    where.fail_at(1, "the front matter has no closing '---' line")


def load_front_matter(text: str, where: Where) -> dict:
    """The front matter as round-trip YAML; a syntax error is reported at its own line."""
    try:
        data = load_yaml_with_lines(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context, start = getattr(error, "context", None), getattr(error, "context_mark", None)
        if context and start and mark and start.line != mark.line:
            problem += f" ({context} that starts on line {start.line + 1 + where.offset})"
        where.fail_at((mark.line if mark else 0) + 1 + where.offset,
                      f"the front matter is not valid YAML: {problem}")
    if not isinstance(data, dict):
        where.fail_at(1 + where.offset, "the front matter must be a mapping of fields (id: ..., title: ...)")
    return data


def read_flag(entry: dict, key: str, where: Where) -> bool:
    """An optional true/false field, false when absent."""
    value = entry.get(key, False)
    if not isinstance(value, bool):
        where.fail(entry, key, f"'{key}' must be true or false, not {kind(value)}")
    return value
