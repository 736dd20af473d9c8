"""What the server's log says about an unexpected error: its class chain, the route, the request
id and the stack frames (file, line, function, source line), never the exception's message.

A database error's text carries the SQL parameters (names, PIN hashes, session tokens, notes)
and on PostgreSQL the offending values (``DETAIL: Key (...)=(...) already exists``); other
exceptions may quote what a user typed. The class and the frames are enough to find the bug.
"""

from __future__ import annotations

import logging
import traceback

from flask import g, has_request_context, request


def classes(error: BaseException) -> str:
    """``sqlalchemy.exc.IntegrityError <- sqlite3.IntegrityError``: the error and its causes."""
    chain, seen, current = [], set(), error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return " <- ".join(chain)


def log_unexpected(logger: logging.Logger, error: BaseException) -> None:
    """Log an unhandled error without its message (see the module docstring)."""
    where = "outside a request"
    if has_request_context():
        rule = request.url_rule.rule if request.url_rule is not None else "<unmatched>"
        where = f"{request.method} {rule} (request {g.get('request_id', '-')})"
    frames = "".join(traceback.format_list(traceback.extract_tb(error.__traceback__)))
    logger.error("unhandled error %s in %s\n%s", classes(error), where, frames.rstrip())
