"""The start page: a welcome for visitors, and each signed-in person sent to their own page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("classes.index" if current_user.is_teacher else "exercises.index"))
    return render_template("home/index.html")
