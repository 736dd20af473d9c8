"""CSV roster import: the checks of the roster service, and the upload page."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from webapp.models import Student
from webapp.services import accounts, roster


def _students(db_session) -> list[str]:
    return db_session.scalars(select(Student.display_name).order_by(Student.id)).all()


def _upload(client, classroom, data: bytes, filename: str = "roster.csv"):
    return client.post(f"/classes/{classroom.id}/import", content_type="multipart/form-data",
                       data={"roster": (io.BytesIO(data), filename)})


# ---- the service ----

def test_a_good_file_is_read_with_row_numbers(db_session, classroom):
    check = roster.check_roster(db_session, classroom, b"display_name,pin\nAda,4821\nGrace,\n")
    assert check.ok
    assert [(r.line, r.display_name, r.pin) for r in check.rows] == [(2, "Ada", "4821"), (3, "Grace", None)]


def test_a_byte_order_mark_is_ignored(db_session, classroom):
    check = roster.check_roster(db_session, classroom, "\ufeffdisplay_name\nZoë\n".encode("utf-8"))
    assert [r.display_name for r in check.rows] == ["Zoë"]


def test_semicolons_and_extra_columns_are_fine(db_session, classroom):
    check = roster.check_roster(db_session, classroom, b"Surname;Display Name;PIN\nX;Ada;1234\r\n")
    assert [(r.display_name, r.pin) for r in check.rows] == [("Ada", "1234")]


def test_blank_lines_are_skipped(db_session, classroom):
    check = roster.check_roster(db_session, classroom, b"display_name\nAda\n\n,\nBen\n\n")
    assert [r.display_name for r in check.rows] == ["Ada", "Ben"]


@pytest.mark.parametrize("data, problem", [
    (b"display_name,pin\nAda,12\n", (2, "A PIN is 4 to 8 digits.")),
    (b"display_name,pin\n,1234\n", (2, "A display name is needed.")),
    (b"display_name\n" + b"x" * 61 + b"\n", (2, "A display name has at most 60 characters.")),
    (b"display_name\nAda\nada\n", (3, "\u201cada\u201d is already on row 2.")),
])
def test_a_bad_row_is_reported_with_its_number(db_session, classroom, data, problem):
    assert roster.check_roster(db_session, classroom, data).problems == [problem]


def test_a_name_already_in_the_class_is_a_problem(db_session, classroom, student):
    check = roster.check_roster(db_session, classroom, b"display_name\nBen\nAda\n")
    assert check.problems == [(3, "\u201cAda\u201d is already in this class.")] and not check.ok


@pytest.mark.parametrize("data, message", [
    (b"", "The file is empty."),
    (b"name,pin\nAda,1234\n", "display_name"),
    (b"display_name\n", "no students"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    ("display_name\nZoë\n".encode("latin-1"), "not UTF-8"),
    (b"display_name\n" + b"Ada\n" * 70_000, "too large"),
])
def test_unreadable_files_are_refused_whole(db_session, classroom, data, message):
    with pytest.raises(roster.RosterError, match=message):
        roster.check_roster(db_session, classroom, data)


def test_too_many_rows_are_refused(db_session, classroom):
    data = "display_name\n" + "".join(f"S{n}\n" for n in range(roster.MAX_ROWS + 1))
    with pytest.raises(roster.RosterError, match="at most 500"):
        roster.check_roster(db_session, classroom, data.encode())


def test_import_returns_names_and_pins(db_session, classroom):
    check = roster.check_roster(db_session, classroom, b"display_name,pin\nAda,4821\nGrace,\n")
    created = roster.import_roster(db_session, classroom, check)
    assert created[0] == ("Ada", "4821") and created[1][0] == "Grace" and len(created[1][1]) == 4


# ---- the page ----

def test_the_import_page_explains_the_format(client, login, teacher, classroom):
    login(client, teacher)
    page = client.get(f"/classes/{classroom.id}/import").get_data(as_text=True)
    assert "display_name" in page and 'enctype="multipart/form-data"' in page


def test_a_good_upload_imports_everyone_and_prints_their_pins(client, db_session, login, teacher, classroom):
    login(client, teacher)
    response = _upload(client, classroom, b"display_name,pin\nAda,4821\nGrace,\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert _students(db_session) == ["Ada", "Grace"] and "4821" in page and page.count('class="slip"') == 2


def test_one_bad_row_imports_nothing(client, db_session, login, teacher, classroom):
    login(client, teacher)
    response = _upload(client, classroom, b"display_name,pin\nAda,4821\nGrace,12\nBen,\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Nothing was imported" in page
    assert "<td>3</td><td>A PIN is 4 to 8 digits.</td>" in page and _students(db_session) == []


def test_a_formula_like_name_is_stored_as_text_and_escaped(client, db_session, login, teacher, classroom):
    login(client, teacher)
    sheet = _upload(client, classroom, b'display_name\n"=cmd()"\n<b>Bo</b>\n').get_data(as_text=True)
    assert _students(db_session) == ["=cmd()", "<b>Bo</b>"]
    assert "&lt;b&gt;Bo&lt;/b&gt;" in sheet and "<b>Bo</b>" not in sheet
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert "=cmd()" in page and "&lt;b&gt;Bo&lt;/b&gt;" in page


def test_a_non_utf8_upload_gets_a_clear_message(client, db_session, login, teacher, classroom):
    login(client, teacher)
    response = _upload(client, classroom, "display_name\nZoë\n".encode("cp1252"))
    assert response.status_code == 400 and "CSV UTF-8" in response.get_data(as_text=True)
    assert _students(db_session) == []


def test_a_binary_upload_is_refused(client, db_session, login, teacher, classroom):
    login(client, teacher)
    response = _upload(client, classroom, b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "roster.xlsx")
    assert response.status_code == 400 and "not a text file" in response.get_data(as_text=True)


def test_an_upload_without_a_file_is_refused(client, login, teacher, classroom):
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/import", data={})
    assert response.status_code == 400 and "Choose a CSV file" in response.get_data(as_text=True)


def test_a_file_just_over_the_roster_limit_is_refused(client, login, teacher, classroom):
    login(client, teacher)
    response = _upload(client, classroom, b"display_name\n" + b"Ada\n" * 70_000)
    assert response.status_code == 400 and "too large for a roster" in response.get_data(as_text=True)


def test_a_file_over_the_server_limit_gets_413(app, client, login, teacher, classroom):
    from webapp.config import MAX_UPLOAD_BYTES

    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES  # as in production (the test config leaves it out)
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/import", data=b"x" * (MAX_UPLOAD_BYTES + 1),
                           content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413 and "too large" in response.get_data(as_text=True)


def test_importing_into_another_teachers_class_is_not_found(client, db_session, login, other_teacher, classroom):
    login(client, other_teacher)
    assert _upload(client, classroom, b"display_name\nAda\n").status_code == 404
    assert db_session.scalar(select(func.count()).select_from(Student)) == 0


def test_the_upload_needs_its_csrf_token(app, client, db_session, login, teacher, classroom):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    assert _upload(client, classroom, b"display_name\nAda\n").status_code == 400
    assert _students(db_session) == []


def test_imported_students_can_sign_in_with_their_pins(db_session, classroom):
    check = roster.check_roster(db_session, classroom, b"display_name,pin\nAda,4821\n")
    roster.import_roster(db_session, classroom, check)
    assert accounts.authenticate_student(db_session, classroom.join_code, "ada", "4821") is not None
