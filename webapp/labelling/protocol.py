"""One JSON protocol for every change the labelling page sends, a student's label or a teacher's
key label: the body's limits, how it is read and decoded, the envelope every change shares, and
the error it answers with (``{"error", "status", "code", "field"}``).

No Flask here: the blueprints hand over the content type, the declared length and the input
stream (:mod:`webapp.labelling.web`), so both answer a bad body the same way, and a body without
a length (``Transfer-Encoding: chunked``) is still read only up to the cap.
"""

from __future__ import annotations

import json
import re
from typing import Any, BinaryIO

BODY_MAX = 16 * 1024  # a change is a few hundred bytes; a 1000-character rationale fits many times over
DEPTH_MAX = 8  # a change is an object holding one object (the label); deeper is never a change
OPS = ("save", "delete")
ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class LabelError(ValueError):
    """A change that cannot be applied; ``message`` is written for the person at the page."""

    def __init__(self, message: str, status: int = 400, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message, self.status, self.code, self.field = message, status, code, field

    def as_dict(self) -> dict:
        return {"error": self.message, "status": self.status, "code": self.code, "field": self.field}


def _too_large() -> LabelError:
    return LabelError(f"The request is too large (at most {BODY_MAX} bytes).", status=413, code="too_large")


def read_body(stream: BinaryIO, content_length: int | None) -> bytes:
    """At most ``BODY_MAX`` bytes of the body; more (declared or sent) is refused with a 413.

    Reading stops one byte past the cap whatever the headers say, so a chunked body, which
    declares no length, cannot make the server hold more than that."""
    if content_length is not None and content_length > BODY_MAX:
        raise _too_large()
    body = stream.read(BODY_MAX + 1)
    if len(body) > BODY_MAX:
        raise _too_large()
    return body


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a decoded value (iteratively: no recursion to exhaust)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def decode_json(body: bytes) -> Any:
    """The decoded JSON value; junk, bad UTF-8 and nesting deeper than ``DEPTH_MAX`` give a 400."""
    try:
        payload = json.loads(body)
    except RecursionError:  # "[[[[…" nested deeper than the decoder goes
        raise _too_deep() from None
    except ValueError:  # JSONDecodeError and UnicodeDecodeError alike
        raise LabelError("The request body is not valid JSON.", code="malformed") from None
    if _depth(payload) > DEPTH_MAX:
        raise _too_deep()
    return payload


def _too_deep() -> LabelError:
    return LabelError(f"The request body nests lists or objects more than {DEPTH_MAX} levels deep; "
                      "a change is one object holding its label.", code="malformed")


def parse_body(mimetype: str, content_length: int | None, stream: BinaryIO) -> Any:
    """The JSON value of a change's request, checked for type, size and shape of the JSON."""
    if mimetype != "application/json":
        raise LabelError("Send the change as JSON (Content-Type: application/json).", code="content_type")
    return decode_json(read_body(stream, content_length))


def identifier(value: Any, field: str) -> str:
    """A change id or a label's client id, as the page makes them."""
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise LabelError(f"“{field}” must be 1 to 64 letters, digits, dashes or underscores.", field=field)
    return value


def parse_envelope(payload: Any) -> tuple[str, str, str, Any]:
    """The parts every change shares (a student's label or a teacher's key label): its change id,
    ``save`` or ``delete``, the label's client id and the raw label."""
    if not isinstance(payload, dict):
        raise LabelError("The request body must be a JSON object.")
    change_id = identifier(payload.get("change_id"), "change_id")
    op = payload.get("op")
    if op not in OPS:
        raise LabelError("“op” must be “save” or “delete”.", field="op")
    label = payload.get("label")
    raw_client = payload.get("client_id", label.get("client_id") if isinstance(label, dict) else None)
    return change_id, op, identifier(raw_client, "client_id"), label
