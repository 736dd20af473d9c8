"""The same-story comparison, without Flask: sentence alignment between articles, derived copies
found from the text alone, and what the articles share or say alone.

Input is plain data (:class:`StoryArticle`: text plus the stored analysis), so the web layer, the
command line and the tests call it alike. Start with :func:`compare_story`.
"""

from webapp.compare.story import StoryComparison, compare_story
from webapp.compare.texts import StoryArticle

__all__ = ["StoryArticle", "StoryComparison", "compare_story"]
