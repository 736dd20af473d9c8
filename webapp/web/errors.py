"""Friendly error pages (and JSON errors for the API), never a stack trace."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from webapp.extensions import db
from webapp.web import errorlog

MESSAGES = {
    400: "The request could not be understood.",
    403: "You do not have access to this page.",
    404: "There is nothing at this address.",
    405: "That action is not allowed here.",
    413: "That file is too large.",
    429: "Too many attempts. Please wait a minute and try again.",
    500: "Something went wrong on the server. Your saved work is safe; please try again.",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _render(status: int, message: str):
    if _wants_json():
        return jsonify(error=message, status=status), status
    return render_template("error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        return _render(400, "This form has expired or was sent from elsewhere. Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        status = error.code or 500
        message = error.description if status == 400 and error.description else MESSAGES.get(status, error.name)
        return _render(status, message)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if app.testing:
            raise error
        errorlog.log_unexpected(app.logger, error)
        db.session.rollback()  # the error page must not touch a failed transaction
        return _render(500, MESSAGES[500])

    # An error Flask cannot hand to the handler above (one inside it) is logged the same way.
    app.log_exception = lambda exc_info: errorlog.log_unexpected(app.logger, exc_info[1])  # type: ignore[method-assign]
