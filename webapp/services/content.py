"""Load the corpus, its keys and the lessons from files into the database (``framelab load``).

Idempotent: running it again changes nothing unless a file changed. Each article's analysis
(tone, sourcing, the classifier's cues) is computed here, once, and stored with the article.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from webapp.analysis.pipeline import CueDetector, analyze_text
from webapp.corpus.library import Corpus, load_corpus
from webapp.models import Article, Cue, Exercise, KeyLabel, Lesson, Story


def _upsert(session: Session, model, key: str, values: dict) -> bool:
    """Insert or update one row by primary key; True when anything changed."""
    row = session.get(model, key)
    if row is None:
        session.add(model(id=key, **values))
        return True
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _load_cues(session: Session, corpus: Corpus) -> None:
    for position, cue in enumerate(corpus.cues.values()):
        examples = [dataclasses.asdict(e) for e in cue.examples]
        _upsert(session, Cue, cue.id, dict(
            position=position, key=cue.key, name=cue.name, colour=cue.colour, pattern=cue.pattern,
            definition=cue.definition, how_to_spot=cue.how_to_spot, hint=cue.hint,
            common_confusion=cue.common_confusion, examples=examples))


def _load_articles(session: Session, corpus: Corpus, detector: CueDetector | None, version: str | None) -> Counter:
    counts: Counter = Counter()
    for story in corpus.stories.values():
        _upsert(session, Story, story.id, dict(title=story.title, date=story.date,
                                               summary=story.summary, invented=story.invented))
    session.flush()
    for article in corpus.articles.values():
        row = session.get(Article, article.id)
        fresh = row is None or row.sha256 != article.sha256 or row.model_version != version
        values = dict(
            story_id=article.story, headline=article.headline, outlet=article.outlet,
            outlet_kind=article.outlet_kind, byline=article.byline, credits=list(article.credits),
            published=article.published, derived_from=article.derived_from, invented=article.invented,
            provenance=article.provenance, text=article.text, sha256=article.sha256)
        if fresh:
            values["analysis"] = analyze_text(article.text, article.id, detector=detector).as_dict()
            values["model_version"] = version
            counts["analysed"] += 1
        _upsert(session, Article, article.id, values)
    return counts


def _load_keys(session: Session, corpus: Corpus) -> None:
    """Replace the corpus keys (author_id is NULL); teachers' own keys are left alone."""
    for article_id, key in corpus.keys.items():
        wanted = [(l.cue, l.start, l.end, l.text, l.rationale) for l in key.labels]
        rows = session.scalars(select(KeyLabel).where(
            KeyLabel.article_id == article_id, KeyLabel.author_id.is_(None))).all()
        if sorted(wanted) == sorted((r.cue_id, r.start, r.end, r.text, r.rationale) for r in rows):
            continue
        session.execute(delete(KeyLabel).where(KeyLabel.article_id == article_id, KeyLabel.author_id.is_(None)))
        session.add_all(KeyLabel(article_id=article_id, cue_id=c, start=s, end=e, text=t, rationale=r)
                        for c, s, e, t, r in wanted)


def _load_lessons(session: Session, lessons: dict) -> None:
    for lesson in lessons.values():
        plan = {
            "objectives": list(lesson.objectives), "materials": list(lesson.materials),
            "standards": [dataclasses.asdict(s) for s in lesson.standards],
            "sequence": [dataclasses.asdict(s) for s in lesson.sequence],
        }
        _upsert(session, Lesson, lesson.id, dict(
            position=lesson.order, title=lesson.title, grade_band=lesson.grade_band,
            periods=lesson.periods, duration_minutes=lesson.duration_minutes, plan=plan, notes=lesson.notes))
        session.flush()
        for position, exercise in enumerate(lesson.exercises):
            _upsert(session, Exercise, exercise.id, dict(
                lesson_id=lesson.id, position=position, title=exercise.title,
                article_id=exercise.article, cues=list(exercise.cues), mode=exercise.mode,
                instructions=exercise.instructions))


def load_content(session: Session, corpus_root: Path, lessons_root: Path,
                 detector: CueDetector | None = None, model_version: str | None = None) -> dict:
    """Bring the database in line with the files; returns counts for the command to print."""
    from webapp.lessonplans.parse import load_lessons

    corpus = load_corpus(corpus_root)
    lessons = load_lessons(lessons_root, corpus)
    _load_cues(session, corpus)
    counts = _load_articles(session, corpus, detector, model_version)
    _load_keys(session, corpus)
    _load_lessons(session, lessons)
    session.commit()
    return {"stories": len(corpus.stories), "articles": len(corpus.articles),
            "analysed": counts["analysed"], "keys": len(corpus.keys), "lessons": len(lessons)}
