from conftest import raw_seed

from webapp.analysis.segment import paragraphs, sentences, word_count, words


def _split(text: str) -> list[str]:
    return [s.text(text) for s in sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = ("In a statement, the coalition commander, Maj. Gen. John W. Brennan Jr., said troops "
            "would be out by Dec. 31. The U.S. Army agreed.")
    assert _split(text) == [
        "In a statement, the coalition commander, Maj. Gen. John W. Brennan Jr., said troops would be out by Dec. 31.",
        "The U.S. Army agreed.",
    ]


def test_a_quotation_over_two_sentences_splits_inside_and_keeps_its_closing_mark():
    text = '“This is a shift in mission. It is not a removal,” Psaki said. Next.'
    assert _split(text) == ["“This is a shift in mission.", "It is not a removal,” Psaki said.", "Next."]


def test_headings_and_list_lines_are_sentences_of_their_own():
    text = "Biden Vowed for the Rule of Law in Iraq\nWhat role will U.S. forces play?\n- first item\n- second item"
    assert _split(text) == [
        "Biden Vowed for the Rule of Law in Iraq", "What role will U.S. forces play?",
        "- first item", "- second item",
    ]


def test_offsets_index_the_original_text_exactly():
    text = raw_seed(2)
    for span in sentences(text):
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
    assert [p.text(text) for p in paragraphs(text)][:2] == ["Accessibility links", "Breaking News"]


def test_seed_001_sentences_in_order_without_gaps_inside_paragraphs():
    text = raw_seed(1)
    spans = sentences(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert any(s.text(text).endswith("by Dec. 31.") for s in spans)


def test_words_keep_inner_hyphens_apostrophes_and_periods():
    text = "Iraq’s al-Kadhimi met U.S. officials; we're told."
    assert [w.text(text) for w in words(text)] == ["Iraq’s", "al-Kadhimi", "met", "U.S", "officials", "we're", "told"]
    assert word_count(text) == 7


def test_empty_and_blank_text_have_no_sentences():
    assert sentences("") == [] and sentences("  \n\n ") == []


def test_odd_whitespace_inside_a_line_keeps_exact_offsets():
    text = "The  council met\tat noon.   Then it   voted. \u00a0Done"
    assert _split(text) == ["The  council met\tat noon.", "Then it   voted.", "Done"]
