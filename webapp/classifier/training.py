"""Training: a scikit-learn feature union and one balanced logistic regression per cue.

Choices that favour texts from other writers over our own invented stories:

- an n-gram enters the vocabulary only when it occurs in at least two *stories*, so invented
  names and story-specific phrases ("Port Ellis", "Brightline") cannot be memorised;
- sublinear tf-idf, and the character n-gram block weighted down against the signals;
- each cue's regularisation strength C and its decision threshold are chosen by
  cross-validation over folds of whole stories *inside* the training data (never on a test story).

Everything is sorted and seeded, so the same data gives the same artifact bytes.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from webapp.classifier.dataset import Dataset, KeyedArticle, build_dataset, keyed_articles, subset
from webapp.classifier.features import SentenceFeatures, char_grams, word_terms
from webapp.classifier.lexicons import LEXICON_VERSION
from webapp.classifier.model import CueModel, TermBlock
from webapp.classifier.signals import SIGNAL_NAMES, signal_mask
from webapp.corpus.articles import Article
from webapp.corpus.keys import AnswerKey
from webapp.corpus.library import Corpus

DIGITS = 6  # decimals kept in the artifact; the rounded model is the one evaluated and shipped


@dataclass(frozen=True)
class TrainingParams:
    c_grid: tuple[float, ...] = (0.3, 1.0, 3.0)
    min_stories: int = 2  # an n-gram must occur in this many training stories
    min_df: int = 2  # ... and in this many training sentences
    class_weight: str | None = "balanced"
    thresholds: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(2, 19))
    # Feature blocks each cue may choose from (word, char, signal weights), by the inner
    # cross-validation like C: the full model, or signals only (word lists, rules, tone and
    # patterns), which carries over to other writers and cannot memorise a story's phrasing.
    blocks: tuple[tuple[float, float, float], ...] = ((1.0, 0.3, 2.0), (0.0, 0.0, 2.0))
    select_by: str = "ap"  # "ap": average precision; "f1": F1 at the best threshold
    # liblinear's stopping tolerance. 1e-3 fits in two thirds of the time, but moved enough
    # coefficients to cost scare quotes 0.02 F1 under leave-one-story-out: keep the default.
    tol: float = 1e-4
    workers: int = 0  # threads for the inner folds; 0: one per core (the result is the same)
    # Folds of the inner cross-validation, each holding out whole stories; 0: one per story.
    # Six folds of two stories, against one fold per story, on the 12-story corpus: outer
    # leave-one-story-out macro-F1 0.617 against 0.620, training on everything 5 s against 10 s.
    inner_folds: int = 6


DEFAULT_PARAMS = TrainingParams()


def _words(f: SentenceFeatures) -> list[str]:
    return [t for t in word_terms(f.words.tokens) if t]


def _chars(f: SentenceFeatures) -> list[str]:
    return [g for t in f.words.tokens for g in char_grams(t)]


def _signals(features: Sequence[SentenceFeatures]) -> np.ndarray:
    return np.array([f.signals for f in features], dtype=np.float64).reshape(len(features), len(SIGNAL_NAMES))


_STORY_TERMS: dict[tuple[tuple[str, ...], str], tuple[list[str], set[str]]] = {}


def _story_terms(articles: Sequence[KeyedArticle], analyzer) -> tuple[list[str], set[str]]:
    """The story's terms, once per sentence that contains them, and as a set (cached: every
    fold of the cross-validation reuses it, and Counter counts a list in C)."""
    key = (tuple(a.article.sha256 for a in articles), analyzer.__name__)
    if key not in _STORY_TERMS:
        per_sentence = [term for a in articles for feats in a.features for term in set(analyzer(feats))]
        _STORY_TERMS[key] = (per_sentence, set(per_sentence))
    return _STORY_TERMS[key]


def vocabulary(data: Dataset, analyzer, params: TrainingParams) -> list[str]:
    """Terms found in at least ``min_stories`` stories and ``min_df`` sentences, sorted."""
    by_story: dict[str, list[KeyedArticle]] = {}
    for article in data.articles:
        by_story.setdefault(article.story, []).append(article)
    df: Counter[str] = Counter()
    stories: Counter[str] = Counter()
    for story in sorted(by_story):
        per_sentence, present = _story_terms(by_story[story], analyzer)
        df.update(per_sentence)
        stories.update(present)
    return sorted(t for t, n in stories.items() if n >= params.min_stories and df[t] >= params.min_df)


def feature_union(data: Dataset, params: TrainingParams) -> FeatureUnion:
    """The unfitted feature pipeline for this training data (vocabularies fixed from it)."""

    def tfidf(analyzer) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer=analyzer,
            vocabulary=vocabulary(data, analyzer, params),
            sublinear_tf=True,
            dtype=np.float64,
        )

    signals = Pipeline([("signals", FunctionTransformer(_signals)), ("scale", StandardScaler())])
    return FeatureUnion(
        [("words", tfidf(_words)), ("chars", tfidf(_chars)), ("signals", signals)],
    )


def _classifier(c: float, params: TrainingParams) -> LogisticRegression:
    return LogisticRegression(
        C=c,
        class_weight=params.class_weight,
        solver="liblinear",
        random_state=0,
        max_iter=1000,
        tol=params.tol,
    )


def _design(x, n_terms: tuple[int, int], cue: str, weights: tuple[float, float, float]):
    """The cue's design matrix: blocks weighted (a zero weight drops the block), masked signals."""
    n_w, n_c = n_terms
    x = sparse.csr_matrix(x)
    w, c = weights[:2]
    parts = []
    if w:
        parts.append(x[:, :n_w] * w)
    if c:
        parts.append(x[:, n_w : n_w + n_c] * c)
    parts.append(x[:, n_w + n_c :] @ sparse.diags(_signal_weights(cue, weights)))
    return sparse.hstack(parts, format="csr")


def _full_weights(design_coef: np.ndarray, n_terms: tuple[int, int], cue: str, weights) -> np.ndarray:
    """Coefficients of a design matrix mapped back to every column of the union (times weights)."""
    n_w, n_c = n_terms
    w, c = weights[:2]
    n_s = len(SIGNAL_NAMES)
    out = np.zeros(n_w + n_c + n_s)
    at = 0
    if w:
        out[:n_w] = design_coef[at : at + n_w] * w
        at += n_w
    if c:
        out[n_w : n_w + n_c] = design_coef[at : at + n_c] * c
        at += n_c
    out[n_w + n_c :] = design_coef[at : at + n_s] * _signal_weights(cue, weights)
    return out


def _signal_weights(cue: str, weights: tuple[float, ...]) -> np.ndarray:
    """The signal block's weight per signal: the cue's mask, or its rule alone (option "rule")."""
    if len(weights) > 3 and weights[3]:
        return np.array([weights[2] * (name == f"rule:{cue}") for name in SIGNAL_NAMES], dtype=float)
    return np.asarray(signal_mask(cue), dtype=float) * weights[2]


def _n_terms(union: FeatureUnion) -> tuple[int, int]:
    blocks = dict(union.transformer_list)
    return len(blocks["words"].vocabulary_), len(blocks["chars"].vocabulary_)


def _options(params: TrainingParams) -> list[tuple[int, float]]:
    """(block option, C) pairs tried for every cue."""
    return [(b, c) for b in range(len(params.blocks)) for c in params.c_grid]


def _fit_predict(train: Dataset, test: Dataset, params: TrainingParams) -> np.ndarray:
    """Out-of-fold probabilities, (test sentences, cues, options)."""
    union = feature_union(train, params)
    x_train, x_test = union.fit_transform(list(train.features)), union.transform(list(test.features))
    n_terms = _n_terms(union)
    options = _options(params)
    out = np.zeros((len(test.features), len(train.cues), len(options)))
    for k, cue in enumerate(train.cues):
        for b, weights in enumerate(params.blocks):
            design_train = _design(x_train, n_terms, cue, weights)
            design_test = _design(x_test, n_terms, cue, weights)
            for j, (ob, c) in enumerate(options):
                if ob == b:
                    model = _classifier(c, params).fit(design_train, train.y[:, k])
                    out[:, k, j] = model.predict_proba(design_test)[:, 1]
    return out


def _map(function, items: list, workers: int) -> list:
    """``[function(item) for item in items]``, on threads: liblinear releases the GIL while it
    fits, so folds train side by side on a machine with several cores. Results keep the order
    of ``items``, so training stays deterministic."""
    workers = min(len(items), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))


def _best_threshold(y: np.ndarray, p: np.ndarray, grid: Sequence[float]) -> float:
    """The threshold with the best F1 on out-of-fold probabilities; ties go to the one nearest 0.5."""

    def f1(t: float) -> float:
        pred = p >= t
        tp = float(np.sum(pred & y))
        return 0.0 if tp == 0 else 2 * tp / (pred.sum() + y.sum())

    return max(grid, key=lambda t: (round(f1(t), 9), -abs(t - 0.5)))


def _f1(y: np.ndarray, p: np.ndarray, t: float) -> float:
    pred = p >= t
    tp = float(np.sum(pred & y))
    return 0.0 if tp == 0 else 2 * tp / (pred.sum() + y.sum())


def _score(y: np.ndarray, p: np.ndarray, params: TrainingParams) -> float:
    if params.select_by == "f1":
        return round(max(_f1(y, p, t) for t in params.thresholds), 9)
    return average_precision_score(y, p)


def inner_folds(stories: Sequence[str], n: int) -> list[list[str]]:
    """Stories dealt round-robin (in sorted order) into at most ``n`` folds of whole stories:
    a story is never split between training and validation."""
    count = min(n, len(stories)) if n else len(stories)
    return [list(stories[i::count]) for i in range(count)]


def select(data: Dataset, params: TrainingParams) -> tuple[list[tuple[int, float]], list[float]]:
    """(block option, C) and threshold per cue, by cross-validation over whole stories within ``data``."""
    folds = inner_folds(data.story_ids(), params.inner_folds)
    options = _options(params)
    oof = np.zeros((len(data.features), len(data.cues), len(options)))

    def fold(held_out: list[str]) -> np.ndarray:
        rest = [s for f in folds if f is not held_out for s in f]
        return _fit_predict(subset(data, rest), subset(data, held_out), params)

    for held_out, predicted in zip(folds, _map(fold, folds, params.workers)):
        oof[np.isin(data.stories, held_out)] = predicted
    chosen_c, thresholds = [], []
    for k in range(len(data.cues)):
        y = data.y[:, k]
        scores = [_score(y, oof[:, k, j], params) if y.any() else 0.0 for j in range(len(options))]
        j = int(np.argmax(scores))
        chosen_c.append(options[j])
        thresholds.append(_best_threshold(y, oof[:, k, j], params.thresholds))
    return chosen_c, thresholds


def fit_final(
    data: Dataset,
    chosen: Sequence[tuple[int, float]],
    thresholds: Sequence[float],
    params: TrainingParams,
) -> CueModel:
    """Fit on all of ``data`` with the chosen settings and copy the result into a CueModel."""
    union = feature_union(data, params)
    x = union.fit_transform(list(data.features))
    n_terms = _n_terms(union)
    columns = []
    models = []
    for k, cue in enumerate(data.cues):
        weights = params.blocks[chosen[k][0]]
        m = _classifier(chosen[k][1], params).fit(_design(x, n_terms, cue, weights), data.y[:, k])
        models.append(m)
        columns.append(_full_weights(m.coef_[0], n_terms, cue, weights))
    coef = np.vstack(columns).T  # (features, cues), block weights included
    words, chars, signals = (dict(union.transformer_list)[n] for n in ("words", "chars", "signals"))
    n_w, n_c = n_terms
    scaler = signals.named_steps["scale"]
    return CueModel(
        cues=tuple(data.cues),
        words=_block(words, coef[:n_w]),
        chars=_block(chars, coef[n_w : n_w + n_c]),
        signal_mean=_r(scaler.mean_),
        signal_scale=_safe_scale(scaler.scale_),
        signal_weights=_r(coef[n_w + n_c :]),
        intercept=_r(np.array([m.intercept_[0] for m in models])),
        thresholds=np.array(thresholds, dtype=float),
        metadata=training_metadata(data, chosen, params),
    )


def _safe_scale(scale: np.ndarray) -> np.ndarray:
    """Rounded scales, with 1.0 for a signal that did not vary (it then contributes nothing)."""
    rounded = _r(scale)
    return np.where(rounded < 10.0 ** -(DIGITS - 2), 1.0, rounded)


def _r(values: np.ndarray) -> np.ndarray:
    # C order, as the arrays read back from JSON are, so both give bit-identical sums
    return np.ascontiguousarray(np.round(np.asarray(values, dtype=np.float64), DIGITS) + 0.0)


def _block(vectorizer: TfidfVectorizer, weights: np.ndarray) -> TermBlock:
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return TermBlock(tuple(terms), _r(vectorizer.idf_), _r(weights))


def training_metadata(data: Dataset, chosen: Sequence[tuple[int, float]], params: TrainingParams) -> dict:
    """What the model card needs to know about the training data, all of it measured."""
    return {
        "stories": data.story_ids(),
        "articles": sorted(a.article.id for a in data.articles),
        "sentences": len(data.features),
        "positive_sentences": {cue: int(data.y[:, k].sum()) for k, cue in enumerate(data.cues)},
        "keyed_instances": {
            cue: sum(1 for a in data.articles for l in a.key.labels if l.cue == cue) for cue in data.cues
        },
        "data_fingerprint": data_fingerprint(data),
        "lexicon_version": LEXICON_VERSION,
        "sklearn_version": sklearn.__version__,
        "c": {cue: c for cue, (_, c) in zip(data.cues, chosen)},
        "blocks": {cue: _block_name(params.blocks[b]) for cue, (b, _) in zip(data.cues, chosen)},
        "params": {  # the thread count leaves the model as it is, so the artifact does not record it
            k: list(v) if isinstance(v, tuple) else v for k, v in asdict(params).items() if k != "workers"
        },
    }


def _block_name(weights: tuple[float, ...]) -> str:
    if len(weights) > 3 and weights[3]:
        return "word-list rule only"
    names = [n for n, w in zip(("words", "char n-grams", "signals"), weights) if w]
    return " + ".join(names) if len(names) < 3 else "all"


def data_fingerprint(data: Dataset) -> str:
    """A hash of the texts and keys trained on: equal fingerprints, equal training data."""
    import hashlib

    digest = hashlib.sha256()
    for a in data.articles:
        digest.update(f"{a.article.id}:{a.article.sha256}:{a.story}\n".encode())
        for label in a.key.labels:
            digest.update(f"{label.cue}:{label.start}:{label.end}\n".encode())
    return digest.hexdigest()


def fit_model(data: Dataset, params: TrainingParams = DEFAULT_PARAMS) -> CueModel:
    """Choose blocks, C and thresholds inside ``data``, then fit on all of it."""
    chosen, thresholds = select(data, params)
    return fit_final(data, chosen, thresholds, params)


def training_data(corpus: Corpus, extra_keys: Sequence[tuple[Article, AnswerKey]] = ()) -> Dataset:
    return build_dataset(keyed_articles(corpus, extra_keys), list(corpus.cues))


def train(
    corpus: Corpus,
    extra_keys: Sequence[tuple[Article, AnswerKey]] = (),
    params: TrainingParams = DEFAULT_PARAMS,
) -> CueModel:
    """Train on every keyed article of the corpus plus the teachers' extra keys."""
    model = fit_model(training_data(corpus, extra_keys), params)
    model.metadata["cue_names"] = {cue: corpus.cues[cue].name for cue in model.cues}
    return model
