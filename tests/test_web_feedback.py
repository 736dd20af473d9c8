"""Feedback: how each label is judged, the scores, and the feedback and review pages."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from webapp.classifier.scoring import LabelledSpan, span_scores
from webapp.models import Article, Cue, Submission
from webapp.services.feedback import (
    EXTRA,
    MATCH,
    NEAR_MISS,
    WRONG_CUE,
    Mark,
    build_feedback,
    disagreements,
    judge,
)

NAMES = {"scare-quotes": "Scare quotes", "loaded-language": "Loaded language", "labeling": "Labeling"}
KEY = [Mark("scare-quotes", 10, 20, "k1", rationale="why 1"), Mark("labeling", 40, 60, "k2", rationale="why 2")]


def verdict(cue: str, start: int, end: int) -> str:
    return judge(Mark(cue, start, end, "x"), KEY, NAMES)[0]


# ---- judging one label -------------------------------------------------------------------------

@pytest.mark.parametrize(("cue", "start", "end", "expected"), [
    ("scare-quotes", 10, 20, MATCH),  # exact
    ("scare-quotes", 10, 15, MATCH),  # half of the union: 5 / 10
    ("scare-quotes", 10, 14, NEAR_MISS),  # 4 / 10
    ("scare-quotes", 5, 30, NEAR_MISS),  # 10 / 25: far too long
    ("scare-quotes", 19, 25, NEAR_MISS),  # touches the key span by one character
    ("loaded-language", 12, 18, WRONG_CUE),  # inside a key span of another cue
    ("scare-quotes", 45, 50, WRONG_CUE),  # its own cue is elsewhere; labeling is here
    ("scare-quotes", 20, 40, EXTRA),  # between two key spans, touching neither
    ("loaded-language", 70, 80, EXTRA),
])
def test_judge(cue, start, end, expected):
    assert verdict(cue, start, end) == expected


def test_a_near_miss_says_which_way_the_span_is_off():
    assert "longer than the key's" in judge(Mark("scare-quotes", 5, 30, "x"), KEY, NAMES)[2]
    assert "shorter than the key's" in judge(Mark("scare-quotes", 12, 14, "x"), KEY, NAMES)[2]


def test_a_wrong_cue_names_the_keys_cue():
    _kind, against, message = judge(Mark("loaded-language", 40, 60, "x"), KEY, NAMES)
    assert against is KEY[1] and "as Labeling, not Loaded language" in message


def test_disagreements_between_classifier_and_key():
    model = [Mark("scare-quotes", 11, 19, "m1"), Mark("loaded-language", 45, 50, "m2"), Mark("labeling", 80, 90, "m3")]
    found = disagreements(KEY, model, NAMES)
    assert [(d.kind, d.mark.text) for d in found] == [
        ("model_missed", "k2"), ("model_added", "m2"), ("model_added", "m3")]
    assert "the key calls it Labeling" in found[1].message
    assert "the key has no label here" in found[2].message


# ---- the whole feedback ------------------------------------------------------------------------

def _feedback(db_session, labels, model=()):
    article = db_session.get(Article, "iraq-2021-001")
    if model:
        article.analysis = {**article.analysis, "cues": list(model)}
    cues = db_session.scalars(select(Cue).where(Cue.id.in_(["scare-quotes", "anonymous-sourcing"]))).all()
    return build_feedback(article, cues, labels)


class FakeLabel:
    def __init__(self, cue, start, end, note=None, confidence="sure"):
        self.cue_id, self.start, self.end, self.note, self.confidence = cue, start, end, note, confidence
        self.client_id = f"{cue}-{start}"


def test_feedback_uses_only_the_cues_in_play(app, db_session):
    feedback = _feedback(db_session, [])
    assert {k.cue for k in feedback.key} == {"scare-quotes", "anonymous-sourcing"}
    assert len(feedback.missed) == len(feedback.key) == 4


def test_feedback_scores_are_semeval_partial_overlap_scores(app, db_session):
    labels = [FakeLabel("scare-quotes", 56, 64), FakeLabel("anonymous-sourcing", 387, 396),
              FakeLabel("anonymous-sourcing", 3000, 3010)]
    feedback = _feedback(db_session, labels)
    expected = span_scores([LabelledSpan(l.cue_id, l.start, l.end) for l in labels],
                           [LabelledSpan(k.cue, k.start, k.end) for k in feedback.key],
                           cues=["scare-quotes", "anonymous-sourcing"])
    assert feedback.overall.precision == pytest.approx(expected.micro.precision)
    assert feedback.overall.recall == pytest.approx(expected.micro.recall)
    assert feedback.overall.f1 == pytest.approx(expected.micro.f1)
    assert 0 < feedback.overall.recall < 1  # partial credit for "officials" out of "officials said"
    assert [v.kind for v in feedback.verdicts] == [MATCH, MATCH, EXTRA]


def test_feedback_marks_labels_the_classifier_also_found(app, db_session):
    model = [{"cue": "scare-quotes", "start": 56, "end": 64, "text": "‘combat’", "score": 0.9}]
    feedback = _feedback(db_session, [FakeLabel("scare-quotes", 56, 64)], model)
    assert feedback.verdicts[0].model_agrees
    assert [m.text for m in feedback.model] == ["‘combat’"]


# ---- the feedback page -------------------------------------------------------------------------

def test_graded_feedback_waits_for_submitting(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded)
    response = client.get(f"/work/{setup.graded.id}/feedback")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/work/{setup.graded.id}")


def test_graded_feedback_after_submitting_shows_key_and_classifier(client, login, setup, send, db_session):
    article = db_session.get(Article, "iraq-2021-001")
    article.analysis = {**article.analysis, "cues": [
        {"cue": "motive-attribution", "start": 0, "end": 27, "text": "In attempt to ease pressure", "score": 0.8},
        {"cue": "loaded-language", "start": 3596, "end": 3601, "text": " Iraq", "score": 0.6}]}
    db_session.commit()
    login(client, setup.student)
    send(client, setup.graded, cue="scare-quotes", start=56, end=64)
    client.post(f"/work/{setup.graded.id}/submit")
    html = client.get(f"/work/{setup.graded.id}/feedback").get_data(as_text=True)
    assert "How you did" in html and "Your labels" in html and ">The key</button>" in html
    assert ">The computer</button>" in html
    assert "✓ Match" in html
    assert "political sleight of hand" in html  # a missed key label, with its rationale
    assert "magician" in html
    assert "Only the classifier" in html and "not mistakes of yours" in html
    assert "Precision is the share of what you labelled" in html


def test_practice_feedback_is_available_at_once(client, login, setup):
    login(client, setup.student)
    response = client.get(f"/work/{setup.practice.id}/feedback")
    assert response.status_code == 200 and "Practice: these figures are for you" in response.get_data(as_text=True)


def test_feedback_page_has_tone_and_sourcing_panels_with_table_alternatives(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.practice.id}/feedback").get_data(as_text=True)
    assert html.count('role="img"') == 5  # four charts and the found / missed / extra bar
    assert '<title id="tone-strip-title">Tone sentence by sentence</title>' in html
    assert "Tone of every sentence as a table" in html and "The story’s articles as a table" in html
    assert "Who says what" in html and "Sajad Jiyad" in html
    assert "Article 2 (this one)" in html  # iraq-2021-001 beside the other four articles of its story
    assert "Sourcing in each article of the story" in html


def test_feedback_page_shows_the_words_of_a_chosen_sentence(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.practice.id}/feedback?sentence=2").get_data(as_text=True)
    assert '<option value="2" selected>' in html
    assert "Words the meter reacted to" in html and "<td>full</td>" in html


@pytest.mark.parametrize("sentence", ["0", "-1", "9999", "abc", "1e3"])
def test_feedback_page_ignores_a_bad_sentence_choice(client, login, setup, sentence):
    login(client, setup.student)
    assert client.get(f"/work/{setup.practice.id}/feedback?sentence={sentence}").status_code == 200


def test_feedback_shows_the_teachers_comment_escaped(client, login, setup, send, db_session):
    login(client, setup.student)
    send(client, setup.graded)
    client.post(f"/work/{setup.graded.id}/submit")
    submission = db_session.scalar(select(Submission).where(Submission.assignment_id == setup.graded.id))
    submission.teacher_comment = "Good eye! <b>not bold</b>"
    db_session.commit()
    html = client.get(f"/work/{setup.graded.id}/feedback").get_data(as_text=True)
    assert "Your teacher’s comment" in html and "Good eye! &lt;b&gt;not bold&lt;/b&gt;" in html


def test_feedback_charts_have_no_inline_styles(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.practice.id}/feedback").get_data(as_text=True)
    assert " style=" not in html and "<style" not in html
    assert re.findall(r"<script[^>]*>", html) == ['<script type="module" src="/static/js/feedback-view.js">']


# ---- the teacher's review ----------------------------------------------------------------------

@pytest.fixture
def submission(client, switch_to, setup, send, db_session):
    switch_to(client, setup.student)
    send(client, setup.graded, cue="anonymous-sourcing", start=387, end=401, note='"><img src=x onerror=alert(1)>')
    client.post(f"/work/{setup.graded.id}/submit")
    return db_session.scalar(select(Submission).where(Submission.assignment_id == setup.graded.id))


def test_teacher_reviews_a_students_work(client, switch_to, setup, submission):
    switch_to(client, setup.teacher)
    html = client.get(f"/work/review/{submission.id}").get_data(as_text=True)
    assert "Ada: Spot the framing (graded)" in html and "The student’s labels" in html and ">The key</button>" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html


def test_teacher_comment_is_saved_and_shown_to_the_student(client, switch_to, setup, submission, db_session):
    switch_to(client, setup.teacher)
    response = client.post(f"/work/review/{submission.id}", data={"comment": "  Look again at paragraph 3.  "})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Submission, submission.id).teacher_comment == "Look again at paragraph 3."
    switch_to(client, setup.student)
    assert "Look again at paragraph 3." in client.get(f"/work/{setup.graded.id}/feedback").get_data(as_text=True)


def test_a_too_long_comment_is_refused_with_a_message(client, switch_to, setup, submission, db_session):
    switch_to(client, setup.teacher)
    html = client.post(f"/work/review/{submission.id}", data={"comment": "x" * 2001}).get_data(as_text=True)
    assert "at most 2000 characters" in html
    db_session.expire_all()
    assert db_session.get(Submission, submission.id).teacher_comment is None


def test_review_comment_needs_the_csrf_token(app, client, switch_to, setup, submission, db_session):
    app.config["WTF_CSRF_ENABLED"] = True
    switch_to(client, setup.teacher)
    client.post(f"/work/review/{submission.id}", data={"comment": "sneaky"})
    db_session.expire_all()
    assert db_session.get(Submission, submission.id).teacher_comment is None


def test_another_teacher_cannot_review(client, switch_to, setup, submission, make_teacher):
    switch_to(client, make_teacher("other@example.org", "Mr Other"))
    assert client.get(f"/work/review/{submission.id}").status_code == 404
    assert client.post(f"/work/review/{submission.id}", data={"comment": "x"}).status_code == 404


def test_students_cannot_open_the_review(client, switch_to, setup, submission):
    switch_to(client, setup.other_student)
    assert client.get(f"/work/review/{submission.id}").status_code == 403


def test_anonymous_review_goes_to_sign_in(setup, submission, app):
    from flask import g

    g.pop("_login_user", None)  # the fixture's app context outlives requests
    response = app.test_client().get(f"/work/review/{submission.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
