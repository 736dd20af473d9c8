"""Script and HTML in every text a user can enter, rendered back in every page and every export.

The texts: a teacher's name, a class name, a student's display name, a label's note, a teacher's
comment, and the texts of an imported article and of a lesson file (headline, outlet, byline,
lesson title and Markdown notes). Each carries a marker; every GET route is then opened as a
teacher, a student and a visitor: no page may contain the markup unescaped (no inline script or
handler appears, which the strict CSP would block anyway), and each marker must show up escaped
somewhere, so the check really saw it. Exports keep the text as text: no CSV cell starts a formula,
no XLSX cell is a formula.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from fixtures_attacks import ROLES, author_content, get_pages, sign_in_as
from fixtures_exercise import CUES, change, post_change
from test_attacks_headers import inline_code

from webapp.exports.cells import FORMULA_STARTS
from webapp.exports.formats import FORMATS, export_class


def payload(field: str) -> str:
    """Markup that would run if rendered raw; ``x_<field>`` marks where it came from."""
    return f'<script>x_{field}()</script><b onclick=x_{field}()>"\''


# What a teacher authors through the app (fixtures_attacks.author_content): the uploaded article's
# text and metadata, a key label's rationale, a built exercise and a built lesson.
AUTHORED_FIELDS = ["article", "headline", "outlet", "story", "byline", "source", "rationale", "exercise",
                   "instructions", "lesson_title", "objective", "standard", "materials", "warm_up", "mini_lesson",
                   "discussion", "exit_ticket", "lesson_notes", "activity"]
FIELDS = ["teacher", "class", "student", "note", "comment", "headline", "outlet", "byline", "lesson", "notes",
          *(f"authored_{field}" for field in AUTHORED_FIELDS)]


@pytest.fixture
def hostile(client, switch_to, world, lesson, db_session, add_assignment):
    """The world with hostile text in every field, entered through the app wherever it can be."""
    switch_to(client, world.mine.student)
    note = post_change(client, world.mine.practice.id, change(note=payload("note")))
    assert note.status_code == 200
    switch_to(client, world.mine.teacher)
    comment = client.post(f"/work/review/{world.ada_work.id}", data={"comment": payload("comment")})
    assert comment.status_code == 302
    added = client.post(f"/classes/{world.mine.classroom.id}/students", data={"display_name": payload("student")})
    assert added.status_code == 200, added.get_data(as_text=True)
    # No page renames a teacher or a class, and articles and lessons come from files (framelab
    # import / load): those texts are put straight into the database, as a loaded file would be.
    world.mine.teacher.name = payload("teacher")
    world.mine.classroom.name = payload("class")
    article = world.mine.graded.exercise.article
    article.headline, article.outlet, article.byline = payload("headline"), payload("outlet"), payload("byline")
    lesson.title = payload("lesson")
    lesson.notes = f"{payload('notes')}\n\n[link](javascript:x_notes())\n\n| a | b |\n|:-|-:|\n| {payload('notes')} | c |"
    add_assignment(world.mine.classroom, lesson.exercises[0])
    db_session.commit()
    return world


@pytest.fixture
def hostile_authored(client, switch_to, hostile):
    """Ms Rivera's own upload, article, key, exercise and lesson, every text she types hostile."""
    return author_content(client, switch_to, hostile, text=lambda field: payload(f"authored_{field}"))


def _pages(app, client, switch_to, world, lesson, story_id, authored):
    """(role, URL, HTML) of every page every role can open."""
    for role in ROLES:
        sign_in_as(client, switch_to, world, role)
        for _, url in get_pages(app, world, lesson, story_id, role, authored):
            response = client.get(url)
            body = response.get_data()  # downloads (XLSX, zip) are bytes; their texts are checked below
            response.close()
            if response.mimetype == "text/html":
                yield role, url, body.decode("utf-8")


def test_hostile_text_is_escaped_on_every_page(app, client, switch_to, hostile, hostile_authored, lesson, story_id):
    seen: set[str] = set()
    for role, url, html in _pages(app, client, switch_to, hostile, lesson, story_id, hostile_authored):
        for field in FIELDS:
            assert f"<script>x_{field}" not in html, (role, url, field)
            assert f"<b onclick=x_{field}" not in html, (role, url, field)
            if f"x_{field}()" in html:
                seen.add(field)
        assert inline_code(html) == [], (role, url)
        assert 'href="javascript:' not in html, (role, url)
    assert seen == set(FIELDS) - NOT_SHOWN  # every hostile text was rendered somewhere, escaped


# The source note goes into the article's provenance, which no page shows; the lesson file keeps it
# (test_a_hostile_lesson_goes_out_as_a_file_and_comes_back_escaped).
NOT_SHOWN = {"authored_source"}


def test_a_hostile_lesson_goes_out_as_a_file_and_comes_back_escaped(app, client, switch_to, hostile,
                                                                     hostile_authored, db_session):
    """The zip of Ms Rivera's hostile lesson carries every text she typed as data; imported back
    (another teacher could not: her article is hers), its pages show each text escaped."""
    import zipfile

    from sqlalchemy import delete
    from werkzeug.datastructures import FileStorage

    from webapp.models import Assignment, Lesson

    switch_to(client, hostile.mine.teacher)
    exported = client.get(f"/builder/lessons/{hostile_authored.lesson_id}/export.zip")
    assert exported.status_code == 200, exported.location
    files = zipfile.ZipFile(io.BytesIO(exported.data))
    text = "\n".join(files.read(name).decode("utf-8") for name in files.namelist())
    assert all(f"x_authored_{field}()" in text for field in AUTHORED_FIELDS), text[:3000]
    # Make room for the file's ids on this one server: unassign the exercise, delete the lesson (and
    # with it the exercise) through the builder; the import then brings both back.
    db_session.execute(delete(Assignment).where(Assignment.id == hostile_authored.assignment_id))
    db_session.commit()
    deleted = client.post(f"/builder/lessons/{hostile_authored.lesson_id}/delete", data={})
    assert deleted.status_code == 302 and db_session.get(Lesson, hostile_authored.lesson_id) is None
    upload = FileStorage(io.BytesIO(exported.data), "lesson.zip", content_type="application/zip")
    imported = client.post("/builder/lessons/import", data={"archive": upload})
    assert imported.status_code == 302, imported.get_data(as_text=True)[:3000]
    lesson_url = imported.location
    shown = set()
    for url in (lesson_url, f"{lesson_url}/print", f"{lesson_url}/handout", f"{lesson_url}/student",
                f"{lesson_url}/assign", "/lessons/", "/builder/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        for field in AUTHORED_FIELDS:
            assert f"<script>x_authored_{field}" not in html and f"<b onclick=x_authored_{field}" not in html, url
            shown |= {field} if f"x_authored_{field}()" in html else set()
        assert inline_code(html) == [], url
    assert {"lesson_title", "objective", "standard", "materials", "lesson_notes"} <= shown


def test_the_label_note_is_escaped_inside_the_pages_json(client, switch_to, hostile):
    """The exercise page hands labels to its script in a JSON block: no "</script>" can close it."""
    switch_to(client, hostile.mine.student)
    html = client.get(f"/work/{hostile.mine.practice.id}").get_data(as_text=True)
    block = html.split('id="exercise-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert any(label["note"] == payload("note") for label in json.loads(block)["labels"])


def test_the_api_returns_the_note_as_json_text(client, switch_to, hostile):
    switch_to(client, hostile.mine.student)
    response = client.get(f"/api/assignments/{hostile.mine.practice.id}/labels")
    assert response.mimetype == "application/json"
    assert [label["note"] for label in response.json["labels"]] == [payload("note")]


# ---- exports ------------------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "=1|' /C calc'!A0"]


@pytest.fixture
def formula_world(client, switch_to, world, db_session):
    """Display names and notes a spreadsheet would run, if it could."""
    world.mine.student.display_name = FORMULAS[0]
    world.mine.other_student.display_name = FORMULAS[5]
    world.mine.teacher.name = FORMULAS[3]
    world.mine.classroom.name = FORMULAS[1]
    db_session.commit()
    switch_to(client, world.mine.student)
    spans = [(cue, 193, 218) for cue in CUES] + [("loaded-language", 56, 64)]  # one cue per passage
    for n, (formula, (cue, start, end)) in enumerate(zip(FORMULAS, spans, strict=True)):
        body = change(cue=cue, start=start, end=end, note=formula, client_id=f"f{n}")
        assert post_change(client, world.mine.practice.id, body).status_code == 200
    switch_to(client, world.mine.teacher)
    client.post(f"/work/review/{world.ada_work.id}", data={"comment": FORMULAS[2]})
    return world


def _exports(db_session, world, fmt: str):
    classroom = world.mine.classroom
    if fmt == "gradebook":
        return [export_class(db_session, classroom, fmt, a, secret=secret)
                for a in (world.mine.graded, world.mine.practice) for secret in (None, "s3cret")]
    return [export_class(db_session, classroom, fmt), export_class(db_session, classroom, fmt, secret="s3cret")]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f in ("gradebook", "long")])
def test_no_csv_cell_starts_a_formula(formula_world, db_session, fmt):
    for export in _exports(db_session, formula_world, fmt):
        rows = list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))
        cells = [cell for row in rows for cell in row]
        assert cells and not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_the_formulas_survive_as_text_in_the_csv(formula_world, db_session):
    export = export_class(db_session, formula_world.mine.classroom, "long")
    cells = [cell for row in csv.reader(io.StringIO(export.data.decode("utf-8-sig"))) for cell in row]
    assert "'" + FORMULAS[0] in cells  # the name, quoted, not lost
    assert "'" + FORMULAS[2] in cells  # a note
    assert "'=1" in cells  # a note that started with a tab: the API trims it, the export quotes it


def test_no_xlsx_cell_is_a_formula(formula_world, db_session):
    import openpyxl

    export = export_class(db_session, formula_world.mine.classroom, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(export.data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert any(cell.value == FORMULAS[0] for cell in cells)  # kept as the text it is


def test_the_archive_keeps_hostile_text_verbatim(formula_world, db_session):
    """JSON is not a spreadsheet: the archive keeps each text exactly, for a faithful restore."""
    archive = export_class(db_session, formula_world.mine.classroom, "archive").data.decode("utf-8")
    kept = [f for f in FORMULAS if f != "\t=1"]  # notes are trimmed when saved
    assert all(json.dumps(formula, ensure_ascii=False)[1:-1] in archive for formula in kept)
