"""SQLAlchemy models, split by domain; importing this package registers every table."""

from webapp.models.authoring import ArticleDraft
from webapp.models.classes import Classroom
from webapp.models.content import Article, Cue, Exercise, KeyLabel, Lesson, Story
from webapp.models.registry import ModelVersion, RetrainRun
from webapp.models.signin import SignInAttempt
from webapp.models.users import STUDENT, TEACHER, Student, Teacher
from webapp.models.work import IN_PROGRESS, SUBMITTED, AppliedChange, Assignment, Label, Submission

__all__ = [
    "IN_PROGRESS", "STUDENT", "SUBMITTED", "TEACHER", "AppliedChange", "Article", "ArticleDraft", "Assignment",
    "Classroom", "Cue", "Exercise", "KeyLabel", "Label", "Lesson", "ModelVersion", "RetrainRun", "SignInAttempt",
    "Story", "Student", "Submission",
    "Teacher",
]
