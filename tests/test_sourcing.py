"""Sourcing analysis: quotations, attributions, sources and credits.

Expectations on the seed articles were worked out by hand from the raw texts in
corpus/raw/iraq-2021/ (see its README); the small strings test one rule each.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from webapp.analysis import segment
from webapp.analysis.sourcing import Sourcing, analyze_sourcing

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "iraq-2021"


def analyze(text: str) -> Sourcing:
    paragraphs = segment.paragraphs(text)
    return analyze_sourcing(text, paragraphs, segment.sentences(text, paragraphs))


@cache
def seed_text(number: int) -> str:
    return next(SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


@cache
def seed(number: int) -> Sourcing:
    return analyze(seed_text(number))


def source(result: Sourcing, name: str):
    matches = [s for s in result.sources if s.name == name]
    assert matches, f"no source {name!r} in {[s.name for s in result.sources]}"
    return matches[0]


def attributions_of(result: Sourcing, name: str):
    return [a for a in result.attributions if a.source == name]


def quoted(text: str, result: Sourcing) -> list[str]:
    return [q.text(text) for q in result.quotations]


# --- seed 002: a broadcaster's report with many named sources -----------------------------------

def test_seed_002_named_sources_are_resolved_to_full_names():
    named = {s.name for s in seed(2).sources if s.named}
    assert {"Jen Psaki", "Lloyd Austin", "Katherine Zimmerman", "Behnam Ben Taleblu"} <= named


def test_seed_002_the_senior_official_is_anonymous():
    official = source(seed(2), "a senior U.S. official")
    assert not official.named
    assert official.verbs == ("told",)
    assert seed(2).anonymous_sources >= 1


def test_seed_002_a_quote_over_two_sentences_belongs_to_one_source():
    text, result = seed_text(2), seed(2)
    direct = [a for a in attributions_of(result, "Behnam Ben Taleblu") if a.kind == "direct"]
    quotes = [a.quote.text(text) for a in direct]
    assert quotes[0].startswith("There's no doubt that the Biden administration")
    assert quotes[1].startswith("These conflicts, however, were not borne out")
    assert [s.name for s in result.sources].count("Behnam Ben Taleblu") == 1


def test_seed_002_austin_told_and_replied():
    austin = source(seed(2), "Lloyd Austin")
    assert {"told", "replied"} <= set(austin.verbs)
    assert austin.role == "Defense Secretary"


def test_seed_002_speaker_phrase_keeps_the_title_as_written():
    text = seed_text(2)
    psaki = attributions_of(seed(2), "Jen Psaki")[0]
    assert psaki.speaker.text(text) == "White House press secretary Jen Psaki"
    assert (psaki.verb, psaki.role, psaki.source_type) == (
        "explained", "White House press secretary", "government")


def test_seed_002_zimmerman_is_an_expert_with_her_role():
    zimmerman = source(seed(2), "Katherine Zimmerman")
    assert zimmerman.role == "a fellow at the American Enterprise Institute"
    assert zimmerman.source_type == "expert"


def test_seed_002_colon_introduces_austins_quote():
    text = seed_text(2)
    replied = [a for a in attributions_of(seed(2), "Lloyd Austin") if a.verb == "replied"][0]
    assert replied.kind == "direct"
    assert replied.quote.text(text).startswith("I think trying to make that distinction")
    assert replied.quote.text(text).endswith("at any given time.")


def test_seed_002_nested_straight_quotes_are_told_apart():
    text = seed_text(2)
    spans = quoted(text, seed(2))
    assert "end the endless wars" in spans
    outer = [s for s in spans if s.startswith("There's no doubt")]
    assert outer and outer[0].endswith('"end the endless wars" narrative')


def test_seed_002_quoted_phrases_of_a_named_report_are_its_own():
    report = source(seed(2), "United Nations report")
    assert report.named and report.source_type == "document" and report.attributions == 2


def test_seed_002_contributors_are_credited():
    assert seed(2).contributor_credits == ("Carla Babb", "Jeff Seldin")


# --- seed 001: a newspaper report with unnamed officials and an expert --------------------------

def test_seed_001_officials_said_and_officials_stated_are_one_anonymous_source():
    officials = source(seed(1), "officials")
    assert not officials.named
    assert officials.attributions == 2
    assert set(officials.verbs) == {"said", "stated"}


def test_seed_001_officials_said_reports_the_words_before_it():
    text = seed_text(1)
    said = [a for a in attributions_of(seed(1), "officials") if a.verb == "said"][0]
    assert said.kind == "indirect" and said.speaker_name is None and not said.named
    assert said.quote.text(text) == (
        "In practice, there have been no U.S. combat troops on Iraqi soil for months")


def test_seed_001_jiyad_is_an_expert_quoted_twice_across_his_attribution():
    text = seed_text(1)
    direct = [a for a in attributions_of(seed(1), "Sajad Jiyad") if a.kind == "direct"]
    assert [a.quote.text(text) for a in direct[:2]] == [
        "In reality, the announcement does not mark a change in the situation on the ground",
        "Part of this news today is a public relations exercise.",
    ]
    jiyad = source(seed(1), "Sajad Jiyad")
    assert jiyad.source_type == "expert"
    assert jiyad.role == "a fellow with the New York-based Century Foundation"


def test_seed_001_possessive_surname_and_pronoun_resolve_to_jiyad():
    text = seed_text(1)
    later = {a.verb: a for a in attributions_of(seed(1), "Sajad Jiyad") if a.verb in ("cautioned", "stated")}
    assert later["cautioned"].kind == "indirect"
    assert later["cautioned"].speaker.text(text) == "the Century Foundation’s Jiyad"
    assert later["stated"].speaker.text(text) == "He"
    assert {a.speaker_name for a in later.values()} == {"Sajad Jiyad"}


def test_seed_001_araji_is_a_named_government_source_who_wrote():
    araji = source(seed(1), "Qasim al-Araji")
    assert araji.named and araji.source_type == "government"
    assert araji.verbs == ("wrote",)
    assert araji.role == "Iraqi national security adviser"


def test_seed_001_title_in_apposition_resolves_to_brennan():
    text = seed_text(1)
    brennan = attributions_of(seed(1), "John W. Brennan Jr.")[0]
    assert brennan.speaker.text(text) == "the coalition commander, Maj. Gen. John W. Brennan Jr."
    assert brennan.source_type == "military"
    assert brennan.quote.text(text) == "to advise, assist, and enable"


def test_seed_001_partial_quotes_in_reported_speech_go_to_the_speaker():
    text = seed_text(1)
    head = attributions_of(seed(1), "the head of Harakat Hezbollah al-Nujaba")
    assert [a.quote.text(text) for a in head] == [
        "resistance", "until the American occupation is removed from Iraq."]
    assert all(a.named and a.source_type == "armed-group" for a in head)


def test_seed_001_scare_quote_in_the_headline_is_a_quotation_not_an_attribution():
    text, result = seed_text(1), seed(1)
    assert "combat" in quoted(text, result)
    assert all(a.quote.text(text) != "combat" for a in result.attributions)


def test_seed_001_observers_are_anonymous():
    assert not source(seed(1), "observers").named


# --- the other seeds -------------------------------------------------------------------------

def test_seed_000_quoted_phrase_of_a_readout_is_a_direct_attribution_to_it():
    text = seed_text(0)
    readout = attributions_of(seed(0), "White House readout")
    assert [(a.kind, a.quote.text(text), a.verb) for a in readout] == [("direct", "purely advisory", "said")]
    assert readout[0].named and readout[0].source_type == "document"


def test_seed_003_keeps_far_fewer_quotation_marks_than_the_report_it_rewrites():
    assert seed(2).quoted_word_share > 0.3
    assert seed(3).quoted_word_share < seed(2).quoted_word_share / 10


def test_seed_003_embedded_posts_are_found():
    posts = {p.handle: p for p in seed(3).social_posts}
    assert set(posts) == {"@WIONews", "@POTUS"}
    assert (posts["@POTUS"].author, posts["@POTUS"].date) == ("President Biden", "July 26, 2021")
    assert seed_text(3)[posts["@POTUS"].post.start :].startswith("Today, I met with Prime Minister")


def test_seed_003_an_embedded_post_is_a_social_media_attribution():
    text = seed_text(3)
    posted = [a for a in seed(3).attributions if a.verb == "posted"]
    assert {a.speaker_name for a in posted} == {"WION", "Joe Biden"}
    assert all(a.source_type == "social-media" and a.kind == "direct" for a in posted)
    assert not any("pic.twitter.com" in a.quote.text(text) for a in posted)


def test_seed_004_credits_reuters():
    assert seed(4).wire_credits == ("Reuters",)


def test_seed_004_inverted_speaker_after_the_quote():
    malik = source(seed(4), "Hamdi Malik")
    assert malik.source_type == "expert" and malik.role == "the Washington Institute think tank"


@pytest.mark.parametrize("number", range(5))
def test_every_seed_serialises_to_the_documented_schema(number):
    data = seed(number).as_dict(seed_text(number))
    assert list(data) == ["attributions", "sources", "named_sources", "anonymous_sources",
                          "quoted_word_share", "verb_counts", "wire_credits", "contributor_credits",
                          "social_posts"]
    for attribution in data["attributions"]:
        assert list(attribution) == ["kind", "quote", "speaker", "speaker_name", "named", "verb", "role",
                                     "source_type"]
        quote = attribution["quote"]
        assert quote["text"] == seed_text(number)[quote["start"] : quote["end"]]
    assert data["named_sources"] + data["anonymous_sources"] == len(data["sources"])


# --- small texts, one rule each --------------------------------------------------------------

def test_straight_and_curly_quotes_give_the_same_attribution():
    curly = "“We will stay,” the minister said."
    straight = '"We will stay," the minister said.'
    for text in (curly, straight):
        (attribution,) = analyze(text).attributions
        assert (attribution.kind, attribution.quote.text(text), attribution.speaker.text(text)) == (
            "direct", "We will stay", "the minister")


def test_a_quote_broken_by_its_attribution_is_one_speakers():
    text = "“The talks failed,” said Dana Reyes, a spokeswoman for the council. “We will try again.”"
    result = analyze(text)
    assert [(a.quote.text(text), a.speaker_name) for a in result.attributions] == [
        ("The talks failed", "Dana Reyes"), ("We will try again.", "Dana Reyes")]
    assert source(result, "Dana Reyes").role == "a spokeswoman for the council"


def test_apostrophes_are_not_quotation_marks():
    text = "Iraq’s leaders said the troops' mission, which we're told is over, would end."
    result = analyze(text)
    assert result.quotations == ()
    assert result.quoted_word_share == 0.0


def test_single_quotes_inside_double_quotes_are_nested():
    text = '"Nobody is going to declare ‘mission accomplished,\'" an official said.'
    result = analyze(text)
    assert quoted(text, result) == [
        "Nobody is going to declare ‘mission accomplished,'", "mission accomplished"]
    assert result.quoted_word_share == pytest.approx(7 / 10)  # nested words once; 3 words outside


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph():
    text = "“We are not leaving, the mayor said.\n\nNext paragraph."
    result = analyze(text)
    assert quoted(text, result) == ["We are not leaving, the mayor said."]
    assert result.attributions == ()


def test_empty_text():
    result = analyze("")
    assert (result.attributions, result.sources, result.quotations) == ((), (), ())
    assert result.quoted_word_share == 0.0
    assert result.as_dict("")["social_posts"] == []


def test_text_without_quotes_or_attributions():
    text = "The river rose overnight.\n\nSchools stayed open."
    result = analyze(text)
    assert (result.attributions, result.quotations, result.verb_counts) == ((), (), {})


def test_a_paragraph_that_opens_with_a_quote_continues_the_last_speaker():
    text = ("“We need the money,” Mayor Ana Ruiz said. “The roads are failing.\n\n"
            "“And nobody else is going to pay for them.”")
    speakers = [a.speaker_name for a in analyze(text).attributions]
    assert speakers == ["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"]


def test_anonymous_and_named_descriptions():
    text = ("Officials said the bridge would close. A senior official told reporters it was unsafe. "
            "A joint statement said repairs would start in May. People familiar with the plan said it "
            "would cost more.")
    result = analyze(text)
    assert {s.name: s.named for s in result.sources} == {
        "officials": False, "a senior official": False, "joint statement": True,
        "people familiar with the plan": False}


def test_according_to_and_parenthetical_attributions():
    text = ("Prices rose 4 percent, according to a central bank report. "
            "The increase, officials say, will slow.")
    result = analyze(text)
    assert [(a.verb, a.quote.text(text)) for a in result.attributions] == [
        ("according to", "Prices rose 4 percent"),
        ("say", "The increase, officials say, will slow")]


def test_pronouns_do_not_cross_gender_once_the_text_fixes_it():
    text = ("Tom Hale, the county treasurer, said the budget was short. He said taxes would rise. "
            "Rosa Lind, a city councillor, said that was wrong. She said cuts were possible.")
    names = [a.speaker_name for a in analyze(text).attributions]
    assert names == ["Tom Hale", "Tom Hale", "Rosa Lind", "Rosa Lind"]


def test_wire_credits_only_count_credits_not_citations():
    text = ("CAIRO (AP) — Talks resumed.\n\nThe deal was close, according to Reuters.\n\n"
            "AFP contributed to this report.")
    assert analyze(text).wire_credits == ("Associated Press", "AFP")
