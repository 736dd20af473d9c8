"""The export formats by id, and ``export_class``, the one call the web and the CLI make.

Each format is a function registered in ``FORMATS``; a new format is one more entry, not one more
branch. Every format has a de-identified variant: pass the server's secret key as ``secret``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from webapp.exports.archive import archive_bytes, class_archive
from webapp.exports.gradebook import gradebook_csv, gradebook_header, gradebook_rows
from webapp.exports.long import long_csv, long_header, long_rows
from webapp.exports.pseudonyms import StudentColumns
from webapp.exports.work import AssignmentWork, assignment_work, class_assignments
from webapp.exports.xlsx import workbook_bytes
from webapp.models import Assignment, Classroom
from webapp.models.base import utcnow

CSV, JSON = "text/csv; charset=utf-8", "application/json; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ExportError(ValueError):
    """An export that cannot be made as asked; the message says what to ask instead."""


@dataclass(frozen=True)
class Export:
    filename: str
    mimetype: str
    data: bytes


@dataclass(frozen=True)
class Request:
    session: Session
    classroom: Classroom
    assignment: Assignment | None
    secret: str | None  # set for a de-identified export
    now: dt.datetime

    def works(self) -> list[AssignmentWork]:
        chosen = [self.assignment] if self.assignment else class_assignments(self.session, self.classroom)
        return [assignment_work(self.session, a, self.now) for a in chosen]

    def columns(self) -> StudentColumns:
        return StudentColumns(self.classroom.students, self.secret)

    def stem(self, what: str) -> str:
        scope = f"-assignment-{self.assignment.id}" if self.assignment else ""
        return f"class-{self.classroom.id}{scope}-{what}" + ("-deidentified" if self.secret else "")


def _one_assignment(request: Request) -> Assignment:
    if request.assignment is not None:
        return request.assignment
    assignments = class_assignments(request.session, request.classroom)
    if len(assignments) == 1:
        return assignments[0]
    ids = ", ".join(str(a.id) for a in assignments) or "none yet"
    raise ExportError(f"A gradebook is for one assignment: choose one (this class has: {ids}).")


def _gradebook(request: Request) -> Export:
    request = replace(request, assignment=_one_assignment(request))
    work = assignment_work(request.session, request.assignment, request.now, verdicts=False)
    return Export(request.stem("gradebook") + ".csv", CSV, gradebook_csv(work, request.columns()))


def _long(request: Request) -> Export:
    return Export(request.stem("labels") + ".csv", CSV, long_csv(request.works(), request.columns()))


def _archive(request: Request) -> Export:
    if request.assignment is not None:
        raise ExportError("An archive is of the whole class; leave out the assignment.")
    archive = class_archive(request.session, request.classroom, request.secret)
    return Export(request.stem("archive") + ".json", JSON, archive_bytes(archive))


def _xlsx(request: Request) -> Export:
    works, columns = request.works(), request.columns()
    sheets = [(f"Gradebook {w.assignment.id}", gradebook_header(w, columns), gradebook_rows(w, columns))
              for w in works]
    sheets.append(("Labels", long_header(columns), long_rows(works, columns)))
    return Export(request.stem("workbook") + ".xlsx", XLSX, workbook_bytes(sheets))


FORMATS: dict[str, Callable[[Request], Export]] = {
    "gradebook": _gradebook, "long": _long, "archive": _archive, "xlsx": _xlsx}


def export_class(session: Session, classroom: Classroom, fmt: str, assignment: Assignment | None = None,
                 secret: str | None = None, now: dt.datetime | None = None) -> Export:
    """The export ``fmt`` of the class (or of one of its assignments); de-identified with ``secret``."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format “{fmt}”: choose one of {', '.join(FORMATS)}.")
    if assignment is not None and assignment.classroom_id != classroom.id:
        raise ExportError(f"Assignment {assignment.id} is not one of this class's assignments.")
    return FORMATS[fmt](Request(session, classroom, assignment, secret, now or utcnow()))
