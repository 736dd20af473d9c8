"""Time every export of a large class: 300 students, 30 labels each, all submitted.

Builds the data in a temporary SQLite database (migrations, the shipped content, a teacher, a
class, an assignment of a real exercise; labels on word boundaries at random), then makes each
export several times and prints the median and the fastest. The target is under 2 s each.
Not a test; nothing is asserted.

Run with ``PYTHONPATH=. python benchmarks/bench_exports.py [students] [labels]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchlib import big_class

STUDENTS, LABELS, REPEATS = 300, 30, 5
FORMATS = ("gradebook", "long", "archive", "xlsx")


def build(students: int, labels: int):
    """One class whose students all submitted; returns (classroom, assignment)."""
    _, classroom, assignment = big_class(students, labels, lambda exercises: exercises[0], name="Élève")
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
                timings, cpu = [], []
                for _ in range(REPEATS):
                    db.session.expire_all()  # no help from objects loaded by the previous run
                    start, start_cpu = time.perf_counter(), time.process_time()
                    data = export_class(db.session, classroom, fmt, None if fmt == "archive" else assignment).data
                    timings.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                # CPU time is printed too: on a shared machine it moves far less than the wall clock
                print(f"export {fmt:9} {students} students x {labels} labels ({len(data) // 1024} KiB): "
                      f"median {statistics.median(timings):.0f} ms, fastest {min(timings):.0f} ms, "
                      f"median CPU {statistics.median(cpu):.0f} ms")


if __name__ == "__main__":
    main()
