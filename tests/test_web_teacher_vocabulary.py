"""Teacher pages name articles by headline and outlet, never by the corpus's ids; the builder's
article list can be searched without JavaScript and previews the articles it finds."""

from __future__ import annotations

import html
import re

import pytest

from webapp.lessons.article_names import name_articles
from webapp.models import Article, Exercise, Lesson


def visible_text(page: str) -> str:
    """What a reader sees: the page without its tags, attributes, scripts and styles."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def article_ids(db_session) -> set[str]:
    return {a.id for a in db_session.query(Article)} | {e.id for e in db_session.query(Exercise)}


def test_name_articles_uses_the_headline_then_a_short_name():
    names = {"iraq-2021-002": ("“Biden Announces End” (Voice of America)", "“Biden Announces End”")}
    text = "Read iraq-2021-002 aloud, then iraq-2021-002 again; warm-up stays."
    assert name_articles(text, names) == ("Read “Biden Announces End” (Voice of America) aloud, then "
                                          "“Biden Announces End” again; warm-up stays.")


def test_a_headline_cannot_break_the_markdown_of_the_notes():
    names = {"a-1": ("“A | B *c*” (X)", "“A | B *c*”")}
    assert name_articles("| a-1 |", names, markdown=True) == r"| “A \| B \*c\*” (X) |"


def test_no_lesson_page_shows_an_article_id(client, db_session, login, teacher, article_ids):
    login(client, teacher)
    lessons = db_session.query(Lesson).all()
    assert len(lessons) >= 8
    for lesson in lessons:
        for address in (f"/lessons/{lesson.id}", f"/lessons/{lesson.id}/print"):
            text = visible_text(client.get(address).get_data(as_text=True))
            shown = {word for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text) if word in article_ids}
            assert not shown, (address, shown)
            assert "corpus/cues.yaml" not in text, address


def test_the_builder_names_articles_by_headline(client, login, teacher):
    login(client, teacher)
    page = client.get("/builder/exercises/new").get_data(as_text=True)
    assert "Biden Announces End to US Combat Mission in Iraq · Voice of America" in page
    assert ">iraq-2021-002:" not in page


def test_the_article_search_works_as_a_get_query_with_a_preview(client, login, teacher):
    login(client, teacher)
    page = client.get("/builder/exercises/new?q=voice+america").get_data(as_text=True)
    previews = page.split('class="article-previews"')[1].split("</ul>")[0]
    assert "Biden Announces End to US Combat Mission in Iraq" in previews
    assert "US To End" not in previews  # another outlet's article
    options = re.findall(r'<option[^>]*value="([^"]+)"', page.split('id="article"')[1].split("</select>")[0])
    assert options and all(o.startswith("iraq-2021-002") or "voa" in o for o in options), options
    assert len(re.findall(r'class="preview-text"', previews)) >= 1


def test_use_this_article_preselects_it(client, login, teacher):
    login(client, teacher)
    page = client.get("/builder/exercises/new?q=voice&article=iraq-2021-002").get_data(as_text=True)
    assert re.search(r'<option selected value="iraq-2021-002"|<option value="iraq-2021-002" selected', page)


def test_a_search_with_no_match_says_so(client, login, teacher):
    login(client, teacher)
    assert "No article matches" in client.get("/builder/exercises/new?q=zzzzzz").get_data(as_text=True)
