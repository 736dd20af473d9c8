"""Forms of the builder (Flask-WTF: each carries a CSRF token). Field ids are stable (``title``,
``article``, ``cues-0``, ``exercises-0-exercise``...) so that browser tests can drive them."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from webapp.grading.states import ExerciseMode
from webapp.lessonplans.model import GRADE_BANDS, Standard
from webapp.services.builder import INSTRUCTIONS_MAX, TITLE_MAX
from webapp.services.builder_lessons import ExerciseStep, LessonDraft

TEXT_MAX, NOTES_MAX = 2000, 40000
EXERCISE_ROWS = 4
_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")


def without_controls(value: str | None) -> str | None:
    """Drop control characters (NUL among them, which PostgreSQL cannot store in text)."""
    return value.translate(_CONTROLS) if isinstance(value, str) else value


CLEAN = [without_controls]


class CheckboxesField(SelectMultipleField):
    """A group of checkboxes: easier to use with a keyboard and on touch than a multiple select."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _title(label: str) -> StringField:
    return StringField(label, filters=CLEAN, validators=[DataRequired("Give it a title."),
                                          Length(max=TITLE_MAX, message="At most %(max)d characters.")])


class ExerciseForm(FlaskForm):
    title = _title("Title students see")
    article = SelectField("Article", validators=[DataRequired("Choose an article.")])
    cues = CheckboxesField("Cues in play", validators=[DataRequired("Choose at least one cue.")])
    allow_absent_cues = BooleanField("Some cues have nothing to find, on purpose")
    mode = RadioField("Mode", choices=[SelectChoice(ExerciseMode.PRACTICE, "Practice: feedback after each label, not graded"),
                                       SelectChoice(ExerciseMode.GRADED, "Graded: feedback after handing in")],
                      default=ExerciseMode.PRACTICE, validators=[DataRequired("Choose practice or graded.")])
    instructions = TextAreaField("Instructions to students", filters=CLEAN, validators=[
        DataRequired("Tell students what to do."),
        Length(max=INSTRUCTIONS_MAX, message="At most %(max)d characters.")])


def _minutes(label: str, required: bool = True) -> IntegerField:
    check = [InputRequired("Give the minutes.")] if required else [Optional()]
    return IntegerField(label, validators=check + [NumberRange(1, 100, "From 1 to 100 minutes.")])


def _activity(label: str, required: bool = True) -> TextAreaField:
    check = [DataRequired("Say what happens in this step.")] if required else [Optional()]
    length = Length(max=TEXT_MAX, message="At most %(max)d characters.")
    return TextAreaField(label, filters=CLEAN, validators=[*check, length])


class ExerciseStepForm(Form):
    """One exercise step of a lesson; an empty row is left out."""

    exercise = SelectField("Exercise", validators=[Optional()])
    minutes = _minutes("Minutes", required=False)
    activity = _activity("What students do", required=False)

    def is_empty(self) -> bool:
        return not self.exercise.data


def _lines(text: str | None) -> tuple[str, ...]:
    """Non-empty lines, without list bullets a teacher may paste."""
    return tuple(line.strip().lstrip("-•*").strip() for line in (text or "").splitlines()
                 if line.strip().lstrip("-•*").strip())


class LessonForm(FlaskForm):
    title = _title("Lesson title")
    grade_band = SelectField("Grade band", choices=[SelectChoice(band, f"Grades {band}") for band in GRADE_BANDS])
    objectives = TextAreaField("Learning objectives (one per line)", filters=CLEAN, validators=[
        DataRequired("Give two to four objectives."), Length(max=TEXT_MAX)])
    standards = TextAreaField("Standards (one per line: the code, a space, then a paraphrase)", filters=CLEAN,
                              validators=[
        DataRequired("Give at least one standard."), Length(max=TEXT_MAX)])
    materials = TextAreaField("Materials (one per line)", filters=CLEAN, validators=[
        DataRequired("List what you prepare."), Length(max=TEXT_MAX)])
    warm_up_minutes, warm_up = _minutes("Warm-up: minutes"), _activity("Warm-up: what happens")
    mini_lesson_minutes, mini_lesson = _minutes("Mini-lesson: minutes"), _activity("Mini-lesson: what happens")
    exercises = FieldList(FormField(ExerciseStepForm), min_entries=EXERCISE_ROWS, max_entries=20)
    discussion_minutes, discussion = _minutes("Discussion: minutes"), _activity("Discussion: what happens")
    exit_ticket_minutes, exit_ticket = _minutes("Exit ticket: minutes"), _activity("Exit ticket: the question")
    notes = TextAreaField("Teacher notes (Markdown): background, expected answers, misconceptions", filters=CLEAN,
                          validators=[
        DataRequired("Write the teacher notes, with the expected answers."),
        Length(max=NOTES_MAX, message="At most %(max)d characters.")], render_kw={"rows": 14})

    def set_exercise_choices(self, choices: list[tuple[str, str]]) -> None:
        for row in self.exercises:
            row.exercise.choices = [("", "(none)")] + choices

    def validate_exercises(self, field) -> None:
        rows = [row for row in field if not row.is_empty()]
        if not rows:
            raise ValidationError("Choose at least one exercise.")
        for row in rows:
            if row.minutes.data is None or not (row.activity.data or "").strip():
                raise ValidationError("Give minutes and what students do for every exercise you choose.")

    def draft(self) -> LessonDraft:
        """The form's content for the builder service."""
        standards = []
        for line in _lines(self.standards.data):
            code, _, text = line.partition(" ")
            standards.append(Standard(code.strip(), text.strip()))
        steps = tuple(ExerciseStep(row.exercise.data, row.minutes.data, row.activity.data.strip())
                      for row in self.exercises if not row.is_empty())
        return LessonDraft(
            title=self.title.data.strip(), grade_band=self.grade_band.data, objectives=_lines(self.objectives.data),
            standards=tuple(standards), materials=_lines(self.materials.data),
            warm_up=(self.warm_up_minutes.data, self.warm_up.data.strip()),
            mini_lesson=(self.mini_lesson_minutes.data, self.mini_lesson.data.strip()),
            exercises=steps,
            discussion=(self.discussion_minutes.data, self.discussion.data.strip()),
            exit_ticket=(self.exit_ticket_minutes.data, self.exit_ticket.data.strip()),
            notes=self.notes.data.strip())


class AssignExerciseForm(FlaskForm):
    classroom = SelectField("Class", coerce=int, validators=[DataRequired("Choose a class.")])
    due_at = DateTimeLocalField("Due date and time (UTC, optional)", validators=[Optional()],
                                format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"])


class ImportLessonForm(FlaskForm):
    archive = FileField("Lesson file (.zip exported from FrameLab)",
                        validators=[FileRequired("Choose a .zip file to upload.")],
                        render_kw={"accept": ".zip,application/zip"})


class ConfirmForm(FlaskForm):
    """No fields: confirmations (delete, start, accept, decline) are POSTs with a CSRF token."""
