"""Adding an article from the browser: uploads of each type, refused uploads with their messages,
the cleaning review with undo and redo, the metadata, one analysis, access control and escaping."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from conftest import raw_seed
from fixtures_authoring import HEADLINE, HOSTILE, saved_page_html
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from webapp.models import Article, ArticleDraft, Story
from webapp.services.authoring import articles as article_service
from webapp.services.authoring import drafts as draft_service

METADATA = {"headline": HEADLINE, "outlet": "Riverside Courier", "outlet_kind": "newspaper",
            "published": "2024-03-19", "story": "__new__", "new_story_title": "Eastside library closure",
            "derived_from": "", "byline": "Jordan Park", "source_note": ""}


def switch_to(client, login, account) -> None:
    """Sign another account in on this client. The test's app context outlives each request, so
    Flask-Login's cached user in ``g`` is dropped too."""
    from flask import g

    login(client, account)
    g.pop("_login_user", None)


def upload(client, name: str, data: bytes, pasted: str = ""):
    """Post a file as a browser does. The body is encoded here, in memory: the test client would
    spool a large one to a temporary file that it never closes."""
    boundary, body = encode_multipart(MultiDict({"upload": FileStorage(io.BytesIO(data), name), "pasted": pasted}))
    return client.post("/authoring/new", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def draft_of(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/authoring/drafts/(\d+)", response.location).group(1))


@pytest.fixture
def teacher(make_teacher, client, login):
    account = make_teacher()
    login(client, account)
    return account


@pytest.fixture
def html_draft(client, teacher) -> int:
    return draft_of(upload(client, "eastside-library.html", saved_page_html().encode()))


def save(client, draft_id: int, **changes):
    return client.post(f"/authoring/drafts/{draft_id}", data={**METADATA, **changes})


# ---- each kind of upload ------------------------------------------------------------------------

def test_a_saved_html_page_becomes_a_draft_without_its_scripts_styles_or_links(client, html_draft):
    page = client.get(f"/authoring/drafts/{html_draft}").get_data(as_text=True)
    for leak in ("SCRIPT-LEAK", "STYLE-LEAK", "NAV-LEAK", "IMG-LEAK", "INLINE-LEAK", "javascript:", "onerror"):
        assert leak not in page
    assert "The city council voted 6 to 3" in page
    assert 'value="Riverside Courier"' in page  # the outlet the page declared, offered in the form
    assert "Read More" in page and "page-chrome" in page  # the removal, with its rule
    assert "its 2 scripts, 1 style sheet, links, images and navigation were left out" in page


def test_a_text_file_is_cleaned_and_every_removal_listed_with_its_rule(client, teacher, db_session):
    draft_id = draft_of(upload(client, "breaking.txt", raw_seed(2).encode()))
    page = client.get(f"/authoring/drafts/{draft_id}").get_data(as_text=True)
    assert "Accessibility links" in page and "repeated-line" in page
    reviewed = draft_service.review(db_session.get(ArticleDraft, draft_id))
    assert "Accessibility links" not in reviewed.cleaned.text
    assert len(reviewed.cleaned.removals) == 6


def test_a_markdown_file_loses_its_markup(client, teacher, db_session):
    body = "# Ferry fares rise\n\n" + "\n\n".join(f"The **ferry** operator said fares rise by {i} percent in "
                                                 f"[May](https://example.org/{i}), rise {i} for commuters." for i in range(8))
    draft_id = draft_of(upload(client, "ferry.md", body.encode()))
    text = draft_service.review(db_session.get(ArticleDraft, draft_id)).cleaned.text
    assert text.startswith("Ferry fares rise") and "**" not in text and "](" not in text


def test_pasted_text_becomes_a_draft(client, teacher, db_session):
    response = client.post("/authoring/new", data={"pasted": raw_seed(1)})
    draft = db_session.get(ArticleDraft, draft_of(response))
    assert draft.source_name == "pasted text" and draft.owner_id == teacher.id


# ---- refused uploads ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"   \n", "the file is empty"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "looks like a binary file"),
    ("big.txt", b"word " * (2 * 1024 * 1024 // 5 + 10), "the limit is 2 MiB"),
    ("latin1.txt", ("Caf\xe9 " * 60).encode("latin-1"), "is not UTF-8"),
    ("index.html", b"<html><body><nav><a href='/'>Home</a></nav><p>Sign in to read.</p></body></html>",
     "an article needs at least 40"),
    ("short.txt", b"Council meets on Tuesday. Read More", "an article needs at least 40"),
    ("scripts.html", b"<html><head><script>alert(1)</script></head><body><script>var a = 1;</script></body></html>",
     "no article text was found"),
    ("report.pdf", b"%PDF-1.4 not really", "reads .txt, .md and .html files"),
])
def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_stored(client, teacher, db_session, name, data,
                                                                      message):
    response = upload(client, name, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(ArticleDraft)) == 0


def test_a_file_over_the_request_limit_is_refused_with_the_limit(app, client, teacher):
    app.config["MAX_CONTENT_LENGTH"] = 4 * 1024 * 1024  # as config.settings() sets it outside tests
    response = upload(client, "huge.txt", b"a" * (5 * 1024 * 1024))
    assert response.status_code == 413
    assert "the limit is 2 MiB" in response.get_data(as_text=True)


def test_refused_pasted_text_stays_in_the_box(client, teacher):
    response = client.post("/authoring/new", data={"pasted": "Too short to be an article <b>really</b>."})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "an article needs at least 40" in page
    assert "Too short to be an article &lt;b&gt;really&lt;/b&gt;." in page


def test_neither_or_both_a_file_and_pasted_text_is_refused(client, teacher):
    assert "Choose a file or paste" in client.post("/authoring/new", data={"pasted": ""}).get_data(as_text=True)
    both = upload(client, "a.txt", b"text", pasted=raw_seed(1))
    assert "not both" in both.get_data(as_text=True)


# ---- the cleaning review: undo and redo -----------------------------------------------------------

def removal_id(client, draft_id: int, text: str) -> str:
    page = client.get(f"/authoring/drafts/{draft_id}").get_data(as_text=True)
    row = next(r for r in page.split("<tr>") if f">{text}<" in r)
    return re.search(r'name="removal" value="([^"]+)"', row).group(1)


def test_undoing_a_removal_puts_the_text_back_into_the_saved_article(client, html_draft, db_session):
    response = client.post(f"/authoring/drafts/{html_draft}/removals",
                           data={"removal": removal_id(client, html_draft, "Photo: Sam Lee"), "action": "undo"})
    assert response.status_code == 302
    assert "Put back by you (1)" in client.get(f"/authoring/drafts/{html_draft}").get_data(as_text=True)
    article_id = save(client, html_draft).location.rsplit("/articles/", 1)[1].split("/key")[0]
    text = db_session.get(Article, article_id).text
    assert "Photo: Sam Lee" in text and "Read More" not in text


def test_redo_removes_the_text_again(client, html_draft, db_session):
    wanted = removal_id(client, html_draft, "Read More")
    client.post(f"/authoring/drafts/{html_draft}/removals", data={"removal": wanted, "action": "undo"})
    assert "Read More" in draft_service.review(db_session.get(ArticleDraft, html_draft)).cleaned.text
    client.post(f"/authoring/drafts/{html_draft}/removals", data={"removal": wanted, "action": "redo"})
    db_session.expire_all()
    assert "Read More" not in draft_service.review(db_session.get(ArticleDraft, html_draft)).cleaned.text


def test_an_unknown_removal_id_changes_nothing(client, html_draft, db_session):
    client.post(f"/authoring/drafts/{html_draft}/removals", data={"removal": "99:made-up", "action": "undo"})
    db_session.expire_all()
    assert db_session.get(ArticleDraft, html_draft).kept == []


# ---- metadata and saving --------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value", "message"), [
    ("headline", "", "Give the article its headline."),
    ("outlet", "", "Name the outlet"),
    ("published", "", "Give the date it was published"),
    ("published", "19/03/2024", "Give the date it was published"),
    ("outlet_kind", "tabloid", "Not a valid choice"),
    ("new_story_title", "", "Give the new story a title"),
    ("story", "someone-elses-story", "Not a valid choice"),
])
def test_bad_metadata_is_refused_and_the_draft_and_typed_values_kept(client, html_draft, db_session, field, value,
                                                                     message):
    response = save(client, html_draft, **{field: value, "byline": "Kept <b>byline</b>"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert 'value="Kept &lt;b&gt;byline&lt;/b&gt;"' in page
    assert db_session.get(ArticleDraft, html_draft) is not None
    assert db_session.scalar(select(func.count()).select_from(Article).where(Article.owner_id.is_not(None))) == 0


def test_saving_stores_the_teachers_article_in_a_new_story_of_theirs(client, teacher, html_draft, db_session):
    response = save(client, html_draft, invented="y")
    assert response.status_code == 302
    article = db_session.scalars(select(Article).where(Article.owner_id == teacher.id)).one()
    assert article.text.startswith(HEADLINE + "\n\nThe city council voted")
    assert (article.outlet, article.outlet_kind, article.published, article.byline) == (
        "Riverside Courier", "newspaper", "2024-03-19", "Jordan Park")
    assert article.invented is True and "eastside-library.html (html)" in article.provenance
    story = db_session.get(Story, article.story_id)
    assert story.owner_id == teacher.id and story.title == "Eastside library closure"
    assert article.analysis["words"] > 100 and "sentences" in article.analysis
    assert db_session.get(ArticleDraft, html_draft) is None


def test_an_article_can_join_a_corpus_story_and_name_the_article_it_copies(client, teacher, html_draft, db_session):
    save(client, html_draft, story="iraq-2021", derived_from="iraq-2021-002")
    article = db_session.scalars(select(Article).where(Article.owner_id == teacher.id)).one()
    assert (article.story_id, article.derived_from) == ("iraq-2021", "iraq-2021-002")


def test_the_article_is_analysed_once_on_save_and_never_on_a_page_view(client, html_draft, monkeypatch):
    calls = []
    real = article_service.analyze_text
    monkeypatch.setattr(article_service, "analyze_text", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    key_url = save(client, html_draft).location
    for _ in range(2):
        assert client.get(key_url).status_code == 200
    assert client.get("/authoring/").status_code == 200
    assert len(calls) == 1


def test_two_articles_with_one_headline_get_distinct_ids(client, teacher, db_session):
    for _ in range(2):
        save(client, draft_of(upload(client, "page.html", saved_page_html().encode())), story="iraq-2021")
    ids = db_session.scalars(select(Article.id).where(Article.owner_id == teacher.id)).all()
    assert len(set(ids)) == 2


def test_drafts_untouched_for_a_week_are_purged(client, html_draft, db_session):
    draft = db_session.get(ArticleDraft, html_draft)
    draft.updated_at = dt.datetime(2020, 1, 1)
    db_session.commit()
    assert draft_service.purge_old_drafts(db_session) == 1


def test_a_draft_untouched_for_a_week_is_no_longer_shown(client, html_draft, db_session):
    draft = db_session.get(ArticleDraft, html_draft)
    draft.updated_at = dt.datetime(2020, 1, 1)
    db_session.commit()
    assert client.get(f"/authoring/drafts/{html_draft}").status_code == 404
    assert f"/authoring/drafts/{html_draft}" not in client.get("/authoring/").get_data(as_text=True)
    assert db_session.get(ArticleDraft, html_draft) is not None  # reading a page deletes nothing


def test_a_draft_can_be_discarded(client, html_draft, db_session):
    assert client.post(f"/authoring/drafts/{html_draft}/discard").status_code == 302
    assert db_session.get(ArticleDraft, html_draft) is None


# ---- who may see what ----------------------------------------------------------------------------

def test_another_teacher_gets_404_for_a_draft_and_an_article(client, html_draft, make_teacher, login, db_session):
    article_id = save(client, html_draft).location.rsplit("/articles/", 1)[1].split("/key")[0]
    other_draft = draft_of(upload(client, "page.html", saved_page_html().encode()))
    switch_to(client, login, make_teacher("other@example.org", "Mr Other"))
    assert client.get(f"/authoring/drafts/{other_draft}").status_code == 404
    assert client.post(f"/authoring/drafts/{other_draft}/discard").status_code == 404
    assert client.post(f"/authoring/drafts/{other_draft}/removals", data={"removal": "4:page-chrome",
                                                                           "action": "undo"}).status_code == 404
    assert client.get(f"/authoring/articles/{article_id}/key").status_code == 404
    mine = draft_of(upload(client, "mine.html", saved_page_html().encode()))
    page = client.get(f"/authoring/drafts/{mine}").get_data(as_text=True)
    assert article_id not in page and "Eastside library closure" not in page  # not offered as story or source
    assert HEADLINE not in client.get("/authoring/").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/authoring/", "/authoring/new", "/authoring/articles/iraq-2021-001/key"])
def test_students_are_refused_and_anonymous_visitors_sent_to_sign_in(client, make_teacher, make_classroom,
                                                                      make_student, login, url):
    assert client.get(url).status_code == 302 and "/login" in client.get(url).location
    switch_to(client, login, make_student(make_classroom(make_teacher())))
    assert client.get(url).status_code == 403


def test_forms_need_their_csrf_token(csrf_client, make_teacher):
    client, sign_in = csrf_client
    sign_in(make_teacher("csrf@example.org"))
    response = client.post("/authoring/new", data={"pasted": raw_seed(1)})
    assert response.status_code == 400 and "This form has expired" in response.get_data(as_text=True)


# ---- hostile input is shown as text ----------------------------------------------------------------

def test_markup_in_pasted_text_and_metadata_is_shown_escaped_everywhere(client, teacher, db_session):
    pasted = raw_seed(1).replace("\n", f"\n{HOSTILE} ", 1)
    draft_id = draft_of(client.post("/authoring/new", data={"pasted": pasted}))
    wanted = removal_id(client, draft_id, "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;")
    client.post(f"/authoring/drafts/{draft_id}/removals", data={"removal": wanted, "action": "undo"})
    review = client.get(f"/authoring/drafts/{draft_id}").get_data(as_text=True)
    hostile_headline = '<script>alert("h")</script> Biden ends it'
    key_url = save(client, draft_id, headline=hostile_headline, outlet="<b>Outlet</b>",
                   byline='"><svg onload=alert(2)>', new_story_title="<i>story</i>").location
    pages = [review, client.get(key_url).get_data(as_text=True), client.get("/authoring/").get_data(as_text=True)]
    for page in pages:
        assert "<img src=x" not in page and "<script>alert" not in page and "<svg" not in page
        assert "<b>Outlet</b>" not in page and "<i>story</i>" not in page
    assert "&lt;img src=x onerror=" in review
    assert "&lt;script&gt;alert(&#34;h&#34;)&lt;/script&gt; Biden ends it" in pages[1]
    article = db_session.scalars(select(Article).where(Article.owner_id == teacher.id)).one()
    assert HOSTILE in article.text  # kept as the teacher asked, as text: never rendered as markup


def test_saving_twice_stores_one_article(client, teacher, html_draft, db_session):
    save(client, html_draft)
    again = save(client, html_draft)
    assert again.status_code == 302 and again.location.endswith("/authoring/")
    assert "already saved or discarded" in client.get(again.location).get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Article).where(Article.owner_id == teacher.id)) == 1


def test_the_authoring_migration_downgrades_and_upgrades_again(tmp_path):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import inspect

    from webapp.app import create_app
    from webapp.extensions import db

    app = create_app({"SECRET_KEY": "m", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite'}",
                      "TESTING": True})
    with app.app_context():
        upgrade()
        downgrade(revision="62c9a152e686")
        assert "article_drafts" not in inspect(db.engine).get_table_names()
        assert "owner_id" not in {c["name"] for c in inspect(db.engine).get_columns("stories")}
        upgrade()
        assert "client_id" in {c["name"] for c in inspect(db.engine).get_columns("key_labels")}
        db.engine.dispose()


def test_a_hostile_file_name_is_shown_as_text(client, teacher):
    draft_id = draft_of(upload(client, "<svg onload=alert(1)>.txt", raw_seed(1).encode()))
    for page in (client.get(f"/authoring/drafts/{draft_id}").get_data(as_text=True),
                 client.get("/authoring/").get_data(as_text=True)):
        assert "<svg" not in page and "&lt;svg onload=alert(1)&gt;.txt" in page
