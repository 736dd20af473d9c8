"""Downloads of the exports from the dashboard: who may download, the buttons, the headers, and
that a download is the very export of ``framelab export`` (figures in tests/test_exports.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from webapp.exports.formats import export_class

CSV, JSON = "text/csv; charset=utf-8", "application/json; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ASSIGNMENT_FORMATS = [("gradebook", CSV, "results.csv"), ("long", CSV, "labels.csv"), ("xlsx", XLSX, "workbook.xlsx")]
CLASS_FORMATS = [("archive", JSON, "archive.json"), ("long", CSV, "labels.csv"), ("xlsx", XLSX, "workbook.xlsx")]


def _today() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).date().isoformat()  # the teacher has no zone: the school's, UTC


def readable(tail: str, class_part: str = "Media-literacy-8B-", title: str = "Spot-the-framing-graded-",
             deidentified: bool = False) -> str:
    """A download's readable name: class (left out when de-identified), title, what, day."""
    what, _, extension = tail.partition(".")
    if deidentified:
        return f"{title}{what}-deidentified-{_today()}.{extension}"
    return f"{class_part}{title}{what}-{_today()}.{extension}"


def assignment_url(graded_class, fmt: str, deidentified: bool = False) -> str:
    return f"/results/{graded_class.assignment.id}/download/{fmt}" + ("?deidentified=1" if deidentified else "")


def class_url(graded_class, fmt: str, deidentified: bool = False) -> str:
    return f"/results/classes/{graded_class.classroom.id}/download/{fmt}" + ("?deidentified=1" if deidentified else "")


@pytest.fixture
def teacher_client(client, login, graded_class):
    login(client, graded_class.teacher)
    return client


def all_urls(graded_class) -> list[str]:
    return ([assignment_url(graded_class, f, d) for f, _, _ in ASSIGNMENT_FORMATS for d in (False, True)]
            + [class_url(graded_class, f, d) for f, _, _ in CLASS_FORMATS for d in (False, True)])


# ---- access -------------------------------------------------------------------------------------

def test_another_teacher_gets_404_for_every_download(client, login, graded_class, make_teacher):
    login(client, make_teacher("other@example.org", "Mr Okafor"))
    assert {client.get(u).status_code for u in all_urls(graded_class)} == {404}


def test_a_student_is_refused_every_download(client, login, graded_class):
    login(client, graded_class.students["Zoë"])
    assert {client.get(u).status_code for u in all_urls(graded_class)} == {403}


def test_anonymous_is_sent_to_sign_in(client, graded_class):
    response = client.get(assignment_url(graded_class, "gradebook"))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("address", ["/results/{a}/download/archive", "/results/{a}/download/pdf",
                                     "/results/classes/{c}/download/gradebook", "/results/classes/{c}/download/..%2f"])
def test_a_format_not_offered_is_404(teacher_client, graded_class, address):
    url = address.format(a=graded_class.assignment.id, c=graded_class.classroom.id)
    assert teacher_client.get(url).status_code == 404


def test_unknown_ids_are_404(teacher_client):
    assert teacher_client.get("/results/999999/download/gradebook").status_code == 404
    assert teacher_client.get("/results/classes/999999/download/archive").status_code == 404


# ---- headers and content ------------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "mimetype", "tail"), ASSIGNMENT_FORMATS)
@pytest.mark.parametrize("deidentified", [False, True])
def test_assignment_download_headers(teacher_client, graded_class, fmt, mimetype, tail, deidentified):
    response = teacher_client.get(assignment_url(graded_class, fmt, deidentified))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == mimetype
    assert response.headers["Content-Disposition"] == f"attachment; filename={readable(tail, deidentified=deidentified)}"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("fmt", "mimetype", "tail"), CLASS_FORMATS)
def test_class_download_headers(teacher_client, graded_class, fmt, mimetype, tail):
    response = teacher_client.get(class_url(graded_class, fmt))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == mimetype
    assert response.headers["Content-Disposition"] == f"attachment; filename={readable(tail, title='')}"


@pytest.mark.parametrize("fmt", ["gradebook", "long", "xlsx"])
def test_a_download_is_the_export_of_the_command_line(app, teacher_client, graded_class, db_session, fmt):
    data = teacher_client.get(assignment_url(graded_class, fmt, deidentified=True)).data
    expected = export_class(db_session, graded_class.classroom, fmt, graded_class.assignment,
                            secret=app.config["SECRET_KEY"])
    if fmt == "xlsx":  # the zip holds its own time stamps: compare the cells
        def cells(raw):
            return [[list(r) for r in ws.iter_rows(values_only=True)] for ws in load_workbook(io.BytesIO(raw))]
        assert cells(data) == cells(expected.data)
    else:
        assert data == expected.data


def test_gradebook_download_parses_with_names(teacher_client, graded_class):
    data = teacher_client.get(assignment_url(graded_class, "gradebook")).data
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == ["'@Bob", "Ngọc", "Zoë", "李雷"]


def test_deidentified_download_holds_no_name(teacher_client, graded_class):
    for fmt in ("gradebook", "long"):
        text = teacher_client.get(assignment_url(graded_class, fmt, deidentified=True)).data.decode("utf-8-sig")
        assert not any(name in text for name in ("Zoë", "Ngọc", "李雷", "Bob"))
        assert "Student-" in text
    archive = json.loads(teacher_client.get(class_url(graded_class, "archive", deidentified=True)).data)
    assert archive["deidentified"] is True and all("display_name" not in s for s in archive["students"])


def test_only_deidentified_1_asks_for_pseudonyms(teacher_client, graded_class):
    text = teacher_client.get(assignment_url(graded_class, "gradebook") + "?deidentified=yes").data.decode("utf-8-sig")
    assert "Zoë" in text


# ---- the buttons --------------------------------------------------------------------------------

def test_the_dashboard_has_a_button_for_every_download(teacher_client, graded_class):
    html = teacher_client.get(f"/results/{graded_class.assignment.id}").get_data(as_text=True)
    section = html.split('id="downloads"')[1]
    for url in all_urls(graded_class):
        assert f'href="{url}" download' in section


def test_readable_names_are_ascii_and_cut_at_a_word():
    import datetime as dt

    from webapp.exports.filenames import readable_filename

    name = readable_filename("Période 3 / Ünit “B”", "Lesson 2: spot the framing in a very long title indeed",
                             "gradebook", ".csv", dt.date(2026, 3, 10))
    assert name == "Periode-3-Unit-B-Lesson-2-spot-the-framing-in-a-very-long-results-2026-03-10.csv"
    assert name.isascii()
    assert readable_filename("李雷", None, "archive", ".json", dt.date(2026, 3, 10)) == "Class-archive-2026-03-10.json"
