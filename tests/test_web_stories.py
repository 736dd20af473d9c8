"""The story comparison pages: who may see them, what the seed story's page shows, escaping."""

from __future__ import annotations

import re

import pytest
from fixtures_web import TEACHER_PASSWORD

from webapp.analysis.pipeline import analyze_text
from webapp.corpus.articles import text_sha256
from webapp.models import Article
from webapp.stories import cache

SEED = "/stories/iraq-2021"
HOSTILE = '<script>alert("x")</script> The mayor said the <b>river</b> & the bridge were safe all along.'


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def teacher_client(client, teacher, login):
    login(client, teacher)
    return client


def _add_article(db_session, owner, text: str = HOSTILE, article_id: str = "iraq-2021-teacher") -> Article:
    article = Article(id=article_id, story_id="iraq-2021", headline="<i>Teacher</i> headline", outlet="Class blog",
                      outlet_kind="blog", credits=[], published="2021-08-01", invented=True, provenance="test",
                      text=text, sha256=text_sha256(text), analysis=analyze_text(text, article_id).as_dict(),
                      owner_id=owner.id)
    db_session.add(article)
    db_session.commit()
    return article


# --- access ---

def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/stories/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_anonymous_visitors_cannot_open_a_story(client):
    assert client.get(SEED).status_code == 302


def test_students_get_403_on_the_story_list(client, student, login):
    login(client, student)
    assert client.get("/stories/").status_code == 403


def test_students_get_403_on_a_story(client, student, login):
    login(client, student)
    assert client.get(SEED).status_code == 403


def test_an_unknown_story_is_404(teacher_client):
    assert teacher_client.get("/stories/no-such-story").status_code == 404


# --- the list ---

def test_the_list_links_every_story(teacher_client):
    body = teacher_client.get("/stories/").get_data(as_text=True)
    assert 'href="/stories/iraq-2021"' in body and 'href="/stories/fare-protest"' in body


def test_teacher_nav_links_the_stories(teacher_client):
    assert 'href="/stories/"' in teacher_client.get("/lessons/").get_data(as_text=True)


# --- the seed story's page ---

def test_the_seed_story_lists_003_as_derived_from_002(teacher_client):
    body = teacher_client.get(SEED).get_data(as_text=True)
    assert "iraq-2021-003 is derived from iraq-2021-002" in body


def test_the_seed_story_shows_aligned_pairs_side_by_side(teacher_client):
    body = teacher_client.get(SEED).get_data(as_text=True)
    assert 'class="pairs"' in body and "Biden declined to say how many U.S. troops" in body
    assert "The president declined to clarify how many American troops" in body


def test_the_seed_story_marks_lost_quotation_marks_in_text(teacher_client):
    body = teacher_client.get(SEED).get_data(as_text=True)
    assert "Quotation marks lost:" in body


def test_the_page_shows_every_article_with_its_figures(teacher_client):
    body = teacher_client.get(SEED).get_data(as_text=True)
    assert all(f"iraq-2021-00{n}" in body for n in range(5))
    assert "Named sources" in body and "Cues found by the classifier" in body


def test_the_charts_are_labelled_images(teacher_client):
    body = teacher_client.get(SEED).get_data(as_text=True)
    assert body.count('role="img"') == 5 and 'id="story-cues-desc"' in body


def test_the_page_links_its_stylesheet(teacher_client):
    assert "css/stories.css" in teacher_client.get(SEED).get_data(as_text=True)


def test_a_story_without_copies_says_so(teacher_client, db_session):
    db_session.get(Article, "iraq-2021-003").story_id = "fare-protest"  # the copy leaves the story
    db_session.commit()
    assert "No article of this story reuses" in teacher_client.get(SEED).get_data(as_text=True)


# --- article text is data ---

def test_article_text_and_headline_are_escaped(teacher_client, teacher, db_session):
    _add_article(db_session, teacher)
    body = teacher_client.get(SEED).get_data(as_text=True)
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body
    assert "<i>Teacher</i>" not in body and "&lt;i&gt;Teacher&lt;/i&gt; headline" in body


def test_another_teachers_article_is_not_shown(teacher_client, other_teacher, db_session):
    _add_article(db_session, other_teacher)
    assert "iraq-2021-teacher" not in teacher_client.get(SEED).get_data(as_text=True)


# --- computed once ---

def test_the_comparison_is_computed_once_for_repeated_views(teacher_client, monkeypatch):
    calls = []
    original = cache.compare_story
    monkeypatch.setattr(cache, "compare_story", lambda articles: calls.append(1) or original(articles))
    teacher_client.get(SEED)
    teacher_client.get(SEED)
    assert len(calls) == 1


def test_a_changed_text_is_compared_again(teacher_client, teacher, db_session, monkeypatch):
    calls = []
    original = cache.compare_story
    monkeypatch.setattr(cache, "compare_story", lambda articles: calls.append(1) or original(articles))
    teacher_client.get(SEED)
    _add_article(db_session, teacher)
    teacher_client.get(SEED)
    assert len(calls) == 2


# --- in a browser ---

def test_browser_seed_story_page_shows_003_derived_from_002(make_teacher, live_server, browser_page, screenshot):
    """A teacher signs in, opens Stories from the nav, the seed story, then its derived copies (the
    screenshot for the docs)."""
    from playwright.sync_api import expect

    make_teacher()
    page = browser_page
    page.goto(f"{live_server}/login")
    page.fill("#email", "teacher@example.org")
    page.fill("#password", TEACHER_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stories").click()
    page.get_by_role("link", name="The end of the US combat mission in Iraq (2021)").click()
    heading = page.get_by_role("heading", name="iraq-2021-003 is derived from iraq-2021-002")
    jump = page.get_by_role("navigation", name="On this page").get_by_role("link", name="Derived copies")
    jump.focus()
    page.keyboard.press("Enter")  # the keyboard reaches the section as the mouse does
    expect(page).to_have_url(re.compile("#derived$"))
    assert heading.is_visible()
    copy = page.locator("#copy-iraq-2021-003")
    expect(copy).to_contain_text("The file's metadata agrees.")
    expect(copy).to_contain_text("Quotation marks lost")
    screenshot(page, "story-comparison")
