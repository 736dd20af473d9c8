"""Time the results dashboard of a large class (300 students, 30 labels each, all submitted), and
the class's page of cues over time.

Builds the data in a temporary SQLite database through the app's models and services (migrations,
the shipped content, a teacher, a class, an assignment of a real exercise), then requests the
dashboard with the Flask test client and prints the median and the fastest of repeated requests.
The target is under 300 ms. Not a test; nothing is asserted.

Run with ``PYTHONPATH=. python benchmarks/bench_dashboard.py [students] [labels]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchlib import big_class

STUDENTS, LABELS, REPEATS = 300, 30, 15


def build(students: int, labels: int) -> tuple[object, int, int]:
    """One class with every student's submitted work on the exercise with the most cues in play
    (the worst case: more columns, more heat maps); returns (teacher, assignment id, class id)."""
    teacher, classroom, assignment = big_class(students, labels,
                                               lambda exercises: max(exercises, key=lambda e: len(e.cues)))
    return teacher, assignment.id, classroom.id


def median_ms(client, address: str) -> tuple[float, float, float, int]:
    """(median, fastest, median CPU time, bytes) of REPEATS requests, after one that warms Jinja's
    template cache. CPU time moves far less than the wall clock on a shared machine."""
    timings, cpu = [], []
    for _ in range(REPEATS + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(address)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings[1:]), min(timings[1:]), statistics.median(cpu[1:]), len(response.data)


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
            teacher, assignment_id, classroom_id = build(students, labels)
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = teacher.get_id()
                session["_fresh"] = True
            median, fastest, cpu, size = median_ms(client, f"/results/{assignment_id}")
            print(f"dashboard of {exercise_name(assignment_id)}, {students} students x {labels} labels "
                  f"({size // 1024} KiB): median {median:.0f} ms, fastest {fastest:.0f} ms, "
                  f"median CPU {cpu:.0f} ms over {REPEATS} requests")
            median, fastest, cpu, size = median_ms(client, f"/results/classes/{classroom_id}/cues")
            print(f"cues over time of the same class ({size // 1024} KiB): median {median:.0f} ms, "
                  f"fastest {fastest:.0f} ms, median CPU {cpu:.0f} ms over {REPEATS} requests")


if __name__ == "__main__":
    main()
