"""An article's blocks with marks painted on them (a student's labels, the key, the classifier's
passages), as the exercise, feedback, results and key-editor templates lay them out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shown:
    """One piece of an article as a column shows it: its text, its token and the marks on it."""

    text: str
    token: object | None  # article_text.Token, or None for the space between tokens
    classes: str = ""
    refs: tuple[str, ...] = ()  # reference numbers written after the last token of a mark
    title: str = ""


def _covering(token, marks: list, spans: list) -> list[int]:
    return [i for i, (start, end) in enumerate(spans) if start <= token.start and token.end <= end]


def _classes(numbers: list[int], marks: list, patterns: dict[str, str]) -> str:
    if not numbers:
        return ""
    inner = min(numbers, key=lambda i: marks[i].end - marks[i].start)
    cue = marks[inner].cue
    multi = " hl-multi" if len(numbers) > 1 else ""
    return f"hl cue-{cue} cue-pattern-{patterns.get(cue, 'solid-underline')}{multi}"


def shown_blocks(blocks: list, marks: list, patterns: dict[str, str], refs: list[str] | None = None,
                 names: dict[str, str] | None = None) -> list[tuple[object, list[Shown]]]:
    """Each block with its pieces highlighted by ``marks`` (anything with cue, start and end);
    ``refs`` (one per mark) are written after each mark's last token."""
    spans = [(m.start, m.end) for m in marks]
    names = names or {}
    result = []
    for block in blocks:
        pieces, previous = [], []
        raw = list(block.pieces)
        for n, piece in enumerate(raw):
            if piece.token is None:
                following = raw[n + 1].token if n + 1 < len(raw) else None
                after = _covering(following, marks, spans) if following is not None else []
                both = [i for i in previous if i in after]
                pieces.append(Shown(piece.text, None, _classes(both, marks, patterns)))
                continue
            numbers = _covering(piece.token, marks, spans)
            ends = tuple(refs[i] for i in numbers if refs and marks[i].end == piece.token.end)
            title = "; ".join(names.get(marks[i].cue, marks[i].cue) for i in numbers)
            pieces.append(Shown(piece.text, piece.token, _classes(numbers, marks, patterns), ends, title))
            previous = numbers
        result.append((block, pieces))
    return result
