"""Security headers on every response (the app loads nothing from other origins), a session cookie
that is Secure on every HTTPS request, and requests carrying a NUL character refused before they
reach a view."""

from __future__ import annotations

from flask import Flask, Response, abort, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import RequestEntityTooLarge

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


NUL_MESSAGE = ("What was sent holds a NUL character, which no text in FrameLab can contain. "
               "Retype it and try again.")


def _has_nul() -> bool:
    """A NUL anywhere in the path, the query string or the form fields."""
    try:
        form = request.form.items(multi=True) if request.method == "POST" else ()
    except RequestEntityTooLarge:
        # Too large to read: the view refuses it when it reads the form, with its own message
        # (an upload page names its own limit), or the app's 413 page does.
        form = ()
    fields = [*request.args.items(multi=True), *form]
    return "\x00" in request.path or any("\x00" in value for _, value in fields)


class HttpsAwareSessions(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over HTTPS (directly, or through a
    trusted proxy's X-Forwarded-Proto), not only when FRAMELAB_SECURE_COOKIES says so: a district
    behind an HTTPS proxy that forgot the switch still never sends the cookie in clear."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return super().get_cookie_secure(app) or request.is_secure


def register(app: Flask) -> None:
    app.session_interface = HttpsAwareSessions()

    @app.before_request
    def _refuse_nul():
        # PostgreSQL refuses NUL in any text, even in a WHERE clause, and nobody types one: one
        # check here answers 400 with a message instead of a driver error deep in a query (a 500).
        if _has_nul():
            abort(400, description=NUL_MESSAGE)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
