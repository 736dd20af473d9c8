"""The whole corpus folder loaded and cross-checked: stories, articles, cues and keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from webapp.corpus.articles import Article, CorpusError, load_article
from webapp.corpus.cues import Cue, load_cues
from webapp.corpus.keys import AnswerKey, parse_key
from webapp.corpus.yamlio import YAMLError, load_yaml


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    date: str
    summary: str
    invented: bool


@dataclass(frozen=True)
class Corpus:
    root: Path
    cues: dict[str, Cue]
    stories: dict[str, Story]
    articles: dict[str, Article]
    keys: dict[str, AnswerKey]

    def story_articles(self, story_id: str) -> list[Article]:
        return [a for a in self.articles.values() if a.story == story_id]


def _load_story(path: Path) -> Story:
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, YAMLError) as error:
        raise CorpusError(f"{path}: cannot read the story file: {error}") from None
    missing = [k for k in ("id", "title", "date", "summary") if not data.get(k)]
    if missing:
        raise CorpusError(f"{path}: missing field(s): {', '.join(missing)}")
    if data["id"] != path.parent.name:
        raise CorpusError(f"{path}: id '{data['id']}' must match its folder '{path.parent.name}'")
    return Story(str(data["id"]), str(data["title"]), str(data["date"]),
                 str(data["summary"]).strip(), bool(data.get("invented", False)))


def load_corpus(root: Path) -> Corpus:
    """Load everything under ``root``; the first problem found raises :class:`CorpusError`."""
    cues = load_cues(root / "cues.yaml")
    stories = {s.id: s for s in map(_load_story, sorted((root / "articles").glob("*/story.yaml")))}
    articles: dict[str, Article] = {}
    for path in sorted((root / "articles").glob("*/*.md")):
        article = load_article(path)
        if article.id != path.stem or article.story != path.parent.name:
            raise CorpusError(f"{path}: id and story must match the file name and folder")
        if article.story not in stories:
            raise CorpusError(f"{path}: story '{article.story}' has no story.yaml")
        articles[article.id] = article
    for article in articles.values():
        if article.derived_from and article.derived_from not in articles:
            raise CorpusError(f"article {article.id}: derived_from '{article.derived_from}' is not in the corpus")
    keys = {}
    for path in sorted((root / "keys").glob("*.yaml")):
        if path.stem not in articles:
            raise CorpusError(f"{path}: there is no article '{path.stem}' for this key")
        keys[path.stem] = parse_key(path, articles[path.stem], cues)
    return Corpus(root, cues, stories, articles, keys)
