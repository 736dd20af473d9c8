"""One home for grading (webapp.grading): one order of the cues in play, one scorer (14.1)."""

from __future__ import annotations

import csv
import io

from fixtures_exports import NOW
from sqlalchemy import select

from webapp.exports.formats import export_class
from webapp.models import Exercise
from webapp.services.class_results import class_results


def _lesson_04_assignment(db_session, make_teacher, make_classroom, make_student, add_assignment):
    teacher = make_teacher()
    classroom = make_classroom(teacher, "Lesson four")
    make_student(classroom, "Ada")
    exercise = db_session.scalar(select(Exercise).where(Exercise.id == "motives-radio-report"))
    return classroom, add_assignment(classroom, exercise)


def test_gradebook_cue_columns_follow_the_dashboard_order_for_lesson_04(
        db_session, make_teacher, make_classroom, make_student, add_assignment):
    """Lesson 04 lists its cues as motive, speculation, editorializing, dismissive; the dashboard
    shows them in the taxonomy's order (dismissive framing first): the gradebook must too."""
    classroom, assignment = _lesson_04_assignment(db_session, make_teacher, make_classroom, make_student,
                                                  add_assignment)
    dashboard = [name for _id, name in class_results(db_session, assignment, NOW).cues]
    data = export_class(db_session, classroom, "gradebook", assignment, now=NOW).data
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    columns = [h.removesuffix(" (%)") for h in header[header.index("Overall score (%)") + 1:-1]]
    assert dashboard[0] == "Dismissive framing"
    assert columns == dashboard
