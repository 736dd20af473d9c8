"""Sign-in through the per-account limit: who is tried, whether the limit lets the attempt
through, and the outcome, the same way whether or not the account exists."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.auth import device
from webapp.models import Student, Teacher
from webapp.services import accounts, throttle


class Outcome(enum.Enum):
    SIGNED_IN = "signed in"
    JOINED = "joined"
    NO_MATCH = "no match"
    LOCKED = "too many attempts"


@dataclass(frozen=True)
class SignIn:
    outcome: Outcome
    account: Teacher | Student | None = None
    key: str = ""


def teacher(session: Session, email: str, password: str) -> SignIn:
    key = throttle.teacher_key(accounts.normalise_email(email))
    known = session.scalar(select(Teacher).where(Teacher.email == accounts.normalise_email(email)))
    attempt = throttle.begin(session, key, exempt=device.knows(key, known))
    if attempt is None:
        return SignIn(Outcome.LOCKED, key=key)
    account = accounts.authenticate_teacher(session, email, password)
    if account is None:
        return SignIn(Outcome.NO_MATCH, key=key)
    throttle.succeeded(session, attempt)
    return SignIn(Outcome.SIGNED_IN, account, key)


def student(session: Session, join_code: str, display_name: str, pin: str) -> SignIn:
    """Sign in, or join the class with a new name (unless the teacher locked its roster).

    AccountError (raised before anything is counted): no class has the code, the PIN or name is
    malformed, or a new name looks like a classmate's."""
    classroom = accounts.find_classroom(session, join_code)
    if classroom is None:
        raise accounts.AccountError("No class has this code. Check the code your teacher gave you.", "join_code")
    accounts.check_pin_format(pin)
    display_name = accounts.normalise_display_name(display_name)
    name_key = accounts.name_key(display_name)
    key = throttle.student_key(classroom.id, name_key)
    known = session.scalar(select(Student).where(Student.classroom_id == classroom.id, Student.name_key == name_key))
    attempt = throttle.begin(session, key, exempt=device.knows(key, known))
    if attempt is None:
        return SignIn(Outcome.LOCKED, key=key)
    result = accounts.sign_in_or_join(session, classroom.join_code, display_name, pin,
                                      allow_join=not classroom.roster_locked)
    if result is None:
        return SignIn(Outcome.NO_MATCH, key=key)
    throttle.succeeded(session, attempt)
    return SignIn(Outcome.JOINED if result.joined else Outcome.SIGNED_IN, result.student, key)
