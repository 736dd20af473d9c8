"""Writing an answer key: the key editor page, its JSON API (validation, idempotence, overlaps),
the classifier's suggestions accepted or left, a teacher's own version of a corpus key, access."""

from __future__ import annotations

import json
import re

import pytest
from fixtures_authoring import give_suggestions, key_change, saved_page_html
from sqlalchemy import select

from webapp.models import Article, KeyLabel
from webapp.services.feedback import key_marks

CORPUS_ARTICLE = "iraq-2021-001"


def post(client, article_id: str, body, **kwargs):
    return client.post(f"/api/keys/{article_id}/changes", data=json.dumps(body),
                       content_type="application/json", **kwargs)


def span(article: Article, words: str) -> tuple[int, int]:
    start = article.text.index(words)
    return start, start + len(words)


@pytest.fixture
def teacher(make_teacher, client, login):
    account = make_teacher()
    login(client, account)
    return account


@pytest.fixture
def own_article(client, teacher, db_session) -> Article:
    """A teacher's own article, saved from the test page, with two classifier suggestions."""
    from test_web_authoring import METADATA, draft_of, upload

    draft_id = draft_of(upload(client, "eastside.html", saved_page_html().encode()))
    location = client.post(f"/authoring/drafts/{draft_id}", data=METADATA).location
    article_id = location.rsplit("/articles/", 1)[1].split("/key")[0]
    give_suggestions(db_session, article_id, [("loaded-language", "reckless attack", 0.83),
                                              ("rhetorical-question", "But who will pay the price", 0.64)])
    return db_session.get(Article, article_id)


def own_rows(db_session, article: Article, teacher) -> list[KeyLabel]:
    db_session.expire_all()
    return list(db_session.scalars(select(KeyLabel).where(KeyLabel.article_id == article.id,
                                                          KeyLabel.author_id == teacher.id)))


def test_the_key_editor_shows_the_article_the_cues_and_the_suggestions(client, own_article):
    page = client.get(f"/authoring/articles/{own_article.id}/key").get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/json" id="exercise-data">(.*?)</script>', page, re.DOTALL)
                      .group(1))
    assert data["mode"] == "key" and data["labels"] == []
    assert [s["text"] for s in data["suggestions"]] == ["reckless attack", "But who will pay the price"]
    assert len(data["cues"]) == 9 and 'id="suggestion-list"' in page and "Rationale (required)" in page


def test_a_key_label_is_saved_with_its_rationale_as_the_teachers_own(client, own_article, teacher, db_session):
    start, end = span(own_article, "reckless attack")
    response = post(client, own_article.id, key_change("loaded-language", start, end, "Judges the vote."))
    assert response.status_code == 200
    assert response.json["label"]["text"] == "reckless attack" and response.json["label"]["note"] == "Judges the vote."
    [row] = own_rows(db_session, own_article, teacher)
    assert (row.cue_id, row.start, row.end, row.rationale, row.author_id) == (
        "loaded-language", start, end, "Judges the vote.", teacher.id)


def test_accepting_a_suggestion_makes_it_a_key_label_and_takes_it_off_the_list(client, own_article):
    start, end = span(own_article, "But who will pay the price")
    post(client, own_article.id, key_change("rhetorical-question", start, end, "Asks to steer, not to learn."))
    listed = client.get(f"/api/keys/{own_article.id}").json
    assert [s["text"] for s in listed["suggestions"]] == ["reckless attack"]
    assert [label["cue"] for label in listed["labels"]] == ["rhetorical-question"]


def test_a_rejected_suggestion_is_never_saved_and_another_cue_on_it_leaves_it_offered(client, own_article):
    start, end = span(own_article, "reckless attack")
    post(client, own_article.id, key_change("dismissive-framing", start, end, "Belittles the decision."))
    listed = client.get(f"/api/keys/{own_article.id}").json
    assert "reckless attack" in [s["text"] for s in listed["suggestions"]]


def test_a_span_is_widened_to_whole_words(client, own_article):
    start, end = span(own_article, "reckless attack")
    response = post(client, own_article.id, key_change("loaded-language", start + 2, end - 2))
    assert (response.json["label"]["start"], response.json["label"]["end"]) == (start, end)


@pytest.mark.parametrize(("label", "field", "message"), [
    ({"rationale": None}, "note", "A key label needs a rationale"),
    ({"rationale": "   "}, "note", "A key label needs a rationale"),
    ({"rationale": "x" * 1001}, "note", "at most 1000 characters"),
    ({"cue": "propaganda"}, "cue", "not in the taxonomy"),
    ({"start": -1}, "start", "must be between 0 and"),
    ({"end": 10**9}, "end", "must be between 0 and"),
    ({"start": "5"}, "start", "must be a whole number"),
    ({"start": 30, "end": 30}, "start", "“start” must be before “end”"),
])
def test_a_bad_label_is_refused_with_a_readable_message(client, own_article, teacher, db_session, label, field,
                                                        message):
    body = key_change("loaded-language", 10, 20)
    rationale = label.pop("rationale", "Why.")
    body["label"].update(note=rationale, **label)
    response = post(client, own_article.id, body)
    assert response.status_code == 400
    assert response.json["field"] == field and message in response.json["error"]
    assert own_rows(db_session, own_article, teacher) == []


def test_the_same_cue_twice_on_one_passage_is_refused_but_another_cue_is_not(client, own_article):
    start, end = span(own_article, "reckless attack")
    post(client, own_article.id, key_change("loaded-language", start, end))
    clash = post(client, own_article.id, key_change("loaded-language", start + 9, end))
    assert clash.status_code == 409 and clash.json["code"] == "overlap"
    assert post(client, own_article.id, key_change("dismissive-framing", start, end)).status_code == 200


def test_a_retried_change_is_applied_once(client, own_article, teacher, db_session):
    start, end = span(own_article, "reckless attack")
    body = key_change("loaded-language", start, end, "Judges.")
    assert post(client, own_article.id, body).json == post(client, own_article.id, body).json
    assert len(own_rows(db_session, own_article, teacher)) == 1
    edit = key_change("loaded-language", start, end, "Judges the vote.", client_id=body["client_id"])
    post(client, own_article.id, edit)
    assert [r.rationale for r in own_rows(db_session, own_article, teacher)] == ["Judges the vote."]
    delete = key_change("", 0, 0, op="delete", client_id=body["client_id"])
    for _ in range(2):
        assert post(client, own_article.id, delete).json["label"] is None
    assert own_rows(db_session, own_article, teacher) == []


@pytest.mark.parametrize(("data", "content_type", "code"), [
    ("{not json", "application/json", "malformed"),
    ('{"op": "save"}', "text/plain", "content_type"),
    ("[1, 2]", "application/json", "invalid"),
    ('{"change_id": "a b", "op": "save"}', "application/json", "invalid"),
])
def test_a_malformed_request_gets_a_json_error(client, own_article, data, content_type, code):
    response = client.post(f"/api/keys/{own_article.id}/changes", data=data,
                           content_type=content_type)
    assert response.status_code == 400 and response.json["code"] == code and response.json["error"]


def test_a_corpus_articles_key_is_never_changed_by_a_teacher(client, teacher, db_session):
    article = db_session.get(Article, CORPUS_ARTICLE)
    corpus = [(k.cue_id, k.start, k.end) for k in article.key_labels if k.author_id is None]
    start, end = span(article, "Iraq")
    post(client, CORPUS_ARTICLE, key_change("loaded-language", start, end, "My own reading."))
    db_session.expire_all()
    article = db_session.get(Article, CORPUS_ARTICLE)
    assert [(k.cue_id, k.start, k.end) for k in article.key_labels if k.author_id is None] == corpus
    assert [m.rationale for m in key_marks(article, ["loaded-language"], teacher.id)] == ["My own reading."]
    assert len(key_marks(article, [c for c, _, _ in corpus], None)) == len(corpus)


def test_a_teacher_can_start_their_key_as_a_copy_of_the_corpus_key(client, teacher, db_session):
    page = client.get(f"/authoring/articles/{CORPUS_ARTICLE}/key").get_data(as_text=True)
    assert "Start my key as a copy of the corpus key" in page
    client.post(f"/authoring/articles/{CORPUS_ARTICLE}/key/copy")
    client.post(f"/authoring/articles/{CORPUS_ARTICLE}/key/copy")  # twice: copied once
    article = db_session.get(Article, CORPUS_ARTICLE)
    corpus = sorted((k.cue_id, k.start, k.end, k.rationale) for k in article.key_labels if k.author_id is None)
    assert sorted((r.cue_id, r.start, r.end, r.rationale) for r in own_rows(db_session, article, teacher)) == corpus
    labels = client.get(f"/api/keys/{CORPUS_ARTICLE}").json["labels"]
    deleted = post(client, CORPUS_ARTICLE, key_change("", 0, 0, op="delete", client_id=labels[0]["client_id"]))
    assert deleted.status_code == 200 and len(own_rows(db_session, article, teacher)) == len(corpus) - 1


def test_another_teachers_article_is_404_in_the_api_too(client, own_article, make_teacher, login):
    from test_web_authoring import switch_to

    switch_to(client, login, make_teacher("other@example.org", "Mr Other"))
    assert client.get(f"/api/keys/{own_article.id}").status_code == 404
    response = post(client, own_article.id, key_change("loaded-language", 10, 20))
    assert response.status_code == 404 and response.json["code"] == "not_found"


def test_students_and_anonymous_visitors_get_json_errors(client, own_article, make_classroom, make_student, teacher,
                                                         login):
    from flask import g

    with client.session_transaction() as session:
        session.clear()
    g.pop("_login_user", None)
    response = post(client, own_article.id, key_change("loaded-language", 10, 20))
    assert response.status_code == 401 and response.json["code"] == "signed_out"
    login(client, make_student(make_classroom(teacher)))
    g.pop("_login_user", None)
    response = post(client, own_article.id, key_change("loaded-language", 10, 20))
    assert response.status_code == 403 and response.json["code"] == "forbidden"


def test_the_key_api_needs_its_csrf_token(csrf_client, make_teacher):
    client, sign_in = csrf_client
    sign_in(make_teacher("csrf@example.org"))
    response = post(client, CORPUS_ARTICLE, key_change("loaded-language", 0, 4))
    assert response.status_code == 400 and "expired" in response.json["error"]


def test_a_hostile_rationale_is_shown_as_text(client, own_article):
    start, end = span(own_article, "reckless attack")
    post(client, own_article.id, key_change("loaded-language", start, end, '<script>alert("r")</script>'))
    page = client.get(f"/authoring/articles/{own_article.id}/key").get_data(as_text=True)
    assert '<script>alert("r")</script>' not in page
    assert "&lt;script&gt;alert(&#34;r&#34;)&lt;/script&gt;" in page  # the server-drawn list
    assert "\\u003cscript\\u003e" in page  # the page's data block, which the script reads as JSON


def test_an_article_made_by_the_fixture_is_the_teachers_and_keyable(client, teacher, make_own_article):
    article = make_own_article(teacher)
    assert article.owner_id == teacher.id and article.text.startswith("Council Votes")
    start, end = span(article, "reckless attack")
    assert post(client, article.id, key_change("loaded-language", start, end)).status_code == 200
