"""Forms of the results feature (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

import math

from flask_wtf import FlaskForm
from wtforms import FloatField, SubmitField
from wtforms.validators import NumberRange, Optional, ValidationError


class GradeForm(FlaskForm):
    """The teacher's grade for one student, 0-100; left empty, the computed score stands."""

    grade = FloatField(
        "Grade (0–100)",
        validators=[Optional(), NumberRange(min=0, max=100, message="A grade is a number from 0 to 100.")])
    save = SubmitField("Save grade")

    def validate_grade(self, field: FloatField) -> None:
        """"nan" parses as a float and slips past NumberRange (every comparison with it is false)."""
        if field.data is not None and not math.isfinite(field.data):
            raise ValidationError("A grade is a number from 0 to 100.")
