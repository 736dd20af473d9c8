"""Practice feedback does not give the key away, and the feedback page speaks plainly first.

Before a practice exercise is handed in, the exercise page, the feedback page and the labels API
carry none of the key passages the student has not found (their text outside the article itself,
their rationale, a highlight on them); one missed passage shows only for the cue the student asks
about. After submitting, and for the teacher, everything shows.
"""

from __future__ import annotations

import json
import re

import pytest
from fixtures_exercise import KEY_SLEIGHT, change, post_change
from markupsafe import escape
from sqlalchemy import select

from webapp.exercises.context import cues_in_play
from webapp.models import Assignment
from webapp.services.feedback import build_feedback

ARTICLE_VIEWS = re.compile(r'<div[^>]*class="article-text[^"]*"[^>]*>.*?</div>', re.DOTALL)
# The tone and sourcing panels quote the article's sentences and quotations: text, not the key.
QUOTING_PANELS = re.compile(r'<section id="(?:tone|sourcing)".*?</section>', re.DOTALL)


def missed_keys(db_session, assignment_id: int):
    """The key passages the student's labels leave unfound, from the real feedback service."""
    assignment = db_session.get(Assignment, assignment_id)
    from webapp.models import Submission
    submission = db_session.scalar(select(Submission).where(Submission.assignment_id == assignment_id))
    labels = list(submission.labels) if submission else []
    exercise = assignment.exercise
    return build_feedback(exercise.article, cues_in_play(db_session, exercise), labels,
                          assignment.classroom.teacher_id).missed


def outside_the_article(html: str) -> str:
    """The page without the places that reproduce the article's own text."""
    return QUOTING_PANELS.sub("", ARTICLE_VIEWS.sub("", html))


def highlighted_starts(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'<span class="w[^"]*\bhl\b[^"]*" data-s="(\d+)"', html)}


def leaks(text: str, missed) -> list[str]:
    """Each missed passage's text or rationale found in ``text`` (JSON or HTML outside the article)."""
    found = []
    for key in missed:
        for words in (key.text, key.rationale):
            forms = (words, json.dumps(words)[1:-1], str(escape(words))) if words else ()
            if any(form in text for form in forms):
                found.append(words)
    return found


@pytest.fixture
def practising(client, login, setup, send):
    """Ada has labelled one key passage of the practice exercise (a match), not yet submitted."""
    login(client, setup.student)
    response = send(client, setup.practice, cue="dismissive-framing", start=KEY_SLEIGHT[0], end=KEY_SLEIGHT[1])
    assert response.status_code == 200
    return setup


def test_practice_pages_and_api_hold_no_missed_key_passage_before_asking(client, practising, db_session):
    practice = practising.practice
    missed = missed_keys(db_session, practice.id)
    assert len(missed) >= 3
    feedback = client.get(f"/work/{practice.id}/feedback").get_data(as_text=True)
    work = client.get(f"/work/{practice.id}").get_data(as_text=True)
    for view in ("key", "model", "mine"):  # asking for the key's view changes nothing yet
        html = client.get(f"/work/{practice.id}/feedback?view={view}").get_data(as_text=True)
        assert leaks(outside_the_article(html), missed) == []
        assert not highlighted_starts(html) & {k.start for k in missed if view != "model"}
        assert ">The key</button>" not in html
    labels = client.get(f"/api/assignments/{practice.id}/labels").get_data(as_text=True)
    saved = post_change(client, practice.id, change("loaded-language", 3000, 3010)).get_data(as_text=True)
    for name, text in (("feedback", outside_the_article(feedback)), ("work", outside_the_article(work)),
                       ("labels", labels), ("saved", saved)):
        assert (name, leaks(text, missed)) == (name, [])
    assert not highlighted_starts(feedback) & {k.start for k in missed}
    assert "Show me one I missed for" in feedback


def test_asking_for_one_cue_reveals_one_passage_of_that_cue_only(client, practising, db_session):
    practice = practising.practice
    missed = missed_keys(db_session, practice.id)
    cue = missed[0].cue
    html = outside_the_article(client.get(f"/work/{practice.id}/feedback?reveal={cue}").get_data(as_text=True))
    first = next(k for k in missed if k.cue == cue)
    assert leaks(html, [first]) == [first.text, first.rationale]
    assert leaks(html, [k for k in missed if k is not first]) == []
    assert f'name="reveal" value="{cue}" class="secondary"' not in html  # the passage replaces its button
    other = client.get(f"/work/{practice.id}/feedback?reveal=not-a-cue").get_data(as_text=True)
    assert leaks(outside_the_article(other), missed) == []


def test_after_submitting_practice_the_whole_key_shows(client, practising, db_session):
    practice = practising.practice
    missed = missed_keys(db_session, practice.id)
    client.post(f"/work/{practice.id}/submit")
    html = client.get(f"/work/{practice.id}/feedback?view=key").get_data(as_text=True)
    assert len(leaks(outside_the_article(html), missed)) >= len(missed)  # every passage and rationale
    assert {k.start for k in missed} <= highlighted_starts(html)
    assert ">The key</button>" in html and "Where the classifier and the key disagree" in html


def test_the_teacher_sees_the_whole_key_of_practice_work(client, practising, switch_to, db_session):
    from webapp.models import Submission

    practice = practising.practice
    missed = missed_keys(db_session, practice.id)
    submission = db_session.scalar(select(Submission).where(Submission.assignment_id == practice.id))
    switch_to(client, practising.teacher)
    html = client.get(f"/work/review/{submission.id}?view=key").get_data(as_text=True)
    assert leaks(outside_the_article(html), missed) and {k.start for k in missed} <= highlighted_starts(html)


# ---- the plain-words screen --------------------------------------------------------------------

def test_the_feedback_page_opens_with_plain_words_and_keeps_the_numbers_folded(client, login, setup, send, db_session):
    login(client, setup.student)
    send(client, setup.graded, cue="dismissive-framing", start=KEY_SLEIGHT[0], end=KEY_SLEIGHT[1])
    client.post(f"/work/{setup.graded.id}/submit")
    html = client.get(f"/work/{setup.graded.id}/feedback").get_data(as_text=True)
    in_key = len(missed_keys(db_session, setup.graded.id)) + 1
    sentence = re.search(r'<p class="fb-sentence">(.*?)</p>', html).group(1)
    assert sentence.startswith(f"You found 1 of {in_key} — great catch: ‘political sleight of hand’")
    assert html.index("How you did") < html.index('id="article-view"') < html.index("Show the numbers")
    numbers = html[html.index('<details id="numbers"'):]
    assert '<details id="numbers" class="panel numbers">' in html  # folded
    for word in ("precision", "recall", "F1", "polarity", "subjectivity"):
        assert word in numbers and word not in html[:html.index('<details id="numbers"')].split("</h1>")[-1]
    assert f"Of the key’s {in_key} passages, 1 found and {in_key - 1} missed" in html  # the bar's text
    assert html.count('class="article-text') == 1  # one article view, not three copies


def test_the_article_view_shows_one_layer_at_a_time(client, login, setup, send):
    login(client, setup.student)
    send(client, setup.graded, cue="scare-quotes", start=56, end=64)
    client.post(f"/work/{setup.graded.id}/submit")
    mine = client.get(f"/work/{setup.graded.id}/feedback").get_data(as_text=True)
    key = client.get(f"/work/{setup.graded.id}/feedback?view=key").get_data(as_text=True)
    assert highlighted_starts(mine) == {56, 57, 63}  # ‘ combat ’: only the student's label
    assert {56, 193, 387} <= highlighted_starts(key)
    assert 'value="key" class="toggle" aria-pressed="true"' in key
    assert 'value="mine" class="toggle" aria-pressed="true"' in mine


def test_a_chosen_sentence_opens_the_numbers(client, login, setup):
    login(client, setup.student)
    html = client.get(f"/work/{setup.practice.id}/feedback?sentence=2").get_data(as_text=True)
    assert '<details id="numbers" class="panel numbers" open>' in html
