"""Lesson files: teacher notes in Markdown under YAML front matter, checked against the corpus.

Teachers edit these files by hand, so every problem raises :class:`CorpusError` naming the file
and the line to fix (``lessons/03-x.md:14: ...``); :mod:`webapp.lessonplans.fields` reads the
front matter with positions. This module holds the rules a lesson must follow, and the checks
that need the whole library (file names, ids and orders unique across files).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from webapp.corpus.articles import CorpusError
from webapp.corpus.library import Corpus
from webapp.lessonplans.fields import (
    Where,
    check_fields,
    load_front_matter,
    read_flag,
    read_id,
    read_list,
    read_mapping,
    read_text,
    read_texts,
    read_whole,
    split_front_matter,
)
from webapp.lessonplans.model import (
    GRADE_BANDS,
    MODES,
    PERIOD_MINUTES,
    STEP_ORDER,
    Exercise,
    Lesson,
    Standard,
    Step,
)

_LESSON_FIELDS = ("id", "order", "title", "grade_band", "periods", "duration_minutes", "objectives",
                  "standards", "materials", "sequence", "exercises")
_EXERCISE_FIELDS = ("id", "title", "articles", "cues", "mode", "instructions")
_STEP_FIELDS = ("step", "minutes", "activity")
_STANDARD_RE = re.compile(
    r"^(?:CCSS\.ELA-LITERACY\.(?:RI|RH|RL|SL|W|WHST|L)\.(?P<ccss>\d{1,2}(?:-\d{1,2})?)\.\d{1,2}[a-e]?"
    r"|C3\.D[1-4]\.(?:[A-Z][a-z]{1,4}\.)?\d{1,2}\.(?P<c3>K-2|\d{1,2}-\d{1,2}))$")
_OBJECTIVE_STEM = "students will be able to"
_RUN_ORDER = ", ".join(STEP_ORDER)


class _Lines(NamedTuple):
    """Where a lesson's ids sit, kept for the checks that need every file (duplicates, names)."""

    id: int
    order: int
    exercises: dict[str, int]


def _grades(span: str) -> tuple[int, int]:
    """First and last grade of a code's grade part ("8", "9-10", "K-2")."""
    low, _, high = span.partition("-")
    first = 0 if low == "K" else int(low)
    return first, int(high or first)


def _standards(data: dict, band: str, where: Where) -> tuple[Standard, ...]:
    """Known code shapes only, and only codes for grades the lesson is meant for."""
    items, result = read_list(data, "standards", where, 1, 12), []
    band_low, band_high = GRADE_BANDS[band]
    for index, entry in enumerate(items):
        entry = read_mapping(entry, index, items, where, "standards")
        check_fields(entry, ("code", "text"), (), where, "a standard")
        code = read_text(entry, "code", where)
        match = _STANDARD_RE.match(code)
        if not match:
            where.fail(entry, "code", f"'{code}' is not a Common Core code (CCSS.ELA-LITERACY.RI.8.6) "
                                      "or a C3 Framework code (C3.D3.2.9-12)")
        low, high = _grades(match.group("ccss") or match.group("c3"))
        if high < band_low or low > band_high:
            where.fail(entry, "code", f"{code} is for grades {low}-{high}, outside grade band {band}")
        result.append(Standard(code, read_text(entry, "text", where)))
    return tuple(result)


def _objectives(data: dict, where: Where) -> tuple[str, ...]:
    """Each objective completes "Students will be able to ...", which the app prints once."""
    items = read_texts(data, "objectives", where, 2, 4)
    for index, text in enumerate(items):
        if text.lower().startswith(_OBJECTIVE_STEM):
            where.fail(data["objectives"], index, "write the objective without 'Students will be able "
                                                  "to'; it completes that sentence")
    return items


def _article(entry: dict, corpus: Corpus, where: Where) -> str:
    """The one article, which must exist and have a key: students are scored against the key."""
    items = read_list(entry, "articles", where, 1, 99)
    if len(items) > 1:
        where.fail(entry, "articles", "an exercise has exactly one article (the labelling view shows "
                                      "one); make one exercise per article")
    article = items[0]
    if not isinstance(article, str) or article not in corpus.articles:
        where.fail(items, 0, f"unknown article '{article}' (not in the corpus)")
    if article not in corpus.keys:
        where.fail(items, 0, f"article '{article}' has no answer key, so labels could not be checked")
    return article


def _cues(entry: dict, article: str, corpus: Corpus, where: Where) -> tuple[str, ...]:
    """Known cues, each one the article's key marks: a cue the key never marks cannot be found."""
    items = read_list(entry, "cues", where, 1, len(corpus.cues))
    keyed = {label.cue for label in corpus.keys[article].labels}
    allow = read_flag(entry, "allow_absent_cues", where)
    for index, cue in enumerate(items):
        if not isinstance(cue, str) or cue not in corpus.cues:
            where.fail(items, index, f"unknown cue '{cue}' (cues: {', '.join(corpus.cues)})")
        if cue in items[:index]:
            where.fail(items, index, f"cue '{cue}' is listed twice")
        if cue not in keyed and not allow:
            marked = ", ".join(sorted(keyed)) or "none"
            where.fail(items, index, f"the answer key of {article} never marks '{cue}', so students could "
                                     f"not find it; choose cues it marks ({marked}) or set "
                                     "allow_absent_cues: true for a deliberate nothing-to-find task")
    present = [cue for cue in items if cue in keyed]
    if allow and not present:
        where.fail(entry, "cues", f"the key of {article} marks none of these cues; an exercise needs "
                                  "at least one thing to find")
    if allow and len(present) == len(items):
        where.fail(entry, "allow_absent_cues", f"the key of {article} marks every cue in play; "
                                               "remove allow_absent_cues")
    return tuple(items)


def _exercise(entry: dict, lesson_id: str, corpus: Corpus, where: Where) -> Exercise:
    check_fields(entry, _EXERCISE_FIELDS, ("allow_absent_cues",), where, "an exercise")
    exercise_id, title = read_id(entry, where), read_text(entry, "title", where)
    article = _article(entry, corpus, where)
    cues = _cues(entry, article, corpus, where)
    mode = read_text(entry, "mode", where)
    if mode not in MODES:
        where.fail(entry, "mode", f"mode '{mode}' is not one of {', '.join(MODES)}")
    instructions = read_text(entry, "instructions", where)
    return Exercise(exercise_id, lesson_id, title, article, cues, mode, instructions,
                    read_flag(entry, "allow_absent_cues", where))


def _exercises(data: dict, lesson_id: str, corpus: Corpus, where: Where) -> tuple[Exercise, ...]:
    items, result = read_list(data, "exercises", where, 1, 20), []
    for index, entry in enumerate(items):
        exercise = _exercise(read_mapping(entry, index, items, where, "exercises"), lesson_id, corpus, where)
        if exercise.id in {e.id for e in result}:
            where.fail(entry, "id", f"exercise id '{exercise.id}' is used twice in this lesson")
        result.append(exercise)
    return tuple(result)


def _step(entry: dict, where: Where) -> Step:
    """One step; only exercise steps name an exercise, so the app knows what to assign when."""
    check_fields(entry, _STEP_FIELDS, ("exercise",), where, "a sequence step")
    name = read_text(entry, "step", where)
    if name not in STEP_ORDER:
        where.fail(entry, "step", f"unknown step '{name}' (steps, in order: {_RUN_ORDER})")
    minutes, exercise = read_whole(entry, "minutes", where, 1, 2 * PERIOD_MINUTES), None
    if name == "exercise":
        if "exercise" not in entry:
            where.fail(entry, None, "an exercise step names the exercise it runs (exercise: <id>)")
        exercise = read_text(entry, "exercise", where)
    elif "exercise" in entry:
        where.fail(entry, "exercise", f"only exercise steps name an exercise; this is a '{name}' step")
    return Step(name, minutes, read_text(entry, "activity", where), exercise)


def _sequence(data: dict, exercise_ids: list[str], where: Where) -> tuple[Step, ...]:
    """Steps run warm-up, mini-lesson, exercise(s), discussion, exit-ticket; only exercises repeat."""
    items, steps = read_list(data, "sequence", where, 1, 20), []
    for index, entry in enumerate(items):
        step = _step(read_mapping(entry, index, items, where, "sequence"), where)
        previous = steps[-1].step if steps else None
        if previous and STEP_ORDER.index(step.step) < STEP_ORDER.index(previous):
            where.fail(items, index, f"'{step.step}' comes after '{previous}', but a lesson runs "
                                     f"{_RUN_ORDER} in that order")
        if step.step == previous and step.step != "exercise":
            where.fail(items, index, f"a lesson has one '{step.step}' step; this is a second one")
        if step.exercise is not None and step.exercise not in exercise_ids:
            where.fail(entry, "exercise", f"exercise '{step.exercise}' is not one of this lesson's "
                                          f"exercises ({', '.join(exercise_ids)})")
        steps.append(step)
    missing = [name for name in STEP_ORDER if name not in {s.step for s in steps}]
    if missing:
        where.fail(data, "sequence", f"the sequence has no '{missing[0]}' step (a lesson runs {_RUN_ORDER})")
    return tuple(steps)


def _periods(count: int) -> str:
    return f"{count} period" if count == 1 else f"{count} periods"


def _check_time(data: dict, steps: tuple[Step, ...], periods: int, where: Where) -> int:
    """The plan must add up, and fill its periods: teachers schedule lessons by the period."""
    duration = read_whole(data, "duration_minutes", where, 1, 1000)
    total = sum(step.minutes for step in steps)
    if total != duration:
        where.fail(data, "duration_minutes", f"duration_minutes is {duration}, but the sequence adds up "
                                             f"to {total} ({' + '.join(str(s.minutes) for s in steps)})")
    if duration > periods * PERIOD_MINUTES:
        where.fail(data, "duration_minutes", f"{duration} minutes do not fit in {_periods(periods)} of "
                                             f"{PERIOD_MINUTES} minutes")
    if duration <= (periods - 1) * PERIOD_MINUTES:
        where.fail(data, "periods", f"{duration} minutes fit in {_periods(periods - 1)}; "
                                    f"set periods: {periods - 1}")
    return duration


def _check_used(steps: tuple[Step, ...], exercises: tuple[Exercise, ...], items: list, where: Where) -> None:
    """An exercise no step runs would never be assigned as part of the lesson."""
    used = {step.exercise for step in steps}
    for exercise, entry in zip(exercises, items):
        if exercise.id not in used:
            where.fail(entry, "id", f"exercise '{exercise.id}' is not run by any step of the sequence")


def _band(data: dict, where: Where) -> str:
    band = read_text(data, "grade_band", where)
    if band not in GRADE_BANDS:
        where.fail(data, "grade_band", f"unknown grade band '{band}' (bands: {', '.join(GRADE_BANDS)})")
    return band


def _build(data: dict, body: str, close_line: int, where: Where, corpus: Corpus) -> Lesson:
    check_fields(data, _LESSON_FIELDS, (), where, "the lesson")
    lesson_id, order = read_id(data, where), read_whole(data, "order", where, 1, 99)
    title, band = read_text(data, "title", where), _band(data, where)
    periods = read_whole(data, "periods", where, 1, 2)
    objectives, standards = _objectives(data, where), _standards(data, band, where)
    materials = read_texts(data, "materials", where, 1, 30)
    exercises = _exercises(data, lesson_id, corpus, where)
    steps = _sequence(data, [exercise.id for exercise in exercises], where)
    duration = _check_time(data, steps, periods, where)
    _check_used(steps, exercises, data["exercises"], where)
    if not body.strip():
        where.fail_at(close_line, "the teacher notes after the front matter are empty")
    return Lesson(lesson_id, order, title, band, periods, duration, objectives, standards, materials,
                  steps, exercises, body.strip() + "\n", str(where.path))


def _load(path: Path, corpus: Corpus) -> tuple[Lesson, _Lines]:
    where = Where(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: cannot read the lesson file ({error})") from None
    front, body, close_line = split_front_matter(source.lstrip("\ufeff"), where)
    data = load_front_matter(front, where)
    lesson = _build(data, body, close_line, where, corpus)
    lines = {e.id: where.line(item, "id") for e, item in zip(lesson.exercises, data["exercises"])}
    return lesson, _Lines(where.line(data, "id"), where.line(data, "order"), lines)


def load_lesson(path: Path, corpus: Corpus) -> Lesson:
    """Read and check one lesson file; the first problem found raises :class:`CorpusError`."""
    return _load(Path(path), corpus)[0]


def _claim(seen: dict[str, str], key: str, place: str, what: str) -> None:
    if key in seen:
        raise CorpusError(f"{place}: {what} is already used by {seen[key]}")
    seen[key] = place


def _check_library(loaded: list[tuple[Lesson, _Lines]]) -> None:
    """What one file cannot show: file names, and ids and orders unique across the library."""
    ids: dict[str, str] = {}
    orders: dict[str, str] = {}
    exercise_ids: dict[str, str] = {}
    for lesson, lines in loaded:
        expected = f"{lesson.order:02d}-{lesson.id}.md"
        if Path(lesson.source).name != expected:
            raise CorpusError(f"{lesson.source}:{lines.id}: the file name must be {expected} "
                              "(order, then id)")
        _claim(ids, lesson.id, f"{lesson.source}:{lines.id}", f"lesson id '{lesson.id}'")
        _claim(orders, str(lesson.order), f"{lesson.source}:{lines.order}", f"order {lesson.order}")
        for exercise_id, line in lines.exercises.items():
            _claim(exercise_ids, exercise_id, f"{lesson.source}:{line}", f"exercise id '{exercise_id}'")


def load_lessons(folder: Path, corpus: Corpus) -> dict[str, Lesson]:
    """Every lesson file in ``folder`` (README.md aside), checked together, in ``order``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: there is no lessons folder here")
    paths = [p for p in sorted(folder.glob("*.md")) if p.name.lower() != "readme.md"]
    loaded = [_load(path, corpus) for path in paths]
    _check_library(loaded)
    return {lesson.id: lesson for lesson, _ in sorted(loaded, key=lambda item: item[0].order)}
