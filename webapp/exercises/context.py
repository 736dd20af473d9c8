"""What the exercise, feedback and review templates need, gathered in one place so that the
views stay thin and the student's and the teacher's feedback pages show the very same thing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import get_template_attribute, url_for
from markupsafe import Markup
from sqlalchemy.orm import Session

from webapp.exercises import feedback_view
from webapp.grading.states import ExerciseMode, WorkStatus
from webapp.models import Assignment, Cue, Label, Submission
from webapp.presenters.charts import feedback_charts
from webapp.presenters.feedback_summary import summarize
from webapp.services import panels
from webapp.services.article_text import article_blocks, per_article
from webapp.services.cues_in_play import cues_in_play
from webapp.services.feedback import build_feedback, label_feedback
from webapp.services.labels import NOTE_MAX, label_dict

_HEX = re.compile(r"#([0-9A-Fa-f]{6})")
_SLUG = re.compile(r"[a-z0-9-]{1,40}")


def cue_css(cues: list[Cue]) -> str:
    """Custom properties per cue: ``--cue`` (the colour) and ``--cue-rgb`` (for tints).
    Only well-formed ids and colours are written, so the stylesheet cannot be injected into."""
    rules = []
    for cue in cues:
        colour = _HEX.fullmatch(cue.colour or "")
        if colour is None or not _SLUG.fullmatch(cue.id):
            continue
        red, green, blue = (int(colour.group(1)[i:i + 2], 16) for i in (0, 2, 4))
        rules.append(f".cue-{cue.id} {{ --cue: #{colour.group(1)}; --cue-rgb: {red}, {green}, {blue}; }}")
    return "/* FrameLab cue colours, from corpus/cues.yaml */\n" + "\n".join(rules) + "\n"


def cue_dict(cue: Cue) -> dict:
    """What the page's script knows of a cue: never the key, only the palette."""
    return {"id": cue.id, "name": cue.name, "key": cue.key, "pattern": cue.pattern}


def labels_with_feedback(assignment: Assignment, labels: list[Label], cues: list[Cue]) -> list[dict]:
    """The labels as the page's script receives them; practice labels carry their verdict."""
    article = assignment.exercise.article
    rows = []
    for label in labels:
        row = label_dict(label, article.text)
        if assignment.exercise.mode == ExerciseMode.PRACTICE:
            row["feedback"] = label_feedback(article, cues, label, assignment.classroom.teacher_id)
        rows.append(row)
    return rows


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


@dataclass(frozen=True)
class Shown:
    """One piece of an article as a column shows it: its text, its token and the marks on it."""

    text: str
    token: object | None  # article_text.Token, or None for the space between tokens
    classes: str = ""
    refs: tuple[str, ...] = ()  # reference numbers written after the last token of a mark
    title: str = ""


def _covering(token, marks: list, spans: list) -> list[int]:
    return [i for i, (start, end) in enumerate(spans) if start <= token.start and token.end <= end]


def _classes(numbers: list[int], marks: list, patterns: dict[str, str]) -> str:
    if not numbers:
        return ""
    inner = min(numbers, key=lambda i: marks[i].end - marks[i].start)
    cue = marks[inner].cue
    multi = " hl-multi" if len(numbers) > 1 else ""
    return f"hl cue-{cue} cue-pattern-{patterns.get(cue, 'solid-underline')}{multi}"


def shown_blocks(blocks: list, marks: list, patterns: dict[str, str], refs: list[str] | None = None,
                 names: dict[str, str] | None = None) -> list[tuple[object, list[Shown]]]:
    """Each block with its pieces highlighted by ``marks`` (anything with cue, start and end);
    ``refs`` (one per mark) are written after each mark's last token."""
    spans = [(m.start, m.end) for m in marks]
    names = names or {}
    result = []
    for block in blocks:
        pieces, previous = [], []
        raw = list(block.pieces)
        for n, piece in enumerate(raw):
            if piece.token is None:
                following = raw[n + 1].token if n + 1 < len(raw) else None
                after = _covering(following, marks, spans) if following is not None else []
                both = [i for i in previous if i in after]
                pieces.append(Shown(piece.text, None, _classes(both, marks, patterns)))
                continue
            numbers = _covering(piece.token, marks, spans)
            ends = tuple(refs[i] for i in numbers if refs and marks[i].end == piece.token.end)
            title = "; ".join(names.get(marks[i].cue, marks[i].cue) for i in numbers)
            pieces.append(Shown(piece.text, piece.token, _classes(numbers, marks, patterns), ends, title))
            previous = numbers
        result.append((block, pieces))
    return result
