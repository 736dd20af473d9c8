"""A teacher's article upload while it is being reviewed, before it becomes an Article."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.models.base import TimestampMixin


class ArticleDraft(TimestampMixin, db.Model):
    """The text as read from the upload (never the HTML itself: only the extracted text is kept),
    the metadata the file declared, and which of the cleaner's removals the teacher undid. The
    cleaned text is recomputed from these, so undo and redo are exact and nothing is lost."""

    __tablename__ = "article_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"), index=True)
    source_name: Mapped[str] = mapped_column(String(255))  # the file name, or "pasted text"
    source_format: Mapped[str] = mapped_column(String(10))  # "text", "markdown" or "html"
    raw_text: Mapped[str] = mapped_column(Text)
    declared: Mapped[dict] = mapped_column(JSON, default=dict)  # headline, byline... found in the file
    kept: Mapped[list] = mapped_column(JSON, default=list)  # removal ids the teacher undid
    # The teacher's corrections of paragraphs the cleaner left in: original paragraph -> new text.
    edits: Mapped[dict | None] = mapped_column(JSON)
