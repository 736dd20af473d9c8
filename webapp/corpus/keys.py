"""Answer keys: the teacher's labels for one article, validated against its exact text."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from webapp.corpus.articles import Article, CorpusError
from webapp.corpus.yamlio import YAMLError, dump_yaml, line_of, load_yaml_with_lines


@dataclass(frozen=True, slots=True)
class KeyLabel:
    cue: str
    start: int
    end: int
    text: str
    rationale: str


@dataclass(frozen=True)
class AnswerKey:
    article_id: str
    text_sha256: str
    labels: tuple[KeyLabel, ...]


def _read(path: Path):
    try:
        data = load_yaml_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise CorpusError(f"{path}: cannot read the answer key: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("labels"), list):
        raise CorpusError(f"{path}:1: an answer key is a mapping with 'article' and a 'labels' list")
    return data


def _parse_label(entry, article: Article, cue_ids: Collection[str], where: str) -> KeyLabel:
    if not isinstance(entry, dict):
        raise CorpusError(f"{where}: a label must be a mapping with cue, start, end, text, rationale")
    cue = str(entry.get("cue", ""))
    if cue not in cue_ids:
        raise CorpusError(f"{where}: unknown cue '{cue}' (known: {', '.join(cue_ids)})")
    start, end = entry.get("start"), entry.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        raise CorpusError(f"{where}: start and end must be whole numbers")
    if not 0 <= start < end <= len(article.text):
        raise CorpusError(
            f"{where}: span {start}-{end} is out of range (the text has {len(article.text)} characters)"
        )
    text = str(entry.get("text", ""))
    if article.text[start:end] != text:
        raise CorpusError(
            f"{where}: the text at {start}-{end} is '{article.text[start:end]}', not '{text}'"
        )
    rationale = str(entry.get("rationale") or "").strip()
    if not rationale:
        raise CorpusError(f"{where}: every label needs a rationale a student can learn from")
    return KeyLabel(cue, start, end, text, rationale)


def parse_key(path: Path, article: Article, cue_ids: Collection[str]) -> AnswerKey:
    """Load and validate a key: cue ids, spans, text and hash, no overlapping same-cue labels."""
    data = _read(path)
    if str(data.get("article")) != article.id:
        raise CorpusError(f"{path}:{line_of(data, 'article')}: this key is for '{data.get('article')}', not '{article.id}'")
    if data.get("text_sha256") != article.sha256:
        raise CorpusError(
            f"{path}:{line_of(data, 'text_sha256')}: the article's text has changed since this key "
            "was written (text_sha256 does not match); its offsets can no longer be trusted"
        )
    labels = []
    for index, entry in enumerate(data["labels"]):
        labels.append(_parse_label(entry, article, cue_ids, f"{path}:{line_of(data['labels'], index)}"))
    _check_overlaps(labels, data["labels"], path)
    return AnswerKey(article.id, article.sha256, tuple(sorted(labels, key=lambda l: (l.start, l.end, l.cue))))


def _check_overlaps(labels: list[KeyLabel], entries, path: Path) -> None:
    order = sorted(range(len(labels)), key=lambda i: (labels[i].cue, labels[i].start))
    for a, b in zip(order, order[1:]):
        first, second = labels[a], labels[b]
        if first.cue == second.cue and second.start < first.end:
            raise CorpusError(
                f"{path}:{line_of(entries, b)}: overlaps the {first.cue} label at line "
                f"{line_of(entries, a)} ('{first.text}'); one cue may not be keyed twice on the same words"
            )


def _find(text: str, needle: str, occurrence: int) -> int:
    position = -1
    for _ in range(occurrence):
        position = text.find(needle, position + 1)
        if position < 0:
            return -1
    return position


def resolve_draft(path: Path, article: Article) -> str:
    """Turn a draft key (labels with ``text`` and optional ``occurrence``) into offsets.

    Returns the new file content; labels that already have offsets are kept as they are.
    """
    data = _read(path)
    resolved = []
    for index, entry in enumerate(data["labels"]):
        where = f"{path}:{line_of(data['labels'], index)}"
        if "start" not in entry:
            occurrence = int(entry.get("occurrence", 1))
            start = _find(article.text, str(entry.get("text", "")), occurrence)
            if start < 0 or not entry.get("text"):
                raise CorpusError(f"{where}: '{entry.get('text')}' (occurrence {occurrence}) is not in the article")
            entry = {"cue": entry["cue"], "start": start, "end": start + len(entry["text"]),
                     "text": entry["text"], "rationale": entry.get("rationale", "")}
        resolved.append({k: entry[k] for k in ("cue", "start", "end", "text", "rationale")})
    resolved.sort(key=lambda e: (e["start"], e["end"], e["cue"]))
    return dump_yaml({"article": article.id, "text_sha256": article.sha256, "labels": resolved})
