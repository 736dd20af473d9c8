"""The assign form: what (the whole lesson or one exercise), to which class, due when (in the teacher's time)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, SelectField
from wtforms.validators import DataRequired, Optional

WHOLE_LESSON = "lesson"


class AssignForm(FlaskForm):
    target = SelectField("What to assign", validators=[DataRequired()])
    classroom = SelectField("Class", coerce=int, validators=[DataRequired("Choose a class.")])
    due_at = DateTimeLocalField(
        "Due date and time (your time, optional)", validators=[Optional()],
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"])

    def fill(self, lesson, classrooms) -> None:
        """Offer this lesson's exercises and this teacher's classes."""
        self.target.choices = [(WHOLE_LESSON, f"The whole lesson ({len(lesson.exercises)} exercises)")] + [
            (exercise.id, f"Only “{exercise.title}”") for exercise in lesson.exercises]
        self.classroom.choices = [(c.id, c.name) for c in classrooms]
