"""The lesson library as teachers and students see it: which lessons a person may open, the
cues a lesson puts in play, and teacher notes turned from Markdown into safe HTML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from webapp.models import Assignment, Cue, Exercise, Lesson, Student
from webapp.services.cues_in_play import cues_in_play
from webapp.services.visibility import visible_row, visible_to

STEP_NAMES = {
    "warm-up": "Warm-up", "mini-lesson": "Mini-lesson", "exercise": "Exercise",
    "discussion": "Discussion", "exit-ticket": "Exit ticket",
}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # "commonmark" with raw HTML off: a <script> in the notes is shown as text, never run.
    # markdown-it also refuses javascript: and data: links by default. Tables are on: the notes
    # use them for answer grids.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_markdown(text: str, top_level: int = 3, drop_heading: str | None = None) -> Markup:
    """Markdown as HTML in which every piece of the source text is escaped.

    The shallowest heading becomes ``<h{top_level}>`` so the notes sit under the page's own
    headings (the outline stays in order for screen readers); a first heading equal to
    ``drop_heading`` is left out, since the page already has it. Table cells lose their
    ``style`` (column alignment), which the strict CSP would refuse anyway.
    """
    md = _markdown()
    tokens = _without_first_heading(md.parse(text or ""), drop_heading)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = top_level - min(levels) if levels else 0
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{max(1, min(6, int(token.tag[1]) + shift))}"
        elif token.type in ("th_open", "td_open") and token.attrs:
            token.attrs.pop("style", None)
    return Markup(md.renderer.render(tokens, md.options, {}))


def _without_first_heading(tokens: list, title: str | None) -> list:
    if (title and len(tokens) >= 3 and tokens[0].type == "heading_open"
            and tokens[1].content.strip().casefold() == title.casefold()):
        return tokens[3:]
    return tokens


def teacher_notes(lesson: Lesson) -> Markup:
    """The lesson's teacher notes, to be shown under the page's own "Teacher notes" heading."""
    return render_markdown(lesson.notes, top_level=3, drop_heading="Teacher notes")


def library(session: Session, teacher_id: int) -> list[Lesson]:
    """The shipped lessons and the teacher's own, in the library's order."""
    return list(session.scalars(
        select(Lesson).where(visible_to(Lesson, teacher_id)).options(selectinload(Lesson.exercises))
        .order_by(Lesson.position, Lesson.title)))


def lesson_for_teacher(session: Session, lesson_id: str, teacher_id: int) -> Lesson | None:
    """The lesson when this teacher may see it (shipped, or theirs), else None."""
    return session.scalar(select(Lesson).where(Lesson.id == lesson_id, visible_to(Lesson, teacher_id)))


def lesson_for_student(session: Session, lesson_id: str, student: Student) -> Lesson | None:
    """The lesson when the student's class has been assigned any of its exercises, else None."""
    assigned = select(Assignment.id).join(Exercise, Assignment.exercise_id == Exercise.id).where(
        Assignment.classroom_id == student.classroom_id,
        or_(Assignment.lesson_id == lesson_id, Exercise.lesson_id == lesson_id))
    if session.scalar(assigned.limit(1)) is None:
        return None
    return session.get(Lesson, lesson_id)


def exercise_for_teacher(session: Session, exercise_id: str, teacher_id: int) -> Exercise | None:
    return visible_row(session, Exercise, exercise_id, teacher_id)


@dataclass(frozen=True)
class GlossaryEntry:
    """A cue as the student glossary shows it, with one example that gives nothing away."""

    cue: Cue
    example: dict | None


def glossary(session: Session, lesson: Lesson) -> list[GlossaryEntry]:
    """The lesson's cues in the taxonomy's order (the order of the labelling palette).

    Some of the taxonomy's examples are quoted from corpus articles: an example found in one of
    the lesson's own articles would be an answer, so the first example from elsewhere is used.
    """
    cues = cues_in_play(session, *lesson.exercises)
    if not cues:
        return []
    texts = [" ".join(e.article.text.split()) for e in lesson.exercises]
    return [GlossaryEntry(cue, _example_elsewhere(cue.examples or [], texts)) for cue in cues]


def _example_elsewhere(examples: list[dict], texts: list[str]) -> dict | None:
    for example in examples:
        quoted = " ".join(str(example.get("text", "")).split())
        if quoted and not any(quoted in text for text in texts):
            return example
    return None


def cue_names(session: Session) -> dict[str, str]:
    """Cue id -> the name students see, for lists of cues in play."""
    return dict(session.execute(select(Cue.id, Cue.name)).all())
