"""Writing lessons and answer keys as files, the reverse of :mod:`webapp.lessonplans.parse`.

A lesson built in the browser is written here in the ``lessons/`` format and then read back by
the parser, so one validator decides for files and for the web alike; the same text goes into
exported zip files, which ``framelab check`` accepts on another server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from tempfile import TemporaryDirectory

from webapp.corpus.articles import CorpusError
from webapp.corpus.keys import KeyLabel
from webapp.corpus.library import Corpus, Story
from webapp.corpus.yamlio import dump_yaml
from webapp.lessonplans.model import Exercise, Lesson, Standard, Step
from webapp.lessonplans.parse import load_lesson


def lesson_file_name(order: int, lesson_id: str) -> str:
    """``NN-<id>.md``: the name the library check requires."""
    return f"{order:02d}-{lesson_id}.md"


def _exercise_fields(exercise: Exercise) -> dict:
    fields = {"id": exercise.id, "title": exercise.title, "articles": [exercise.article],
              "cues": list(exercise.cues), "mode": exercise.mode, "instructions": exercise.instructions}
    if exercise.allow_absent_cues:
        fields["allow_absent_cues"] = True
    return fields


def _step_fields(step: Step) -> dict:
    fields = {"step": step.step, "minutes": step.minutes}
    if step.exercise is not None:
        fields["exercise"] = step.exercise
    fields["activity"] = step.activity
    return fields


def render_lesson(lesson: Lesson) -> str:
    """The lesson file's text: YAML front matter in the documented field order, then the notes."""
    front = {
        "id": lesson.id, "order": lesson.order, "title": lesson.title, "grade_band": lesson.grade_band,
        "periods": lesson.periods, "duration_minutes": lesson.duration_minutes,
        "objectives": list(lesson.objectives),
        "standards": [asdict(standard) for standard in lesson.standards],
        "materials": list(lesson.materials),
        "sequence": [_step_fields(step) for step in lesson.sequence],
        "exercises": [_exercise_fields(exercise) for exercise in lesson.exercises],
    }
    return f"---\n{dump_yaml(front)}---\n{lesson.notes.strip()}\n"


def check_lesson_text(text: str, file_name: str, corpus: Corpus) -> Lesson:
    """Parse lesson text with the file validator; errors name ``file_name`` and the line."""
    with TemporaryDirectory(prefix="framelab-lesson-") as folder:
        path = Path(folder) / file_name
        path.write_text(text, encoding="utf-8")
        try:
            lesson = load_lesson(path, corpus)
        except CorpusError as error:
            raise CorpusError(str(error).replace(str(path), file_name)) from None
    return replace(lesson, source=file_name)


def render_key(article_id: str, text_sha256: str, labels: Iterable[KeyLabel]) -> str:
    """An answer key file (``corpus/keys/<article>.yaml``) with offsets, sorted as the loader sorts."""
    rows = sorted(labels, key=lambda label: (label.start, label.end, label.cue))
    return dump_yaml({"article": article_id, "text_sha256": text_sha256, "labels": [
        {"cue": l.cue, "start": l.start, "end": l.end, "text": l.text, "rationale": l.rationale}
        for l in rows]})


def render_story(story: Story) -> str:
    """A story file (``corpus/articles/<story>/story.yaml``)."""
    return dump_yaml({"id": story.id, "title": story.title, "date": story.date,
                      "summary": story.summary, "invented": story.invented})


def new_lesson(lesson_id: str, order: int, title: str, grade_band: str, objectives: Sequence[str],
               standards: Sequence[Standard], materials: Sequence[str], sequence: Sequence[Step],
               exercises: Sequence[Exercise], notes: str) -> Lesson:
    """A lesson record from its parts; duration and periods follow from the steps' minutes."""
    duration = sum(step.minutes for step in sequence)
    periods = max(1, -(-duration // 50))
    return Lesson(lesson_id, order, title, grade_band, periods, duration, tuple(objectives), tuple(standards),
                  tuple(materials), tuple(sequence), tuple(exercises), notes, "")
