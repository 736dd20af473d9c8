"""Teaching content loaded from files: stories, articles (with their stored analysis), cues,
answer-key labels, lessons and exercises."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.grading.states import ExerciseMode, check_in
from webapp.models.base import TimestampMixin


class Story(db.Model):
    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[str] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text)
    invented: Mapped[bool] = mapped_column(Boolean, default=False)
    # NULL for the corpus's stories; a teacher's id for a story they started when adding an article.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"), index=True)

    articles: Mapped[list[Article]] = relationship("Article", back_populates="story", order_by="Article.id")


class Article(TimestampMixin, db.Model):
    """An article and its analysis, computed once when the text is loaded, never on a page view."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    headline: Mapped[str | None] = mapped_column(String(500))
    outlet: Mapped[str] = mapped_column(String(300))
    outlet_kind: Mapped[str] = mapped_column(String(20))
    byline: Mapped[str | None] = mapped_column(String(300))
    credits: Mapped[list] = mapped_column(JSON, default=list)
    published: Mapped[str] = mapped_column(String(10))
    derived_from: Mapped[str | None] = mapped_column(String(80))
    invented: Mapped[bool] = mapped_column(Boolean, default=False)
    provenance: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    analysis: Mapped[dict] = mapped_column(JSON)  # webapp.analysis.pipeline ArticleAnalysis.as_dict()
    model_version: Mapped[str | None] = mapped_column(String(80))  # the classifier behind analysis["cues"]
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))

    story: Mapped[Story] = relationship("Story", back_populates="articles")
    key_labels: Mapped[list[KeyLabel]] = relationship(
        "KeyLabel", back_populates="article", cascade="all, delete-orphan",
        order_by="(KeyLabel.start, KeyLabel.end)",
    )


class Cue(db.Model):
    __tablename__ = "cues"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(80))
    colour: Mapped[str] = mapped_column(String(9))
    pattern: Mapped[str] = mapped_column(String(40))
    definition: Mapped[str] = mapped_column(Text)
    how_to_spot: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text)
    common_confusion: Mapped[str] = mapped_column(Text)
    examples: Mapped[list] = mapped_column(JSON, default=list)


class KeyLabel(db.Model):
    """One label of an article's answer key (from corpus/keys, or written by a teacher)."""

    __tablename__ = "key_labels"
    __table_args__ = (UniqueConstraint("article_id", "author_id", "client_id", name="uq_key_labels_author_client"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    cue_id: Mapped[str] = mapped_column(ForeignKey("cues.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    rationale: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))
    # The id the key editor's page gave the label, so that a retried save updates it, never doubles it.
    client_id: Mapped[str | None] = mapped_column(String(64))

    article: Mapped[Article] = relationship("Article", back_populates="key_labels")


class Lesson(db.Model):
    __tablename__ = "lessons"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    grade_band: Mapped[str] = mapped_column(String(10))
    periods: Mapped[int] = mapped_column(Integer)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    plan: Mapped[dict] = mapped_column(JSON)  # objectives, standards, materials, sequence
    notes: Mapped[str] = mapped_column(Text)  # teacher notes, Markdown
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))

    exercises: Mapped[list[Exercise]] = relationship("Exercise", back_populates="lesson", order_by="Exercise.position")


class Exercise(db.Model):
    __tablename__ = "exercises"
    __table_args__ = (CheckConstraint(check_in("mode", ExerciseMode), name="mode"),)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    lesson_id: Mapped[str | None] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"))
    cues: Mapped[list] = mapped_column(JSON)  # cue ids in play
    mode: Mapped[str] = mapped_column(String(10))  # an ExerciseMode
    instructions: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("teachers.id", ondelete="SET NULL"))

    lesson: Mapped[Lesson | None] = relationship("Lesson", back_populates="exercises")
    article: Mapped[Article] = relationship("Article")
