"""Sign-in attempts, counted in the database so that every worker and every app machine sees the
same count (Flask-Limiter's memory storage is per process). One row per attempt that was let
through to the password check and has not (yet) succeeded; rows older than the window are
deleted as new attempts come in (see webapp.auth.throttle)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.base import utcnow


class SignInAttempt(db.Model):
    __tablename__ = "sign_in_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "teacher:<e-mail>" or "student:<class id>:<name key>": the account tried, whether or not it exists.
    key: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
