"""The classifier's model registry and the retraining runs, in the database so that every worker
on every app machine sees the same accepted model and the same run.

A ``ModelVersion`` holds a whole model artifact (the JSON that ``webapp.classifier.artifact``
reads); the accepted one is the row with the latest ``accepted_at``. With no accepted row the
packaged ``models/`` artifact is the model in use. A ``RetrainRun`` is one background retraining:
its state, the keys it was given, its figures and the candidate it produced.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.models.base import utcnow

RUN_STATES = ("running", "done", "failed", "accepted", "declined")


class ModelVersion(db.Model):
    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)  # of the artifact's text
    artifact: Mapped[str] = mapped_column(Text)
    evaluation: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))

    @property
    def version(self) -> str:
        """The id articles store as ``model_version`` (the same 16 hex digits as for a file)."""
        return self.sha256[:16]


class RetrainRun(db.Model):
    __tablename__ = "retrain_runs"
    __table_args__ = (CheckConstraint("state IN ('running', 'done', 'failed', 'accepted', 'declined')",
                                      name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    # 1 while the run trains, NULL afterwards: the unique constraint lets one run train at a time
    # across every worker and machine (NULLs never collide), whatever waits for a decision.
    running_slot: Mapped[int | None] = mapped_column(Integer, unique=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"), index=True)
    teacher_name: Mapped[str] = mapped_column(String(120))
    articles: Mapped[int] = mapped_column(Integer, default=0)
    labels: Mapped[int] = mapped_column(Integer, default=0)
    job: Mapped[dict] = mapped_column(JSON)  # the keys and parameters the job trains with
    runner: Mapped[str | None] = mapped_column(String(200))  # "process:<host>:<pid>" or "rq:<job id>"
    outcome: Mapped[dict | None] = mapped_column(JSON)  # the figures, old beside new
    message: Mapped[str | None] = mapped_column(Text)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("model_versions.id", ondelete="SET NULL"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))

    candidate = relationship("ModelVersion")
