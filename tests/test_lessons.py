"""Lesson plans: the shipped lessons validate against the real corpus and cover the progression,
and every broken fixture fails with the file and the line a teacher would have to fix.

A fixture marks the line its error must name with the comment ``<- error``; the few errors that
point at a line which cannot carry a comment (an opening or closing ``---``) give it in the table.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from webapp.corpus.articles import CorpusError
from webapp.lessonplans import Lesson, load_lesson, load_lessons

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
FIXTURES = ROOT / "tests" / "fixtures" / "lessons"
MARKER = "<- error"

# The progression the library promises: topic -> the lesson that teaches it.
TOPICS = {
    "what framing is": "what-is-framing",
    "loaded words and labels": "loaded-words-and-labels",
    "scare quotes and rhetorical questions": "scare-quotes-and-questions",
    "who is talking": "who-is-talking",
    "tone meters": "tone-meters",
    "copies, rewrites and wire copy": "copies-and-rewrites",
    "you versus the machine": "you-versus-the-machine",
}
# Lessons that must end with at least one graded exercise.
GRADED = ("loaded-words-and-labels", "scare-quotes-and-questions", "who-is-talking", "you-versus-the-machine")

# fixture file -> (part of the message, the line when no marker can carry it)
BROKEN = {
    "missing-title.md": ("the lesson has no 'title' field", None),
    "empty-objectives.md": ("'objectives' is empty", None),
    "wrong-type.md": ("'minutes' must be a whole number, not text", None),
    "unknown-field.md": ("unknown field 'minuts' in a sequence step", None),
    "unknown-grade-band.md": ("unknown grade band '5-8'", None),
    "standard-for-other-grades.md": ("is for grades 11-12, outside grade band 6-8", None),
    "objective-repeats-stem.md": ("without 'Students will be able to'", None),
    "minutes-do-not-add-up.md": ("duration_minutes is 50, but the sequence adds up to 45", None),
    "longer-than-periods.md": ("60 minutes do not fit in 1 period of 50 minutes", None),
    "periods-too-many.md": ("50 minutes fit in 1 period; set periods: 1", None),
    "unknown-step.md": ("unknown step 'homework'", None),
    "step-out-of-order.md": ("'exercise' comes after 'discussion'", None),
    "step-twice.md": ("a lesson has one 'mini-lesson' step", None),
    "step-missing.md": ("the sequence has no 'exit-ticket' step", None),
    "step-names-unknown-exercise.md": ("exercise 'fixture-exercize' is not one of this lesson's", None),
    "exercise-not-used.md": ("exercise 'fixture-extra' is not run by any step", None),
    "duplicate-exercise-id.md": ("exercise id 'fixture-exercise' is used twice in this lesson", None),
    "unknown-article.md": ("unknown article 'iraq-2021-009'", None),
    "two-articles.md": ("an exercise has exactly one article", None),
    "unknown-cue.md": ("unknown cue 'framing-device'", None),
    "unknown-mode.md": ("mode 'homework' is not one of practice, graded", None),
    "cue-absent-from-key.md": ("the answer key of iraq-2021-000 never marks 'anonymous-sourcing'", None),
    "absent-cues-flag-with-nothing-to-find.md": ("marks none of these cues", None),
    "absent-cues-flag-not-needed.md": ("remove allow_absent_cues", None),
    "invalid-yaml.md": ("not valid YAML: mapping values are not allowed here", None),
    "duplicate-field.md": ("not valid YAML: found duplicate key \"title\"", None),
    "no-front-matter.md": ("a lesson file starts with a '---' line", None),
    "unclosed-front-matter.md": ("the front matter has no closing '---' line", 1),
    "empty-notes.md": ("the teacher notes after the front matter are empty", 40),
}
# library folder -> part of the message; these problems only show when the files are loaded together
BROKEN_LIBRARIES = {
    "library-duplicate-exercise": "exercise id 'shared-exercise' is already used by",
    "library-duplicate-lesson-id": "lesson id 'same-lesson' is already used by",
    "library-duplicate-order": "order 3 is already used by",
    "library-misnamed": "the file name must be 01-new-name.md",
}


def _marked(path: Path) -> int:
    """The 1-based line that carries the fixture's error marker."""
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if MARKER in line]
    assert len(lines) == 1, f"{path.name} must mark exactly one line with '{MARKER}'"
    return lines[0]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def lessons(corpus) -> dict[str, Lesson]:
    return load_lessons(LESSONS, corpus)


# ---- the shipped library ----

@pytest.mark.parametrize("path", sorted(p for p in LESSONS.glob("*.md") if p.name != "README.md"),
                         ids=lambda p: p.name)
def test_each_shipped_lesson_validates_against_the_corpus(path, corpus):
    assert load_lesson(path, corpus).notes.strip()


def test_the_library_loads_ordered_by_order(lessons):
    orders = [lesson.order for lesson in lessons.values()]
    assert orders == sorted(orders) and list(lessons) == [lesson.id for lesson in lessons.values()]


def test_there_are_at_least_seven_lessons(lessons):
    assert len(lessons) >= 7


def test_orders_are_unique_and_run_from_one(lessons):
    assert [lesson.order for lesson in lessons.values()] == list(range(1, len(lessons) + 1))


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_of_the_progression_has_a_lesson(topic, lessons):
    assert TOPICS[topic] in lessons, f"no lesson for {topic}"


def test_framing_comes_first_and_the_machine_last(lessons):
    ids = list(lessons)
    assert ids[0] == "what-is-framing" and ids[-1] == "you-versus-the-machine"


@pytest.mark.parametrize("lesson_id", GRADED)
def test_promised_lessons_have_a_graded_exercise(lesson_id, lessons):
    assert any(exercise.graded for exercise in lessons[lesson_id].exercises)


def test_every_lesson_pairs_with_one_to_three_exercises(lessons):
    assert all(1 <= len(lesson.exercises) <= 3 for lesson in lessons.values())


def test_the_copies_lesson_uses_derived_articles(lessons, corpus):
    articles = [corpus.articles[e.article] for e in lessons["copies-and-rewrites"].exercises]
    assert {"iraq-2021-003", "iraq-2021-004"} <= {a.id for a in articles}
    assert any(a.derived_from for a in articles if a.invented)


def test_teacher_notes_quote_every_keyed_passage_in_play(lessons, corpus):
    missing = [(exercise.id, label.cue, label.text)
               for lesson in lessons.values() for exercise in lesson.exercises
               for label in corpus.keys[exercise.article].labels
               if label.cue in exercise.cues and _words(label.text) not in _words(lesson.notes)]
    assert not missing


def test_the_readme_progression_table_lists_every_lesson(lessons):
    readme = (LESSONS / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("|")]
    for lesson in lessons.values():
        row = next((row for row in rows if f"`{lesson.id}`" in row), "")
        assert row.startswith(f"| {lesson.order} |") and lesson.title in row, lesson.id


def test_lessons_are_frozen(lessons):
    lesson = next(iter(lessons.values()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        lesson.title = "changed"  # type: ignore[misc]


def test_the_package_does_not_import_flask():
    code = "import sys, webapp.lessonplans; sys.exit('flask' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=False).returncode == 0


# ---- broken fixtures ----

def test_every_fixture_is_in_a_table():
    files = {p.name for p in FIXTURES.glob("*.md")}
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert files == set(BROKEN) and folders == set(BROKEN_LIBRARIES) | {"valid"}


def test_the_control_fixture_is_valid(corpus):
    assert list(load_lessons(FIXTURES / "valid", corpus)) == ["fixture-lesson"]


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_lesson_fails_naming_its_file_and_line(name, corpus):
    path = FIXTURES / name
    message, line = BROKEN[name]
    with pytest.raises(CorpusError) as error:
        load_lesson(path, corpus)
    assert str(error.value).startswith(f"{path}:{line or _marked(path)}: ")
    assert message in str(error.value)


@pytest.mark.parametrize("folder", BROKEN_LIBRARIES)
def test_a_broken_library_fails_naming_the_second_file_and_line(folder, corpus):
    marked = [p for p in sorted((FIXTURES / folder).glob("*.md")) if MARKER in p.read_text(encoding="utf-8")]
    with pytest.raises(CorpusError) as error:
        load_lessons(FIXTURES / folder, corpus)
    assert str(error.value).startswith(f"{marked[0]}:{_marked(marked[0])}: ")
    assert BROKEN_LIBRARIES[folder] in str(error.value)


def test_a_missing_lessons_folder_is_an_error(corpus, tmp_path):
    with pytest.raises(CorpusError, match="there is no lessons folder"):
        load_lessons(tmp_path / "nowhere", corpus)
