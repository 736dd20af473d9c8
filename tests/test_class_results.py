"""The dashboard's figures, worked out by hand on the class of tests/fixtures_results.py."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures_results import AS, SQ, ResultsClass, add_submission

from webapp.models import SUBMITTED, Submission
from webapp.services import class_agreement as agree
from webapp.services.class_results import class_results, filter_rows, set_grade, sort_rows

WORDS = 689  # words of iraq-2021-001 (letters or digits; punctuation is not a unit)


@pytest.fixture
def results(db_session, results_class: ResultsClass):
    return class_results(db_session, results_class.assignment, now=dt.datetime(2026, 2, 1))


def row(results, name):
    return next(r for r in results.rows if r.display_name == name)


def word_of(results, start: int) -> int:
    return next(w.number for w in results.words if w.start <= start < w.end)


# ---- completion --------------------------------------------------------------------------------

def test_counts_per_status(results):
    assert results.counts == {"late": 0, "not_started": 2, "in_progress": 1, "submitted_late": 0, "submitted": 4}
    assert results.submitted == 4


def test_the_nudge_list_names_who_has_not_handed_in(results):
    assert [r.display_name for r in results.missing] == ["Fay", "Gus", "Eve"]  # not started before in progress


def test_submitted_late(db_session, make_teacher, make_classroom, make_student, make_exercise, make_assignment):
    classroom = make_classroom(make_teacher())
    assignment = make_assignment(classroom, make_exercise(), due_at=dt.datetime(2026, 1, 1))
    add_submission(db_session, assignment, make_student(classroom, "Ada"), SUBMITTED, [], dt.datetime(2026, 1, 2))
    make_student(classroom, "Bea")
    db_session.commit()
    counts = class_results(db_session, assignment, now=dt.datetime(2026, 1, 3)).counts
    assert counts["submitted_late"] == 1 and counts["late"] == 1  # Bea is overdue


def test_filter_and_sort(results):
    assert [r.display_name for r in filter_rows(results.rows, "missing")] == ["Eve", "Fay", "Gus"]
    assert [r.display_name for r in filter_rows(results.rows, "submitted")] == ["Ada", "Bea", "Cal", "Dov"]
    by_score = [r.display_name for r in sort_rows(results.rows, "score")]
    assert by_score[:4] == ["Cal", "Dov", "Ada", "Bea"]  # lowest F1 first, then unscored
    assert [r.display_name for r in sort_rows(results.rows, "status")][:3] == ["Fay", "Gus", "Eve"]


# ---- scores (SemEval partial overlap, as on the feedback page) --------------------------------

def test_scores_of_a_student_with_everything_right_but_one_key_passage(results):
    # Ada: SQ 1 of 1 found, nothing extra -> 1.0. AS: both labels inside key spans (P = 1), 2 of 3
    # key spans found (R = 2/3) -> F1 = 2·(2/3)/(5/3) = 0.8. Overall: P = 3/3, R = 3/4 -> F1 = 6/7.
    ada = row(results, "Ada")
    assert ada.per_cue[SQ].f1 == 1.0
    assert ada.per_cue[AS].f1 == pytest.approx(0.8)
    assert ada.overall.f1 == pytest.approx(6 / 7)


def test_scores_of_a_student_with_an_extra_label(results):
    # Cal: no SQ label while the key has one -> P = R = 0. AS: 1 of 2 labels in the key (P = 1/2),
    # 1 of 3 key spans (R = 1/3) -> F1 = 2·(1/6)/(5/6) = 0.4. Overall P = 1/2, R = 1/4 -> 1/3.
    cal = row(results, "Cal")
    assert cal.per_cue[SQ].f1 == 0.0
    assert cal.per_cue[AS].f1 == pytest.approx(0.4)
    assert cal.overall.f1 == pytest.approx(1 / 3)


def test_work_in_progress_is_not_scored(results):
    eve = row(results, "Eve")
    assert eve.overall is None and eve.labels == 1


# ---- the class on the article ----------------------------------------------------------------

def test_heat_counts_submitted_students_per_word(results, results_class):
    heat = results.heat
    assert len(results.words) == WORDS
    assert heat["all"][word_of(results, 57)] == 2  # "combat": Ada, Bea
    assert heat["all"][word_of(results, 170)] == 1  # "observers": Ada
    assert heat[AS][word_of(results, 387)] == 3  # "officials": Ada, Bea, Dov (not Eve, in progress)
    assert heat[AS][word_of(results, 403)] == 2  # "Officials": Bea, Cal
    assert heat[AS][word_of(results, results_class.x[0])] == 2  # "Islamic": Cal, Dov
    assert heat[SQ][word_of(results, 387)] == 0
    assert sum(heat["all"]) == 2 + 1 + 1 + 3 + 3 + 2 + 2 + 2 + 2


def test_most_missed_key_passages(results):
    # observers described: missed by Bea, Cal, Dov; ‘combat’: Cal, Dov; Officials stated: Ada, Dov;
    # officials said: Cal. Ties in reading order.
    assert [(p.text, p.students) for p in results.most_missed] == [
        ("observers described", 3), ("‘combat’", 2), ("Officials stated", 2), ("officials said", 1)]
    assert results.most_missed[0].word == word_of(results, 170)


def test_most_common_extra_labels(results, results_class):
    assert [(p.cue, p.text, p.students) for p in results.common_extra] == [(AS, "Islamic State", 2)]
    assert results.common_extra[0].word == word_of(results, results_class.x[0])


# ---- agreement --------------------------------------------------------------------------------

def test_alpha_on_a_small_case_with_a_known_value():
    # 3 coders, 4 units; "yes" per unit: 3, 2, 0, 1 (coders: 1100 / 1000 / 1101 by unit columns).
    # Nominal alpha = 1 - (n-1)·Σ_u n_u0·n_u1/(m_u-1) / (n_0·n_1) with n = 12 values, n_1 = 6, n_0 = 6;
    # only units 2 (2 yes, 1 no) and 4 (1 yes, 2 no) disagree, each 2·1/2 = 1, Σ = 2.
    # alpha = 1 - 11·2/36 = 14/36 = 0.3889.
    assert agree.alpha([3, 2, 0, 1], 3) == pytest.approx(14 / 36)


def test_alpha_is_undefined_without_variation():
    assert agree.alpha([0, 0, 0], 3) is None and agree.alpha([3, 3], 3) is None


def expected_alpha(yes: list[int], coders: int, units: int) -> float:
    """The formula of the small case, over ``units`` words of which those not listed have no yes."""
    n, n1 = coders * units, sum(yes)
    disagreement = sum(c * (coders - c) / (coders - 1) for c in yes)
    return 1 - (n - 1) * disagreement / (n1 * (n - n1))


def test_alpha_per_cue_on_the_class(results):
    # SQ: one word ("combat") with 2 of 4 yes: Σ = 2·2/3 = 4/3, n = 4·689 = 2756, n_1 = 2
    #     -> 1 - 2755·(4/3)/(2·2754) = 0.3331.
    # AS: observers 1, described 1, officials 3, said 3, Officials 2, stated 2, Islamic 2, State 2:
    #     Σ = 1+1+1+1 + 4·(4/3) = 28/3, n_1 = 16 -> 1 - 2755·(28/3)/(16·2740) = 0.4135.
    alpha = results.agreement.per_cue
    assert alpha[SQ] == pytest.approx(1 - 2755 * (4 / 3) / (2 * 2754))
    assert alpha[SQ] == pytest.approx(0.3331, abs=1e-4)
    assert alpha[AS] == pytest.approx(expected_alpha([1, 1, 3, 3, 2, 2, 2, 2], 4, WORDS))
    assert alpha[AS] == pytest.approx(0.4135, abs=1e-4)
    assert results.agreement.overall == pytest.approx(expected_alpha([2, 1, 1, 3, 3, 2, 2, 2, 2], 4, WORDS))


def test_class_majority_against_key_and_classifier(results):
    # Majority (more than 2 of 4): AS "officials said" only. Key words: SQ combat; AS observers,
    # described, officials, said, Officials, stated. Both 2, majority only 0, key only 5:
    # P = 1, R = 2/7 -> F1 = 4/9. Classifier words: SQ combat; AS observers, described, officials,
    # said: both 2, classifier only 3 -> R = 2/5 -> F1 = 4/7.
    assert results.agreement.majority_vs_key.f1 == pytest.approx(4 / 9)
    assert results.agreement.majority_vs_model.f1 == pytest.approx(4 / 7)


def test_fewer_than_three_submissions_hide_agreement(db_session, results_class):
    for name in ("Cal", "Dov"):
        results_class.submissions[name].status = "in_progress"
    db_session.commit()
    results = class_results(db_session, results_class.assignment, now=dt.datetime(2026, 2, 1))
    assert results.submitted == 2 and results.agreement is None


# ---- grade override -----------------------------------------------------------------------------

def test_set_grade_and_clear_it(db_session, results_class):
    submission = results_class.submissions["Ada"]
    set_grade(db_session, submission, 92.5)
    assert db_session.get(Submission, submission.id).grade_override == 92.5
    set_grade(db_session, submission, None)
    assert submission.grade_override is None


@pytest.mark.parametrize("grade", [-1, 100.5])
def test_set_grade_refuses_out_of_range(db_session, results_class, grade):
    with pytest.raises(ValueError):
        set_grade(db_session, results_class.submissions["Ada"], grade)


def test_few_queries(db_session, results_class):
    """Loading is a fixed handful of queries however many students there are."""
    from sqlalchemy import event

    statements = []
    engine = db_session.get_bind()
    listener = lambda *args: statements.append(args[2])
    db_session.expire_all()
    event.listen(engine, "before_cursor_execute", listener)
    try:
        class_results(db_session, db_session.get(type(results_class.assignment), results_class.assignment.id))
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) <= 10


# ---- the one-pass scorer equals the reference scorer -------------------------------------------

def test_one_pass_scores_equal_span_scores():
    """Random keys (of non-overlapping spans per cue, and overlapping ones: a teacher's own key)
    and random labels: class_scoring gives span_scores' figures."""
    import random

    from webapp.classifier.scoring import LabelledSpan, span_scores
    from webapp.grading.scoring import KeyCoverage, score_student
    from webapp.services.feedback import Mark

    rng = random.Random(11)
    cues = ["a", "b", "c"]
    for case in range(200):
        key = []
        for cue in cues:
            position = 0
            for _ in range(rng.randrange(4)):
                start = position + rng.randrange(0, 30) - (15 if case % 5 == 0 else 0)  # every 5th: overlaps
                start = max(0, start)
                end = start + rng.randrange(1, 25)
                key.append(Mark(cue, start, end, ""))
                position = end
        labels = [(rng.choice(cues), s, s + rng.randrange(1, 30)) for s in (rng.randrange(150) for _ in range(8))]
        mine = score_student(labels, key, KeyCoverage(key), cues)
        reference = span_scores([LabelledSpan(*label) for label in labels],
                                [LabelledSpan(k.cue, k.start, k.end) for k in key], cues=cues)
        assert mine.overall.f1 == pytest.approx(reference.micro.f1)
        assert mine.overall.precision == pytest.approx(reference.micro.precision)
        for cue in cues:
            assert mine.per_cue[cue].recall == pytest.approx(reference.per_cue[cue].recall)
            assert mine.per_cue[cue].f1 == pytest.approx(reference.per_cue[cue].f1)
