"""Forms of the class pages. Confirmations are forms too: every change is a POST with a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length

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
