"""Fuzzing the JSON API with hypothesis: thousands of generated requests per endpoint.

Bodies of every JSON shape and type, changes that are almost right (each field valid or junk),
raw bytes under any content type, and any assignment id; the same for the key editor's API
(/api/keys), with any article id. Whatever is sent: never a 500; every
refusal is a 4xx JSON answer with a readable message; a refused request leaves the classroom tables
exactly as they were; an accepted one is really in the database. The runs are derandomized (the
same examples every run, for reproducible CI) and sized by FUZZ_EXAMPLES to take well under a
minute per engine on this machine (see the README's figures).
"""

from __future__ import annotations

import os

import pytest
from fixtures_attacks import snapshot as snapshot_of
from fixtures_exercise import CUES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from webapp.models import Label, Submission

# Examples per test; FRAMELAB_FUZZ_EXAMPLES raises it for a longer hunt.
FUZZ_EXAMPLES = int(os.environ.get("FRAMELAB_FUZZ_EXAMPLES", "700"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

# ---- strategies ---------------------------------------------------------------------------------

HUGE = st.sampled_from([2**31, 2**31 - 1, 2**63, -(2**63) - 1, 10**100, -1])
scalars = (st.none() | st.booleans() | st.integers() | HUGE | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=40))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=5), max_leaves=25)
identifiers = st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True)


def maybe(valid, junk=json_values):
    """Mostly the valid value, sometimes junk, so the fuzzer reaches every check of a change."""
    return st.one_of(valid, valid, valid, junk)


def offsets(length: int):
    return st.integers(min_value=-3, max_value=length + 3) | HUGE


def labels(length: int):
    fields = {"cue": maybe(st.sampled_from(CUES)), "start": maybe(offsets(length)),
              "end": maybe(offsets(length)), "note": maybe(st.none() | st.text(max_size=600)),
              "confidence": maybe(st.sampled_from(["sure", "unsure"])), "client_id": maybe(identifiers)}
    return st.fixed_dictionaries({}, optional=fields)


def changes(length: int):
    """Any mix of present, missing, valid and junk fields."""
    fields = {"change_id": maybe(identifiers), "op": maybe(st.sampled_from(["save", "delete"])),
              "client_id": maybe(identifiers), "label": maybe(labels(length))}
    return st.fixed_dictionaries({}, optional=fields)


@st.composite
def one_field_off(draw, length: int) -> dict:
    """A change as the page sends it (short spans, a few client ids so saves update and overlap),
    with at most one field replaced by junk or removed."""
    start = draw(st.integers(min_value=0, max_value=length - 1))
    client_id = draw(st.sampled_from(["a", "b", "c", "d"]) | identifiers)
    label = {"client_id": client_id, "cue": draw(st.sampled_from(CUES)), "start": start,
             "end": start + draw(st.integers(min_value=1, max_value=80)), "note": draw(st.none() | st.text(max_size=80)),
             "confidence": draw(st.sampled_from(["sure", "unsure"]))}
    body = {"change_id": draw(identifiers), "op": draw(st.sampled_from(["save", "save", "save", "delete"])),
            "client_id": client_id, "label": label}
    target = draw(st.sampled_from([None, None, "change_id", "op", "client_id", "label", "label.cue", "label.start",
                                   "label.end", "label.note", "label.confidence"]))
    if target is not None:
        holder, key = (label, target[6:]) if target.startswith("label.") else (body, target)
        if draw(st.booleans()):
            holder[key] = draw(json_values)
        else:
            del holder[key]
    return body


CONTENT_TYPES = st.sampled_from([
    "application/json", "application/json; charset=utf-8", "application/json; charset=latin-1", "text/plain",
    "application/x-www-form-urlencoded", "multipart/form-data", "application/xml", "", "application/json+x"])

# ---- the checks ---------------------------------------------------------------------------------

WORK_TABLES = ("submissions", "labels", "applied_changes")  # all the label API writes to


def snapshot(db_session) -> dict[str, list]:
    return snapshot_of(db_session, WORK_TABLES)



def _work(db_session, setup) -> dict[tuple, tuple]:
    """The student's saved labels, by (assignment, client id)."""
    db_session.expire_all()
    rows = db_session.execute(select(Submission.assignment_id, Label.client_id, Label.cue_id, Label.start,
                                     Label.end).join(Label.submission)
                              .where(Submission.student_id == setup.student.id))
    return {(row[0], row[1]): tuple(row[2:]) for row in rows}


class Tables:
    """The work tables as last seen: one snapshot per request (taken after it) is enough to show
    that a refused request changed nothing, which keeps each example down to a few queries."""

    def __init__(self, db_session) -> None:
        self.db_session, self.last = db_session, snapshot(db_session)

    def changed(self) -> bool:
        now = snapshot(self.db_session)
        changed, self.last = now != self.last, now
        return changed


def check_answer(response, tables: Tables, db_session, setup, assignment_id: int | None = None) -> None:
    """The invariants of every answer: no 500, refusals readable and harmless, acceptances real."""
    changed = tables.changed()
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    assert response.is_json, response.get_data(as_text=True)[:200]
    body = response.get_json()
    if response.status_code >= 400:
        assert 400 <= response.status_code < 500
        assert isinstance(body.get("error"), str) and len(body["error"]) > 10
        assert body.get("status") == response.status_code
        assert not changed
        return
    assert response.status_code == 200
    label = body.get("label")
    if assignment_id is not None and label is not None:  # a save: the label is stored as answered
        stored = _work(db_session, setup).get((assignment_id, label["client_id"]))
        assert stored == (label["cue"], label["start"], label["end"])


@pytest.fixture
def fuzz_target(client, login, setup):
    """The signed-in student, their two assignments and the article's length."""
    login(client, setup.student)
    length = len(setup.graded.exercise.article.text)
    return client, [setup.graded.id, setup.practice.id], length


def test_fuzz_change_bodies_of_every_json_shape(fuzz_target, db_session, setup):
    client, assignments, _ = fuzz_target
    tables = Tables(db_session)

    @FUZZ
    @given(body=json_values, which=st.sampled_from(assignments))
    def run(body, which):
        response = client.post(f"/api/assignments/{which}/changes", json=body)
        check_answer(response, tables, db_session, setup, which)

    run()


def test_fuzz_changes_that_are_almost_right(fuzz_target, db_session, setup):
    client, assignments, length = fuzz_target
    tables = Tables(db_session)
    accepted = []

    @FUZZ
    @given(body=one_field_off(length) | changes(length), which=st.sampled_from(assignments))
    def run(body, which):
        response = client.post(f"/api/assignments/{which}/changes", json=body)
        check_answer(response, tables, db_session, setup, which)
        accepted.append(response.status_code == 200)

    run()
    assert any(accepted) and not all(accepted)  # the fuzzer reached both sides of the checks


def test_fuzz_raw_bodies_and_content_types(fuzz_target, db_session, setup):
    client, assignments, _ = fuzz_target
    tables = Tables(db_session)

    @FUZZ
    @given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode), content_type=CONTENT_TYPES,
           which=st.sampled_from(assignments))
    def run(data, content_type, which):
        response = client.post(f"/api/assignments/{which}/changes", data=data, content_type=content_type)
        check_answer(response, tables, db_session, setup, which)

    run()


def test_fuzz_assignment_ids_and_methods(fuzz_target, db_session, setup):
    """Both endpoints, any id and any method: someone else's or no assignment is a JSON 404."""
    client, assignments, _ = fuzz_target
    tables = Tables(db_session)
    ids = st.sampled_from(assignments) | st.integers(min_value=-5, max_value=50) | HUGE

    @FUZZ
    @given(assignment=ids, method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
           query=st.text(max_size=20))
    def run(assignment, method, query):
        for endpoint in ("labels", "changes"):
            response = client.open(f"/api/assignments/{assignment}/{endpoint}", method=method,
                                   query_string={"q": query}, json={})
            check_answer(response, tables, db_session, setup)
            if assignment not in assignments:
                assert response.status_code in (400, 404, 405)

    run()


def test_valid_changes_keep_working_after_the_fuzzing(fuzz_target, db_session, setup):
    """A short fuzz run, then the page's own kind of change: it is saved and read back."""
    client, assignments, _ = fuzz_target

    @settings(FUZZ, max_examples=min(FUZZ_EXAMPLES, 100))
    @given(body=json_values)
    def run(body):
        client.post(f"/api/assignments/{assignments[0]}/changes", json=body)

    run()
    from fixtures_exercise import change

    response = client.post(f"/api/assignments/{assignments[0]}/changes", json=change(client_id="after-fuzz"))
    assert response.status_code == 200
    read = client.get(f"/api/assignments/{assignments[0]}/labels").get_json()
    assert "after-fuzz" in [label["client_id"] for label in read["labels"]]


# ---- the key editor's API (/api/keys) -----------------------------------------------------------

KEY_TABLES = ("key_labels",)  # all the key API writes to


@pytest.fixture
def key_target(client, login, make_teacher, make_own_article, db_session):
    """A signed-in teacher, her own article (its key empty) and a check of every answer."""
    teacher = make_teacher("keys@example.org")
    article = make_own_article(teacher)
    login(client, teacher)
    tables = Tables(db_session)
    tables.last = snapshot_of(db_session, KEY_TABLES)

    def check(response) -> None:
        now = snapshot_of(db_session, KEY_TABLES)
        changed, tables.last = now != tables.last, now
        assert response.status_code < 500, response.get_data(as_text=True)[:500]
        assert response.is_json, response.get_data(as_text=True)[:200]
        body = response.get_json()
        if response.status_code >= 400:
            assert isinstance(body.get("error"), str) and len(body["error"]) > 10
            assert body.get("status") == response.status_code and not changed
            return
        if body.get("op") == "save":  # an accepted save is in her key as answered
            from webapp.models import KeyLabel

            stored = db_session.execute(select(KeyLabel.cue_id, KeyLabel.start, KeyLabel.end).where(
                KeyLabel.article_id == article.id, KeyLabel.client_id == body["client_id"])).one()
            label = body["label"]
            assert tuple(stored) == (label["cue"], label["start"], label["end"])

    return client, article, check


def test_fuzz_key_changes_that_are_almost_right(key_target):
    client, article, check = key_target
    accepted = []

    @FUZZ
    @given(body=one_field_off(len(article.text)) | changes(len(article.text)) | json_values)
    def run(body):
        response = client.post(f"/api/keys/{article.id}/changes", json=body)
        check(response)
        accepted.append(response.status_code == 200)

    run()
    assert any(accepted) and not all(accepted)


def test_fuzz_key_raw_bodies_content_types_and_ids(key_target):
    client, article, check = key_target

    @FUZZ
    @given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode), content_type=CONTENT_TYPES,
           article_id=st.just(article.id) | st.text(max_size=30).filter(lambda t: "/" not in t and "\x00" not in t))
    def run(data, content_type, article_id):
        from urllib.parse import quote

        response = client.post(f"/api/keys/{quote(article_id, safe='')}/changes", data=data,
                               content_type=content_type)
        check(response)

    run()
