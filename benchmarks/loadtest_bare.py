"""The load test's baseline: the exercise page's template rendered with no database at all.

The app is FrameLab's own (same hooks, CSRF, security headers, request log, gunicorn
settings), so the only difference from the real page is the database work: the page context is
built once at start and every request renders it again. Any database use after start raises,
so the baseline cannot quietly measure a query.
"""

from __future__ import annotations

import os
import sys

from flask import Flask, g, render_template


def create_bare_app() -> Flask:
    """FrameLab plus ``GET /bare/exercise``: one student's exercise page from a context built once."""
    from sqlalchemy import event, select

    from webapp.app import create_app
    from webapp.exercises import context
    from webapp.extensions import db
    from webapp.models import Assignment, Student
    from webapp.services.labels import find_submission

    app = create_app()
    assignment_id, student_id = int(os.environ["BARE_ASSIGNMENT"]), int(os.environ["BARE_STUDENT"])
    with app.test_request_context():
        assignment = db.session.get(Assignment, assignment_id)
        student = db.session.scalar(select(Student).where(Student.id == student_id))
        page = context.exercise_page(db.session, assignment, student.id, find_submission(db.session, assignment,
                                                                                         student))
        g._login_user = student
        render_template("exercises/work.html", **page)  # loads every attribute the template reads
        db.session.expunge_all()
        engine = db.engine

    def refuse(*args, **kwargs):
        raise RuntimeError("the bare page touched the database")

    event.listen(engine, "before_cursor_execute", refuse)

    @app.get("/bare/exercise")
    def bare_exercise():
        g._login_user = student  # Flask-Login reads the signed-in account from here
        return render_template("exercises/work.html", **page)

    return app


def main(port: int, workers: int | None) -> None:
    from webapp.serving import FrameLabServer, gunicorn_settings

    FrameLabServer(gunicorn_settings("127.0.0.1", port, workers), app_factory=create_bare_app).run()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
