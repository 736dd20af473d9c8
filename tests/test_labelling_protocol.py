"""One labelling protocol for the student API and the key editor: the same limits and the same
clear 400/413 answers, a nested body included, and a chunked body read only up to the cap."""

from __future__ import annotations

import io
import json

import pytest
from fixtures_authoring import key_change
from fixtures_exercise import change

from webapp.labelling.protocol import BODY_MAX, DEPTH_MAX, LabelError, decode_json, read_body

KEY_ARTICLE = "iraq-2021-001"


@pytest.fixture(params=["student", "key editor"])
def endpoint(request, client, login, setup):
    """(url, a valid change) of one of the two labelling APIs, signed in as who may use it."""
    if request.param == "student":
        login(client, setup.student)
        return f"/api/assignments/{setup.graded.id}/changes", change()
    login(client, setup.teacher)
    return f"/api/keys/{KEY_ARTICLE}/changes", key_change("scare-quotes", 56, 64)


def _post(client, url: str, body: bytes, **kwargs):
    return client.post(url, data=body, content_type="application/json", **kwargs)


def _chunked(client, url: str, body: bytes):
    """A body sent with ``Transfer-Encoding: chunked``: no Content-Length, the server's WSGI layer
    having de-chunked the input (``wsgi.input_terminated``)."""
    return client.open(url, method="POST", input_stream=io.BytesIO(body), content_type="application/json",
                       environ_overrides={"wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"})


@pytest.mark.parametrize("nested", ["[" * 8000 + "]" * 8000, '{"a":' * 2500 + "1" + "}" * 2500,
                                    json.dumps({"change_id": "c", "label": [[[[[[[[[["x"]]]]]]]]]]})])
def test_deeply_nested_json_gets_a_clear_400_from_both(client, endpoint, nested):
    url, _ = endpoint
    assert len(nested) <= BODY_MAX
    response = _post(client, url, nested.encode())
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.json["code"] == "malformed" and f"more than {DEPTH_MAX} levels" in response.json["error"]


def test_a_chunked_body_past_the_cap_is_refused_by_both(client, endpoint, db_session):
    url, body = endpoint
    padded = json.dumps(body).encode() + b" " * (BODY_MAX + 100)  # valid JSON, a valid change, too long
    response = _chunked(client, url, padded)
    assert response.status_code == 413 and response.json["code"] == "too_large"


def test_a_chunked_body_within_the_cap_is_applied_by_both(client, endpoint):
    url, body = endpoint
    response = _chunked(client, url, json.dumps(body).encode())
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


def test_both_answer_junk_and_bad_utf8_alike(client, endpoint):
    url, _ = endpoint
    for junk in (b"{not json", b'{"change_id": "\xff\xfe"}', b""):
        response = _post(client, url, junk)
        assert response.status_code == 400 and response.json["code"] == "malformed", junk


# ---- the Flask-free core ----

class _Stream(io.BytesIO):
    """Records how much was asked of it."""

    asked = 0

    def read(self, size=-1):
        self.asked = size
        return super().read(size)


def test_the_reader_never_asks_for_more_than_the_cap_plus_one():
    stream = _Stream(b"x" * (10 * BODY_MAX))
    with pytest.raises(LabelError) as caught:
        read_body(stream, None)
    assert caught.value.status == 413 and stream.asked == BODY_MAX + 1 and stream.tell() == BODY_MAX + 1


def test_a_declared_length_past_the_cap_is_refused_before_reading():
    stream = _Stream(b"{}")
    with pytest.raises(LabelError):
        read_body(stream, BODY_MAX + 1)
    assert stream.tell() == 0


def test_a_change_as_the_page_sends_it_decodes():
    body = change(note="a note")
    assert decode_json(json.dumps(body).encode()) == body
