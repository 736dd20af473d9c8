"""Look-alike names: what a student types is normalised (NFC, no invisible characters, single
spaces) before it is looked up or stored, and a new name that looks like a classmate's (Cyrillic
or Greek letters for Latin ones) is refused with a message, on the join page and the teacher's."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from webapp.models import Student
from webapp.services import accounts
from webapp.services.names import normalise_name, skeleton

ZERO_WIDTH = "A\u200bda"  # a zero-width space inside
JOINER = "Ad\u200da"  # a zero-width joiner
RTL_OVERRIDE = "\u202eAda\u202c"  # right-to-left override ... pop
BOM = "\ufeffAda"
CYRILLIC_A = "Ad\u0430"  # Cyrillic small a at the end
GREEK_ALPHA = "Ad\u03b1"
ALL_CYRILLIC = "\u0410d\u0430"  # А and а


def _join(client, code: str, name: str, pin: str):
    return client.post("/join", data={"join_code": code, "display_name": name, "pin": pin})


def _names(db_session) -> list[str]:
    db_session.expire_all()
    return sorted(db_session.scalars(select(Student.display_name)))


@pytest.mark.parametrize("typed", [ZERO_WIDTH, JOINER, RTL_OVERRIDE, BOM, " Ada  ", "ADA"])
def test_invisible_characters_and_spacing_make_no_new_name(client, db_session, classroom, student, typed):
    """The same Ada, with her PIN; with another PIN, a "no match", never a second Ada."""
    assert _join(client, classroom.join_code, typed, "9999").status_code == 200
    assert _join(client, classroom.join_code, typed, "1234").status_code == 302
    assert _names(db_session) == ["Ada"]


def test_a_decomposed_accent_is_the_same_name(client, db_session, classroom, make_student):
    make_student(classroom, "Jos\u00e9", "1234")  # é precomposed (NFC)
    assert _join(client, classroom.join_code, "Jose\u0301", "1234").status_code == 302  # e + combining accent
    assert _names(db_session) == ["Jos\u00e9"]


def test_a_name_is_stored_normalised(client, db_session, classroom):
    assert _join(client, classroom.join_code, "  Zo\u200be   Jose\u0301 ", "2468").status_code == 302
    stored = db_session.scalar(select(Student))
    assert stored.display_name == "Zoe Jos\u00e9" and stored.name_key == "zoe jos\u00e9"


@pytest.mark.parametrize("lookalike", [CYRILLIC_A, GREEK_ALPHA, ALL_CYRILLIC])
def test_a_lookalike_of_a_classmates_name_is_refused(client, db_session, classroom, student, lookalike):
    response = _join(client, classroom.join_code, lookalike, "5555")
    assert response.status_code == 200
    assert "looks too much like the name of someone already in the class" in response.get_data(as_text=True)
    assert _names(db_session) == ["Ada"]


def test_the_teacher_cannot_add_a_lookalike_either(client, login, db_session, teacher, classroom, student):
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/students", data={"display_name": CYRILLIC_A})
    assert response.status_code == 400 and "looks too much like" in response.get_data(as_text=True)
    assert _names(db_session) == ["Ada"]


def test_different_names_are_still_welcome(client, db_session, classroom, student):
    for name, pin in (("Adam", "1111"), ("Zoë", "2222"), ("Zoe", "3333"), ("Алина", "4444")):
        assert _join(client, classroom.join_code, name, pin).status_code == 302, name
        client.post("/logout")
    assert _names(db_session) == ["Ada", "Adam", "Zoe", "Zoë", "Алина"]


def test_skeletons():
    assert skeleton("Ada") == skeleton(CYRILLIC_A) == skeleton(GREEK_ALPHA) == skeleton(ALL_CYRILLIC)
    assert skeleton("Al") == skeleton("AI")  # capital I and small l look alike in most fonts
    assert skeleton("Ada") != skeleton("Adam")
    assert normalise_name(RTL_OVERRIDE) == normalise_name(ZERO_WIDTH) == "Ada"


def test_the_service_refuses_lookalikes_with_a_field(db_session, classroom, student):
    with pytest.raises(accounts.LookalikeName) as refused:
        accounts.add_student(db_session, classroom, CYRILLIC_A)
    assert refused.value.field == "display_name"
