"""A teacher's lesson as a zip of plain files, and such a zip imported as a teacher's lesson.

The export is checked with the file loaders before it is handed out, so what a teacher downloads
is known to pass ``framelab check``. The import refuses anything that would change what is already
on the server: a corpus or own article id with another text, a key that differs from the importing
teacher's own, a lesson or exercise id of theirs or the corpus's in use. Ids held by another
teacher's rows get fresh ones instead (:mod:`webapp.services.import_ids`), so an import neither
joins nor reveals anything of theirs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy.orm import Session

from webapp.corpus.articles import CorpusError, render_article
from webapp.corpus.keys import AnswerKey
from webapp.corpus.library import Corpus
from webapp.lessonplans.bundle import BundleError, check_bundle, read_bundle, write_bundle
from webapp.lessonplans.model import Lesson as PlanLesson
from webapp.lessonplans.write import lesson_file_name, render_key, render_lesson, render_story
from webapp.models import Article, Exercise, KeyLabel, Lesson, Story
from webapp.services.builder_corpus import (
    article_for_teacher,
    file_article,
    file_key,
    file_story,
    key_labels,
    own_key_labels,
)
from webapp.services.builder_lessons import lesson_row_values, plan_of
from webapp.services.import_ids import ImportIds, import_ids


class LessonFileError(ValueError):
    """A bundle that cannot be exported or imported; the message is for the teacher."""


def _articles_for(session: Session, lesson: Lesson, teacher_id: int) -> list[Article]:
    """The lesson's articles and those they derive from (the loader needs both), each once."""
    found: dict[str, Article] = {}
    queue = [exercise.article_id for exercise in lesson.exercises]
    while queue:
        article_id = queue.pop()
        article = article_for_teacher(session, article_id, teacher_id)
        if article is None or article.id in found:
            continue
        found[article.id] = article
        if article.derived_from:
            queue.append(article.derived_from)
    return [found[key] for key in sorted(found)]


def bundle_files(session: Session, lesson: Lesson, teacher_id: int, cues_yaml: str) -> dict[str, str]:
    """Every file of the lesson's bundle, by path."""
    plan = plan_of(lesson, teacher_id)
    files = {f"lessons/{lesson_file_name(plan.order, plan.id)}": render_lesson(plan), "corpus/cues.yaml": cues_yaml}
    articles = _articles_for(session, lesson, teacher_id)
    present = {article.id for article in articles}
    for article in articles:
        record = file_article(article)
        if record.derived_from not in present:
            # The source is another teacher's article: the copy's text stays, the link does not.
            record = replace(record, derived_from=None)
        files[f"corpus/articles/{article.story_id}/story.yaml"] = render_story(file_story(article.story))
        files[f"corpus/articles/{article.story_id}/{article.id}.md"] = render_article(record)
        labels = key_labels(article, teacher_id)
        if labels:
            key = file_key(article, labels)
            files[f"corpus/keys/{article.id}.yaml"] = render_key(key.article_id, key.text_sha256, key.labels)
    return files


def export_lesson(session: Session, lesson: Lesson, teacher_id: int, cues_yaml: str) -> bytes:
    """The lesson as a zip, after checking it loads as ``framelab check`` would load it."""
    files = bundle_files(session, lesson, teacher_id, cues_yaml)
    with TemporaryDirectory(prefix="framelab-export-") as folder:
        try:
            check_bundle({path: text.encode("utf-8") for path, text in files.items()}, Path(folder))
        except CorpusError as error:
            raise LessonFileError(f"This lesson cannot be exported as it is: {error}") from None
    return write_bundle(files)


def import_lesson(session: Session, teacher_id: int, data: bytes, analyse) -> Lesson:
    """Add a bundle's lesson, articles and keys as the teacher's own; nothing is added on error.

    ``analyse(text, article_id)`` returns ``(analysis dict, model version)`` for a new article.
    The caller commits; on :class:`LessonFileError` it rolls back.
    """
    try:
        files = read_bundle(data)
        with TemporaryDirectory(prefix="framelab-import-") as folder:
            checked = check_bundle(files, Path(folder))
    except (BundleError, CorpusError) as error:
        raise LessonFileError(str(error)) from None
    ids = import_ids(session, checked.corpus, checked.lesson, teacher_id)
    plan = ids.plan(checked.lesson)
    _check_ids_free(session, plan)
    for article_id in sorted(checked.corpus.articles):
        _import_article(session, checked.corpus, article_id, teacher_id, analyse, ids)
    return _add_lesson(session, plan, teacher_id)


def _check_ids_free(session: Session, plan: PlanLesson) -> None:
    if session.get(Lesson, plan.id) is not None:
        raise LessonFileError(f"A lesson with the id “{plan.id}” is already on this server (perhaps this "
                              "very lesson, imported before). Nothing was imported.")
    for exercise in plan.exercises:
        if session.get(Exercise, exercise.id) is not None:
            raise LessonFileError(f"An exercise with the id “{exercise.id}” is already on this server. "
                                  "Nothing was imported.")


def _labels_of(key: AnswerKey | None) -> set[tuple]:
    return {(l.cue, l.start, l.end, l.text, l.rationale) for l in key.labels} if key else set()


def _import_article(session: Session, corpus: Corpus, article_id: str, teacher_id: int, analyse,
                    ids: ImportIds) -> None:
    """Add the article (under its id on this server, see :mod:`webapp.services.import_ids`) or
    reuse the corpus's or the teacher's own with the same text."""
    record, key = corpus.articles[article_id], corpus.keys.get(article_id)
    existing = session.get(Article, ids.articles[article_id])
    if existing is None:
        story_id = _add_story(session, corpus, record.story, ids.stories[record.story], teacher_id)
        analysis, version = analyse(record.text, ids.articles[article_id])
        derived = ids.articles.get(record.derived_from, record.derived_from) if record.derived_from else None
        existing = Article(
            id=ids.articles[article_id], story_id=story_id, headline=record.headline, outlet=record.outlet,
            outlet_kind=record.outlet_kind, byline=record.byline, credits=list(record.credits),
            published=record.published, derived_from=derived, invented=record.invented,
            provenance=record.provenance, text=record.text, sha256=record.sha256, analysis=analysis,
            model_version=version, owner_id=teacher_id)
        session.add(existing)
        session.flush()
    elif existing.sha256 != record.sha256:
        raise LessonFileError(f"The article “{article_id}” is on this server with a different text, so its "
                              "key's offsets would not match. Nothing was imported.")
    _import_key(session, existing, key, teacher_id)


def _import_key(session: Session, article: Article, key: AnswerKey | None, teacher_id: int) -> None:
    wanted = _labels_of(key)
    current = {(l.cue_id, l.start, l.end, l.text, l.rationale) for l in key_labels(article, teacher_id)}
    if not wanted or wanted == current:
        return
    if own_key_labels(article, teacher_id):
        raise LessonFileError(f"You already have your own answer key for “{article.id}”, and the bundle's "
                              "differs from it. Nothing was imported.")
    session.add_all(KeyLabel(article_id=article.id, cue_id=cue, start=start, end=end, text=text,
                             rationale=rationale, author_id=teacher_id)
                    for cue, start, end, text, rationale in sorted(wanted))


def _add_story(session: Session, corpus: Corpus, bundle_id: str, story_id: str, teacher_id: int) -> str:
    """The story the new article joins: the corpus's or the teacher's own, or one the import
    starts, which is the teacher's (another teacher's story is never joined: it has a fresh id)."""
    if session.get(Story, story_id) is None:
        story = corpus.stories[bundle_id]
        session.add(Story(id=story_id, title=story.title, date=story.date, summary=story.summary,
                          invented=story.invented, owner_id=teacher_id))
        session.flush()
    return story_id


def _add_lesson(session: Session, plan: PlanLesson, teacher_id: int) -> Lesson:
    lesson = Lesson(id=plan.id, owner_id=teacher_id, **lesson_row_values(plan))
    session.add(lesson)
    session.flush()
    session.add_all(Exercise(id=e.id, lesson_id=lesson.id, position=position, title=e.title, article_id=e.article,
                             cues=list(e.cues), mode=e.mode, instructions=e.instructions, owner_id=teacher_id)
                    for position, e in enumerate(plan.exercises))
    session.flush()
    return lesson
