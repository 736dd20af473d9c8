"""What the exercise, feedback and review templates need, gathered in one place so that the
views stay thin and the student's and the teacher's feedback pages show the very same thing."""

from __future__ import annotations

from flask import get_template_attribute, url_for
from markupsafe import Markup
from sqlalchemy.orm import Session

from webapp.exercises import feedback_view
from webapp.grading.states import WorkStatus
from webapp.models import Assignment, Cue, Submission
from webapp.presenters import panels
from webapp.presenters.article_view import shown_blocks
from webapp.presenters.charts import feedback_charts
from webapp.presenters.cue_palette import cue_dict
from webapp.presenters.feedback_summary import summarize
from webapp.presenters.label_rows import labels_with_feedback
from webapp.services.article_text import article_blocks, per_article
from webapp.services.cues_in_play import cues_in_play
from webapp.services.feedback import build_feedback
from webapp.services.labels import NOTE_MAX


def hint_examples(cues: list[Cue], article_text: str, limit: int = 2) -> dict[str, list[dict]]:
    """Each cue's hint examples, leaving out those quoted from this article: the taxonomy quotes
    some seed articles, and such an example on their own exercise would be a key passage."""
    text = " ".join(article_text.split())
    return {c.id: [e for e in (c.examples or []) if " ".join(str(e.get("text", "")).split()) not in text][:limit]
            for c in cues}


def exercise_page(session: Session, assignment: Assignment, student_id: int, submission: Submission | None) -> dict:
    """Template context of the exercise page."""
    exercise = assignment.exercise
    article = exercise.article
    cues = cues_in_play(session, exercise)
    labels = labels_with_feedback(assignment, list(submission.labels) if submission else [], cues)
    locked = submission is not None and submission.status == WorkStatus.SUBMITTED
    data = {
        "assignment": assignment.id, "student": student_id, "mode": exercise.mode, "locked": locked,
        "api": {"labels": url_for("api.labels", assignment_id=assignment.id),
                "changes": url_for("api.changes", assignment_id=assignment.id)},
        "cues": [cue_dict(c) for c in cues], "labels": labels, "limits": {"note": NOTE_MAX},
        "version": submission.version if submission else 0,
    }
    return {"assignment": assignment, "exercise": exercise, "article": article, "cues": cues,
            "article_html": interactive_article_html(article),
            "labels": labels, "locked": locked, "submission": submission, "data": data,
            "cue_names": {c.id: c.name for c in cues}, "hint_examples": hint_examples(cues, article.text)}


def _chosen_sentence(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 6 else None


def interactive_article_html(article) -> Markup:
    """The article as the labelling page's tokens, without highlights, rendered once per article
    and process: about 5,000 escaped spans for a long article, the same for every student (their
    labels are painted by the page's script, which redraws them all on start)."""
    def render() -> Markup:
        macro = get_template_attribute("exercises/_macros.html", "article_tokens")
        return Markup(macro(shown_blocks(article_blocks(article), [], {}), interactive=True))

    return per_article(article, "interactive-html", render)


def feedback_page(session: Session, assignment: Assignment, submission: Submission | None,
                  sentence: str | None, viewer: str = "student", view: str | None = None,
                  reveal: str | None = None) -> dict:
    """Template context shared by the student's feedback page and the teacher's review: a
    plain-words summary first, one article view (``view``: mine, key or model), then the details.
    A student's practice feedback before submitting leaves the key out but for ``reveal``'s cue."""
    exercise = assignment.exercise
    article = exercise.article
    cues = cues_in_play(session, exercise)
    teacher_id = assignment.classroom.teacher_id
    full = build_feedback(article, cues, list(submission.labels) if submission else [], teacher_id)
    blocks = article_blocks(article)
    summary = summarize(full, [(b.start, b.end) for b in blocks if b.kind == "paragraph"], viewer == "student")
    patterns, names = {c.id: c.pattern for c in cues}, {c.id: c.name for c in cues}
    withheld = feedback_view.key_withheld(assignment, submission, viewer)
    reveal = reveal if withheld and reveal in names else None
    feedback = feedback_view.redacted(full, reveal) if withheld else full
    shown_view = feedback_view.chosen_view(view, withheld)
    marks, refs = feedback_view.marks_for(shown_view, feedback)
    tone = panels.tone_panel(article, _chosen_sentence(sentence), teacher_id)
    return {
        "assignment": assignment, "exercise": exercise, "article": article, "cues": cues,
        "cue_names": names, "submission": submission, "feedback": feedback, "summary": summary,
        "withheld": withheld, "reveal": reveal, "views": feedback_view.views(withheld), "view": shown_view,
        "missed_by_cue": feedback_view.missed_by_cue(full, names, reveal) if withheld else [],
        "article_view": shown_blocks(blocks, marks, patterns, refs, names),
        "key_numbers": {(k.start, k.end, k.cue): n for n, k in enumerate(full.key, start=1)},
        "numbers_open": sentence is not None,
        "tone": tone, "sourcing": panels.sourcing_panel(article, teacher_id),
        "charts": feedback_charts(tone),
    }
