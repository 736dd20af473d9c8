"""Article files: a round trip through the file format, and a body that may not change."""

import pytest

from webapp.corpus.articles import Article, CorpusError, parse_article, render_article, write_article


def _article(text="Headline here\n\nBody of the article.", **changes) -> Article:
    fields = dict(id="demo-1", story="demo", text=text, outlet="Demo Ledger", outlet_kind="newspaper",
                  published="2026-01-05", provenance="Written for a test.", headline="Headline here")
    fields.update(changes)
    return Article(**fields)


def test_render_then_parse_gives_the_same_article():
    article = _article(credits=("Ana Ruiz",), derived_from="demo-0", invented=True)
    assert parse_article(render_article(article), "demo-1.md") == article


def test_a_body_edited_after_writing_is_refused_clearly():
    content = render_article(_article()).replace("Body of the article.", "Body of the article!")
    with pytest.raises(CorpusError, match="no longer matches its sha256"):
        parse_article(content, "demo-1.md")


def test_missing_hash_or_fields_are_named():
    content = render_article(_article())
    without_hash = "\n".join(line for line in content.split("\n") if not line.startswith("sha256"))
    with pytest.raises(CorpusError, match="sha256"):
        parse_article(without_hash, "demo-1.md")
    with pytest.raises(CorpusError, match="outlet_kind 'tabloid'"):
        parse_article(render_article(_article(outlet_kind="tabloid")), "demo-1.md")
    with pytest.raises(CorpusError, match="begin with the headline"):
        parse_article(render_article(_article(headline="Other")), "demo-1.md")


def test_writing_refuses_to_change_an_existing_articles_text(tmp_path):
    path = tmp_path / "demo-1.md"
    assert write_article(_article(), path) is True
    assert write_article(_article(), path) is False  # importing twice is harmless
    with pytest.raises(CorpusError, match="different text"):
        write_article(_article(text="Headline here\n\nAnother body."), path)


def test_text_with_markup_and_front_matter_lookalikes_survives_the_round_trip():
    body = "Headline here\n\n---\n<script>alert('x')</script> “quotes” and ‘single’ — dashes"
    assert parse_article(render_article(_article(text=body)), "x.md").text == body
