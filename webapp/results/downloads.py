"""Downloads of every export, from the dashboard (one assignment) and the class's cue page
(the whole class), each also de-identified; for the teacher of the class only.

The files are made by :func:`webapp.exports.formats.export_class`, the same call as
``framelab export``, so a download and the command line give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Response, abort, current_app, request, url_for
from flask_login import current_user

from webapp.exports.filenames import readable_filename
from webapp.exports.formats import ExportError, export_class
from webapp.extensions import db
from webapp.results.routes import bp
from webapp.web.access import own_classroom, teacher_assignment, teacher_required
from webapp.web.localtime import teacher_zone


@dataclass(frozen=True)
class Download:
    """One download button: the format's id, what it is called and what it holds."""

    fmt: str
    name: str
    holds: str


ASSIGNMENT_DOWNLOADS = (
    Download("gradebook", "Gradebook CSV", "one row per student: status, scores per cue, your grade"),
    Download("long", "Labels CSV", "one row per label: cue, passage, note, confidence, match"),
    Download("xlsx", "XLSX workbook", "the gradebook and the labels as two sheets"),
)
CLASS_DOWNLOADS = (
    Download("archive", "Class archive (JSON)", "the whole class, for a backup or another server"),
    Download("long", "Labels CSV", "every label of every assignment of the class"),
    Download("xlsx", "XLSX workbook", "a gradebook sheet per assignment and every label"),
)


def download_links(downloads: tuple[Download, ...], endpoint: str, **ids: int) -> list[tuple[Download, str, str]]:
    """(download, URL with names, URL de-identified) for each button of a page."""
    return [(d, url_for(endpoint, fmt=d.fmt, **ids), url_for(endpoint, fmt=d.fmt, deidentified=1, **ids))
            for d in downloads]


def _deidentified() -> bool:
    """Only ``1`` asks for pseudonyms; anything else is the named export."""
    return request.args.get("deidentified") == "1"


def _send(classroom, fmt: str, allowed: tuple[Download, ...], assignment=None):
    if fmt not in {d.fmt for d in allowed}:
        abort(404)
    secret = current_app.config["SECRET_KEY"] if _deidentified() else None
    try:
        export = export_class(db.session, classroom, fmt, assignment, secret)
    except ExportError:  # not reachable from the buttons: the formats offered fit the scope
        abort(404)
    response = Response(export.data, content_type=export.mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=_download_name(export.filename, classroom,
                                                                                      assignment))
    response.headers["Cache-Control"] = "no-store"  # students' work: never kept in a shared cache
    return response


def _download_name(stem_name: str, classroom, assignment) -> str:
    """The export's name (ids only, as ``framelab export`` writes it) made readable for a teacher."""
    base, _, extension = stem_name.rpartition(".")
    what = base.removesuffix("-deidentified").rsplit("-", 1)[-1]
    today = dt.datetime.now(teacher_zone(current_user)).date()
    return readable_filename(classroom.name, assignment.exercise.title if assignment else None, what,
                             f".{extension}", today, deidentified=_deidentified())


@bp.get("/<int:assignment_id>/download/<fmt>")
@teacher_required
def download_assignment(assignment_id: int, fmt: str):
    """An export of one assignment of the teacher's class (another teacher's: 404)."""
    assignment = teacher_assignment(assignment_id)
    return _send(assignment.classroom, fmt, ASSIGNMENT_DOWNLOADS, assignment)


@bp.get("/classes/<int:classroom_id>/download/<fmt>")
@teacher_required
def download_class(classroom_id: int, fmt: str):
    """An export of the whole class (the archive, and the long CSV and workbook of every assignment)."""
    return _send(own_classroom(classroom_id), fmt, CLASS_DOWNLOADS)
