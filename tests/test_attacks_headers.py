"""Security headers and a Content-Security-Policy the app's own pages satisfy.

Every GET route of the app (from ``app.url_map``, so new pages are covered) is opened as an
anonymous visitor, a teacher and a student. Every answer, whatever its status, carries the headers;
every HTML page holds no inline script, no inline style (element or attribute), no ``on*=`` handler
and no ``javascript:`` URL, so the strict CSP (no 'unsafe-inline') never has to block anything.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fixtures_attacks import ROLES, get_pages, sign_in_as

from webapp.web.security import CSP


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        # A JSON data block is not run (the CSP does not apply to it); any other inline script is.
        if tag == "script" and not names.get("src") and names.get("type") != "application/json":
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style= on <{tag}>")
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL in {name}= on <{tag}>")

    def handle_data(self, data: str) -> None:
        pass


def inline_code(html: str) -> list[str]:
    finder = InlineCode()
    finder.feed(html)
    finder.close()
    return finder.found


def test_the_finder_finds_what_a_strict_csp_blocks():
    page = ('<p style="color:red" onclick="x()"><a href="javascript:alert(1)">a</a></p>'
            '<script>alert(1)</script><script src="/static/js/submit.js"></script><style>p{}</style>'
            '<script type="application/json">{"a": 1}</script>')
    assert sorted(inline_code(page)) == sorted([
        "style= on <p>", "onclick= on <p>", "javascript: URL in href= on <a>", "<script> without src",
        "<style> element"])


def test_the_policy_allows_no_inline_code_and_no_other_origin():
    directives = dict((part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in CSP.split(";")))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'" and directives["base-uri"] == "'none'"
    assert "unsafe" not in CSP and "*" not in CSP and "http" not in CSP


def _check_headers(response, url: str) -> None:
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CSP, url
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("Referrer-Policy") in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"), url
    assert headers.get("X-Frame-Options") == "DENY", url


def _get(client, url: str):
    """GET and read the whole answer, closing it (a static file's handle would stay open)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


@pytest.mark.parametrize("role", ROLES)
def test_every_page_has_the_headers_and_no_inline_code(app, client, switch_to, world, lesson, story_id, authored,
                                                      role):
    sign_in_as(client, switch_to, world, role)
    rendered = 0
    for endpoint, url in get_pages(app, world, lesson, story_id, role, authored):
        response = _get(client, url)
        assert response.status_code < 500, (endpoint, url)
        _check_headers(response, url)
        if response.mimetype == "text/html":
            assert inline_code(response.get_data(as_text=True)) == [], (endpoint, url)
            rendered += response.status_code == 200
    assert rendered >= 3  # the loop really looked at pages, not only redirects


def test_every_get_route_renders_for_someone(app, client, switch_to, world, lesson, story_id, authored):
    """Each GET route answers 200 to at least one role, so the checks above did see its page
    (Ms Rivera is an administrator here, so the teacher accounts pages open too)."""
    from webapp.extensions import db

    world.mine.teacher.is_admin = True
    db.session.commit()
    seen: dict[str, bool] = {}
    for role in ROLES:
        sign_in_as(client, switch_to, world, role)
        for endpoint, url in get_pages(app, world, lesson, story_id, role, authored):
            seen[endpoint] = seen.get(endpoint, False) or _get(client, url).status_code == 200
    assert [endpoint for endpoint, ok in seen.items() if not ok] == []


@pytest.mark.parametrize("path", ["/no-such-page", "/api/assignments/1/labels", "/static/css/app.css",
                                  "/work/cues.css", "/api/nothing"])
def test_errors_json_and_static_files_have_the_headers_too(client, path):
    _check_headers(_get(client, path), path)


def test_a_refused_post_has_the_headers(client):
    response = client.post("/logout", data={})  # CSRF is off in tests: the sign-out redirect
    _check_headers(response, "/logout")
