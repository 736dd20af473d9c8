"""Training examples from answer keys: one example per sentence, grouped by story.

A sentence is positive for a cue when a key label of that cue overlaps it. Articles come in a
fixed order (sorted by id) so that training is deterministic. Teachers' extra keys are added to
the corpus keys; an extra key for an article the corpus already keys replaces the corpus key
(the teacher's newer reading of the same text wins).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from webapp.analysis import segment
from webapp.analysis.spans import Span
from webapp.classifier.features import SentenceFeatures, extract
from webapp.classifier.lexicons import LEXICON_VERSION
from webapp.classifier.scoring import LabelledSpan
from webapp.corpus.articles import Article
from webapp.corpus.keys import AnswerKey
from webapp.corpus.library import Corpus

_FEATURE_CACHE: dict[tuple[str, str], list[SentenceFeatures]] = {}


@dataclass(frozen=True)
class KeyedArticle:
    article: Article
    key: AnswerKey
    sentences: tuple[Span, ...]
    features: tuple[SentenceFeatures, ...]
    labels: tuple[frozenset[str], ...]  # the cues keyed in each sentence

    @property
    def story(self) -> str:
        return self.article.story

    def gold_spans(self) -> list[LabelledSpan]:
        return [LabelledSpan(l.cue, l.start, l.end, self.article.id) for l in self.key.labels]


@dataclass(frozen=True)
class Dataset:
    """Every keyed sentence, flattened, with its story (the cross-validation group)."""

    cues: tuple[str, ...]
    articles: tuple[KeyedArticle, ...]
    features: tuple[SentenceFeatures, ...]
    y: np.ndarray  # (sentences, cues) booleans
    stories: np.ndarray  # story id of each sentence
    article_index: np.ndarray  # which article each sentence is from

    def story_ids(self) -> list[str]:
        return sorted(set(self.stories.tolist()))


def sentence_labels(sentences: Sequence[Span], key: AnswerKey) -> list[frozenset[str]]:
    """The cues of the key labels that overlap each sentence."""
    return [frozenset(l.cue for l in key.labels if l.start < s.end and s.start < l.end) for s in sentences]


def keyed_article(article: Article, key: AnswerKey) -> KeyedArticle:
    sentences = segment.sentences(article.text)
    cache_key = (article.sha256, LEXICON_VERSION)
    if cache_key not in _FEATURE_CACHE:
        _FEATURE_CACHE[cache_key] = extract(article.text, sentences)
    return KeyedArticle(
        article,
        key,
        tuple(sentences),
        tuple(_FEATURE_CACHE[cache_key]),
        tuple(sentence_labels(sentences, key)),
    )


def keyed_articles(
    corpus: Corpus, extra_keys: Iterable[tuple[Article, AnswerKey]] = ()
) -> list[KeyedArticle]:
    """The corpus's keyed articles plus the extra ones, sorted by article id."""
    pairs = {aid: (corpus.articles[aid], key) for aid, key in corpus.keys.items()}
    for article, key in extra_keys:
        if key.text_sha256 != article.sha256:
            raise ValueError(f"the key for {article.id} was written for another version of its text")
        pairs[article.id] = (article, key)
    return [keyed_article(*pairs[aid]) for aid in sorted(pairs)]


def build_dataset(articles: Sequence[KeyedArticle], cues: Sequence[str]) -> Dataset:
    features = [f for a in articles for f in a.features]
    labels = [l for a in articles for l in a.labels]
    y = np.array([[cue in l for cue in cues] for l in labels], dtype=bool).reshape(len(labels), len(cues))
    stories = np.array([a.story for a in articles for _ in a.features], dtype=object)
    index = np.array([i for i, a in enumerate(articles) for _ in a.features], dtype=np.int64)
    return Dataset(tuple(cues), tuple(articles), tuple(features), y, stories, index)


def subset(data: Dataset, stories: Iterable[str]) -> Dataset:
    """The articles of the given stories only."""
    keep = set(stories)
    return build_dataset([a for a in data.articles if a.story in keep], data.cues)
