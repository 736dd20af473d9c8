"""People. Teachers sign in with e-mail and password; students with their class code, display
name and PIN. Students live in their own table, which has no column for anything else: a minor's
account holds a display name of their choosing and a hashed PIN, and nothing more."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import TimestampMixin

if TYPE_CHECKING:  # for the relationships' annotations only
    from webapp.models.classes import Classroom


TEACHER, STUDENT = "teacher", "student"


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class _Account(UserMixin):
    """Flask-Login's id carries the role and a session token: changing the token (a PIN reset,
    a password change) signs the account out on every device."""

    role: str
    id: int
    session_token: str

    @property
    def is_teacher(self) -> bool:
        return self.role == TEACHER

    @property
    def is_student(self) -> bool:
        return self.role == STUDENT

    def get_id(self) -> str:
        return f"{self.role}:{self.id}:{self.session_token}"


class Teacher(_Account, TimestampMixin, db.Model):
    __tablename__ = "teachers"
    role = TEACHER

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lowercased
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    # School IT: decides on retraining and resets teachers' passwords (framelab create-teacher --admin).
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # An IANA zone name ("Europe/Berlin"); None until the teacher's browser or settings give one.
    time_zone: Mapped[str | None] = mapped_column(String(64))

    classrooms: Mapped[list[Classroom]] = relationship(
        "Classroom", back_populates="teacher", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Classroom.name",
    )


class Student(_Account, TimestampMixin, db.Model):
    __tablename__ = "students"
    __table_args__ = (UniqueConstraint("classroom_id", "name_key", name="uq_students_classroom_name"),)
    role = STUDENT

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"), index=True)
    display_name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60))  # casefolded display name: unique in the class
    pin_hash: Mapped[str] = mapped_column(String(255))
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)

    classroom: Mapped[Classroom] = relationship("Classroom", back_populates="students")
