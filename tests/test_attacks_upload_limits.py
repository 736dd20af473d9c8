"""Uploads inside the byte limit that would tie up a worker are refused with a message naming the
limit, before any HTML parser or the analysis runs (issue 12.6)."""

from __future__ import annotations

import time

import pytest
from test_web_authoring import upload

from webapp.corpus import limits
from webapp.corpus.reading import ArticleInputError, read_article_bytes

SENTENCE = "The council voted on the budget after a long debate about the library. "


def many_attributes(count: int) -> bytes:
    attributes = " ".join(f'a{n}="x"' for n in range(count))
    return f"<html><body><div {attributes}><p>{SENTENCE * 20}</p></div></body></html>".encode()


def test_an_element_with_150000_attributes_is_refused_at_once():
    page = many_attributes(150_000)
    started = time.perf_counter()
    with pytest.raises(ArticleInputError, match="more than 1,000 attributes"):
        read_article_bytes(page, "page.html", ".html")
    assert time.perf_counter() - started < 5  # lxml alone took 104 s on this page


def test_a_page_with_too_many_elements_is_refused():
    page = ("<html><body>" + "<span>x</span>" * (limits.MAX_HTML_ELEMENTS + 1) + "</body></html>").encode()
    with pytest.raises(ArticleInputError, match="more than 100,000 HTML elements"):
        read_article_bytes(page, "page.html", ".html")


def test_a_text_over_the_word_limit_is_refused_and_one_at_the_limit_is_read():
    words_per_sentence = len(SENTENCE.split())
    over = SENTENCE * (limits.MAX_ARTICLE_WORDS // words_per_sentence + 1)
    with pytest.raises(ArticleInputError, match="at most 20,000"):
        read_article_bytes(over.encode(), "long.txt", ".txt")
    at_limit = SENTENCE * (limits.MAX_ARTICLE_WORDS // words_per_sentence)
    assert read_article_bytes(at_limit.encode(), "long.txt", ".txt").text == at_limit


def test_an_ordinary_page_passes_the_shape_check():
    limits.check_html_shape(many_attributes(40), "page.html")


def test_the_upload_page_says_which_limit_a_file_broke(client, login, make_teacher):
    login(client, make_teacher())
    response = upload(client, "huge.txt", (SENTENCE * 2000).encode())
    assert response.status_code == 400
    assert "an article may have at most 20,000" in response.get_data(as_text=True)
    assert db_session_count(client) == 0


def db_session_count(client) -> int:
    from sqlalchemy import func, select

    from webapp.extensions import db
    from webapp.models import ArticleDraft

    with client.application.app_context():
        return db.session.scalar(select(func.count()).select_from(ArticleDraft))
