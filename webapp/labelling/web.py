"""The labelling protocol on a Flask blueprint: the request's body as a change's JSON, and every
:class:`LabelError` answered in JSON. Both labelling APIs register it, so they cannot disagree."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from webapp.labelling.protocol import LabelError, parse_body


def request_payload() -> Any:
    """The current request's JSON value (a :class:`LabelError` when it is not one within the limits)."""
    return parse_body(request.mimetype, request.content_length, request.stream)


def answer_label_errors(bp: Blueprint) -> None:
    """Answer every :class:`LabelError` raised in ``bp`` with its JSON and status."""

    @bp.errorhandler(LabelError)
    def _label_error(error: LabelError):
        return jsonify(error.as_dict()), error.status
