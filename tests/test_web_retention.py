"""Data retention: a teacher deletes a student or a whole class after a confirmation page.

Completeness is checked against the schema itself: every row that refers, through any chain of
foreign keys, to the deleted student (or class) must be gone, and every other row of every table
must still be there, so a table added later that holds student data is covered without editing
this test.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.models import AppliedChange, Assignment, Label, Submission
from webapp.services import retention


def all_rows(session) -> set[tuple[str, tuple]]:
    """(table, primary key) of every row of every table."""
    found = set()
    for table in db.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        found |= {(table.name, tuple(row)) for row in session.execute(select(*keys))}
    return found


def attached_rows(session, table_name: str, row_id: int) -> set[tuple[str, tuple]]:
    """The row and every row that refers to it, directly or through other such rows."""
    ids: dict[str, set] = {table_name: {row_id}}
    changed = True
    while changed:
        changed = False
        for table in db.metadata.sorted_tables:
            for fk in table.foreign_keys:
                parents = ids.get(fk.column.table.name)
                if not parents:
                    continue
                found = set(session.scalars(select(table.c.id).where(fk.parent.in_(parents))))
                if not found <= ids.get(table.name, set()):
                    ids.setdefault(table.name, set()).update(found)
                    changed = True
    return {(name, (i,)) for name, values in ids.items() for i in values}


@pytest.fixture
def two_classes(db_session, graded_class, make_teacher, make_classroom, make_student, make_exercise, add_assignment):
    """The graded class, and another teacher's class with work of its own that must survive."""
    other = make_classroom(make_teacher("keep@example.org", "Mr Keep"), "Kept class")
    kept = make_student(other, "Stays")
    assignment = add_assignment(other, make_exercise("graded", cues=["scare-quotes"]))
    submission = Submission(assignment_id=assignment.id, student_id=kept.id, status="submitted",
                            teacher_comment="Keep me", grade_override=70.0)
    db_session.add(submission)
    db_session.flush()
    db_session.add_all([Label(submission_id=submission.id, client_id="k1", cue_id="scare-quotes", start=56, end=64),
                        AppliedChange(submission_id=submission.id, change_id="keep-1")])
    db_session.commit()
    return graded_class


# ---- the services -------------------------------------------------------------------------------

def test_deleting_a_student_leaves_no_row_of_theirs_and_everything_else(db_session, two_classes):
    ngoc = two_classes.students["Ngọc"]
    before, theirs = all_rows(db_session), attached_rows(db_session, "students", ngoc.id)
    assert {t for t, _ in theirs} == {"students", "submissions", "labels"}  # what the fixture gave Ngọc
    retention.delete_student(db_session, ngoc)
    db_session.commit()
    assert all_rows(db_session) == before - theirs


def test_deleting_a_student_with_applied_changes(db_session, two_classes):
    zoe = two_classes.students["Zoë"]
    before, theirs = all_rows(db_session), attached_rows(db_session, "students", zoe.id)
    assert sum(t == "applied_changes" for t, _ in theirs) == 2
    counts = retention.delete_student(db_session, zoe)
    db_session.commit()
    assert counts == {"students": 1, "submissions": 1, "labels": 2, "applied_changes": 2}
    assert all_rows(db_session) == before - theirs


def test_deleting_a_class_leaves_no_row_of_it_and_everything_else(db_session, two_classes):
    before = all_rows(db_session)
    theirs = attached_rows(db_session, "classrooms", two_classes.classroom.id)
    retention.delete_classroom(db_session, two_classes.classroom)
    db_session.commit()
    assert all_rows(db_session) == before - theirs
    assert {t for t, _ in theirs} == {"classrooms", "students", "assignments", "submissions", "labels",
                                      "applied_changes"}


def test_footprints_count_what_goes(db_session, two_classes):
    # graded class: 4 students, 1 assignment, 3 submissions (Zoë, Ngọc, 李雷), 2 + 2 + 1 labels,
    # one comment and one grade (both Ngọc's)
    assert retention.class_footprint(db_session, two_classes.classroom) == retention.Footprint(4, 1, 3, 5, 1, 1)
    assert retention.student_footprint(db_session, two_classes.students["Ngọc"]) == retention.Footprint(1, 0, 1, 2, 1, 1)
    assert retention.student_footprint(db_session, two_classes.students["@Bob"]) == retention.Footprint(1, 0, 0, 0, 0, 0)


# ---- the pages ----------------------------------------------------------------------------------

def remove_url(graded_class, name: str) -> str:
    return f"/classes/{graded_class.classroom.id}/students/{graded_class.students[name].id}/remove"


def delete_url(graded_class) -> str:
    return f"/classes/{graded_class.classroom.id}/delete"


def items(html: str) -> list[str]:
    block = html.split('<ul class="footprint">')[1].split("</ul>")[0]
    return [re.sub(r"\s+", " ", li).strip() for li in re.findall(r"<li>(.*?)</li>", block, re.DOTALL)]


def test_student_confirmation_shows_the_counts(client, login, two_classes):
    login(client, two_classes.teacher)
    html = client.get(remove_url(two_classes, "Ngọc")).get_data(as_text=True)
    assert "Remove Ngọc from the class?" in html and "cannot be undone" in html
    assert items(html) == ["1 submission (work begun or handed in)", "2 labels, with their notes",
                           "1 teacher comment and 1 grade"]
    assert 'type="checkbox"' in html


def test_class_confirmation_shows_the_counts(client, login, two_classes):
    login(client, two_classes.teacher)
    html = client.get(delete_url(two_classes)).get_data(as_text=True)
    assert "Delete the class Media literacy — 8B?" in html
    assert items(html) == ["4 students (names and PINs)", "1 assignment", "3 submissions (work begun or handed in)",
                           "5 labels, with their notes", "1 teacher comment and 1 grade"]


def test_the_class_page_links_to_the_deletion(client, login, two_classes):
    login(client, two_classes.teacher)
    html = client.get(f"/classes/{two_classes.classroom.id}").get_data(as_text=True)
    assert f'href="{delete_url(two_classes)}"' in html


def test_a_student_is_not_removed_without_the_box_ticked(client, login, db_session, two_classes):
    login(client, two_classes.teacher)
    response = client.post(remove_url(two_classes, "Ngọc"))
    assert response.status_code == 400 and "Tick the box to confirm." in response.get_data(as_text=True)
    assert db_session.get(type(two_classes.students["Ngọc"]), two_classes.students["Ngọc"].id) is not None


def test_a_student_is_removed_with_the_box_ticked(client, login, db_session, two_classes):
    login(client, two_classes.teacher)
    ngoc_id = two_classes.students["Ngọc"].id
    response = client.post(remove_url(two_classes, "Ngọc"), data={"confirm": "y"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.scalars(select(Submission).where(Submission.student_id == ngoc_id)).all() == []


@pytest.mark.parametrize("typed", ["", "Media literacy", "media literacy — 8b", "Kept class"])
def test_a_class_is_not_deleted_without_its_exact_name(client, login, db_session, two_classes, typed):
    login(client, two_classes.teacher)
    response = client.post(delete_url(two_classes), data={"name": typed})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert db_session.scalar(select(Assignment.id).where(Assignment.classroom_id == two_classes.classroom.id))


def test_a_class_is_deleted_with_its_name_typed(client, login, db_session, two_classes):
    login(client, two_classes.teacher)
    class_id = two_classes.classroom.id
    response = client.post(delete_url(two_classes), data={"name": "  Media literacy — 8B "})
    assert response.status_code == 302 and response.headers["Location"].endswith("/classes/")
    db_session.expire_all()
    assert db_session.scalar(select(Assignment.id).where(Assignment.classroom_id == class_id)) is None
    page = client.get("/classes/").get_data(as_text=True)
    assert "The class Media literacy — 8B and all its work were deleted." in page


def test_the_typed_name_may_use_another_unicode_form(client, login, db_session, two_classes):
    import unicodedata

    two_classes.classroom.name = "Élèves 8B"
    db_session.commit()
    login(client, two_classes.teacher)
    typed = unicodedata.normalize("NFD", "Élèves 8B")  # E + combining accent, as some keyboards send it
    assert client.post(delete_url(two_classes), data={"name": typed}).status_code == 302


def test_another_teacher_gets_404(client, login, two_classes, make_teacher):
    login(client, make_teacher("other@example.org", "Mr Okafor"))
    for url in (delete_url(two_classes), remove_url(two_classes, "Zoë")):
        assert client.get(url).status_code == 404
        assert client.post(url, data={"name": "Media literacy — 8B", "confirm": "y"}).status_code == 404


def test_a_student_is_refused(client, login, two_classes):
    login(client, two_classes.students["Zoë"])
    assert client.post(delete_url(two_classes), data={"name": "Media literacy — 8B"}).status_code == 403


def test_deleting_a_class_needs_the_csrf_token(app, client, login, db_session, two_classes):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, two_classes.teacher)
    assert client.post(delete_url(two_classes), data={"name": "Media literacy — 8B"}).status_code == 400
    assert db_session.scalar(select(Assignment.id).where(Assignment.classroom_id == two_classes.classroom.id))
