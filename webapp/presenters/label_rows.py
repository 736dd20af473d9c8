"""A student's labels as the labelling page's script receives them, shared by the exercise page and
the labels API (practice labels carry their verdict)."""

from __future__ import annotations

from webapp.grading.states import ExerciseMode
from webapp.models import Assignment, Cue, Label
from webapp.services.feedback import label_feedback
from webapp.services.labels import label_dict


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
