"""Character spans: the one coordinate system shared by sentences, quotes, labels and keys."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets (Python string indices)."""

    start: int
    end: int

    def text(self, source: str) -> str:
        """The characters of ``source`` this span covers."""
        return source[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start

    def as_dict(self, source: str) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text(source)}
