"""Classes: a teacher's group of students, joined with a code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import TimestampMixin

if TYPE_CHECKING:  # for the relationships' annotations only
    from webapp.models.users import Student, Teacher
    from webapp.models.work import Assignment


class Classroom(TimestampMixin, db.Model):
    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)

    teacher: Mapped[Teacher] = relationship("Teacher", back_populates="classrooms")
    students: Mapped[list[Student]] = relationship(
        "Student", back_populates="classroom", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Student.name_key",
    )
    assignments: Mapped[list[Assignment]] = relationship(
        "Assignment", back_populates="classroom", cascade="all, delete-orphan", passive_deletes=True
    )
