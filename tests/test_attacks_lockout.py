"""Lockouts and guessing: a guesser cannot lock a student or a teacher out of their own browser,
guesses stay under the documented rate (at most 10 failures per account in any 15 minutes, five
free, then a doubling wait) across app processes, a refused attempt is not counted, and the join
page answers a name that is in the class and one that is not the same way.

The app here has its limiter on, CSRF off (the limits are under test) and trusts one proxy, so
that an attacker may spread guesses over many addresses; the clock of the per-account limit is
moved by the tests instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from fixtures_web import TEACHER_PASSWORD
from sqlalchemy import func, select

from webapp.models import SignInAttempt, Student
from webapp.services import accounts, throttle

EMAIL = "rivera@example.org"


class Clock:
    """The per-account limit's clock, moved by hand."""

    def __init__(self) -> None:
        self.moment = dt.datetime(2026, 12, 7, 9, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(throttle, "now", clock)
    return clock


def _limited_app(make_app, monkeypatch):
    from webapp.extensions import limiter

    monkeypatch.setattr(limiter, "enabled", True)
    return make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", FRAMELAB_TRUSTED_PROXIES=1)


@pytest.fixture
def school(make_app, monkeypatch, clock):
    """An app (limiter on) with Ms Rivera and her class Period 3, where Ada has PIN 1234."""
    from webapp.extensions import db

    app = _limited_app(make_app, monkeypatch)
    with app.app_context():
        teacher = accounts.create_teacher(db.session, EMAIL, "Ms Rivera", TEACHER_PASSWORD)
        classroom = accounts.create_classroom(db.session, teacher, "Period 3")
        accounts.add_student(db.session, classroom, "Ada", "1234")
        db.session.commit()
        app.join_code, app.classroom_id = classroom.join_code, classroom.id
        yield app


_address = iter(range(10**6))


def _new_address() -> dict:
    n = next(_address)
    return {"X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


def join(client, code: str, name: str, pin: str):
    from flask import g

    g.pop("_login_user", None)
    return client.post("/join", data={"join_code": code, "display_name": name, "pin": pin}, headers=_new_address())


def login(client, password: str, email: str = EMAIL):
    from flask import g

    g.pop("_login_user", None)
    return client.post("/login", data={"email": email, "password": password}, headers=_new_address())


def sign_out(client) -> None:
    from flask import g

    client.post("/logout")
    g.pop("_login_user", None)


def _guess_pins(app, name: str, count: int, clock: Clock | None = None, every: float = 0) -> list[int]:
    attacker = app.test_client()
    statuses = []
    for n in range(count):
        statuses.append(join(attacker, app.join_code, name, f"{9000 + n}").status_code)
        if clock:
            clock.advance(every)
    return statuses


def test_a_guesser_cannot_lock_a_student_out_of_the_browser_she_signed_in_on(school):
    ada = school.test_client()
    assert join(ada, school.join_code, "Ada", "1234").status_code == 302
    sign_out(ada)
    statuses = _guess_pins(school, "Ada", 40)
    assert statuses.count(200) == 5 and statuses.count(429) == 35  # the guesser is held back
    assert join(ada, school.join_code, "Ada", "1234").status_code == 302  # Ada is not
    # A browser Ada never used waits like the guesser (or her teacher makes a new PIN).
    assert join(school.test_client(), school.join_code, "Ada", "1234").status_code == 429


def test_a_forged_or_foreign_device_cookie_does_not_get_past_the_limit(school):
    other = school.test_client()
    assert join(other, school.join_code, "Grace", "5555").status_code == 302  # Grace's browser
    sign_out(other)
    _guess_pins(school, "Ada", 10)
    assert join(other, school.join_code, "Ada", "1234").status_code == 429  # her cookie names Grace only
    forged = school.test_client()
    forged.set_cookie("framelab_device", "WyJzdHVkZW50OjE6YWRhfGFiYyJd.forged.sig", domain="localhost")
    assert join(forged, school.join_code, "Ada", "1234").status_code == 429


def test_a_guesser_cannot_lock_a_teacher_out_of_her_browser(school):
    teacher = school.test_client()
    assert login(teacher, TEACHER_PASSWORD).status_code == 302
    sign_out(teacher)
    attacker = school.test_client()
    statuses = [login(attacker, f"guess {n}").status_code for n in range(30)]
    assert statuses.count(200) == 5
    assert login(teacher, TEACHER_PASSWORD).status_code == 302
    assert login(school.test_client(), TEACHER_PASSWORD).status_code == 429


def test_at_most_ten_failures_per_account_in_any_fifteen_minutes(school, clock):
    """Two hours of guessing, one try every 10 seconds (720 tries): the PIN was checked at most 10
    times in any 15 minutes, five times in the first 2 minutes (then 30 s, 1, 2, 4 min apart)."""
    checked = []
    attacker = school.test_client()
    for n in range(720):
        if join(attacker, school.join_code, "Ada", f"{9000 + n % 999}").status_code == 200:
            checked.append(clock())
        clock.advance(10)
    window = dt.timedelta(minutes=15)
    assert max(sum(1 for t in checked if start <= t < start + window) for start in checked) <= 10
    assert [int((t - checked[0]).total_seconds()) for t in checked[:9]] == [0, 10, 20, 30, 40, 70, 130, 250, 490]
    assert len(checked) <= 8 * 10  # 10 per quarter of an hour at the very most; before: 55 per minute
    print(f"PIN checks in two hours of guessing every 10 s: {len(checked)}")


def test_refused_attempts_are_not_counted(school, clock):
    statuses = _guess_pins(school, "Ada", 5)
    assert statuses == [200] * 5
    assert _guess_pins(school, "Ada", 20) == [429] * 20  # within the 30-second wait
    clock.advance(31)
    assert _guess_pins(school, "Ada", 1) == [200]  # the 20 refusals did not lengthen it
    from webapp.extensions import db

    assert db.session.scalar(select(func.count()).select_from(SignInAttempt)) == 6


def test_failures_expire_after_fifteen_minutes(school, clock):
    _guess_pins(school, "Ada", 5)
    clock.advance(15 * 60 + 1)
    assert join(school.test_client(), school.join_code, "Ada", "1234").status_code == 302


def test_the_count_is_shared_between_app_processes(school, make_app, monkeypatch):
    """Two apps on one database (two gunicorn workers, or two machines): their failures add up."""
    other = _limited_app(make_app, monkeypatch)
    clients = [school.test_client(), other.test_client()]
    statuses = []
    for n in range(8):
        with (school if n % 2 == 0 else other).app_context():
            statuses.append(join(clients[n % 2], school.join_code, "Ada", f"{9000 + n}").status_code)
    assert statuses == [200] * 5 + [429] * 3


def test_a_burst_of_simultaneous_guesses_gets_no_more_through_than_the_limit(school):
    statuses: list[int] = []
    barrier = threading.Barrier(20)

    def guess(n: int) -> None:
        client = school.test_client()
        barrier.wait()
        response = client.post("/join", data={"join_code": school.join_code, "display_name": "Ada",
                                              "pin": f"{9100 + n}"}, headers={"X-Forwarded-For": f"10.9.0.{n}"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 20 and set(statuses) <= {200, 429}
    assert statuses.count(200) <= throttle.MAX_FAILURES


def test_the_teachers_new_pin_lets_a_locked_out_student_in_at_once(school):
    from webapp.extensions import db

    _guess_pins(school, "Ada", 10)
    ada = db.session.scalar(select(Student).where(Student.display_name == "Ada"))
    pin = accounts.reset_pin(db.session, ada)
    db.session.commit()
    assert join(school.test_client(), school.join_code, "Ada", pin).status_code == 302


# ---- the roster lock, and answers that do not tell who is in the class -------------------------

def _lock_roster(app) -> None:
    from fixtures_web import sign_in
    from flask import g

    from webapp.extensions import db
    from webapp.models import Classroom, Teacher

    teacher_client = app.test_client()
    sign_in(teacher_client, db.session.scalar(select(Teacher)))
    response = teacher_client.post(f"/classes/{app.classroom_id}/roster-lock")
    assert response.status_code == 302
    g.pop("_login_user", None)
    db.session.expire_all()
    assert db.session.get(Classroom, app.classroom_id).roster_locked


def _page(response, typed_name: str) -> str:
    """The page, with the name the visitor typed (which the form shows again) blanked out."""
    return response.get_data(as_text=True).replace(typed_name, "NAME")


def _students(app) -> list[str]:
    from webapp.extensions import db

    db.session.expire_all()
    return sorted(db.session.scalars(select(Student.display_name)))


def test_without_the_roster_lock_a_typo_makes_a_second_student(school):
    assert join(school.test_client(), school.join_code, "Adaa", "1234").status_code == 302
    assert _students(school) == ["Ada", "Adaa"]


def test_with_the_roster_lock_an_unknown_name_is_refused_like_a_wrong_pin(school):
    _lock_roster(school)
    typo = join(school.test_client(), school.join_code, "Adaa", "1234")
    wrong_pin = join(school.test_client(), school.join_code, "Ada", "4321")
    assert typo.status_code == wrong_pin.status_code == 200
    assert _page(typo, "Adaa") == _page(wrong_pin, "Ada")  # the same page, but for the name typed
    assert _students(school) == ["Ada"]
    assert join(school.test_client(), school.join_code, "Ada", "1234").status_code == 302  # Ada still can


def test_with_the_roster_lock_a_locked_name_and_an_unknown_one_answer_alike(school):
    _lock_roster(school)
    existing = _guess_pins(school, "Ada", 7)
    unknown = _guess_pins(school, "Nobody", 7)
    assert existing == unknown == [200] * 5 + [429] * 2
    last = [join(school.test_client(), school.join_code, name, "1111") for name in ("Ada", "Nobody")]
    assert last[0].status_code == last[1].status_code == 429
    assert _page(last[0], "Ada") == _page(last[1], "Nobody")


def test_a_name_in_the_class_and_one_that_is_not_cost_the_same_hashing(school, monkeypatch):
    """Similar timing: each answer checks exactly one hash and makes none (making a new stand-in hash
    for a missing name used to double the work, which a stopwatch could tell)."""
    import werkzeug.security

    _lock_roster(school)
    work = {"check": 0, "make": 0}
    real_check, real_make = accounts.check_password_hash, accounts.generate_password_hash

    def check(*args):
        work["check"] += 1
        return real_check(*args)

    def make(*args, **kwargs):
        work["make"] += 1
        return real_make(*args, **kwargs)

    accounts._stand_in(accounts.PIN_HASH_METHOD)  # made once per process, before any request
    monkeypatch.setattr(accounts, "check_password_hash", check)
    monkeypatch.setattr(accounts, "generate_password_hash", make)
    costs = {}
    for name in ("Ada", "Nobody"):
        work.update(check=0, make=0)
        join(school.test_client(), school.join_code, name, "4321")
        costs[name] = dict(work)
    assert costs["Ada"] == costs["Nobody"] == {"check": 1, "make": 0}
    assert werkzeug.security.check_password_hash is not check  # the spies are the service's own


def test_the_roster_lock_is_the_class_teachers_alone(school):
    from fixtures_web import sign_in

    from webapp.extensions import db

    other = accounts.create_teacher(db.session, "okafor@example.org", "Mr Okafor", TEACHER_PASSWORD)
    db.session.commit()
    client = school.test_client()
    sign_in(client, other)
    assert client.post(f"/classes/{school.classroom_id}/roster-lock").status_code == 404
