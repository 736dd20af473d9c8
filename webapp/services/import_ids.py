"""The ids a lesson zip's rows get on this server: the bundle's own id when it is free or names a
row the importing teacher may use, a fresh one (``id-2``...) when another teacher's row holds it.

Refusing such an id would tell the importer that another teacher's lesson, exercise, article or
story exists, and joining it would put their article into someone else's private story; a fresh
id answers the same whether the other row exists or not, and keeps the two apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from webapp.corpus.library import Corpus
from webapp.lessonplans.model import Lesson as PlanLesson
from webapp.models import Article, Exercise, Lesson, Story
from webapp.services.builder import unique_id
from webapp.services.visibility import may_use


@dataclass(frozen=True)
class ImportIds:
    """Bundle id -> id on this server, for each kind of row an import adds."""

    stories: dict[str, str]
    articles: dict[str, str]
    lesson: str
    exercises: dict[str, str]

    def plan(self, plan: PlanLesson) -> PlanLesson:
        """The lesson plan with every id it holds replaced by its id on this server."""
        exercises = tuple(replace(e, id=self.exercises[e.id], lesson=self.lesson,
                                  article=self.articles.get(e.article, e.article)) for e in plan.exercises)
        sequence = tuple(replace(s, exercise=self.exercises.get(s.exercise, s.exercise)) if s.exercise else s
                         for s in plan.sequence)
        return replace(plan, id=self.lesson, exercises=exercises, sequence=sequence)


def _mapping(session: Session, model: type, wanted: Iterable[str], teacher_id: int) -> dict[str, str]:
    wanted = sorted(set(wanted))
    used: set[str] = set(wanted)

    def taken(candidate: str) -> bool:
        return candidate in used or session.get(model, candidate) is not None

    mapping: dict[str, str] = {}
    for bundle_id in wanted:
        row = session.get(model, bundle_id)
        if row is None or may_use(row, teacher_id):
            mapping[bundle_id] = bundle_id
        else:
            mapping[bundle_id] = unique_id(bundle_id, taken)
            used.add(mapping[bundle_id])
    return mapping


def import_ids(session: Session, corpus: Corpus, plan: PlanLesson, teacher_id: int) -> ImportIds:
    """Where each of the bundle's stories, articles, lesson and exercises goes on this server."""
    fresh: Callable[[type, Iterable[str]], dict[str, str]] = (
        lambda model, ids: _mapping(session, model, ids, teacher_id))
    return ImportIds(stories=fresh(Story, (a.story for a in corpus.articles.values())),
                     articles=fresh(Article, corpus.articles), lesson=fresh(Lesson, [plan.id])[plan.id],
                     exercises=fresh(Exercise, (e.id for e in plan.exercises)))
