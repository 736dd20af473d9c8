"""Sentence similarity for one story: TF-IDF on content words and on character n-grams, cosine.

Words catch shared facts and names; character n-grams (within words) catch the same words under
different inflections and spellings, which is what a rewording keeps. The two cosines are averaged.
The vectorisers are fitted on the story's own sentences, so a word common to the whole story
(the president's name in every article) weighs less than a rare phrase two articles share.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from webapp.compare.texts import Sentence


def _vectorizers() -> list[TfidfVectorizer]:
    return [TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, stop_words="english"),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)]


def similarity_matrix(sentences: Sequence[Sentence]) -> np.ndarray:
    """Pairwise similarity (0..1) of every sentence of the story with every other."""
    if not sentences:
        return np.zeros((0, 0))
    texts = [s.text.lower() for s in sentences]
    matrices = []
    for vectorizer in _vectorizers():
        try:
            vectors = vectorizer.fit_transform(texts)
        except ValueError:  # nothing but stop words in the whole story
            continue
        matrices.append(cosine_similarity(vectors))
    if not matrices:
        return np.zeros((len(texts), len(texts)))
    return np.clip(sum(matrices) / len(matrices), 0.0, 1.0)
