"""The class setting "Only students on my list can sign in": with it on, a name that is not in
the class is refused with the same answer as a wrong PIN, instead of joining the class (a typo
used to create a second student silently)."""

from __future__ import annotations

from flask import flash, redirect, url_for

from webapp.auth.forms import ButtonForm
from webapp.auth.routes import bp
from webapp.extensions import db
from webapp.web.access import own_classroom, teacher_required


@bp.route("/classes/<int:classroom_id>/roster-lock", methods=["POST"])
@teacher_required
def roster_lock(classroom_id: int):
    classroom = own_classroom(classroom_id)
    if ButtonForm().validate_on_submit():
        classroom.roster_locked = not classroom.roster_locked
        db.session.commit()
        flash("Only students on your list can sign in now: new names are refused." if classroom.roster_locked
              else "New students can join with the class code again.", "success")
    return redirect(url_for("classes.show", classroom_id=classroom.id))
