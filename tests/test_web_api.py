"""The label API: who may call it, what it accepts, and that a retried change is not applied twice."""

from __future__ import annotations

import uuid

import pytest
from fixtures_exercise import change, post_change
from sqlalchemy import func, select

from webapp.models import AppliedChange, Label, Submission
from webapp.services.labels import LABELS_MAX, NOTE_MAX


def labels_of(db_session, assignment, student) -> list[Label]:
    db_session.expire_all()
    return db_session.scalars(select(Label).join(Submission).where(
        Submission.assignment_id == assignment.id, Submission.student_id == student.id)).all()


# ---- who may call it -----------------------------------------------------------------------------

def test_anonymous_gets_a_json_401(client, setup):
    response = post_change(client, setup.graded.id, change())
    assert response.status_code == 401
    assert response.json["code"] == "signed_out"


def test_teacher_gets_a_json_403(client, login, setup):
    login(client, setup.teacher)
    response = client.get(f"/api/assignments/{setup.graded.id}/labels")
    assert response.status_code == 403 and response.json["code"] == "forbidden"


def test_student_cannot_write_to_another_classes_assignment(client, login, setup, make_teacher, make_classroom,
                                                            make_exercise, add_assignment, db_session):
    other_class = make_classroom(make_teacher("else@example.org", "Mr Else"), "Elsewhere")
    foreign = add_assignment(other_class, make_exercise())
    login(client, setup.student)
    response = post_change(client, foreign.id, change())
    assert response.status_code == 404 and response.is_json
    assert db_session.scalar(select(func.count()).select_from(Label)) == 0


def test_student_cannot_read_a_classmates_labels(client, switch_to, setup, send):
    switch_to(client, setup.other_student)
    send(client, setup.graded, note="Grace's private reasoning")
    switch_to(client, setup.student)
    response = client.get(f"/api/assignments/{setup.graded.id}/labels")
    assert response.status_code == 200
    assert response.json["labels"] == []
    assert "Grace" not in response.get_data(as_text=True)


def test_unknown_assignment_is_a_json_404(client, login, setup):
    login(client, setup.student)
    response = client.get("/api/assignments/999999/labels")
    assert response.status_code == 404 and response.json["status"] == 404


def test_changes_without_a_csrf_token_are_refused(app, client, login, setup, db_session):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, setup.student)
    response = post_change(client, setup.graded.id, change())
    assert response.status_code == 400 and response.is_json
    assert "expired" in response.json["error"]
    assert labels_of(db_session, setup.graded, setup.student) == []


def test_changes_with_the_pages_csrf_token_are_accepted(app, client, login, setup):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, setup.student)
    page = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = post_change(client, setup.graded.id, change(), headers={"X-CSRFToken": token})
    assert response.status_code == 200


# ---- saving --------------------------------------------------------------------------------------

def test_save_creates_a_label_and_returns_it(client, login, setup, send, db_session):
    login(client, setup.student)
    response = send(client, setup.graded, cue="scare-quotes", start=56, end=64, note="marks", confidence="unsure")
    assert response.status_code == 200
    assert response.json["label"] | {"client_id": None} == {
        "client_id": None, "cue": "scare-quotes", "start": 56, "end": 64, "text": "‘combat’",
        "note": "marks", "confidence": "unsure"}
    assert response.json["replayed"] is False
    assert len(labels_of(db_session, setup.graded, setup.student)) == 1


def test_a_retried_change_is_answered_but_not_applied_twice(client, login, setup, db_session):
    login(client, setup.student)
    body = change()
    first = post_change(client, setup.graded.id, body)
    second = post_change(client, setup.graded.id, body)
    assert second.status_code == 200 and second.json["replayed"] is True
    assert second.json["label"] == first.json["label"]
    assert second.json["version"] == first.json["version"]
    assert len(labels_of(db_session, setup.graded, setup.student)) == 1


def test_a_retried_save_does_not_bring_back_a_deleted_label(client, login, setup, db_session):
    login(client, setup.student)
    save = change()
    post_change(client, setup.graded.id, save)
    post_change(client, setup.graded.id, change(op="delete", client_id=save["client_id"]))
    replay = post_change(client, setup.graded.id, save)
    assert replay.json["replayed"] is True and replay.json["label"] is None
    assert labels_of(db_session, setup.graded, setup.student) == []


def test_save_with_the_same_client_id_updates_the_label(client, login, setup, db_session):
    login(client, setup.student)
    save = change()
    post_change(client, setup.graded.id, save)
    response = post_change(client, setup.graded.id, change(client_id=save["client_id"], note="why", confidence="unsure"))
    assert response.json["label"]["note"] == "why"
    [label] = labels_of(db_session, setup.graded, setup.student)
    assert (label.note, label.confidence) == ("why", "unsure")


def test_delete_removes_the_label_and_is_harmless_twice(client, login, setup, db_session):
    login(client, setup.student)
    save = change()
    post_change(client, setup.graded.id, save)
    for _ in range(2):
        response = post_change(client, setup.graded.id, change(op="delete", client_id=save["client_id"]))
        assert response.status_code == 200 and response.json["label"] is None
    assert labels_of(db_session, setup.graded, setup.student) == []


def test_offsets_inside_words_snap_to_whole_words(client, login, setup, send):
    login(client, setup.student)
    response = send(client, setup.graded, cue="anonymous-sourcing", start=389, end=399)  # "ficials sai"
    assert (response.json["label"]["start"], response.json["label"]["end"]) == (387, 401)
    assert response.json["label"]["text"] == "officials said"


def test_different_cues_may_overlap(client, login, setup, send):
    login(client, setup.student)
    assert send(client, setup.graded, cue="scare-quotes", start=56, end=64).status_code == 200
    assert send(client, setup.graded, cue="loaded-language", start=52, end=64).status_code == 200


def test_the_same_cue_on_overlapping_words_is_refused(client, login, setup, send, db_session):
    login(client, setup.student)
    send(client, setup.graded, cue="scare-quotes", start=56, end=64)
    response = send(client, setup.graded, cue="scare-quotes", start=52, end=64)
    assert response.status_code == 409 and response.json["code"] == "overlap"
    assert "same cue" in response.json["error"]
    assert len(labels_of(db_session, setup.graded, setup.student)) == 1


def test_a_student_may_hold_only_so_many_labels(client, login, setup, send, monkeypatch):
    monkeypatch.setattr("webapp.services.labels.LABELS_MAX", 2)
    login(client, setup.student)
    send(client, setup.graded, cue="scare-quotes", start=56, end=64)
    send(client, setup.graded, cue="anonymous-sourcing", start=387, end=401)
    response = send(client, setup.graded, cue="loaded-language", start=0, end=10)
    assert response.status_code == 409 and response.json["code"] == "too_many"
    assert LABELS_MAX >= 100


def test_changes_after_submitting_are_refused_with_409(client, login, setup, send, db_session):
    login(client, setup.student)
    send(client, setup.graded)
    client.post(f"/work/{setup.graded.id}/submit")
    response = send(client, setup.graded, cue="anonymous-sourcing", start=387, end=401)
    assert response.status_code == 409 and response.json["code"] == "submitted"
    assert "locked" in response.json["error"]
    assert len(labels_of(db_session, setup.graded, setup.student)) == 1


def test_a_change_applied_before_submitting_is_still_answered_after(client, login, setup, db_session):
    login(client, setup.student)
    body = change()
    post_change(client, setup.graded.id, body)
    client.post(f"/work/{setup.graded.id}/submit")
    response = post_change(client, setup.graded.id, body)
    assert response.status_code == 200 and response.json["replayed"] is True


def test_labels_endpoint_returns_the_students_labels(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded, note="<b>bold</b>")
    response = client.get(f"/api/assignments/{setup.graded.id}/labels")
    assert response.json["status"] == "in_progress"
    assert [l["note"] for l in response.json["labels"]] == ["<b>bold</b>"]


# ---- practice feedback ---------------------------------------------------------------------------

def test_practice_changes_come_back_with_a_verdict_and_the_rationale(client, login, setup, send):
    login(client, setup.student)
    response = send(client, setup.practice, cue="scare-quotes", start=56, end=64)
    assert response.json["feedback"]["verdict"] == "match"
    assert "quotation marks" in response.json["feedback"]["rationale"]


def test_practice_extra_labels_get_no_rationale(client, login, setup, send):
    login(client, setup.student)
    response = send(client, setup.practice, cue="loaded-language", start=3596, end=3601)
    assert response.json["feedback"]["verdict"] == "extra"
    assert response.json["feedback"]["rationale"] is None


def test_graded_changes_carry_no_feedback(client, login, setup, send):
    login(client, setup.student)
    response = send(client, setup.graded, cue="scare-quotes", start=56, end=64)
    assert "feedback" not in response.json


# ---- bad input: clear 400s -----------------------------------------------------------------------

BAD_LABELS = [
    ({"start": -1}, "start", "between 0"),
    ({"end": 10**7}, "end", "between 0"),
    ({"start": 64, "end": 56}, "start", "before"),
    ({"start": 56, "end": 56}, "start", "before"),
    ({"start": "56"}, "start", "whole number"),
    ({"start": True}, "start", "whole number"),
    ({"start": 56.5}, "start", "whole number"),
    ({"cue": "no-such-cue"}, "cue", "not part of this exercise"),
    ({"cue": "labeling"}, "cue", "not part of this exercise"),  # a real cue, not in play
    ({"cue": None}, "cue", "not part of this exercise"),
    ({"confidence": "maybe"}, "confidence", "sure"),
    ({"note": "x" * (NOTE_MAX + 1)}, "note", "at most 500"),
    ({"note": 12}, "note", "text"),
    ({"start": 72, "end": 74}, "start", "no words"),  # only the blank line after the headline
]


@pytest.mark.parametrize(("fields", "field", "words"), BAD_LABELS)
def test_bad_labels_get_a_clear_400(client, login, setup, fields, field, words, db_session):
    login(client, setup.student)
    body = change()
    body["label"].update(fields)
    response = post_change(client, setup.graded.id, body)
    assert response.status_code == 400, response.json
    assert response.json["field"] == field and words in response.json["error"]
    assert labels_of(db_session, setup.graded, setup.student) == []


def test_a_huge_span_is_refused(client, login, setup, send):
    login(client, setup.student)
    response = send(client, setup.graded, cue="loaded-language", start=0, end=3000)
    assert response.status_code == 400 and "at most 1000 characters" in response.json["error"]


@pytest.mark.parametrize(("body", "field"), [
    ({"op": "save"}, "change_id"),
    ({"change_id": "x" * 65, "op": "save"}, "change_id"),
    ({"change_id": "a b", "op": "save"}, "change_id"),
    ({"change_id": "c1", "op": "rename", "client_id": "l1"}, "op"),
    ({"change_id": "c1", "op": "save", "client_id": "l1", "label": "scare-quotes"}, "label"),
    ({"change_id": "c1", "op": "delete"}, "client_id"),
])
def test_malformed_changes_get_a_clear_400(client, login, setup, body, field):
    login(client, setup.student)
    response = post_change(client, setup.graded.id, body)
    assert response.status_code == 400 and response.json["field"] == field


def test_malformed_json_gets_a_clear_400(client, login, setup):
    login(client, setup.student)
    response = client.post(f"/api/assignments/{setup.graded.id}/changes", data="{not json",
                           content_type="application/json")
    assert response.status_code == 400 and response.json["code"] == "malformed"


def test_a_json_array_is_not_a_change(client, login, setup):
    login(client, setup.student)
    response = post_change(client, setup.graded.id, [change()])
    assert response.status_code == 400 and "JSON object" in response.json["error"]


def test_the_wrong_content_type_gets_a_clear_400(client, login, setup):
    login(client, setup.student)
    response = client.post(f"/api/assignments/{setup.graded.id}/changes", data={"change_id": "x"})
    assert response.status_code == 400 and response.json["code"] == "content_type"


def test_an_oversized_body_is_refused(client, login, setup):
    login(client, setup.student)
    body = change()
    body["padding"] = "x" * 20_000
    response = post_change(client, setup.graded.id, body)
    assert response.status_code == 413 and response.json["code"] == "too_large"


def test_a_hostile_note_is_stored_as_text(client, login, setup, send, db_session):
    login(client, setup.student)
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    response = send(client, setup.graded, note=hostile)
    assert response.json["label"]["note"] == hostile
    [label] = labels_of(db_session, setup.graded, setup.student)
    assert label.note == hostile


def test_control_characters_are_dropped_from_notes(client, login, setup, send):
    login(client, setup.student)
    response = send(client, setup.graded, note="  a\x00b\x1bc\nd  ")
    assert response.json["label"]["note"] == "abc\nd"


def test_every_applied_change_is_recorded_once(client, login, setup, db_session):
    login(client, setup.student)
    body = change(change_id=str(uuid.uuid4()))
    for _ in range(3):
        post_change(client, setup.graded.id, body)
    count = db_session.scalar(select(func.count()).select_from(AppliedChange).where(
        AppliedChange.change_id == body["change_id"]))
    assert count == 1
