"""The student's pages: the dashboard, the exercise, handing in; and who may see them."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import select

from webapp.models import Article, Submission
from webapp.models.base import utcnow


def page_data(html: str) -> dict:
    """The JSON the exercise page hands its script."""
    raw = re.search(r'<script type="application/json" id="exercise-data">(.*?)</script>', html, re.DOTALL).group(1)
    return json.loads(raw)


# ---- access ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/work/", "/work/{a}", "/work/{a}/submit", "/work/{a}/feedback"])
def test_anonymous_is_sent_to_sign_in(client, setup, path):
    response = client.get(path.format(a=setup.graded.id))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/work/", "/work/{a}", "/work/{a}/submit", "/work/{a}/feedback"])
def test_teachers_get_403_on_student_pages(client, login, setup, path):
    login(client, setup.teacher)
    assert client.get(path.format(a=setup.graded.id)).status_code == 403


@pytest.mark.parametrize("path", ["/work/{a}", "/work/{a}/submit", "/work/{a}/feedback"])
def test_another_classes_assignment_is_404(client, login, setup, make_teacher, make_classroom, make_student, path):
    stranger = make_student(make_classroom(make_teacher("x@example.org", "X"), "Other"), "Zed")
    login(client, stranger)
    assert client.get(path.format(a=setup.graded.id)).status_code == 404


# ---- the dashboard -----------------------------------------------------------------------------

def test_dashboard_lists_the_classes_assignments(client, login, setup):
    login(client, setup.student)
    html = client.get("/work/").get_data(as_text=True)
    assert "Spot the framing (graded)" in html and "Spot the framing (practice)" in html
    assert html.count(">Start<") == 2
    assert "Not started" in html


def test_dashboard_says_continue_once_started(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded)
    html = client.get("/work/").get_data(as_text=True)
    assert ">Continue<" in html and "In progress" in html


def test_dashboard_offers_feedback_once_submitted(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded)
    client.post(f"/work/{setup.graded.id}/submit")
    html = client.get("/work/").get_data(as_text=True)
    assert f'/work/{setup.graded.id}/feedback' in html and ">See feedback<" in html


def test_dashboard_shows_late_work(client, login, setup, db_session):
    setup.graded.due_at = utcnow() - dt.timedelta(days=1)
    db_session.commit()
    login(client, setup.student)
    assert "badge-late" in client.get("/work/").get_data(as_text=True)


def test_dashboard_with_nothing_assigned(client, login, make_teacher, make_classroom, make_student):
    login(client, make_student(make_classroom(make_teacher()), "Solo"))
    assert "has not assigned anything" in client.get("/work/").get_data(as_text=True)


# ---- the exercise page -------------------------------------------------------------------------

def test_exercise_page_wraps_every_word_with_its_offsets(client, login, setup, db_session):
    login(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    article = db_session.get(Article, "iraq-2021-001")
    spans = re.findall(r'<span class="w[^"]*" data-s="(\d+)" data-e="(\d+)"[^>]*>([^<]*)</span>', html)
    assert len(spans) > 500
    for start, end, shown in spans:
        assert article.text[int(start):int(end)] == shown.replace("&amp;", "&").replace("&#39;", "'").replace(
            "&#34;", '"').replace("&quot;", '"')


def test_exercise_page_shows_the_headline_source_and_date(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert 'id="article-headline"' in html and "2021-12-09" in html and "(newspaper)" in html


def test_exercise_page_offers_only_the_cues_in_play_with_key_and_pattern(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    data = page_data(html)
    assert [c["id"] for c in data["cues"]] == [
        "loaded-language", "scare-quotes", "dismissive-framing", "motive-attribution", "anonymous-sourcing"]
    assert {c["key"] for c in data["cues"]} == {"1", "3", "4", "5", "9"}
    assert "cue-pattern-stripes-vertical" in html  # scare quotes: colour and pattern
    assert "Labeling" not in html  # a cue not in play


def test_exercise_page_has_hints_on_demand(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert html.count('<details class="cue-hint">') == 5
    assert "Could a calmer word describe the same fact?" in html


def test_exercise_page_documents_the_keyboard(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert "Keyboard keys" in html and 'aria-live="polite"' in html and "Extend the selection" in html


def test_graded_exercise_page_holds_no_trace_of_the_key(client, login, setup, db_session):
    login(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    article = db_session.get(Article, "iraq-2021-001")
    for key_label in article.key_labels:
        assert key_label.rationale[:60] not in html
    assert "rationale" not in json.dumps(page_data(html))
    assert "political sleight of hand" not in json.dumps(page_data(html))


def test_exercise_page_holds_no_classifier_predictions(client, login, setup, db_session):
    article = db_session.get(Article, "iraq-2021-001")
    article.analysis = {**article.analysis, "cues": [
        {"cue": "scare-quotes", "start": 56, "end": 64, "text": "‘combat’", "score": 0.93}]}
    db_session.commit()
    login(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert "0.93" not in html


def test_exercise_page_lists_saved_labels_for_the_script_to_paint(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded, cue="anonymous-sourcing", start=387, end=401, note="who?")
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert [l["text"] for l in page_data(html)["labels"]] == ["officials said"]
    # The article's markup is the same for every student (rendered once per article); the page's
    # script paints the labels from the page data (tests/test_browser_exercise.py sees it happen).
    assert 'class="w" data-s="387"' in html and 'class="w hl' not in html
    assert "Note: who?" in html


def test_hostile_notes_are_escaped_on_the_page(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded, note='<script>alert(1)</script>"><img src=x onerror=alert(2)>')
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # in the JSON data block, < and > are escaped too, so it cannot close its script element
    block = re.search(r'id="exercise-data">(.*?)</script>', html, re.DOTALL).group(1)
    assert "<" not in block and "\\u003cscript\\u003e" in block


def test_a_classmates_labels_are_not_on_the_page(client, switch_to, setup, send):
    switch_to(client, setup.other_student)
    send(client, setup.graded, note="Grace was here")
    switch_to(client, setup.student)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert "Grace was here" not in html and page_data(html)["labels"] == []


def test_practice_page_shows_each_labels_verdict(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.practice, cue="scare-quotes", start=56, end=64)
    html = client.get(f"/work/{setup.practice.id}").get_data(as_text=True)
    assert "Match: the key marks this passage as Scare quotes too." in html
    assert page_data(html)["labels"][0]["feedback"]["verdict"] == "match"


def test_submitted_exercise_page_is_locked(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded)
    client.post(f"/work/{setup.graded.id}/submit")
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert page_data(html)["locked"] is True and "labels are locked" in html


def test_cue_stylesheet_gives_each_cue_its_colour(client):
    response = client.get("/work/cues.css")
    assert response.mimetype == "text/css"
    assert ".cue-scare-quotes { --cue: #F0E442; --cue-rgb: 240, 228, 66; }" in response.get_data(as_text=True)


def test_pages_use_no_inline_script_or_style(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded)
    html = client.get(f"/work/{setup.graded.id}").get_data(as_text=True)
    assert " style=" not in html and "<style" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all('type="application/json"' in s or "src=" in s for s in scripts)


# ---- handing in --------------------------------------------------------------------------------

def test_submit_page_asks_for_confirmation(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded)
    html = client.get(f"/work/{setup.graded.id}/submit").get_data(as_text=True)
    assert "You have made <strong>1 label</strong>" in html and "Submit and lock my labels" in html


def test_submitting_locks_the_work_and_shows_the_feedback(client, login, setup, send, db_session):
    login(client, setup.student)
    send(client, setup.graded)
    response = client.post(f"/work/{setup.graded.id}/submit")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/work/{setup.graded.id}/feedback")
    submission = db_session.scalar(select(Submission).where(Submission.assignment_id == setup.graded.id))
    assert submission.status == "submitted" and submission.submitted_at is not None


def test_submitting_twice_is_harmless(client, login, setup, send, db_session):
    login(client, setup.student)
    send(client, setup.graded)
    client.post(f"/work/{setup.graded.id}/submit")
    db_session.expire_all()
    first = db_session.scalar(select(Submission.submitted_at).where(Submission.assignment_id == setup.graded.id))
    response = client.post(f"/work/{setup.graded.id}/submit", follow_redirects=True)
    assert "already handed in" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalar(select(Submission.submitted_at).where(
        Submission.assignment_id == setup.graded.id)) == first


def test_submitting_with_no_labels_is_allowed(client, login, setup, db_session):
    login(client, setup.student)
    assert client.post(f"/work/{setup.graded.id}/submit").status_code == 302
    assert db_session.scalar(select(Submission.status).where(Submission.assignment_id == setup.graded.id)) == "submitted"


def test_submit_needs_the_csrf_token(app, client, login, setup, db_session):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, setup.student)
    response = client.post(f"/work/{setup.graded.id}/submit")
    assert response.status_code == 400
    assert db_session.scalar(select(Submission.status).where(Submission.assignment_id == setup.graded.id)) is None


def test_submit_page_after_submitting_goes_to_the_feedback(client, login, setup):
    login(client, setup.student)
    client.post(f"/work/{setup.graded.id}/submit")
    response = client.get(f"/work/{setup.graded.id}/submit")
    assert response.status_code == 302 and response.headers["Location"].endswith("/feedback")
