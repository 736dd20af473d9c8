"""Per-account limits on sign-in guesses, counted in the database (table ``sign_in_attempts``).

The rule, per account tried (a teacher's e-mail, or a name in one class, whether or not such an
account exists, so that the answers never tell): the first ``FREE_FAILURES`` (5) failures in
``WINDOW`` (15 minutes) are free; after them each next attempt must wait twice as long as the one
before (30 s, 1, 2, 4 min) after the latest failure; and at most ``MAX_FAILURES`` (10) failures are
let through in any 15 minutes. An attempt refused by this limit checks no password and is not
counted. So a four-digit PIN takes on average 5,000 guesses, about 5 days at 10 per 15 minutes
(before: about 55 guesses per minute).

Each attempt is written down (and committed) *before* its password is checked, and the limit
counts every row, so parallel requests from many workers or machines see each other: a burst of
a hundred simultaneous guesses gets no more than the limit through. A success deletes its own row;
failures expire with the window, or when a teacher resets the PIN (an administrator the password).
Someone who has signed in on this browser before (``webapp.auth.device``) is not held back by a
limit that a guesser caused.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from webapp import sqlite_connections
from webapp.models import SignInAttempt
from webapp.models.base import utcnow

WINDOW = dt.timedelta(minutes=15)
FREE_FAILURES = 5
MAX_FAILURES = 10
FIRST_DELAY = dt.timedelta(seconds=30)


def now() -> dt.datetime:
    """The clock the limits use (tests move it)."""
    return utcnow()


def teacher_key(email: str) -> str:
    return "teacher:" + email.strip().lower()[:180]


def student_key(classroom_id: int, name_key: str) -> str:
    return f"student:{classroom_id}:{name_key[:120]}"


def delay_after(failures: int) -> dt.timedelta:
    """How long the next attempt waits after the latest of ``failures`` recent failures."""
    if failures < FREE_FAILURES:
        return dt.timedelta(0)
    return FIRST_DELAY * 2 ** (failures - FREE_FAILURES)


def begin(session: Session, key: str, *, exempt: bool = False) -> int | None:
    """Write down an attempt on ``key`` and commit it; its id, or None when the limit refuses it
    (then nothing stays written). ``exempt``: a known browser, counted but never refused."""
    moment = now()
    session.execute(delete(SignInAttempt).where(SignInAttempt.created_at < moment - WINDOW))
    attempt = SignInAttempt(key=key, created_at=moment)
    session.add(attempt)
    session.commit()
    sqlite_connections.write_again()  # the sign-in goes on to write (a joining student, a rehash)
    if exempt:
        return attempt.id
    failures, latest = session.execute(
        select(func.count(), func.max(SignInAttempt.created_at)).where(
            SignInAttempt.key == key, SignInAttempt.id != attempt.id,
            SignInAttempt.created_at >= moment - WINDOW)).one()
    if failures >= MAX_FAILURES or (latest is not None and moment < latest + delay_after(failures)):
        session.execute(delete(SignInAttempt).where(SignInAttempt.id == attempt.id))
        session.commit()
        return None
    return attempt.id


def succeeded(session: Session, attempt_id: int) -> None:
    """The attempt signed someone in: it is no failure (committed with the caller's changes)."""
    session.execute(delete(SignInAttempt).where(SignInAttempt.id == attempt_id))


def clear(session: Session, key: str) -> None:
    """Forget the failures on ``key`` (a teacher reset the PIN, an administrator the password)."""
    session.execute(delete(SignInAttempt).where(SignInAttempt.key == key))


def failures(session: Session, key: str) -> int:
    """Failures on ``key`` within the window (what the limit counts)."""
    return session.scalar(select(func.count()).where(
        SignInAttempt.key == key, SignInAttempt.created_at >= now() - WINDOW)) or 0
