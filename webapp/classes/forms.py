"""Forms of the class pages. Confirmations are forms too: every change is a POST with a CSRF token."""

from __future__ import annotations

import unicodedata

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from webapp.services.accounts import MAX_DISPLAY_NAME


class ClassForm(FlaskForm):
    name = StringField("Class name", validators=[
        DataRequired("Give the class a name."), Length(max=120, message="A class name has at most %(max)d characters.")])


class StudentForm(FlaskForm):
    display_name = StringField("Student’s display name", validators=[
        DataRequired("Enter the student’s name."),
        Length(max=MAX_DISPLAY_NAME, message="A display name has at most %(max)d characters.")])


class RosterForm(FlaskForm):
    roster = FileField("Roster file (CSV)", validators=[FileRequired("Choose a CSV file to upload.")],
                       render_kw={"accept": ".csv,text/csv"})


class ConfirmForm(FlaskForm):
    """No fields: a confirmation page posts it, with its CSRF token."""


class DeleteStudentForm(FlaskForm):
    """Deleting a student and their work: a box to tick, so a slipped Enter key deletes nothing."""

    confirm = BooleanField("I understand that this student’s work is deleted for good",
                           validators=[DataRequired("Tick the box to confirm.")])


class DeleteClassForm(FlaskForm):
    """Deleting a whole class: its name typed out, as the confirmation."""

    name = StringField("Type the class name to confirm", validators=[DataRequired("Type the class name.")])

    def __init__(self, class_name: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.class_name = class_name

    def validate_name(self, field: StringField) -> None:
        """Exact but for surrounding spaces and Unicode normal form (a keyboard may type "é" as
        e + accent): the name the teacher sees above the box."""
        def norm(value: str) -> str:
            return unicodedata.normalize("NFC", value).strip()

        if norm(field.data or "") != norm(self.class_name):
            raise ValidationError("That is not the class name: nothing was deleted.")
