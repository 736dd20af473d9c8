"""TextBlob's English sentiment analyser, loaded without importing TextBlob's package (and NLTK).

FrameLab uses one thing of TextBlob: the pattern analyser behind ``TextBlob(s).sentiment``
(``textblob/_text.py`` with the lexicon ``textblob/en/en-sentiment.xml``). Importing ``textblob``
runs its ``__init__``, which imports NLTK, scikit-learn's friends and SciPy: over a second of
every ``framelab analyze`` run, more than the analysis of a hundred articles. ``_text.py``
itself needs only the standard library, so it is loaded here from TextBlob's installed files
under a private module name, and the English analyser is set up exactly as ``textblob.en``
sets it up: same lexicon file, negations, modifiers and tokenizer, and the same extra adverbs
("terrible" -> "terribly"). tests/test_tone.py checks that the result is TextBlob's own, word
for word, on every sentence of the corpus.

Where TextBlob's files cannot be found this way (an unusual install), TextBlob is imported.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

_PRIVATE_NAME = "_framelab_textblob_text"


def _textblob_dir() -> Path | None:
    spec = importlib.util.find_spec("textblob")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder if (folder / "_text.py").exists() and (folder / "en" / "en-sentiment.xml").exists() else None


def _load_text_module(folder: Path) -> ModuleType:
    if _PRIVATE_NAME in sys.modules:
        return sys.modules[_PRIVATE_NAME]
    spec = importlib.util.spec_from_file_location(_PRIVATE_NAME, folder / "_text.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_PRIVATE_NAME] = module
    spec.loader.exec_module(module)
    return module


def _english_sentiment(text: ModuleType, folder: Path) -> Any:
    """The analyser as ``textblob.en.sentiment`` is made (see textblob/en/__init__.py)."""

    class EnglishSentiment(text.Sentiment):  # type: ignore[name-defined]
        def load(self, path: str | None = None) -> None:
            text.Sentiment.load(self, path)
            if path:
                return
            # as textblob.en.Sentiment.load: each adjective also gives its -ly adverb
            word: str
            senses: dict
            for word, senses in list(dict.items(self)):
                if "JJ" in senses:
                    stem = word[:-1] + "i" if word.endswith("y") else word
                    stem = stem.removesuffix("le")
                    polarity, subjectivity, intensity = senses["JJ"]
                    self.annotate(stem + "ly", "RB", polarity, subjectivity, intensity)

    tokenizer = functools.partial(_find_tokens, text.find_tokens, text.PUNCTUATION, text.ABBREVIATIONS,
                                  text.replacements)
    return EnglishSentiment(path=str(folder / "en" / "en-sentiment.xml"), synset="wordnet_id",
                            negations=("no", "not", "n't", "never"), modifiers=("RB",),
                            modifier=_ends_in_ly, tokenizer=tokenizer, language="en")


def _ends_in_ly(word: str) -> bool:
    return word.endswith("ly")


def _find_tokens(find_tokens: Any, punctuation: str, abbreviations: Any, replace: dict, string: Any) -> list[str]:
    """``textblob.en.parser.find_tokens``: the same call with the same arguments."""
    return find_tokens(str(string), punctuation=punctuation, abbreviations=abbreviations, replace=replace,
                       linebreak=r"\n{2,}")


@functools.cache
def english_sentiment() -> tuple[Any, ModuleType]:
    """(the English analyser, the ``_text`` module it comes from), loaded once per process."""
    folder = _textblob_dir()
    if folder is None:
        from textblob import _text
        from textblob.en import sentiment

        return sentiment, _text
    text = _load_text_module(folder)
    return _english_sentiment(text, folder), text
