"""Forms for changing an assignment: its due date, unassigning it, returning one student's work."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from webapp.services.assignment_changes import DELETE, KEEP

DUE_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class DueDateForm(FlaskForm):
    due_at = DateTimeLocalField("Due date and time (your time; empty for no due date)", validators=[Optional()],
                                format=DUE_FORMATS)


class UnassignForm(FlaskForm):
    work = RadioField("What happens to the students' work?", choices=[
        SelectChoice(KEEP, "Keep it: students no longer see the assignment, you keep its results and can assign it again"),
        SelectChoice(DELETE, "Delete it: the assignment and every student's labels on it are gone for good"),
    ], validators=[DataRequired("Choose whether to keep the students' work or delete it.")])


class ReturnWorkForm(FlaskForm):
    comment = TextAreaField("Your comment for the student (they see it on their work)", validators=[
        DataRequired("Write a comment: it tells the student what to look at again."),
        Length(max=2000, message="At most %(max)d characters.")], render_kw={"rows": 4})
