"""Sign-up, sign-in and sign-out: teachers with e-mail and password, students with their class
code, display name and PIN (on one page: a new name in the class joins it)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from webapp.auth import device, limits, session_age, signin, time_zones
from webapp.auth.forms import StudentJoinForm, TeacherLoginForm, TeacherSignupForm
from webapp.auth.next_url import safe_next
from webapp.extensions import db, limiter
from webapp.services import accounts

bp = Blueprint("auth", __name__)

NO_MATCH = "That name and PIN do not match. Check both, or ask your teacher to reset your PIN."
LOCKED = ("Too many attempts with this name. Wait 15 minutes and try again, or ask your teacher to reset your PIN. "
          "On a computer where you have signed in before, you can sign in now.")


def signup_allowed() -> bool:
    """Open sign-up unless the config or ``FRAMELAB_ALLOW_SIGNUP=0`` closes it (a school server
    may want only accounts made with ``framelab create-teacher``)."""
    value = current_app.config.get("FRAMELAB_ALLOW_SIGNUP", True)
    return str(value).strip().lower() not in ("0", "false", "no", "off")


def _start_session(account) -> None:
    """A fresh session for the new sign-in: nothing from before it (fixation) survives, and its
    age is counted from now (see session_age)."""
    session.clear()
    login_user(account, remember=False, fresh=True)
    session_age.stamp()


def _field_error(form, error: accounts.AccountError, default: str) -> None:
    """Show a service's refusal beside the field it is about."""
    getattr(form, error.field or default, getattr(form, default)).errors.append(str(error))


def _home_for(account) -> str:
    return url_for("classes.index") if account.is_teacher else url_for("exercises.index")


def _after_sign_in(account):
    return redirect(safe_next(request.args.get("next")) or _home_for(account))


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(limits.login_limit, methods=["POST"])
def signup():
    if not signup_allowed():
        return render_template("auth/signup_closed.html"), 403
    if current_user.is_authenticated:
        return render_template("auth/signed_in.html", title="Create a teacher account")
    form = TeacherSignupForm()
    if form.validate_on_submit():
        try:
            teacher = accounts.create_teacher(db.session, form.email.data, form.name.data, form.password.data)
        except accounts.AccountError as error:
            _field_error(form, error, default="name")
        else:
            db.session.commit()
            _start_session(teacher)
            flash("Your account is ready. Create your first class.", "success")
            return redirect(url_for("classes.new"))
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(limits.login_limit, methods=["POST"], deduct_when=limits.failed, exempt_when=limits.known_teacher)
def login():
    if current_user.is_authenticated:
        return render_template("auth/signed_in.html", title="Teacher sign-in")
    form = TeacherLoginForm()
    failed, locked = False, False
    if form.validate_on_submit():
        attempt = signin.teacher(db.session, form.email.data, form.password.data)
        if attempt.outcome is signin.Outcome.SIGNED_IN:
            teacher = attempt.account
            time_zones.adopt_browser_zone(teacher, form.time_zone.data)
            db.session.commit()
            _start_session(teacher)
            if teacher.must_change_password:
                flash("Your password was reset by your administrator: choose a new one now.", "warning")
                return device.remember(redirect(url_for("auth.account")), attempt.key, teacher)
            return device.remember(_after_sign_in(teacher), attempt.key, teacher)
        failed, locked = True, attempt.outcome is signin.Outcome.LOCKED
    page = render_template("auth/login.html", form=form, failed=failed, locked=locked, signup=signup_allowed())
    return page, 429 if locked else 200


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(limits.join_ip_limit, methods=["POST"], deduct_when=limits.failed, exempt_when=limits.known_student)
def join():
    if current_user.is_authenticated:
        return render_template("auth/signed_in.html", title="Student sign-in")
    form = StudentJoinForm(join_code=request.args.get("code", "")[:20] or None)
    failed, locked = False, False
    if form.validate_on_submit():
        try:
            attempt = signin.student(db.session, form.join_code.data, form.display_name.data, form.pin.data)
        except accounts.AccountError as error:
            db.session.rollback()
            _field_error(form, error, default="display_name")
        else:
            if attempt.outcome in (signin.Outcome.SIGNED_IN, signin.Outcome.JOINED):
                db.session.commit()
                _start_session(attempt.account)
                _welcome(attempt.account, joined=attempt.outcome is signin.Outcome.JOINED)
                return device.remember(_after_sign_in(attempt.account), attempt.key, attempt.account)
            db.session.rollback()
            failed, locked = True, attempt.outcome is signin.Outcome.LOCKED
    page = render_template("auth/join.html", form=form, failed=failed, no_match=LOCKED if locked else NO_MATCH)
    return page, 429 if locked else 200


def _welcome(student, joined: bool) -> None:
    name, classroom = student.display_name, student.classroom.name
    if joined:
        flash(f"Welcome, {name}! You have joined {classroom}. Remember your PIN: you need it to sign in again.", "success")
    else:
        flash(f"Welcome back, {name}.", "success")


@bp.route("/logout", methods=["POST"])
def logout():
    """POST only, and CSRFProtect checks its token: a link elsewhere cannot sign anyone out.
    The account's session token changes, so a copy of the cookie taken before stops working too
    (and the account's other signed-in browsers are signed out with it)."""
    if current_user.is_authenticated:
        accounts.end_sessions(db.session, current_user)
        db.session.commit()
    logout_user()
    session.clear()
    flash("You are signed out.", "success")
    return redirect(url_for("home.index"))


from webapp.auth import account_views, admin_views, roster_lock  # noqa: F401  (their views join this blueprint)
