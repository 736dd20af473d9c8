"""Time every export of a large class: 300 students, 30 labels each, all submitted.

Builds the data in a temporary SQLite database (migrations, the shipped content, a teacher, a
class, an assignment of a real exercise; labels on word boundaries at random), then makes each
export several times and prints the median and the fastest. The target is under 2 s each.
Not a test; nothing is asserted.

Run with ``PYTHONPATH=. python benchmarks/bench_exports.py [students] [labels]``.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

STUDENTS, LABELS, REPEATS = 300, 30, 5
FORMATS = ("gradebook", "long", "archive", "xlsx")


def build(students: int, labels: int):
    """The content, then one class whose students all submitted; returns (classroom, assignment)."""
    from flask_migrate import upgrade

    from webapp import paths
    from webapp.extensions import db
    from webapp.models import SUBMITTED, Assignment, Exercise, Label, Student, Submission
    from webapp.services import accounts
    from webapp.services.article_text import token_spans
    from webapp.services.content import load_content
    from webapp.services.model import current_detector

    upgrade()
    load_content(db.session, paths.corpus_dir(), paths.lessons_dir(), *current_detector())
    teacher = accounts.create_teacher(db.session, "bench@example.org", "Bench Teacher", "correct horse battery")
    classroom = accounts.create_classroom(db.session, teacher, "Benchmark class")
    exercise = db.session.scalars(select(Exercise).order_by(Exercise.id)).first()
    assignment = Assignment(classroom=classroom, exercise_id=exercise.id)
    db.session.add(assignment)
    db.session.flush()
    spans, rng = token_spans(exercise.article.text), random.Random(5)
    for n in range(students):
        student = Student(classroom_id=classroom.id, display_name=f"Élève {n:03d}", name_key=f"élève {n:03d}",
                          pin_hash="not-a-real-hash")
        db.session.add(student)
        db.session.flush()
        submission = Submission(assignment_id=assignment.id, student_id=student.id, status=SUBMITTED,
                                submitted_at=assignment.created_at)
        db.session.add(submission)
        db.session.flush()
        for k in range(labels):
            first = rng.randrange(len(spans) - 6)
            db.session.add(Label(submission_id=submission.id, client_id=f"c{k}", cue_id=rng.choice(exercise.cues),
                                 start=spans[first][0], end=spans[first + rng.randrange(6)][1]))
    db.session.commit()
    return classroom, assignment


def main() -> None:
    from webapp.app import create_app
    from webapp.exports.formats import export_class
    from webapp.extensions import db

    students = int(sys.argv[1]) if len(sys.argv) > 1 else STUDENTS
    labels = int(sys.argv[2]) if len(sys.argv) > 2 else LABELS
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "bench", "TESTING": True,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite'}"})
        with app.app_context():
            classroom, assignment = build(students, labels)
            for fmt in FORMATS:
                timings = []
                for _ in range(REPEATS):
                    db.session.expire_all()  # no help from objects loaded by the previous run
                    start = time.perf_counter()
                    data = export_class(db.session, classroom, fmt, None if fmt == "archive" else assignment).data
                    timings.append((time.perf_counter() - start) * 1000)
                print(f"export {fmt:9} {students} students x {labels} labels ({len(data) // 1024} KiB): "
                      f"median {statistics.median(timings):.0f} ms, fastest {min(timings):.0f} ms")


if __name__ == "__main__":
    main()
