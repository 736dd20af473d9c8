"""What the benchmark scripts share: timing, the 800-word sample text, and a large class.

Imported by the scripts beside it (``python benchmarks/bench_*.py`` puts this folder on the path).
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable

from webapp.analysis import segment


def timings_ms(function: Callable[[], object], repeats: int, warm: bool = True) -> tuple[float, float]:
    """(median, fastest) milliseconds of ``repeats`` runs; the fastest shows the cost on an idle machine."""
    if warm:
        function()  # caches (TextBlob's lexicon, Jinja's templates, n-gram columns) fill on first use
    timings = []
    for _ in range(repeats):
        gc.disable()
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(timings) * 1000, min(timings) * 1000


def eight_hundred_words(texts: list[str]) -> str:
    """The first 800 words of running text from the given articles, cut at a paragraph break."""
    chosen, words = [], 0
    for paragraph in (p for text in texts for p in text.split("\n\n")):
        if words >= 800:
            break
        chosen.append(paragraph)
        words += segment.word_count(paragraph)
    return "\n\n".join(chosen)


def big_class(students: int, labels: int, pick_exercise: Callable, name: str = "Student"):
    """In the current app context: migrate, load the shipped content, then one class whose
    students all submitted ``labels`` random word-boundary labels. Returns (teacher, classroom,
    assignment)."""
    from flask_migrate import upgrade
    from sqlalchemy import select

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
    exercise = pick_exercise(list(db.session.scalars(select(Exercise).order_by(Exercise.id))))
    assignment = Assignment(classroom=classroom, exercise_id=exercise.id)
    db.session.add(assignment)
    db.session.flush()
    spans, rng = token_spans(exercise.article.text), random.Random(5)
    for n in range(students):
        student = Student(classroom_id=classroom.id, display_name=f"{name} {n:03d}",
                          name_key=f"{name.casefold()} {n:03d}", pin_hash="not-a-real-hash")
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
    return teacher, classroom, assignment
