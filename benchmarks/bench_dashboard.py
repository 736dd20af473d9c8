"""Time the results dashboard of a large class: 300 students, 30 labels each, all submitted.

Builds the data in a temporary SQLite database through the app's models and services (migrations,
the shipped content, a teacher, a class, an assignment of a real exercise), then requests the
dashboard with the Flask test client and prints the median and the fastest of repeated requests.
The target is under 300 ms. Not a test; nothing is asserted.

Run with ``PYTHONPATH=. python benchmarks/bench_dashboard.py [students] [labels]``.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

STUDENTS, LABELS, REPEATS = 300, 30, 15


def build(app, students: int, labels: int) -> tuple[object, int]:
    """The content, then one class with every student's submitted work; returns (teacher, assignment id)."""
    from flask_migrate import upgrade

    from webapp import paths
    from webapp.extensions import db
    from webapp.models import SUBMITTED, Assignment, Exercise, Label, Student, Submission
    from webapp.services import accounts
    from webapp.services.article_text import token_spans
    from webapp.services.content import load_content
    from webapp.services.model import current_detector

    upgrade()
    detector, version = current_detector()
    load_content(db.session, paths.corpus_dir(), paths.lessons_dir(), detector, version)
    teacher = accounts.create_teacher(db.session, "bench@example.org", "Bench Teacher", "correct horse battery")
    classroom = accounts.create_classroom(db.session, teacher, "Benchmark class")
    # the worst case: the exercise with the most cues in play (more columns, more heat maps)
    exercise = max(db.session.scalars(select(Exercise).order_by(Exercise.id)), key=lambda e: len(e.cues))
    assignment = Assignment(classroom=classroom, exercise_id=exercise.id)
    db.session.add(assignment)
    db.session.flush()
    spans = token_spans(exercise.article.text)
    rng = random.Random(5)
    for n in range(students):
        student = Student(classroom_id=classroom.id, display_name=f"Student {n:03d}", name_key=f"student {n:03d}",
                          pin_hash="not-a-real-hash")
        db.session.add(student)
        db.session.flush()
        submission = Submission(assignment_id=assignment.id, student_id=student.id, status=SUBMITTED,
                                submitted_at=assignment.created_at)
        db.session.add(submission)
        db.session.flush()
        for k in range(labels):
            first = rng.randrange(len(spans) - 6)
            last = first + rng.randrange(6)
            db.session.add(Label(submission_id=submission.id, client_id=f"c{k}", cue_id=rng.choice(exercise.cues),
                                 start=spans[first][0], end=spans[last][1]))
    db.session.commit()
    return teacher, assignment.id


def exercise_name(assignment_id: int) -> str:
    from webapp.extensions import db
    from webapp.models import Assignment

    exercise = db.session.get(Assignment, assignment_id).exercise
    return f"{exercise.id} ({len(exercise.cues)} cues, {len(exercise.article.text.split())} words)"


def main() -> None:
    from webapp.app import create_app

    students = int(sys.argv[1]) if len(sys.argv) > 1 else STUDENTS
    labels = int(sys.argv[2]) if len(sys.argv) > 2 else LABELS
    with tempfile.TemporaryDirectory() as folder:
        uri = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = create_app({"SECRET_KEY": "bench", "TESTING": True, "SQLALCHEMY_DATABASE_URI": uri,
                          "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SERVER_NAME": "localhost"})
        with app.app_context():
            teacher, assignment_id = build(app, students, labels)
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = teacher.get_id()
                session["_fresh"] = True
            timings = []
            for _ in range(REPEATS + 1):
                start = time.perf_counter()
                response = client.get(f"/results/{assignment_id}")
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
            timings = timings[1:]  # the first request warms Jinja's template cache
            print(f"dashboard of {exercise_name(assignment_id)}, {students} students x {labels} labels ({len(response.data) // 1024} KiB): "
                  f"median {statistics.median(timings):.0f} ms, fastest {min(timings):.0f} ms "
                  f"over {REPEATS} requests")


if __name__ == "__main__":
    main()
