"""Corpus article files: YAML front matter, then the body text that every offset refers to."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from webapp.corpus.yamlio import YAMLError, dump_yaml, load_yaml

OUTLET_KINDS = ("wire", "broadcaster", "newspaper", "magazine", "specialist", "blog", "aggregator")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED = ("id", "story", "outlet", "outlet_kind", "published", "provenance", "sha256")


class CorpusError(ValueError):
    """A corpus file that cannot be used as it is; the message names the file (and line)."""


def text_sha256(text: str) -> str:
    """The content hash stored with an article and with every key that points into it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    id: str
    story: str
    text: str
    outlet: str
    outlet_kind: str
    published: str
    provenance: str
    headline: str | None = None
    byline: str | None = None
    credits: tuple[str, ...] = ()
    derived_from: str | None = None
    invented: bool = False
    sha256: str = field(default="")

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", text_sha256(self.text))

    def metadata(self) -> dict:
        """The front matter, in the order it is written."""
        data = asdict(self)
        text = data.pop("text")
        data["credits"] = list(self.credits)
        data["sha256"] = text_sha256(text)
        order = ("id", "story", "headline", "outlet", "outlet_kind", "byline", "credits",
                 "published", "derived_from", "invented", "provenance", "sha256")
        return {key: data[key] for key in order}


def validate_article(article: Article, where: str) -> None:
    """Check the metadata and that the body still matches its stored hash."""
    problems = []
    if not ID_RE.match(article.id):
        problems.append(f"id '{article.id}' must be lowercase letters, digits and hyphens")
    if not ID_RE.match(article.story):
        problems.append(f"story '{article.story}' must be lowercase letters, digits and hyphens")
    if article.outlet_kind not in OUTLET_KINDS:
        problems.append(f"outlet_kind '{article.outlet_kind}' is not one of {', '.join(OUTLET_KINDS)}")
    try:
        dt.date.fromisoformat(article.published)
    except ValueError:
        problems.append(f"published '{article.published}' is not a date like 2021-07-26")
    if article.headline and not article.text.startswith(article.headline):
        problems.append("the body must begin with the headline")
    if not article.text.strip():
        problems.append("the body is empty")
    if article.sha256 != text_sha256(article.text):
        problems.append(
            "the body no longer matches its sha256: article text is fixed once written, because "
            "answer keys point into it; restore the text or import it as a new article"
        )
    if problems:
        raise CorpusError(f"{where}: " + "; ".join(problems))


def parse_article(source: str, where: str) -> Article:
    """Parse an article file's content (front matter and body) and validate it."""
    if not source.startswith("---\n"):
        raise CorpusError(f"{where}:1: an article file starts with a '---' line of front matter")
    end = source.find("\n---\n", 4)
    if end < 0:
        raise CorpusError(f"{where}: the front matter has no closing '---' line")
    try:
        front = load_yaml(source[4:end])
    except YAMLError as error:
        raise CorpusError(f"{where}: the front matter is not valid YAML: {error}") from None
    if not isinstance(front, dict):
        raise CorpusError(f"{where}:2: the front matter must be a mapping of fields")
    missing = [key for key in _REQUIRED if not front.get(key)]
    if missing:
        raise CorpusError(f"{where}: missing field(s): {', '.join(missing)}")
    body = source[end + 5 :]
    body = body.removesuffix("\n")
    article = Article(
        id=str(front["id"]), story=str(front["story"]), text=body,
        outlet=str(front["outlet"]), outlet_kind=str(front["outlet_kind"]),
        published=str(front["published"]), provenance=str(front["provenance"]).strip(),
        headline=front.get("headline"), byline=front.get("byline"),
        credits=tuple(str(c) for c in front.get("credits") or ()),
        derived_from=front.get("derived_from"), invented=bool(front.get("invented", False)),
        sha256=str(front.get("sha256") or ""),
    )
    validate_article(article, where)
    return article


def render_article(article: Article) -> str:
    """The file content for an article: front matter, then the body and a final newline."""
    return f"---\n{dump_yaml(article.metadata())}---\n{article.text}\n"


def load_article(path: Path) -> Article:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: cannot read the article file ({error})") from None
    return parse_article(source, str(path))


def write_article(article: Article, path: Path, *, replace_text: bool = False) -> bool:
    """Write an article file; refuse to change the body of an existing article.

    Returns False when an identical file already exists (importing twice is harmless).
    """
    content = render_article(article)
    if path.exists():
        existing = path.read_text(encoding="utf-8")
        if existing == content:
            return False
        if not replace_text:
            old = parse_article(existing, str(path))
            if old.sha256 != article.sha256:
                raise CorpusError(
                    f"{path}: an article with this id exists with a different text; keys point "
                    "into that text, so choose a new id (or --replace if it has no key yet)"
                )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True


def with_text(article: Article, text: str) -> Article:
    """A copy of the article with another body and its new hash."""
    return replace(article, text=text, sha256=text_sha256(text))
