"""Accounts: teachers, classes with join codes, students with PINs. Passwords and PINs are
hashed with werkzeug's scrypt; nothing secret is ever stored in clear."""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from webapp.models import AppliedChange, Classroom, Label, Student, Submission, Teacher
from webapp.models.users import new_session_token
from webapp.services.names import normalise_name, skeleton

# No 0/O, 1/I/L: codes are read aloud and copied from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
PIN_LENGTH = 4
MAX_DISPLAY_NAME = 60  # the column's width
MAX_PASSWORD = 200  # hashing a megabyte "password" is a cheap way to load the server


class AccountError(ValueError):
    """A request that cannot be carried out; the message is meant for the person, and ``field``
    (when set) names the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# Teachers' passwords: werkzeug's scrypt at its default cost. Students' PINs: scrypt at an eighth
# of that cost. A PIN has at most 10^8 values (a four-digit one 10^4), so no hash cost stops an
# offline search of a stolen database: what protects a PIN is the sign-in rate limit and keeping
# the database private. At full cost a class's sign-in burst was CPU-bound (about 200 ms of CPU
# per PIN, a minute for 300 students on two cores; measured by benchmarks/loadtest.py).
# Stored hashes name their own method, so PINs set before this change still check.
# The test suite swaps in cheap methods so it can create hundreds of accounts.
HASH_METHOD = "scrypt"
PIN_HASH_METHOD = "scrypt:4096:8:1"


def hash_secret(secret: str) -> str:
    """A teacher's password hash."""
    return generate_password_hash(secret, method=HASH_METHOD)


def hash_pin(pin: str) -> str:
    """A student's PIN hash (a lighter cost; see above)."""
    return generate_password_hash(pin, method=PIN_HASH_METHOD)


def check_secret(hashed: str, secret: str) -> bool:
    return check_password_hash(hashed, secret)


@cache
def _stand_in(method: str) -> str:
    """A hash checked when no account has the name, made once: checking it costs what checking a
    real one does (hashing a new one each time doubled the work and told the two cases apart)."""
    return generate_password_hash(secrets.token_hex(8), method=method)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_email(email: str) -> None:
    """A light check (one @, something either side, no spaces): the address is a sign-in name,
    never written to, so a full RFC 5322 parser would only refuse real addresses."""
    local, at, domain = email.rpartition("@")
    if not (at and local and "." in domain.strip(".") and len(email) <= 254) or any(c.isspace() for c in email):
        raise AccountError("Enter an e-mail address such as name@school.org.", "email")
    check_plain_text(email, "e-mail address")


def check_plain_text(value: str, what: str) -> None:
    """Refuse control characters (NUL and friends): PostgreSQL rejects NUL, and nobody's name
    needs a bell or an escape sequence."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise AccountError(f"The {what} contains characters that cannot be typed; please retype it.")


def normalise_display_name(display_name: str) -> str:
    """Normalise (NFC, no invisible characters, single spaces: see services.names) and check what a
    student or teacher typed as a display name."""
    display_name = normalise_name(display_name)
    if not display_name:
        raise AccountError("A display name is needed.", "display_name")
    if len(display_name) > MAX_DISPLAY_NAME:
        raise AccountError(f"A display name has at most {MAX_DISPLAY_NAME} characters.", "display_name")
    check_plain_text(display_name, "display name")
    return display_name


def _short_name(value: str, what: str, limit: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise AccountError(f"A {what} is needed.", "name")
    if len(value) > limit:
        raise AccountError(f"A {what} has at most {limit} characters.", "name")
    check_plain_text(value, what)
    return value


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise AccountError("A PIN is 4 to 8 digits.", "pin")


def name_key(display_name: str) -> str:
    """Two students may not share a name in one class, whatever its case, spacing, Unicode form or
    invisible characters."""
    return normalise_name(display_name).casefold()


class LookalikeName(AccountError):
    """A new name that looks like a classmate's (Cyrillic "а" for "a", "I" for "l"): refused, with
    a message, so that nobody can pass for a classmate and a teacher never sees two "Ada"s."""


def check_not_lookalike(session: Session, classroom: Classroom, display_name: str) -> None:
    """Raise LookalikeName when ``display_name`` looks like the name of a student of the class."""
    wanted, key = skeleton(display_name), name_key(display_name)
    for other_name, other_key in session.execute(
            select(Student.display_name, Student.name_key).where(Student.classroom_id == classroom.id)):
        if other_key != key and skeleton(other_name) == wanted:
            raise LookalikeName(f"“{display_name}” looks too much like the name of someone already in the class. "
                                "Add your last initial or choose another name.", "display_name")


def create_teacher(session: Session, email: str, name: str, password: str, *, admin: bool = False) -> Teacher:
    """A teacher account; ``admin`` makes it the school IT's (retraining decisions, password resets)."""
    email = normalise_email(email)
    check_email(email)
    if session.scalar(select(Teacher).where(Teacher.email == email)):
        raise AccountError("An account with this e-mail address already exists.", "email")
    if len(password) < 10:
        raise AccountError("The password needs at least 10 characters.", "password")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"The password can have at most {MAX_PASSWORD} characters.", "password")
    teacher = Teacher(email=email, name=_short_name(name, "name", 120), password_hash=hash_secret(password),
                      is_admin=admin)
    session.add(teacher)
    session.flush()
    return teacher


def _check_new_password(password: str) -> None:
    if len(password) < 10:
        raise AccountError("The password needs at least 10 characters.", "new")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"The password can have at most {MAX_PASSWORD} characters.", "new")


def change_password(session: Session, teacher: Teacher, current: str, new: str) -> None:
    """The teacher's own change: the current password first. Every other browser is signed out."""
    if not check_secret(teacher.password_hash, current):
        raise AccountError("That is not your current password.", "current")
    set_password(session, teacher, new)


def set_password(session: Session, teacher: Teacher, new: str, *, temporary: bool = False) -> None:
    """A new password (``temporary``: an administrator's, to be changed at the next sign-in); the
    teacher is signed out everywhere and failed attempts on the account are forgotten."""
    from webapp.services import throttle

    _check_new_password(new)
    teacher.password_hash = hash_secret(new)
    teacher.must_change_password = temporary
    end_sessions(session, teacher)
    throttle.clear(session, throttle.teacher_key(teacher.email))
    session.flush()


def temporary_password() -> str:
    """Twelve letters and digits in groups of four, easy to read out (no 0/O, 1/I/L)."""
    raw = "".join(secrets.choice(JOIN_CODE_ALPHABET.lower()) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def reset_password(session: Session, teacher: Teacher, given: str | None = None) -> str | None:
    """An administrator's reset: ``given`` becomes the password, or (None) a temporary one is made
    and returned, to be shown once; either way the teacher is signed out everywhere."""
    if given is not None:
        set_password(session, teacher, given)
        return None
    password = temporary_password()
    set_password(session, teacher, password, temporary=True)
    return password


def authenticate_teacher(session: Session, email: str, password: str) -> Teacher | None:
    teacher = session.scalar(select(Teacher).where(Teacher.email == normalise_email(email)))
    if teacher is None:
        check_secret(_stand_in(HASH_METHOD), password)  # same work either way: no user enumeration
        return None
    return teacher if check_secret(teacher.password_hash, password) else None


def new_join_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not session.scalar(select(Classroom.id).where(Classroom.join_code == code)):
            return code


def create_classroom(session: Session, teacher: Teacher, name: str) -> Classroom:
    classroom = Classroom(teacher=teacher, name=_short_name(name, "class name", 120), join_code=new_join_code(session))
    session.add(classroom)
    session.flush()
    return classroom


def regenerate_join_code(session: Session, classroom: Classroom) -> str:
    classroom.join_code = new_join_code(session)
    session.flush()
    return classroom.join_code


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def add_student(session: Session, classroom: Classroom, display_name: str, pin: str | None = None) -> tuple[Student, str]:
    """Add a student; returns the student and their PIN (made up when not given)."""
    display_name = normalise_display_name(display_name)
    key = name_key(display_name)
    exists = session.scalar(select(Student.id).where(Student.classroom_id == classroom.id, Student.name_key == key))
    if exists:
        raise AccountError(f"There is already a student called “{display_name}” in this class.", "display_name")
    check_not_lookalike(session, classroom, display_name)
    pin = pin or new_pin()
    check_pin_format(pin)
    student = Student(classroom=classroom, display_name=display_name, name_key=key, pin_hash=hash_pin(pin))
    session.add(student)
    session.flush()
    return student, pin


def reset_pin(session: Session, student: Student) -> str:
    """A new PIN, and the student is signed out everywhere; failed attempts on the name are
    forgotten, so a student locked out by a guesser can sign in with the new PIN at once."""
    from webapp.services import throttle

    pin = new_pin()
    student.pin_hash = hash_pin(pin)
    end_sessions(session, student)
    throttle.clear(session, throttle.student_key(student.classroom_id, student.name_key))
    session.flush()
    return pin


def end_sessions(session: Session, account: Teacher | Student) -> None:
    """Sign the account out on every browser: the session token in their cookies no longer matches."""
    account.session_token = new_session_token()
    session.flush()


def normalise_join_code(join_code: str) -> str:
    """Codes are read off a board: accept lower case, spaces and dashes."""
    return join_code.strip().upper().replace(" ", "").replace("-", "")


def authenticate_student(session: Session, join_code: str, display_name: str, pin: str) -> Student | None:
    code = normalise_join_code(join_code)
    student = session.scalar(
        select(Student).join(Classroom).where(Classroom.join_code == code, Student.name_key == name_key(display_name)))
    if student is None:
        check_secret(_stand_in(PIN_HASH_METHOD), pin)  # one hash check either way: no timing difference
        return None
    return student if check_secret(student.pin_hash, pin) else None


def find_classroom(session: Session, join_code: str) -> Classroom | None:
    return session.scalar(select(Classroom).where(Classroom.join_code == normalise_join_code(join_code)))


@dataclass(frozen=True)
class JoinResult:
    """The outcome of the student sign-in page: who, and whether they just joined the class."""

    student: Student
    joined: bool


def sign_in_or_join(session: Session, join_code: str, display_name: str, pin: str, *,
                    allow_join: bool = True) -> JoinResult | None:
    """Sign a student in, or add them to the class when the name is new there and ``allow_join``
    (the teacher has not locked the class's roster).

    None means "name and PIN do not match" and nothing else: the caller says exactly that,
    so the page never tells whether someone of that name is in the class. A new name that looks
    like a classmate's raises LookalikeName."""
    classroom = find_classroom(session, join_code)
    if classroom is None:
        raise AccountError("No class has this code. Check the code your teacher gave you.", "join_code")
    check_pin_format(pin)
    display_name = normalise_display_name(display_name)
    student = authenticate_student(session, classroom.join_code, display_name, pin)
    if student is not None:
        return JoinResult(student, joined=False)
    if not allow_join or _name_taken(session, classroom, display_name):
        return None
    try:
        with session.begin_nested():
            student, _ = add_student(session, classroom, display_name, pin)
    except LookalikeName:
        raise
    except (IntegrityError, AccountError):  # the same name joined a moment ago
        return None
    return JoinResult(student, joined=True)


def _name_taken(session: Session, classroom: Classroom, display_name: str) -> bool:
    return session.scalar(select(Student.id).where(
        Student.classroom_id == classroom.id, Student.name_key == name_key(display_name))) is not None


def remove_student(session: Session, student: Student) -> None:
    """Delete a student and everything of theirs (submissions, labels, applied changes)."""
    submission_ids = select(Submission.id).where(Submission.student_id == student.id)
    session.execute(delete(Label).where(Label.submission_id.in_(submission_ids)))
    session.execute(delete(AppliedChange).where(AppliedChange.submission_id.in_(submission_ids)))
    session.execute(delete(Submission).where(Submission.student_id == student.id))
    session.delete(student)
    session.flush()
