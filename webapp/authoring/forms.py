"""Forms of the authoring pages: the upload (or paste), a cleaning undo/redo, and the metadata."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from webapp.corpus.articles import OUTLET_KINDS
from webapp.corpus.reading import MAX_INPUT_BYTES
from webapp.services.authoring.articles import NEW_STORY
from webapp.services.authoring.drafts import UPLOAD_SUFFIXES, limit_text

try:  # WTForms 3.3 deprecates (value, label) tuples for SelectChoice; older versions take tuples
    from wtforms.fields.choices import SelectChoice as _Choice
except ImportError:  # pragma: no cover - WTForms < 3.3
    def _Choice(value: str, label: str):  # stands in for the class
        return (value, label)

# Kinds as the corpus uses them, with what each means to a teacher choosing one.
OUTLET_KIND_NAMES = {
    "wire": "Wire service or news agency", "broadcaster": "Broadcaster (TV or radio)",
    "newspaper": "Newspaper", "magazine": "Magazine", "specialist": "Specialist or trade publication",
    "blog": "Blog or opinion site", "aggregator": "Aggregator (republishes or rewrites others)",
}


class UploadForm(FlaskForm):
    """One of the two: a file, or text pasted into the box."""

    upload = FileField(f"A file: .txt, .md or a saved .html page (at most {limit_text()})", validators=[
        FileAllowed([s.lstrip(".") for s in UPLOAD_SUFFIXES], "FrameLab reads .txt, .md and .html files.")],
        render_kw={"accept": ",".join(UPLOAD_SUFFIXES)})
    pasted = TextAreaField("Or paste the article’s text", validators=[
        Optional(), Length(max=MAX_INPUT_BYTES, message=f"Pasted text can be at most {limit_text()}.")],
        render_kw={"rows": 10})

    def validate(self, extra_validators=None) -> bool:
        """Exactly one of the two (checked here: an empty optional field skips its own checks)."""
        if not super().validate(extra_validators):
            return False
        pasted = (self.pasted.data or "").strip()
        if bool(pasted) == bool(self.upload.data):
            self.pasted.errors.append("Choose a file or paste text, not both." if pasted
                                      else "Choose a file or paste the article’s text.")
            return False
        return True


class LeftoverForm(FlaskForm):
    """A corrected paragraph of the cleaned text (empty deletes it); ``original`` says which."""

    original = HiddenField(validators=[DataRequired(), Length(max=20000)])
    corrected = TextAreaField("Corrected text (empty it to delete the paragraph)",
                              validators=[Length(max=5000, message="At most %(max)d characters.")])


class RemovalForm(FlaskForm):
    """Undo (put back) or redo (remove again) one of the cleaner's removals."""

    removal = HiddenField(validators=[DataRequired(), Length(max=80)])
    action = HiddenField(validators=[DataRequired()])

    def validate_action(self, field) -> None:
        if field.data not in ("undo", "redo"):
            raise ValidationError("Unknown action.")


class DiscardForm(FlaskForm):
    """No fields: discarding a draft is a POST with its CSRF token."""


class MetadataForm(FlaskForm):
    headline = StringField("Headline", validators=[
        DataRequired("Give the article its headline."),
        Length(max=300, message="A headline has at most %(max)d characters.")])
    outlet = StringField("Outlet (who published it)", validators=[
        DataRequired("Name the outlet, e.g. the newspaper or site."), Length(max=200)])
    outlet_kind = SelectField("Kind of outlet", validators=[DataRequired()],
                              choices=[_Choice(k, OUTLET_KIND_NAMES[k]) for k in OUTLET_KINDS])
    byline = StringField("Byline (optional)", validators=[Optional(), Length(max=200)])
    published = DateField("Date published", validators=[
        DataRequired("Give the date it was published, e.g. 2024-03-18.")])
    story = SelectField("Story", validators=[DataRequired("Choose a story or start a new one.")])
    new_story_title = StringField("New story’s title", validators=[Optional(), Length(max=200)])
    derived_from = SelectField("Copies or rewrites another article (optional)", validators=[Optional()])
    invented = BooleanField("This article is invented for teaching (not a real published article)")
    source_note = StringField("Where it comes from (optional: a web address or a citation)",
                              validators=[Optional(), Length(max=500)])

    def fill(self, stories, articles) -> None:
        self.story.choices = [_Choice(NEW_STORY, "A new story of mine")] + [
            _Choice(s.id, s.title) for s in stories]
        self.derived_from.choices = [_Choice("", "No")] + [
            _Choice(a.id, f"{a.headline or a.id} ({a.outlet})") for a in articles]

    def validate(self, extra_validators=None) -> bool:
        """A new story needs a title (checked here: an empty optional field skips its own checks)."""
        valid = super().validate(extra_validators)
        if self.story.data == NEW_STORY and not (self.new_story_title.data or "").strip():
            self.new_story_title.errors = [*self.new_story_title.errors,
                                           "Give the new story a title (what happened, in a few words)."]
            return False
        return valid
