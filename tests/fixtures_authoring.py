"""Authoring fixtures: a saved news page with everything a hostile or messy upload can hold, and
the steps a teacher takes in the browser (upload, review the cleaning, metadata, keying), written
as functions so that longer flows (build an exercise, assign it, a student completes it) reuse them.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from webapp.models import Article

HEADLINE = "Council Votes to Close Eastside Library Branch"
# Invented for these tests: a short local-news report with a loaded word, a rhetorical question,
# an anonymous source and a sentence the cleaner must not touch.
PARAGRAPHS = (
    ("The city council voted 6 to 3 on Tuesday night to close the Eastside library branch at the end of "
    "June, a decision that critics called a reckless attack on the neighbourhood's families."),
    ("Council member Dana Ortiz, who voted for the closure, said the branch costs the city 410,000 dollars "
    "a year and that visits have fallen by a third since 2019."),
    "Read More",
    "Photo: Sam Lee",
    ("But who will pay the price when children have nowhere quiet to study after school? Parents who "
    "packed the meeting said the nearest other branch is two bus rides away."),
    ("A city official, who asked not to be named because the budget is not final, said the building "
    "could be sold to a developer before the end of the year."),
    "The library's books and computers will be moved to the central branch, the council said in a statement.",
)
REMOVED_LINES = ("Read More", "Photo: Sam Lee")
HOSTILE = '<img src=x onerror="alert(1)">'


def saved_page_html(headline: str = HEADLINE, paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    """A news page as a browser saves it: navigation, scripts, styles, an inline handler and a
    javascript: link around the article, for the reader to leave behind."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{headline} | Riverside Courier</title>
<meta property="og:site_name" content="Riverside Courier">
<meta name="author" content="Jordan Park">
<meta property="article:published_time" content="2024-03-19">
<style>body {{ background: red }} .x::after {{ content: "STYLE-LEAK" }}</style>
<script>document.title = "SCRIPT-LEAK"; alert("SCRIPT-LEAK")</script>
</head><body>
<nav><a href="/">Home</a> <a href="javascript:alert('NAV-LEAK')">Sections</a></nav>
<article>
<h1>{headline}</h1>
<p class="byline">By Jordan Park</p>
{body}
<img src="x.png" onerror="alert('IMG-LEAK')">
<script>alert("INLINE-LEAK")</script>
</article>
<footer>Copyright Riverside Courier. <a href="javascript:void(0)">Subscribe</a></footer>
</body></html>
"""


@pytest.fixture
def saved_page(tmp_path) -> Path:
    """The saved page as a file, as a teacher's browser would have written it."""
    path = tmp_path / "eastside-library.html"
    path.write_text(saved_page_html(), encoding="utf-8")
    return path


@pytest.fixture
def csrf_client(database_uri):
    """A test client of an app with CSRF protection on (the usual test app turns it off), and a
    function that signs an account in on it."""
    from fixtures_web import sign_in

    from webapp.app import create_app
    from webapp.extensions import db

    app = create_app({"SECRET_KEY": "csrf-test", "SQLALCHEMY_DATABASE_URI": database_uri, "TESTING": True,
                      "WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": False})
    with app.app_context():
        client = app.test_client()
        yield client, lambda account: sign_in(client, account)
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_own_article(db_session):
    """make_own_article(teacher): the test page saved as the teacher's article in a new story of
    theirs, through the same services as the pages (for tests that need one without a browser)."""
    import datetime as dt

    from webapp.services.authoring import articles, drafts

    def make(teacher, page: str | None = None, headline: str = HEADLINE, story_title: str = "Eastside library"):
        draft = drafts.create_draft(db_session, teacher, (page or saved_page_html()).encode(), "page.html")
        details = articles.ArticleDetails(headline, "Riverside Courier", "newspaper", dt.date(2024, 3, 19),
                                          "Jordan Park", articles.NEW_STORY, story_title, None, False, None)
        article = articles.save_article(db_session, teacher, draft, details)
        db_session.commit()
        return article

    return make


def give_suggestions(db_session, article_id: str, spans: list[tuple[str, str, float]]) -> None:
    """Store classifier predictions for ``article_id``: (cue, words, score) for the first place the
    words occur. Tests do not depend on what the shipped model happens to find."""
    article = db_session.get(Article, article_id)
    cues = []
    for cue, words, score in spans:
        start = article.text.index(words)
        cues.append({"cue": cue, "start": start, "end": start + len(words), "text": words, "score": score})
    article.analysis = {**article.analysis, "cues": cues}
    db_session.commit()


def key_change(cue: str, start: int, end: int, rationale: str | None = "Why: the word judges.", *,
               op: str = "save", client_id: str | None = None, change_id: str | None = None) -> dict:
    """A change as the key editor page sends it (its ``note`` carries the rationale)."""
    client_id = client_id or uuid.uuid4().hex
    body = {"change_id": change_id or uuid.uuid4().hex, "op": op, "client_id": client_id}
    if op == "save":
        body["label"] = {"client_id": client_id, "cue": cue, "start": start, "end": end, "note": rationale,
                         "confidence": "sure"}
    return body


# ---- browser steps -----------------------------------------------------------------------------

def teacher_signs_up(page, base: str, email: str = "rivera@example.org", name: str = "Ms Rivera") -> None:
    page.goto(f"{base}/signup")
    page.fill("#email", email)
    page.fill("#name", name)
    page.fill("#password", "correct horse battery")
    page.fill("#confirm", "correct horse battery")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(lambda url: "/signup" not in url)


def upload_article_file(page, base: str, path: Path) -> None:
    """From the Articles page: add an article from a file; ends on the review page."""
    page.goto(f"{base}/authoring/")
    page.get_by_role("link", name="Add an article").click()
    page.set_input_files("#upload", str(path))
    page.click("button:has-text('Read and clean')")
    page.wait_for_url("**/authoring/drafts/*")


def put_back_removal(page, text: str) -> None:
    """Undo the removal of ``text`` on the review page."""
    row = page.locator("table.removals tr", has_text=text)
    row.locator("button:has-text('Put back')").click()
    page.wait_for_url("**/authoring/drafts/*")


def fill_metadata_and_save(page, *, outlet: str = "Riverside Courier", kind: str = "newspaper",
                           published: str = "2024-03-19", story_title: str = "Eastside library closure") -> str:
    """Fill in the metadata (keeping what the page found) and save; returns the new article's id."""
    page.fill("#outlet", outlet)
    page.select_option("#outlet_kind", kind)
    page.fill("#published", published)
    page.select_option("#story", "__new__")
    page.fill("#new_story_title", story_title)
    page.click("button:has-text('Save and analyse the article')")
    page.wait_for_url(re.compile(r"/authoring/articles/[^/]+/key"))
    return re.search(r"/authoring/articles/([^/]+)/key", page.url).group(1)


def write_rationale(page, rationale: str) -> None:
    page.fill("#editor-note", rationale)
    page.click("#editor-save")
    page.click("#editor-close")


def span_of(page, words: str) -> tuple[int, int]:
    """Offsets of the first run of the article's tokens that spells ``words``."""
    from webapp.services.article_text import TOKEN_RE

    wanted = TOKEN_RE.findall(words)
    tokens = page.evaluate("""() => Array.from(document.querySelectorAll('#article-text .w'))
        .map((w) => [Number(w.dataset.s), Number(w.dataset.e), w.textContent])""")
    for i in range(len(tokens) - len(wanted) + 1):
        if [t[2] for t in tokens[i:i + len(wanted)]] == wanted:
            return tokens[i][0], tokens[i + len(wanted) - 1][1]
    raise AssertionError(f"“{words}” is not in the article")


def key_by_mouse(page, words: str, cue: str, rationale: str) -> None:
    """Select ``words`` with the mouse, choose the cue in the editor, write why and save."""
    from test_browser_exercise import drag_select, wait_saved

    drag_select(page, *span_of(page, words))
    page.locator(f'#editor button[data-cue="{cue}"]').click()
    write_rationale(page, rationale)
    wait_saved(page)


def accept_suggestion(page, words: str, rationale: str) -> None:
    from test_browser_exercise import wait_saved

    item = page.locator("#suggestion-list li", has_text=words)
    item.locator("button[data-action=accept]").click()
    write_rationale(page, rationale)
    wait_saved(page)


def key_labels_listed(page) -> list[str]:
    return page.locator("#label-list .label-item").all_inner_texts()
