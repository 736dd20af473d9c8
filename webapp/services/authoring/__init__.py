"""Teacher authoring: article uploads reviewed as drafts, saved articles, and teachers' own keys."""
