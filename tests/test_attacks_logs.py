"""A database error during a request: no parameter value reaches any log or standard error.

The faults are real: on commit, the row just written is inserted a second time, so the database
refuses it (unique constraint) with an IntegrityError that SQLAlchemy builds with the row's
values as parameters (and PostgreSQL repeats the key's values in its DETAIL line); or a statement naming a missing
table is run with the row's values bound.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import insert, text
from sqlalchemy import inspect as inspect_row
from sqlalchemy.orm import Session

from webapp.models import Student


@pytest.fixture
def failing_commit(app, monkeypatch):
    """Commits fail with a real constraint error carrying the newest ``model`` row's values."""
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    seen: list = []

    def arm(model, missing_table: bool = False):
        real = Session.commit

        def commit(self):
            self.flush()
            rows = [obj for obj in self.identity_map.values() if isinstance(obj, model)]
            if not rows:
                return real(self)
            row = max(rows, key=lambda obj: obj.id)
            seen.append(row)
            mapper = inspect_row(row).mapper
            values = {attr.columns[0].name: getattr(row, attr.key) for attr in mapper.column_attrs
                      if not attr.columns[0].primary_key}
            if missing_table:  # a statement the database cannot run, with the row's values bound
                names = ", ".join(f":{name}" for name in values)
                self.execute(text(f"INSERT INTO framelab_no_such_table VALUES ({names})"), values)
            self.execute(insert(model.__table__).values(values))
            return real(self)

        monkeypatch.setattr(Session, "commit", commit)
        return seen

    return arm


def _assert_not_logged(secrets, caplog, capfd, error: str = "IntegrityError") -> None:
    out, err = capfd.readouterr()
    logged = caplog.text + out + err
    assert f"unhandled error sqlalchemy.exc.{error}" in logged  # the error was logged at all
    for secret in secrets:
        assert secret not in logged


def test_a_failed_join_logs_no_name_pin_hash_or_token(client, make_teacher, make_classroom, failing_commit,
                                                      caplog, capfd):
    caplog.set_level(logging.DEBUG)
    classroom = make_classroom(make_teacher())
    rows = failing_commit(Student)
    response = client.post("/join", data={"join_code": classroom.join_code, "display_name": "Zelda Quartermain",
                                          "pin": "4821"})
    assert response.status_code == 500
    (student,) = rows
    _assert_not_logged(["Zelda Quartermain", "zelda quartermain", student.pin_hash, student.session_token],
                       caplog, capfd)

