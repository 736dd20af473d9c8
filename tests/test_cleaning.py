"""The cleaner on the seeds removes exactly the debris, and no sentence of reporting."""

import pytest
from conftest import raw_seed

from webapp.corpus.cleaning import clean_text, normalise

EXPECTED_REMOVALS = {
    0: [],
    1: [("stray-markup", "HTML1"), ("stray-period", "."), ("page-chrome", "Read More"),
        ("page-chrome", "Related Posts")],
    2: [("page-chrome", "Accessibility links"), ("page-chrome", "Breaking News")]
       + [("repeated-line", "FILE - U.S. Marines prepare to build a military site in western Anbar, Iraq, Nov. 7, 2017.")] * 2
       + [("repeated-line", "President Joe Biden, right, speaks as Iraqi Prime Minister Mustafa al-Kadhimi "
           "listens during their meeting in the Oval Office of the White House in Washington, July 26, 2021.")] * 2,
    3: [("embed-link", "pic.twitter.com/fwYiSHhLdx"), ("image-credit", "Source: Web"),
        ("embed-link", "pic.twitter.com/wxtqizA3U7"),
        ("teaser", "Read Also: Iraqi Court issues arrest warrant for President Trump")],
    4: [("trackback", "Pingback: Biden Ends Combat Operations In Iraq, Except We Already Did – Trevor Loudon's New Zeal Blog"),
        ("trackback", "Pingback: Biden Ends Combat Operations in Iraq, Except we Already Did | NoisyRoom.net")],
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_REMOVALS))
def test_seed_removals_are_exactly_the_debris(seed):
    result = clean_text(raw_seed(seed))
    assert [(r.rule, r.text) for r in result.removals] == EXPECTED_REMOVALS[seed]


@pytest.mark.parametrize("seed", range(5))
def test_every_other_line_survives_word_for_word(seed):
    raw = normalise(raw_seed(seed))
    result = clean_text(raw)
    removed_lines = {r.line for r in result.removals if r.whole_line}
    edited_lines = {r.line for r in result.removals if not r.whole_line}
    kept = result.text.split("\n\n")
    untouched = [line.strip() for n, line in enumerate(raw.split("\n"), 1)
                 if line.strip() and n not in removed_lines and n not in edited_lines]
    for line in untouched:
        assert line in kept
    assert len(kept) == len([l for l in raw.split("\n") if l.strip()]) - len(removed_lines)


def test_stray_markup_is_mended_not_just_deleted():
    text = clean_text(raw_seed(1)).text
    assert "has been transformed to an advisory role in July last year." in text
    assert "HTML1" not in text and " .July" not in text


def test_tweet_text_and_its_attribution_line_stay_without_the_link():
    text = clean_text(raw_seed(3)).text
    assert "— President Biden (@POTUS) July 26, 2021" in text
    assert "strengthened rule of law." in text and "pic.twitter.com" not in text


def test_general_rules_apply_to_other_sites():
    raw = ("Skip to main content\nMenu\nCity opens new park\nBy Ana Ruiz\nThe park opened Monday, "
           "officials said.\nAdvertisement\nSee also: Ten parks to visit\nShare this article\n"
           "Trackback: someone's blog\nThe mayor cut the ribbon.")
    result = clean_text(raw)
    assert result.text.split("\n\n") == [
        "City opens new park", "By Ana Ruiz", "The park opened Monday, officials said.", "The mayor cut the ribbon."]


def test_a_removal_can_be_undone_by_its_id():
    raw = raw_seed(3)
    first = clean_text(raw)
    source_line = next(r for r in first.removals if r.rule == "image-credit")
    again = clean_text(raw, keep={source_line.id})
    assert "Source: Web" in again.text
    assert source_line.id not in {r.id for r in again.removals}


def test_sentences_that_merely_mention_chrome_words_are_kept():
    raw = "Read more about the budget in the council's report, the mayor said.\nBreaking news is rarely complete."
    assert clean_text(raw).text.split("\n\n") == raw.split("\n")


def test_entities_control_characters_and_windows_newlines_are_normalised():
    result = clean_text("Caf&eacute; owners\u200b met.\r\nThey&nbsp;agreed.\r\n")
    assert result.text == "Café owners met.\n\nThey agreed."
