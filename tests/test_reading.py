"""Bad files get a clear ArticleInputError, and nothing from scripts or styles gets through."""

import pytest

from webapp.corpus.reading import MAX_INPUT_BYTES, ArticleInputError, read_article_bytes, read_article_file

PAGE = b"""<html><head><title>Council votes to close two libraries</title>
<style>.x{color:red} body{font:STYLE_MARKER}</style><script>var SCRIPT_MARKER = 1;</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Council votes to close two libraries</h1>
<p>PORT ELLIS \xe2\x80\x94 The city council voted 5-4 on Tuesday to close two branch libraries.</p>
<p>\xe2\x80\x9cWe had no choice,\xe2\x80\x9d said Mayor Ann Lee.<script>document.write("INLINE_SCRIPT")</script>
The vote came after three hours of debate.</p></article></body></html>"""


def test_html_main_text_and_title_are_extracted_without_scripts_or_styles():
    source = read_article_bytes(PAGE, "page.html", ".html")
    assert source.text.startswith("Council votes to close two libraries")
    assert "voted 5-4" in source.text
    for marker in ("SCRIPT_MARKER", "STYLE_MARKER", "INLINE_SCRIPT", "document.write", "color:red"):
        assert marker not in source.text
    assert source.metadata["headline"] == "Council votes to close two libraries"


@pytest.mark.parametrize(
    ("data", "suffix", "message"),
    [
        (b"", ".txt", "empty"),
        (b"   \n\n ", ".txt", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ".txt", "binary"),
        (b"caf\xe9 au lait", ".txt", "not UTF-8"),
        (b"a" * (MAX_INPUT_BYTES + 1), ".txt", "limit"),
        (b"<html><body><script>alert(1)</script></body></html>", ".html", "no article text"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(data, suffix, message):
    with pytest.raises(ArticleInputError, match=message):
        read_article_bytes(data, "upload" + suffix, suffix)


def test_unknown_suffix_and_missing_file(tmp_path):
    with pytest.raises(ArticleInputError, match="reads .txt, .md and .html"):
        read_article_file(tmp_path / "article.pdf")
    with pytest.raises(ArticleInputError, match="cannot read"):
        read_article_file(tmp_path / "missing.txt")


def test_markdown_markup_is_dropped_and_front_matter_read():
    data = b"---\nheadline: Hi\n---\n# Park opens\n\nThe *new* park [opened](http://x) Monday.\n"
    source = read_article_bytes(data, "a.md", ".md")
    assert source.text == "Park opens\nThe new park opened Monday."
    assert source.metadata == {"headline": "Hi"}


def test_utf8_with_byte_order_mark_is_read():
    assert read_article_bytes("\ufeffHello there".encode("utf-8"), "a.txt", ".txt").text == "Hello there"


def test_an_articles_blocks_are_cut_once_and_recut_when_its_text_changes():
    from types import SimpleNamespace

    from webapp.services.article_text import article_blocks

    text = "Officials said the plan works.\n\nCritics disagreed."
    article = SimpleNamespace(id="cache-test", sha256="a" * 64, model_version="v1", headline=None, text=text,
                              analysis={})
    first = article_blocks(article)
    assert article_blocks(article) is first
    changed = SimpleNamespace(**{**vars(article), "sha256": "b" * 64, "text": "Another text entirely."})
    assert article_blocks(changed) is not first
    assert [p.text for p in article_blocks(changed)[0].pieces][:2] == ["Another", " "]
