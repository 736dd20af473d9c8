"""URL converters. Every ``<int:...>`` in a URL is a database id: a 32-bit integer on both engines."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

ID_MAX = 2**31 - 1  # the largest id an INTEGER primary key holds on PostgreSQL (and so on SQLite here)


class IdConverter(IntegerConverter):
    """``int`` with an upper bound: a larger number in a URL does not match (404), where it would
    otherwise reach the database driver and fail there (PostgreSQL: integer out of range; SQLite:
    OverflowError), a 500 for what is only a wrong address."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = ID_MAX,
                 signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits, min, max, signed)


def register(app: Flask) -> None:
    """Install the converters; call before any blueprint adds its rules."""
    app.url_map.converters["int"] = IdConverter
