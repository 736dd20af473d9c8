"""Stable pseudonyms for de-identified exports: "Student-7F3A" from an HMAC of the student id.

The HMAC key is the server's secret key, so the same student gets the same pseudonym in every
export from one server (a researcher can follow them across assignments), and nobody without the
key can work back from a pseudonym to an id. Four hex digits are used unless two students of the
same export would share them; then everyone in that export gets more digits, until all differ.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

PREFIX = "Student-"
SHORTEST = 4


def _digest(secret: str, student_id: int) -> str:
    return hmac.new(secret.encode("utf-8"), f"student:{student_id}".encode(), hashlib.sha256).hexdigest().upper()


def pseudonyms(secret: str, student_ids: Iterable[int]) -> dict[int, str]:
    """A distinct pseudonym for each student id, as short as keeps them distinct (4 digits at least)."""
    digests = {sid: _digest(secret, sid) for sid in set(student_ids)}
    length = SHORTEST
    while len({d[:length] for d in digests.values()}) < len(digests):
        length += 1
    return {sid: PREFIX + d[:length] for sid, d in digests.items()}


class StudentColumns:
    """Who a row is about: display name and id, or only a pseudonym when de-identified."""

    def __init__(self, students: Iterable, secret: str | None = None) -> None:
        self.students = list(students)
        self.names = pseudonyms(secret, [s.id for s in self.students]) if secret is not None else None

    @property
    def deidentified(self) -> bool:
        return self.names is not None

    @property
    def header(self) -> list[str]:
        return ["Pseudonym"] if self.names is not None else ["Display name", "Student ID"]

    def cells(self, student) -> list[object]:
        return [self.names[student.id]] if self.names is not None else [student.display_name, student.id]

    def sort_key(self, student) -> tuple:
        """Rows by pseudonym when de-identified (alphabetical names would hint at who is who)."""
        return (self.names[student.id],) if self.names is not None else (student.display_name.casefold(), student.id)
