"""The dashboard of one assignment, as plain data: where each student stands, their scores, the
class on the article (word heat, the key passages most missed, the extra passages most labelled)
and how far the students agree.

Everything is computed from three queries (students, submissions, labels of the assignment) plus
the article and the cues, so a class of hundreds costs the same number of round trips as a class
of three. Only *submitted* work is scored and counted on the article: work in progress may change.
Scores are those of the student's feedback page (SemEval-2020 Task 11 partial overlap,
:mod:`webapp.services.feedback`), computed in one pass per student by
:mod:`webapp.grading.scoring`, so the two pages never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.classifier.scoring import PRF
from webapp.grading.scoring import KeyCoverage, Span, StudentScore, score_student
from webapp.models import IN_PROGRESS, SUBMITTED, Assignment, Label, Student, Submission
from webapp.models.base import utcnow
from webapp.services import class_agreement as agree
from webapp.services.assignments import LATE, NOT_STARTED, STATUSES, SUBMITTED_LATE, work_status
from webapp.services.cues_in_play import cues_in_play
from webapp.services.feedback import Mark, key_marks, model_marks

MIN_FOR_AGREEMENT = 3  # alpha over two students says little, and it would single one out
TOP = 5
SORTS = ("name", "status", "score")
FILTERS = ("all", "missing") + STATUSES
DONE = (SUBMITTED, SUBMITTED_LATE)
MISSING = (LATE, NOT_STARTED, IN_PROGRESS)


@dataclass(frozen=True)
class StudentResult:
    """One row of the dashboard: status, and the scores when the work is submitted."""

    student_id: int
    display_name: str
    status: str
    submission_id: int | None = None
    submitted_at: dt.datetime | None = None
    labels: int = 0
    grade_override: float | None = None
    overall: PRF | None = None  # None until submitted
    per_cue: dict[str, PRF] = field(default_factory=dict)


@dataclass(frozen=True)
class Passage:
    """A discussion starter: a passage of one cue and how many submitted students it concerns."""

    cue: str
    start: int
    end: int
    text: str
    students: int
    word: int  # the first word's number, for the link to the heat map


@dataclass(frozen=True)
class Agreement:
    """How far the submitted students agree, and how the class majority compares."""

    per_cue: dict[str, float | None]
    overall: float | None  # alpha with "any cue" as the value
    majority_vs_key: PRF
    majority_vs_model: PRF


@dataclass(frozen=True)
class ClassResults:
    assignment_id: int
    cues: list[tuple[str, str]]  # (id, name) in the taxonomy's order
    patterns: dict[str, str]  # cue id -> its highlight pattern
    rows: list[StudentResult]
    counts: dict[str, int]
    submitted: int
    words: list[agree.Word]
    heat: dict[str, list[int]]  # cue id or "all" -> students per word
    key_words: dict[str, set[int]]
    model_words: dict[str, set[int]]
    key: list[Mark]
    model: list[Mark]
    most_missed: list[Passage]
    common_extra: list[Passage]
    agreement: Agreement | None  # None below MIN_FOR_AGREEMENT submissions

    @property
    def missing(self) -> list[StudentResult]:
        """Who has not handed in, attention first (late, then not started, then in progress)."""
        return sort_rows([r for r in self.rows if r.status in MISSING], "status")


def _load(session: Session, assignment: Assignment):
    """Students, submissions and every label of the assignment (as plain tuples: thousands of them)."""
    students = session.execute(select(Student.id, Student.display_name)
                               .where(Student.classroom_id == assignment.classroom_id)).all()
    submissions = {s.student_id: s for s in session.execute(
        select(Submission.id, Submission.student_id, Submission.status, Submission.submitted_at,
               Submission.grade_override).where(Submission.assignment_id == assignment.id))}
    labels: dict[int, list[Span]] = defaultdict(list)
    for submission_id, cue, start, end in session.execute(
            select(Label.submission_id, Label.cue_id, Label.start, Label.end).join(Submission)
            .where(Submission.assignment_id == assignment.id)):
        labels[submission_id].append((cue, start, end))
    return students, submissions, labels


def _row(student, submission, labels: list[Span], status: str,
         score: StudentScore | None) -> StudentResult:
    return StudentResult(
        student.id, student.display_name, status, submission.id if submission else None,
        submission.submitted_at if submission else None, len(labels),
        submission.grade_override if submission else None,
        score.overall if score else None, score.per_cue if score else {})


def _counts(rows: list[StudentResult]) -> dict[str, int]:
    tally = Counter(r.status for r in rows)
    return {status: tally.get(status, 0) for status in STATUSES}


def sort_rows(rows: list[StudentResult], by: str) -> list[StudentResult]:
    """By name (default), by status (attention first) or by score (lowest F1 first, unscored last)."""
    def name(row: StudentResult) -> str:
        return row.display_name.casefold()

    if by == "status":
        return sorted(rows, key=lambda r: (STATUSES.index(r.status), name(r)))
    if by == "score":
        return sorted(rows, key=lambda r: (r.overall is None, r.overall.f1 if r.overall else 0.0, name(r)))
    return sorted(rows, key=name)


def filter_rows(rows: list[StudentResult], status: str) -> list[StudentResult]:
    """``all``, ``missing`` (not handed in) or one status."""
    if status == "missing":
        return [r for r in rows if r.status in MISSING]
    if status in STATUSES:
        return [r for r in rows if r.status == status]
    return rows


def most_missed(key: Sequence[Mark], scores: Sequence[StudentScore], index: agree.WordIndex) -> list[Passage]:
    """Key labels the most submitted students missed (no label of their cue overlapping)."""
    found = []
    for n, k in enumerate(key):
        missed = sum(score.missed[n] for score in scores)
        if missed:
            found.append(Passage(k.cue, k.start, k.end, k.text, missed, index.covered(k.start, k.end).start))
    return sorted(found, key=lambda p: (-p.students, p.start))[:TOP]


def _clusters(extras: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Overlapping (start, end, student) spans chained into groups."""
    groups: list[list[tuple[int, int, int]]] = []
    reach = -1
    for span in sorted(extras):
        if groups and span[0] < reach:
            groups[-1].append(span)
            reach = max(reach, span[1])
        else:
            groups.append([span])
            reach = span[1]
    return groups


def common_extras(scores: Sequence[StudentScore], text: str, index: agree.WordIndex) -> list[Passage]:
    """Passages labelled where the key has no label of that cue, grouped by overlap, by how many
    students labelled them; each shown by its most frequent exact span."""
    by_cue: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for student, score in enumerate(scores):
        for cue, start, end in score.extras:
            by_cue[cue].append((start, end, student))
    found = []
    for cue, extras in by_cue.items():
        for group in _clusters(extras):
            (start, end), _ = Counter((s, e) for s, e, _ in group).most_common(1)[0]
            students = len({who for _, _, who in group})
            found.append(Passage(cue, start, end, text[start:end], students, index.covered(start, end).start))
    return sorted(found, key=lambda p: (-p.students, p.start))[:TOP]


def _agreement(heat: dict[str, list[int]], coders: int, ids: list[str], key_words, model_words) -> Agreement:
    majority = {c: agree.majority(heat[c], coders) for c in ids}
    return Agreement({c: agree.alpha(heat[c], coders) for c in ids}, agree.alpha(heat[agree.ALL], coders),
                     agree.word_agreement(majority, key_words, ids),
                     agree.word_agreement(majority, model_words, ids))


def class_results(session: Session, assignment: Assignment, now: dt.datetime | None = None) -> ClassResults:
    """Everything the dashboard shows, rows sorted by name (see :func:`sort_rows`, :func:`filter_rows`)."""
    now = now or utcnow()
    exercise, article = assignment.exercise, assignment.exercise.article
    cues = cues_in_play(session, exercise)
    ids = [c.id for c in cues]
    key, model = key_marks(article, ids, assignment.classroom.teacher_id), model_marks(article, ids)
    students, submissions, labels = _load(session, assignment)
    coverage = KeyCoverage(key)
    rows, done, scores = [], [], []
    for student in students:
        submission = submissions.get(student.id)
        mine = labels.get(submission.id, []) if submission else []
        status = work_status(submission, assignment.due_at, now)
        score = score_student(mine, key, coverage, ids) if status in DONE else None
        rows.append(_row(student, submission, mine, status, score))
        if score is not None:
            done.append([span for span in mine if span[0] in ids])
            scores.append(score)
    words = agree.article_words(article.text)
    index = agree.WordIndex(words)
    coders = [agree.coverage(index, mine) for mine in done]
    heat = {c: agree.heat(coders, c, len(words)) for c in [agree.ALL, *ids]}
    key_words = agree.coverage(index, ((k.cue, k.start, k.end) for k in key))
    model_words = agree.coverage(index, ((m.cue, m.start, m.end) for m in model))
    agreement = (_agreement(heat, len(done), ids, key_words, model_words)
                 if len(done) >= MIN_FOR_AGREEMENT else None)
    return ClassResults(
        assignment.id, [(c.id, c.name) for c in cues], {c.id: c.pattern for c in cues}, sort_rows(rows, "name"),
        _counts(rows), len(done), words, heat, key_words, model_words, key, model,
        most_missed(key, scores, index), common_extras(scores, article.text, index), agreement)


def set_grade(session: Session, submission: Submission, grade: float | None) -> None:
    """The teacher's grade (0-100) that replaces the computed score in the gradebook; None clears it."""
    if grade is not None and not 0 <= grade <= 100:
        raise ValueError("A grade is between 0 and 100.")
    submission.grade_override = grade
    session.flush()
