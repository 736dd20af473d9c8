"""Import manifests: a YAML list of raw files with the metadata to import each one with.

The seed story is imported from ``corpus/raw/iraq-2021/manifest.yaml``, which records for every
field the evidence in the text it was taken from.
"""

from __future__ import annotations

from pathlib import Path

from webapp.corpus.articles import CorpusError
from webapp.corpus.yamlio import YAMLError, line_of, load_yaml_with_lines

_FIELDS = ("id", "story", "headline", "outlet", "outlet_kind", "byline", "credits",
           "published", "derived_from", "invented", "provenance")


def manifest_entries(path: Path) -> list[tuple[Path, dict]]:
    """(file, options) pairs; file paths are relative to the manifest's folder."""
    try:
        data = load_yaml_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as error:
        raise CorpusError(f"{path}: cannot read the manifest: {error}") from None
    entries = (data or {}).get("articles")
    if not isinstance(entries, list):
        raise CorpusError(f"{path}:1: a manifest has an 'articles' list")
    story = data.get("story")
    jobs = []
    for index, entry in enumerate(entries):
        if not entry.get("file"):
            raise CorpusError(f"{path}:{line_of(entries, index)}: each article needs a 'file'")
        options = {key: entry.get(key) for key in _FIELDS}
        options["story"] = options["story"] or story
        options["credits"] = tuple(entry.get("credits") or ())
        options["published"] = str(entry["published"]) if entry.get("published") else None
        jobs.append((path.parent / str(entry["file"]), options))
    return jobs
