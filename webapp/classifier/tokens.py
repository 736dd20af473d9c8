"""Words of a sentence as the classifier sees them (they live in :mod:`webapp.analysis.words`,
which the tone shares), and the tokens TextBlob's analyser expects."""

from __future__ import annotations

from webapp.analysis.words import SentenceWords, article_words, normalise, sentence_words

__all__ = ["SentenceWords", "article_words", "normalise", "sentence_words", "sentiment_tokens"]


def sentiment_tokens(tokens: tuple[str, ...], exclamations: int) -> list[str]:
    """Tokens in the form TextBlob's analyser expects: "n't" split off, "!" kept as a token."""
    out: list[str] = []
    for token in tokens:
        if token.endswith("n't") and len(token) > 3:
            out.extend((token[:-3], "n't"))
        else:
            out.append(token)
    return out + ["!"] * exclamations
