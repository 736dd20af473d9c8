"""Every blueprint of the app, one package per feature."""

from webapp.api.routes import bp as api
from webapp.auth.routes import bp as auth
from webapp.classes.routes import bp as classes
from webapp.exercises.routes import bp as exercises
from webapp.health.routes import bp as health
from webapp.home.routes import bp as home
from webapp.lessons.routes import bp as lessons
from webapp.results.routes import bp as results
from webapp.stories.routes import bp as stories

BLUEPRINTS = [home, auth, classes, lessons, stories, exercises, results, api, health]
