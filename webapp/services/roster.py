"""Class rosters from a CSV file: a ``display_name`` column and an optional ``pin`` column.

The file is checked whole before anything is written: one bad row and nothing is imported,
so a teacher fixes the file and uploads it again instead of untangling half an import.
Names are stored exactly as typed (after trimming): a name such as ``=cmd()`` is plain text
here, escaped on every page, and never written back into a spreadsheet by FrameLab.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Classroom, Student
from webapp.services.accounts import (
    AccountError,
    add_student,
    check_pin_format,
    name_key,
    normalise_display_name,
)

MAX_BYTES = 256 * 1024  # a roster of a thousand names is well under 64 KB
MAX_ROWS = 500
NAME_COLUMN, PIN_COLUMN = "display_name", "pin"


class RosterError(ValueError):
    """The file as a whole cannot be read; the message is meant for the teacher."""


@dataclass(frozen=True)
class RosterRow:
    line: int  # the row number a spreadsheet shows (the header is row 1)
    display_name: str
    pin: str | None


@dataclass
class RosterCheck:
    """The rows that would be imported and the problems that stop the import."""

    rows: list[RosterRow] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def decode_roster(data: bytes) -> str:
    """The file's text, or a clear refusal for empty, huge, binary or non-UTF-8 files."""
    if not data.strip():
        raise RosterError("The file is empty.")
    if len(data) > MAX_BYTES:
        raise RosterError(f"The file is too large for a roster (more than {MAX_BYTES // 1024} KB).")
    if b"\x00" in data:
        raise RosterError("This is not a text file. Save the roster as CSV (comma-separated values) and upload that.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload it again.") from None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Commas, or the semicolons and tabs some spreadsheets write instead."""
    header = text.splitlines()[0] if text else ""
    for delimiter in (",", ";", "\t"):
        if delimiter in header:
            return _with_delimiter(delimiter)
    return csv.excel


def _with_delimiter(delimiter: str) -> csv.Dialect:
    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect()


def _columns(header: list[str]) -> tuple[int, int | None]:
    names = [h.strip().lower().replace(" ", "_") for h in header]
    if NAME_COLUMN not in names:
        raise RosterError("The first row must name the columns, with one called “display_name” (and optionally “pin”).")
    return names.index(NAME_COLUMN), names.index(PIN_COLUMN) if PIN_COLUMN in names else None


def _check_row(cells: list[str], line: int, name_at: int, pin_at: int | None) -> RosterRow:
    """One row as a RosterRow; AccountError says what is wrong with it."""
    raw_name = cells[name_at] if name_at < len(cells) else ""
    display_name = normalise_display_name(raw_name)
    pin = (cells[pin_at].strip() if pin_at is not None and pin_at < len(cells) else "") or None
    if pin is not None:
        check_pin_format(pin)
    return RosterRow(line, display_name, pin)


def check_roster(session: Session, classroom: Classroom, data: bytes) -> RosterCheck:
    """Read and check every row: names present and unique in the file and the class, PINs valid."""
    text = decode_roster(data)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    try:
        name_at, pin_at = _columns(next(reader))
        result, seen = RosterCheck(), _existing_keys(session, classroom)
        for cells in reader:
            _add_row(result, seen, cells, reader.line_num, name_at, pin_at)
    except csv.Error as error:
        raise RosterError(f"The file could not be read as CSV (row {reader.line_num}: {error}).") from None
    if not result.rows and not result.problems:
        raise RosterError("The file has a header row but no students.")
    if len(result.rows) > MAX_ROWS:
        raise RosterError(f"A roster holds at most {MAX_ROWS} students.")
    return result


def _add_row(result: RosterCheck, seen: dict[str, str], cells: list[str], line: int,
             name_at: int, pin_at: int | None) -> None:
    if not any(cell.strip() for cell in cells):
        return  # blank lines, often at the end of a file, are not students
    try:
        row = _check_row(cells, line, name_at, pin_at)
    except AccountError as error:
        result.problems.append((line, str(error)))
        return
    key = name_key(row.display_name)
    if key in seen:
        result.problems.append((line, f"“{row.display_name}” is {seen[key]}."))
        return
    seen[key] = f"already on row {line}"
    result.rows.append(row)


def _existing_keys(session: Session, classroom: Classroom) -> dict[str, str]:
    names = session.scalars(select(Student.name_key).where(Student.classroom_id == classroom.id))
    return {key: "already in this class" for key in names}


def import_roster(session: Session, classroom: Classroom, check: RosterCheck) -> list[tuple[str, str]]:
    """Add every checked row; returns (display name, PIN) pairs for the printable sheet."""
    if not check.ok:
        raise RosterError("The roster has problems; nothing was imported.")
    created = []
    for row in check.rows:
        student, pin = add_student(session, classroom, row.display_name, row.pin)
        created.append((student.display_name, pin))
    return created
