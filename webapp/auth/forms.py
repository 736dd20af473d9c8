"""Sign-up and sign-in forms. They check the shape of what was typed; the accounts service
checks everything that needs the database (a taken e-mail, a PIN that does not match)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from webapp.services.accounts import MAX_DISPLAY_NAME, MAX_PASSWORD

PIN_PATTERN = r"^[0-9]{4,8}$"


class TeacherSignupForm(FlaskForm):
    email = EmailField("E-mail address", validators=[DataRequired("Enter your e-mail address."), Length(max=254)])
    name = StringField("Your name", validators=[DataRequired("Enter the name students will see."), Length(max=120)])
    password = PasswordField("Password", validators=[
        DataRequired("Choose a password."),
        Length(min=10, max=MAX_PASSWORD, message="The password needs 10 to %(max)d characters.")])
    confirm = PasswordField("Password again", validators=[
        DataRequired("Type the password a second time."), EqualTo("password", "The two passwords differ.")])


class TeacherLoginForm(FlaskForm):
    email = EmailField("E-mail address", validators=[DataRequired("Enter your e-mail address."), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=MAX_PASSWORD)])
    # Filled by static/js/time-zone.js from the browser; saved when the teacher has no zone yet.
    time_zone = HiddenField(validators=[Length(max=64)])


class StudentJoinForm(FlaskForm):
    join_code = StringField("Class code", validators=[
        DataRequired("Enter the class code from your teacher."), Length(max=20, message="A class code is 6 letters and digits.")],
        render_kw={"autocapitalize": "characters", "spellcheck": "false", "class": "code-input"})
    display_name = StringField("Your name", validators=[
        DataRequired("Enter your name."), Length(max=MAX_DISPLAY_NAME, message="A name has at most %(max)d characters.")])
    pin = PasswordField("PIN", validators=[
        DataRequired("Enter your PIN."), Regexp(PIN_PATTERN, message="A PIN is 4 to 8 digits.")],
        render_kw={"inputmode": "numeric", "maxlength": "8"})



class PasswordChangeForm(FlaskForm):
    current = PasswordField("Current password", validators=[
        DataRequired("Enter your current password."), Length(max=MAX_PASSWORD)])
    new = PasswordField("New password", validators=[
        DataRequired("Choose a new password."),
        Length(min=10, max=MAX_PASSWORD, message="The password needs 10 to %(max)d characters.")])
    confirm = PasswordField("New password again", validators=[
        DataRequired("Type the new password a second time."), EqualTo("new", "The two passwords differ.")])


class TimeZoneForm(FlaskForm):
    time_zone = SelectField("Your time zone", validators=[DataRequired("Choose a time zone.")])


class ButtonForm(FlaskForm):
    """A form that is only a button (and its CSRF token)."""


class AdminPasswordForm(FlaskForm):
    """An administrator's reset: a temporary password made up here, or one they type."""

    choice = RadioField("New password", default="temporary", choices=[
        SelectChoice("temporary", "Make a temporary password; the teacher chooses a new one when they next sign in"),
        SelectChoice("given", "Set this password")])
    password = PasswordField("Password to set", validators=[Optional(), Length(
        min=10, max=MAX_PASSWORD, message="The password needs 10 to %(max)d characters.")])
