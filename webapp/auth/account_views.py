"""A teacher's own account page: password change, sign out everywhere, time zone. Also the
checks before every request: a session past its maximum age ends, and a teacher whose password
an administrator reset to a temporary one can reach nothing but this page until they change it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user

from webapp.auth import device, session_age, time_zones
from webapp.auth.forms import ButtonForm, PasswordChangeForm, TimeZoneForm
from webapp.auth.routes import bp
from webapp.extensions import db
from webapp.services import accounts, throttle
from webapp.web.access import teacher_required

# What a teacher with a temporary password may still open.
OPEN_WHILE_RESET = {"auth.account", "auth.change_password", "auth.logout", "static"}


@bp.before_app_request
def _session_checks():
    session_age.check()
    if (current_user.is_authenticated and current_user.is_teacher and current_user.must_change_password
            and request.endpoint not in OPEN_WHILE_RESET):
        return redirect(url_for("auth.account"))
    return None


def _zone_form() -> TimeZoneForm:
    form = TimeZoneForm(time_zone=current_user.time_zone or "UTC")
    form.time_zone.choices = time_zones.choices()
    return form


def _page(password_form=None, zone_form=None, status: int = 200):
    return render_template("auth/account.html", password_form=password_form or PasswordChangeForm(),
                           zone_form=zone_form or _zone_form(), everywhere_form=ButtonForm(),
                           teacher_hours=f"{session_age.max_age_hours('teacher'):g}",
                           student_hours=f"{session_age.max_age_hours('student'):g}"), status


@bp.route("/account")
@teacher_required
def account():
    return _page()


def _keep_this_browser_signed_in(response):
    """After the token changed: this browser signs in again (the others stay out)."""
    login_user(current_user._get_current_object(), remember=False, fresh=True)
    session_age.stamp()
    return device.remember(response, throttle.teacher_key(current_user.email), current_user)


@bp.route("/account/password", methods=["POST"])
@teacher_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(db.session, current_user, form.current.data, form.new.data)
        except accounts.AccountError as error:
            getattr(form, error.field or "new").errors.append(str(error))
        else:
            db.session.commit()
            flash("Your password is changed. You are signed out on every other browser.", "success")
            return _keep_this_browser_signed_in(redirect(url_for("auth.account")))
    return _page(password_form=form, status=400)


@bp.route("/account/sign-out-everywhere", methods=["POST"])
@teacher_required
def sign_out_everywhere():
    if ButtonForm().validate_on_submit():
        accounts.end_sessions(db.session, current_user)
        db.session.commit()
        flash("You are signed out on every other browser and device.", "success")
        return _keep_this_browser_signed_in(redirect(url_for("auth.account")))
    return _page(status=400)


@bp.route("/account/time-zone", methods=["POST"])
@teacher_required
def time_zone():
    form = _zone_form()
    if form.validate_on_submit() and time_zones.valid(form.time_zone.data):
        current_user.time_zone = form.time_zone.data
        db.session.commit()
        flash(f"Times are now shown in {form.time_zone.data}.", "success")
        return redirect(url_for("auth.account"))
    return _page(zone_form=form, status=400)
