"""Every blueprint of the app, one package per feature."""

from webapp.api.routes import bp as api
from webapp.auth.routes import bp as auth
from webapp.authoring.api import bp as authoring_api
from webapp.authoring.routes import bp as authoring
from webapp.builder.retrain_routes import bp as retraining
from webapp.builder.routes import bp as builder
from webapp.classes.routes import bp as classes
from webapp.exercises.routes import bp as exercises
from webapp.health.routes import bp as health
from webapp.help.routes import bp as help_pages
from webapp.home.routes import bp as home
from webapp.lessons.routes import bp as lessons
from webapp.results.routes import bp as results
from webapp.stories.routes import bp as stories

BLUEPRINTS = [home, auth, classes, lessons, stories, exercises, results, api, authoring, authoring_api, builder,
              retraining, health, help_pages]
