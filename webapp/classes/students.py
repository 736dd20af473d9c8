"""A class's students: add one, import a CSV roster, reset a PIN (removing one: ``deletion.py``).

PINs are shown once, on the page that answers the POST that made them, and are never put
in the session cookie (which is signed, not encrypted) nor in a URL.
"""

from __future__ import annotations

from flask import render_template, url_for

from webapp.classes.forms import ConfirmForm, RosterForm, StudentForm
from webapp.classes.routes import bp, class_student, confirm_page, render_class_page, shown_once
from webapp.extensions import db
from webapp.services import accounts, roster
from webapp.web.access import own_classroom, teacher_required


@bp.route("/<int:classroom_id>/students", methods=["POST"])
@teacher_required
def add_student(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = StudentForm()
    if not form.validate_on_submit():
        return render_class_page(classroom, form, 400)
    try:
        student, pin = accounts.add_student(db.session, classroom, form.display_name.data)
    except accounts.AccountError as error:
        form.display_name.errors.append(str(error))
        return render_class_page(classroom, form, 400)
    db.session.commit()
    return shown_once(render_template(
        "classes/pins.html", classroom=classroom, title=f"{student.display_name} was added",
        pins=[(student.display_name, pin)]))


@bp.route("/<int:classroom_id>/import", methods=["GET", "POST"])
@teacher_required
def import_roster(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = RosterForm()
    check, problem = None, None
    if form.validate_on_submit():
        try:
            check = roster.check_roster(db.session, classroom, form.roster.data.read(roster.MAX_BYTES + 1))
        except roster.RosterError as error:
            problem = str(error)
        if check is not None and check.ok:
            try:
                pins = roster.import_roster(db.session, classroom, check)
            except accounts.AccountError as error:  # a student joined with one of the names meanwhile
                db.session.rollback()
                return _import_page(classroom, form, None, f"{error} Nothing was imported.")
            db.session.commit()
            return shown_once(render_template(
                "classes/pins.html", classroom=classroom, pins=pins,
                title=f"{len(pins)} students imported into {classroom.name}"))
    return _import_page(classroom, form, check, problem)


def _import_page(classroom, form: RosterForm, check: roster.RosterCheck | None, problem: str | None):
    status = 400 if problem or (check and check.problems) or form.errors else 200
    return render_template("classes/import.html", classroom=classroom, form=form, check=check,
                           problem=problem, max_rows=roster.MAX_ROWS), status


@bp.route("/<int:classroom_id>/students/<int:student_id>/pin", methods=["GET", "POST"])
@teacher_required
def reset_pin(classroom_id: int, student_id: int):
    student = class_student(classroom_id, student_id)
    back = url_for("classes.show", classroom_id=classroom_id)
    if not ConfirmForm().validate_on_submit():
        return confirm_page(
            f"Give {student.display_name} a new PIN?",
            "Their old PIN stops working at once, and they are signed out on every device. "
            "Their work is kept.", "Make a new PIN", back)
    pin = accounts.reset_pin(db.session, student)
    db.session.commit()
    return shown_once(render_template(
        "classes/pins.html", classroom=student.classroom, title=f"New PIN for {student.display_name}",
        pins=[(student.display_name, pin)]))
