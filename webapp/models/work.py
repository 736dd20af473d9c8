"""Students' work: assignments to a class, one submission per student, and their labels."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.grading.states import Confidence, WorkStatus, check_in
from webapp.models.base import TimestampMixin, utcnow

if TYPE_CHECKING:  # for the relationships' annotations only
    from webapp.models.classes import Classroom
    from webapp.models.content import Exercise
    from webapp.models.users import Student


IN_PROGRESS, SUBMITTED = WorkStatus.IN_PROGRESS, WorkStatus.SUBMITTED


class Assignment(TimestampMixin, db.Model):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(ForeignKey("exercises.id"))
    lesson_id: Mapped[str | None] = mapped_column(ForeignKey("lessons.id"))  # set when a whole lesson was assigned
    due_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # UTC

    classroom: Mapped[Classroom] = relationship("Classroom", back_populates="assignments")
    exercise: Mapped[Exercise] = relationship("Exercise")
    submissions: Mapped[list[Submission]] = relationship(
        "Submission", back_populates="assignment", cascade="all, delete-orphan", passive_deletes=True
    )


class Submission(TimestampMixin, db.Model):
    """A student's work on one assignment; created on their first change."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("assignment_id", "student_id", name="uq_submissions_assignment_student"),
                      CheckConstraint(check_in("status", WorkStatus), name="status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    teacher_comment: Mapped[str | None] = mapped_column(Text)
    grade_override: Mapped[float | None] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=0)  # bumped by every applied change

    assignment: Mapped[Assignment] = relationship("Assignment", back_populates="submissions")
    student: Mapped[Student] = relationship("Student")
    labels: Mapped[list[Label]] = relationship(
        "Label", back_populates="submission", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(Label.start, Label.end)",
    )


class Label(TimestampMixin, db.Model):
    """A student's label: a span of the article, a cue, an optional note and a confidence."""

    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("submission_id", "client_id", name="uq_labels_submission_client"),
                      CheckConstraint(check_in("confidence", Confidence), name="confidence"))

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))  # made by the browser, stable across retries
    cue_id: Mapped[str] = mapped_column(ForeignKey("cues.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[str] = mapped_column(String(8), default=Confidence.SURE)

    submission: Mapped[Submission] = relationship("Submission", back_populates="labels")


class AppliedChange(db.Model):
    """Every change id the server has applied, so a retried request is answered, not reapplied."""

    __tablename__ = "applied_changes"
    __table_args__ = (UniqueConstraint("submission_id", "change_id", name="uq_applied_changes_submission_change"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    change_id: Mapped[str] = mapped_column(String(64))
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
