"""The plain-words summary at the top of the feedback page (webapp.presenters.feedback_summary),
built from the real scorer's result on a small made-up article."""

from __future__ import annotations

from types import SimpleNamespace

from webapp.presenters.feedback_summary import paragraph_of, summarize, where_to_look
from webapp.services.feedback import Mark, build_feedback

TEXT = ("An activist judge ruled. Critics say it is a disaster.\n\n"
        "Officials said the plan was a scheme. Some called it a giveaway.\n\n"
        "The council meets again on Monday.")
PARAGRAPHS = [(0, 54), (56, 120), (122, len(TEXT))]
CUES = [SimpleNamespace(id="loaded-language", name="Loaded language"),
        SimpleNamespace(id="anonymous-sourcing", name="Anonymous sourcing")]


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def key_label(cue: str, phrase: str):
    start, end = span(phrase)
    return SimpleNamespace(cue_id=cue, start=start, end=end, text=phrase, rationale="why", author_id=None)


ARTICLE = SimpleNamespace(text=TEXT, analysis={}, key_labels=[
    key_label("loaded-language", "activist judge"), key_label("loaded-language", "disaster"),
    key_label("anonymous-sourcing", "Officials said"), key_label("loaded-language", "scheme"),
    key_label("loaded-language", "giveaway")])


def label(cue: str, phrase: str, note: str | None = None):
    start, end = span(phrase)
    return SimpleNamespace(cue_id=cue, start=start, end=end, note=note, confidence="sure", client_id=phrase)


def feedback(*labels):
    return build_feedback(ARTICLE, CUES, list(labels))


def test_the_sentence_says_how_many_were_found_one_catch_and_where_to_look_again():
    summary = summarize(feedback(label("loaded-language", "activist judge"), label("loaded-language", "disaster")),
                        PARAGRAPHS)
    assert summary.sentence == "You found 2 of 5 — great catch: ‘activist judge’; look again at paragraph 2."
    assert [(p.kind, p.count, p.words) for p in summary.bar] == [
        ("found", 2, "2 found"), ("missed", 3, "3 missed"), ("extra", 0, "0 extra")]
    assert summary.bar_text == "Of the key’s 5 passages, 2 found and 3 missed; 0 of your labels extra."


def test_the_catch_is_the_closest_match_not_merely_the_first():
    # "An activist judge" shares 14 of 17 characters with the key; "disaster" is exact
    summary = summarize(feedback(label("loaded-language", "An activist judge"), label("loaded-language", "disaster")),
                        PARAGRAPHS)
    assert summary.catch == "great catch: ‘disaster’"


def test_extras_and_wrong_cues_are_counted_and_explained():
    summary = summarize(feedback(label("anonymous-sourcing", "activist judge"), label("loaded-language", "council")),
                        PARAGRAPHS)
    assert summary.headline == "You found 0 of 5" and summary.catch is None
    assert [p.count for p in summary.bar] == [0, 5, 1]
    assert summary.details == (
        "1 of your labels is on a key passage but with another cue.",
        "1 of your labels marks a passage the key leaves out: if you had a reason, say it in your note.")
    assert sum(p.share for p in summary.bar) == 1


def test_everything_found_has_nothing_to_look_again_at():
    summary = summarize(feedback(*(label("loaded-language", w) for w in ("activist judge", "disaster", "scheme",
                                                                        "giveaway")),
                                 label("anonymous-sourcing", "Officials said")), PARAGRAPHS)
    assert summary.sentence == "You found all 5 — great catch: ‘activist judge’."
    assert summary.look_again is None


def test_no_labels_says_so_and_points_to_the_paragraph_with_most_to_find():
    summary = summarize(feedback(), PARAGRAPHS)
    assert summary.sentence == "You made no labels yet: the key has 5 passages; look again at paragraph 2."


def test_an_empty_key_is_said_plainly():
    empty = SimpleNamespace(text=TEXT, analysis={}, key_labels=[])
    summary = summarize(build_feedback(empty, CUES, []), PARAGRAPHS)
    assert summary.sentence == "The key has no passages for these cues."
    assert [p.share for p in summary.bar] == [0, 0, 0]


def test_paragraph_numbers_and_ties():
    assert paragraph_of(0, PARAGRAPHS) == 1 and paragraph_of(55, PARAGRAPHS) is None
    missed = [Mark("x", 130, 135, "a"), Mark("x", 3, 9, "b")]
    assert where_to_look(missed, PARAGRAPHS) == 1  # one each: the earlier paragraph
    assert where_to_look([], PARAGRAPHS) is None


# ---- section headings inside an article --------------------------------------------------------

def test_short_unpunctuated_lines_are_section_headings():
    from webapp.services.article_text import is_section_heading, reading_blocks

    assert is_section_heading("What comes next") and is_section_heading("THE SPIN MACHINE STARTS UP")
    assert not is_section_heading("— With wire reports")
    assert not is_section_heading("For a town of 8,900 people, it is a gut punch.")
    assert is_section_heading("The “we had no choice” defense")
    text = "Big headline\n\nFirst paragraph of the story.\n\nWhat comes next\n\nThe end of it."
    kinds = [b.kind for b in reading_blocks(text, {}, "Big headline")]
    assert kinds == ["headline", "paragraph", "heading", "paragraph"]


def test_the_teachers_review_words_it_for_the_teacher():
    summary = summarize(feedback(label("loaded-language", "council")), PARAGRAPHS, student=False)
    assert summary.sentence == "The student found 0 of 5; look again at paragraph 2."
    assert summary.details == ("1 of the student’s labels marks a passage the key leaves out.",)


def test_a_passage_that_is_a_quotation_keeps_its_own_quote_marks():
    from webapp.presenters.feedback_summary import _quote

    assert _quote("‘combat’") == "‘combat’"
    assert _quote("activist judge") == "‘activist judge’"
