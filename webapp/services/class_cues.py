"""Each cue across all the assignments of a class, in order: how the class does on it over time.

For every assignment that has the cue in play and at least one submitted student, the class's
mean recall and F1 on that cue (each submitted student's score, as on the dashboard and the
feedback page, averaged with equal weight per student) and its mean precision over the students
who labelled the cue at all (a student with no label of it has no precision to speak of: the
scoring convention's 0 would read as "labels where the key has none"). An assignment whose key
has no passage of the cue gives no point: there was nothing to find, and the convention of
:mod:`webapp.classifier.scoring` would score an empty answer 100%.

Practice and graded work are kept apart: each point carries its assignment's mode, the chart
draws the two as separate series, and "improving" or "slipping" compares graded work with graded
work (practice with practice only when fewer than two graded assignments scored the cue). Every
conclusion says how many of the class's students it rests on ("from 3 of 28 students").

The plain-language summary follows fixed, documented thresholds (docs/dashboard.md), so a
teacher can check every sentence against the table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from statistics import fmean

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.grading.scoring import KeyCoverage, Span, score_student
from webapp.grading.states import ExerciseMode
from webapp.models import SUBMITTED, Assignment, Classroom, Label, Student, Submission
from webapp.services.cues_in_play import cues_in_play
from webapp.services.feedback import key_marks

WELL = 0.7  # mean F1 at or above: the class handles the cue well
MISSES = 0.4  # mean recall below: the class misses most of the cue's passages
OVER = 0.4  # mean precision below (recall not low): the class labels the cue where the key has none
CHANGE = 0.10  # F1 from the first to the latest point: a rise of this much is improving, a fall slipping


@dataclass(frozen=True)
class Column:
    """One assignment of the class, a column of the page."""

    assignment_id: int
    title: str
    when: dt.datetime  # the due date, or when it was assigned if it has none
    has_due_date: bool
    submitted: int
    mode: str = ExerciseMode.GRADED  # the exercise's ExerciseMode


@dataclass(frozen=True)
class Point:
    """The class on one cue in one assignment."""

    assignment_id: int
    students: int  # submitted students scored
    key_passages: int
    precision: float | None  # None when no submitted student labelled the cue
    recall: float
    f1: float
    mode: str = ExerciseMode.GRADED  # practice or graded work
    student_ids: frozenset[int] = field(default=frozenset(), compare=False)  # the submitted students scored


@dataclass(frozen=True)
class CueTrend:
    cue: str
    name: str
    cells: list[Point | str]  # one per column: a Point, or why there is none
    verdict: str | None  # "well", "misses", "over", "mixed"; None without any point

    @property
    def points(self) -> list[Point]:
        return [c for c in self.cells if isinstance(c, Point)]

    def series(self, mode: str) -> list[tuple[int, Point]]:
        """(column index, point) of the points of one mode: a series of the chart."""
        return [(i, c) for i, c in enumerate(self.cells) if isinstance(c, Point) and c.mode == mode]

    @property
    def compared(self) -> tuple[str, list[Point]] | None:
        """The mode and points "improving" compares: graded work when two graded assignments
        scored the cue, else practice work when two practice ones did; None otherwise."""
        for mode in (ExerciseMode.GRADED, ExerciseMode.PRACTICE):
            points = [p for _, p in self.series(mode)]
            if len(points) >= 2:
                return mode, points
        return None

    @property
    def students(self) -> int:
        """How many different students' work the cue's figures rest on."""
        return len(frozenset().union(*(p.student_ids for p in self.points)))

    @property
    def mean_f1(self) -> float | None:
        return fmean(p.f1 for p in self.points) if self.points else None

    @property
    def mean_recall(self) -> float | None:
        return fmean(p.recall for p in self.points) if self.points else None

    @property
    def mean_precision(self) -> float | None:
        found = [p.precision for p in self.points if p.precision is not None]
        return fmean(found) if found else None

    @property
    def direction(self) -> str | None:
        """"improving", "slipping" or "steady" from the first to the latest of the points compared
        (see :attr:`compared`); None when there are not two of one mode."""
        if self.compared is None:
            return None
        points = self.compared[1]
        change = round(points[-1].f1 - points[0].f1, 9)  # 0.6 - 0.5 is 0.0999… in floating point
        return "improving" if change >= CHANGE else "slipping" if change <= -CHANGE else "steady"


@dataclass(frozen=True)
class ClassCues:
    columns: list[Column]
    trends: list[CueTrend]  # cues in play in any assignment, in the taxonomy's order
    class_size: int = 0  # students in the class now


NOT_IN_PLAY, NO_WORK, NO_KEY = "not in play", "no submitted work", "no key passage"


def verdict(mean_f1: float, mean_recall: float, mean_precision: float | None) -> str:
    """Which of the summary's groups a cue falls in (thresholds at the top of the module)."""
    if mean_f1 >= WELL:
        return "well"
    if mean_recall < MISSES:
        return "misses"
    if mean_precision is not None and mean_precision < OVER:
        return "over"
    return "mixed"


def ordered_assignments(session: Session, classroom: Classroom) -> list[Assignment]:
    """By due date, an assignment without one by the day it was assigned; ties by id."""
    assignments = session.scalars(select(Assignment).where(Assignment.classroom_id == classroom.id)).all()
    return sorted(assignments, key=lambda a: (a.due_at or a.created_at, a.id))


def _submitted_labels(session: Session, classroom: Classroom) -> dict[int, dict[int, list[Span]]]:
    """assignment id -> student id -> labels, for submitted work only, in one query."""
    found: dict[int, dict[int, list[Span]]] = defaultdict(dict)
    for assignment_id, student_id in session.execute(
            select(Submission.assignment_id, Submission.student_id).join(Assignment)
            .where(Assignment.classroom_id == classroom.id, Submission.status == SUBMITTED)):
        found[assignment_id][student_id] = []  # one submission per student and assignment
    for assignment_id, student_id, cue, start, end in session.execute(
            select(Submission.assignment_id, Submission.student_id, Label.cue_id, Label.start, Label.end)
            .join(Submission).join(Assignment)
            .where(Assignment.classroom_id == classroom.id, Submission.status == SUBMITTED)):
        found[assignment_id][student_id].append((cue, start, end))
    return found


def _cells(assignment: Assignment, teacher_id: int, work: dict[int, list[Span]]) -> dict[str, Point | str]:
    """Each cue in play of one assignment: its point, or why there is none."""
    ids = list(assignment.exercise.cues)
    key = key_marks(assignment.exercise.article, ids, teacher_id)
    coverage = KeyCoverage(key)
    scores = [score_student(labels, key, coverage, ids).per_cue for labels in work.values()]
    cells: dict[str, Point | str] = {}
    for cue in ids:
        passages = sum(k.cue == cue for k in key)
        if not scores:
            cells[cue] = NO_WORK
        elif not passages:
            cells[cue] = NO_KEY
        else:
            mine = [s[cue] for s in scores]
            labelled = [p.precision for p in mine if p.predicted]
            cells[cue] = Point(assignment.id, len(mine), passages, fmean(labelled) if labelled else None,
                               fmean(p.recall for p in mine), fmean(p.f1 for p in mine),
                               assignment.exercise.mode, frozenset(work))
    return cells


def class_cues(session: Session, classroom: Classroom) -> ClassCues:
    """Every cue in play in the class's assignments, with the class's figures per assignment."""
    assignments = ordered_assignments(session, classroom)
    work = _submitted_labels(session, classroom)
    columns, per_assignment = [], []
    for a in assignments:
        columns.append(Column(a.id, a.exercise.title, a.due_at or a.created_at, a.due_at is not None,
                              len(work.get(a.id, {})), a.exercise.mode))
        per_assignment.append(_cells(a, classroom.teacher_id, work.get(a.id, {})))
    cues = cues_in_play(session, *(a.exercise for a in assignments))
    trends = []
    for cue in cues:
        cells = [cells.get(cue.id, NOT_IN_PLAY) for cells in per_assignment]
        trend = CueTrend(cue.id, cue.name, cells, None)
        if trend.points:
            trend = replace(trend, verdict=verdict(trend.mean_f1, trend.mean_recall, trend.mean_precision))
        trends.append(trend)
    size = session.scalar(select(func.count(Student.id)).where(Student.classroom_id == classroom.id)) or 0
    return ClassCues(columns, trends, size)


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def basis(students: int, class_size: int) -> str:
    """What a class-level figure rests on, in words: "from 3 of 28 students"."""
    return f"from {students} of {class_size} {'student' if class_size == 1 else 'students'}"


def _names(trends: list[CueTrend]) -> str:
    names = [t.name for t in trends]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def summary(cues: ClassCues) -> list[str]:
    """The page's plain-language summary: which cues the class handles well, which it misses or
    over-labels, and which are improving or slipping, each with the figure behind it and how many
    of the class's students that figure rests on."""
    scored = [t for t in cues.trends if t.verdict]
    if not scored:
        return ["No assignment of this class has submitted work on a cue with a key passage yet."]

    def on(t: CueTrend, students: int | None = None) -> str:
        return basis(t.students if students is None else students, cues.class_size)

    groups = {v: [t for t in scored if t.verdict == v] for v in ("well", "misses", "over", "mixed")}
    lines = []
    if groups["well"]:
        lines.append(f"The class handles {_names(groups['well'])} well: "
                     + "; ".join(f"{t.name} {_pct(t.mean_f1)} mean F1 ({on(t)})" for t in groups["well"]) + ".")
    if groups["misses"]:
        lines.append(f"The class misses most {_names(groups['misses'])} passages: students find "
                     + "; ".join(f"{_pct(t.mean_recall)} of the key’s {t.name} passages ({on(t)})"
                                 for t in groups["misses"])
                     + " on average.")
    if groups["over"]:
        lines.append(f"The class labels {_names(groups['over'])} where the key has none: only "
                     + "; ".join(f"{_pct(t.mean_precision)} of {t.name} labels ({on(t)})" for t in groups["over"])
                     + " match a key passage.")
    if groups["mixed"]:
        lines.append(f"In between: {_names(groups['mixed'])} ("
                     + "; ".join(f"{t.name} {_pct(t.mean_f1)} mean F1, {on(t)}" for t in groups["mixed"]) + ").")
    for direction, verb in (("improving", "Improving"), ("slipping", "Slipping"), ("steady", "Steady")):
        moving = [t for t in scored if t.direction == direction]
        if moving:
            lines.append(f"{verb}: " + "; ".join(_moved(t, cues.class_size) for t in moving) + ".")
    if all(t.direction is None for t in scored):
        lines.append("Whether the class is improving shows once a cue has been scored in two graded "
                     "(or two practice) assignments.")
    return lines


def _moved(t: CueTrend, class_size: int) -> str:
    mode, points = t.compared  # type: ignore[misc]  # only trends with a direction come here
    students = len(points[0].student_ids | points[-1].student_ids)
    return (f"{t.name} (F1 from {_pct(points[0].f1)} to {_pct(points[-1].f1)}, {mode} work, "
            f"{basis(students, class_size)})")
