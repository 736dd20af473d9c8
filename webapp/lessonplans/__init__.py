"""Lesson plans as data: the lesson files in ``lessons/``, loaded and checked against the corpus.

Free of Flask, so the command line, the tests and the web app share one loader.
"""

from webapp.lessonplans.model import Exercise, Lesson, Standard, Step
from webapp.lessonplans.parse import load_lesson, load_lessons

__all__ = ["Exercise", "Lesson", "Standard", "Step", "load_lesson", "load_lessons"]
