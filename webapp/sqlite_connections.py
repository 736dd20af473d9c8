"""SQLite connections: pragmas, and write transactions that queue instead of failing.

Python's ``sqlite3`` driver starts a transaction only before an INSERT/UPDATE/DELETE, and then a
*deferred* one. A request that reads and then writes (a student joining: find the class, check
the name, insert the student) took a read snapshot first; when another worker committed in the
meantime, SQLite cannot upgrade that snapshot to a write and answers ``database is locked`` at
once, without waiting for the busy timeout (a class of 30 joining together got 23-25 such 500s).

The fix follows SQLAlchemy's documented recipe for pysqlite: in a request that may write (POST,
PUT, PATCH, DELETE) the driver's own transaction handling is switched off
(``isolation_level = None``) and SQLAlchemy's ``begin`` event emits ``BEGIN IMMEDIATE``: the
write lock is taken when the transaction starts, before any read, so concurrent writers queue on
the busy timeout and none fails, and savepoints (``session.begin_nested()``) are real ones.
Everything else (page views, the CLI, a test's own session) keeps the driver's default: reads
outside a transaction, always seeing the latest commit, and a transaction opened at the first
write. A page view that held the write lock for its whole render would make every save wait.
PostgreSQL is untouched.
"""

from __future__ import annotations

from flask import g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

# How long a transaction waits for another one's write lock before giving up: a class of 60
# joining at once queues about 60 x 30 ms of PIN hashing; gunicorn kills a worker after 60 s.
BUSY_TIMEOUT_MS = 30_000


def is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, _record) -> None:
    """Per new connection: foreign keys enforced, write-ahead logging (readers never block the
    writer, a crash never loses a committed label), the busy timeout. How a transaction starts is :func:`_begin`'s choice."""
    if not is_sqlite(dbapi_connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def immediate() -> bool:
    """Whether a transaction starting now should take the write lock at once: the first one of
    a request that may write. Reads after its commit (the page it answers with) do not hold the
    lock until the request ends."""
    if not has_request_context() or request.method in READ_ONLY_METHODS or g.get("_sqlite_immediate"):
        return False
    g._sqlite_immediate = True
    return True


def write_again() -> None:
    """The next transaction of this request takes the write lock too: for a request that commits
    and then reads and writes again (a sign-in commits the attempt it counts, then creates the
    joining student). Deferred, that second transaction failed with ``database is locked`` under a
    burst of joins (1 in 10 in the load test)."""
    if has_request_context():
        g._sqlite_immediate = False


@event.listens_for(Engine, "begin")
def _begin(connection: Connection) -> None:
    """A write request's SQLite transaction takes the write lock at its start (waiting up to the
    busy timeout) instead of failing when it first writes; other transactions are the driver's."""
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    if immediate():
        driver.isolation_level = None  # no transaction is open here: this commits nothing
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        driver.isolation_level = ""  # the driver's default: BEGIN (deferred) before a write

