"""What every export of an assignment reads: its students, their work, status and feedback.

Labels are fetched in one query per assignment and grouped, so a class of 300 exports quickly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.grading.scoring import KeyCoverage, score_student
from webapp.models import Assignment, Classroom, Cue, Label, Student, Submission
from webapp.services.assignments import work_status
from webapp.services.cues_in_play import cues_in_play
from webapp.services.feedback import Mark, Score, judge, key_marks, label_marks


@dataclass(frozen=True)
class Verdict:
    label: Mark
    kind: str  # match, near_miss, wrong_cue or extra (webapp.services.feedback)


@dataclass(frozen=True)
class Judged:
    """The part of the feedback page an export needs: verdicts and scores, without the classifier."""

    verdicts: list[Verdict]
    per_cue: list[Score]
    overall: Score


def judge_labels(text: str, key: list[Mark], cues: list[Cue], labels: list, verdicts: bool = True,
                 coverage: KeyCoverage | None = None) -> Judged:
    """The feedback service's verdicts (when asked for) and SemEval scores, with the key worked out
    once per assignment. The scores come from :func:`score_student`, the dashboard's one-pass
    scorer (tested equal to the feedback page's), so a gradebook and the dashboard never differ."""
    ids, names = [c.id for c in cues], {c.id: c.name for c in cues}
    marks = [m for m in label_marks(labels, text) if m.cue in ids]
    found = score_student([(m.cue, m.start, m.end) for m in marks], key, coverage or KeyCoverage(key), ids)
    per_cue = [Score(c, names[c], p.precision, p.recall, p.f1, sum(m.cue == c for m in marks),
                     sum(k.cue == c for k in key)) for c, p in found.per_cue.items()]
    overall = Score("all", "All cues", found.overall.precision, found.overall.recall, found.overall.f1,
                    len(marks), len(key))
    return Judged([Verdict(m, judge(m, key, names)[0]) for m in marks] if verdicts else [], per_cue, overall)


@dataclass(frozen=True)
class StudentWork:
    """One student on one assignment: their submission (if any), status, labels and feedback."""

    student: Student
    submission: Submission | None
    status: str
    labels: list  # label rows: submission_id, client_id, cue_id, start, end, note, confidence
    feedback: Judged | None  # None when they have not started


@dataclass(frozen=True)
class AssignmentWork:
    assignment: Assignment
    cues: list[Cue]  # the cues in play, in the taxonomy's order (webapp.grading.cues)
    rows: list[StudentWork]


def _labels_by_submission(session: Session, assignment: Assignment) -> dict[int, list]:
    """Label rows (plain tuples with the label's attribute names: several times cheaper than
    ORM objects for a class of 300), grouped by submission, in article order."""
    grouped: dict[int, list] = defaultdict(list)
    for label in session.execute(
            select(Label.submission_id, Label.client_id, Label.cue_id, Label.start, Label.end, Label.note,
                   Label.confidence).join(Submission).where(Submission.assignment_id == assignment.id)
            .order_by(Label.start, Label.end, Label.cue_id, Label.id)):
        grouped[label.submission_id].append(label)
    return grouped


def assignment_work(session: Session, assignment: Assignment, now: dt.datetime,
                    verdicts: bool = True) -> AssignmentWork:
    """Every student of the class on ``assignment`` at ``now`` (students without work included);
    ``verdicts=False`` skips judging each label when only the scores are needed (a gradebook)."""
    cues = cues_in_play(session, assignment.exercise)
    article = assignment.exercise.article
    key = key_marks(article, [c.id for c in cues], assignment.classroom.teacher_id)
    students = session.scalars(select(Student).where(Student.classroom_id == assignment.classroom_id)).all()
    submissions = {s.student_id: s for s in session.scalars(
        select(Submission).where(Submission.assignment_id == assignment.id))}
    labels = _labels_by_submission(session, assignment)
    coverage = KeyCoverage(key)
    rows = []
    for student in students:
        submission = submissions.get(student.id)
        own = labels.get(submission.id, []) if submission else []
        feedback = judge_labels(article.text, key, cues, own, verdicts, coverage) if submission else None
        rows.append(StudentWork(student, submission, work_status(submission, assignment.due_at, now), own, feedback))
    return AssignmentWork(assignment, cues, rows)


def class_assignments(session: Session, classroom: Classroom) -> list[Assignment]:
    """The class's assignments, oldest first (the order a gradebook's columns grow in)."""
    return list(session.scalars(select(Assignment).where(Assignment.classroom_id == classroom.id)
                                .order_by(Assignment.created_at, Assignment.id)))
