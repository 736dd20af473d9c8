"""Forms of the exercises feature (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

COMMENT_MAX = 2000


class SubmitWorkForm(FlaskForm):
    """Handing the work in: the confirmation page's single button."""

    submit = SubmitField("Submit and lock my labels")


class CommentForm(FlaskForm):
    """The teacher's comment, shown to the student with their feedback."""

    comment = TextAreaField(
        "Comment for the student",
        validators=[Length(max=COMMENT_MAX, message=f"A comment can be at most {COMMENT_MAX} characters.")])
    save = SubmitField("Save comment")
