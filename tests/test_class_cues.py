"""Each cue across all the assignments of a class: figures worked out by hand, the summary, the page.

The class is tests/fixtures_results.py's, with two more assignments on the same article (key:
SQ ‘combat’ 56-64; AS 170-189, 387-401, 403-419; no rhetorical question):

    A1  no due date (so ordered by the day assigned, before the others, due in 2099)
        cues SQ and rhetorical-question; Gus submitted SQ on "observers described" (no key overlap)
    A2  the fixture's assignment, due 2099-01-01 (Ada, Bea, Cal, Dov submitted)
    A3  due 2099-02-01, cues SQ and AS:
        Ada  SQ ‘combat’, AS observers described, officials said, Officials stated
        Bea  SQ ‘combat’, AS officials said, Officials stated
        Cal  SQ ‘combat’, AS observers described
        Dov  in progress (not counted)
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fixtures_results import AS, COMBAT, OBSERVERS, OFFICIALS_SAID, OFFICIALS_STATED, SQ, add_submission

from webapp.models import IN_PROGRESS, SUBMITTED, Assignment
from webapp.services import class_cues
from webapp.services.class_cues import NO_KEY, NO_WORK, NOT_IN_PLAY, ClassCues, CueTrend, Point

RQ = "rhetorical-question"
WHEN = dt.datetime(2026, 1, 1, 9, 0)


@pytest.fixture
def cues_class(db_session, results_class, make_exercise):
    s = results_class.students
    first = Assignment(classroom_id=results_class.classroom.id, exercise_id=make_exercise("graded", [SQ, RQ]).id)
    third = Assignment(classroom_id=results_class.classroom.id, exercise_id=make_exercise("graded", [SQ, AS]).id,
                       due_at=dt.datetime(2099, 2, 1))
    db_session.add_all([first, third])
    db_session.commit()
    add_submission(db_session, first, s["Gus"], SUBMITTED, [(SQ, OBSERVERS)], WHEN)
    add_submission(db_session, third, s["Ada"], SUBMITTED,
                   [(SQ, COMBAT), (AS, OBSERVERS), (AS, OFFICIALS_SAID), (AS, OFFICIALS_STATED)], WHEN)
    add_submission(db_session, third, s["Bea"], SUBMITTED, [(SQ, COMBAT), (AS, OFFICIALS_SAID), (AS, OFFICIALS_STATED)], WHEN)
    add_submission(db_session, third, s["Cal"], SUBMITTED, [(SQ, COMBAT), (AS, OBSERVERS)], WHEN)
    add_submission(db_session, third, s["Dov"], IN_PROGRESS, [(AS, OFFICIALS_SAID)], WHEN)
    db_session.commit()
    results_class.order = [first.id, results_class.assignment.id, third.id]
    return results_class


def trend(cues: ClassCues, cue: str) -> CueTrend:
    return next(t for t in cues.trends if t.cue == cue)


def test_assignments_in_due_date_order(db_session, cues_class):
    cues = class_cues.class_cues(db_session, cues_class.classroom)
    assert [c.assignment_id for c in cues.columns] == cues_class.order
    assert [c.submitted for c in cues.columns] == [1, 4, 3]
    assert [c.has_due_date for c in cues.columns] == [False, True, True]
    assert [t.cue for t in cues.trends] == [SQ, RQ, AS]  # the taxonomy's order


def test_scare_quotes_per_assignment(db_session, cues_class):
    sq = trend(class_cues.class_cues(db_session, cues_class.classroom), SQ)
    a1, a2, a3 = sq.cells
    # A1: Gus's one SQ label misses the key: P 0, R 0, F1 0.
    assert a1 == Point(cues_class.order[0], 1, 1, 0.0, 0.0, 0.0)
    # A2: Ada and Bea exact (P R F1 = 1), Cal and Dov no SQ label (R 0, F1 0, no precision):
    # recall (1+1+0+0)/4 = 0.5, F1 0.5, precision over Ada and Bea = 1.
    assert a2 == Point(cues_class.order[1], 4, 1, 1.0, 0.5, 0.5)
    # A3: Ada, Bea, Cal exact.
    assert a3 == Point(cues_class.order[2], 3, 1, 1.0, 1.0, 1.0)
    assert sq.mean_f1 == pytest.approx(0.5)  # (0 + .5 + 1) / 3
    assert sq.mean_recall == pytest.approx(0.5)
    assert sq.mean_precision == pytest.approx(2 / 3)  # (0 + 1 + 1) / 3
    assert sq.verdict == "mixed" and sq.direction == "improving"  # F1 0 -> 1


def test_anonymous_sourcing_per_assignment(db_session, cues_class):
    anonymous = trend(class_cues.class_cues(db_session, cues_class.classroom), AS)
    a1, a2, a3 = anonymous.cells
    assert a1 == NOT_IN_PLAY
    # A2: Ada P 2/2 R 2/3 F1 .8; Bea the same; Cal and Dov P 1/2 R 1/3 F1 .4.
    assert (a2.students, a2.key_passages) == (4, 3)
    assert (a2.precision, a2.recall, a2.f1) == pytest.approx((0.75, 0.5, 0.6))
    # A3: Ada P 1 R 1 F1 1; Bea P 1 R 2/3 F1 .8; Cal P 1 R 1/3 F1 .5.
    assert (a3.precision, a3.recall, a3.f1) == pytest.approx((1.0, 2 / 3, 2.3 / 3))
    assert anonymous.mean_f1 == pytest.approx((0.6 + 2.3 / 3) / 2)
    assert anonymous.verdict == "mixed" and anonymous.direction == "improving"  # +0.17


def test_a_cue_the_key_lacks_has_no_point(db_session, cues_class):
    rq = trend(class_cues.class_cues(db_session, cues_class.classroom), RQ)
    assert rq.cells == [NO_KEY, NOT_IN_PLAY, NOT_IN_PLAY]
    assert rq.verdict is None and rq.mean_f1 is None and rq.direction is None


def test_an_assignment_without_submitted_work_has_no_point(db_session, results_class, make_exercise):
    extra = Assignment(classroom_id=results_class.classroom.id, exercise_id=make_exercise("graded", [SQ]).id,
                       due_at=dt.datetime(2099, 3, 1))
    db_session.add(extra)
    db_session.commit()
    sq = trend(class_cues.class_cues(db_session, results_class.classroom), SQ)
    assert sq.cells[-1] == NO_WORK and len(sq.points) == 1 and sq.direction is None


def test_summary_of_the_built_class(db_session, cues_class):
    lines = class_cues.summary(class_cues.class_cues(db_session, cues_class.classroom))
    assert lines == [("In between: Scare quotes and Anonymous sourcing (Scare quotes 50% mean F1, from 5 of 7 "
                      "students; Anonymous sourcing 68% mean F1, from 4 of 7 students)."),
                     ("Improving: Scare quotes (F1 from 0% to 100%, graded work, from 4 of 7 students); "
                      "Anonymous sourcing (F1 from 60% to 77%, graded work, from 4 of 7 students).")]


def _trend(name: str, points: list[tuple[float | None, float, float]]) -> CueTrend:
    cells = [Point(n, 5, 2, p, r, f, student_ids=frozenset(range(5))) for n, (p, r, f) in enumerate(points)]
    made = CueTrend(name.lower(), name, cells, None)
    return CueTrend(made.cue, name, cells, class_cues.verdict(made.mean_f1, made.mean_recall, made.mean_precision))


@pytest.mark.parametrize(("points", "expected"), [
    ([(0.9, 0.7, 0.7)], "well"),  # F1 at the threshold
    ([(0.9, 0.39, 0.5)], "misses"),
    ([(0.39, 0.8, 0.5)], "over"),
    ([(None, 0.0, 0.0)], "misses"),  # nobody labelled it
    ([(0.5, 0.5, 0.5), (0.6, 0.6, 0.69)], "mixed"),
])
def test_verdict_thresholds(points, expected):
    assert _trend("Cue", points).verdict == expected


@pytest.mark.parametrize(("first", "last", "expected"), [(0.5, 0.6, "improving"), (0.6, 0.5, "slipping"),
                                                         (0.5, 0.59, "steady"), (0.59, 0.5, "steady")])
def test_direction_thresholds(first, last, expected):
    assert _trend("Cue", [(1.0, 1.0, first), (1.0, 1.0, 0.0), (1.0, 1.0, last)]).direction == expected


def test_summary_sentences_for_each_group():
    cues = ClassCues([], [_trend("Loaded language", [(0.9, 0.8, 0.85)]), _trend("Speculation", [(0.9, 0.2, 0.3)]),
                          _trend("Labeling", [(0.2, 0.9, 0.35), (0.3, 0.9, 0.45)])], 6)
    assert class_cues.summary(cues) == [
        "The class handles Loaded language well: Loaded language 85% mean F1 (from 5 of 6 students).",
        ("The class misses most Speculation passages: students find 20% of the key’s Speculation passages "
         "(from 5 of 6 students) on average."),
        ("The class labels Labeling where the key has none: only 25% of Labeling labels (from 5 of 6 students) "
         "match a key passage."),
        "Improving: Labeling (F1 from 35% to 45%, graded work, from 5 of 6 students).",
    ]


def test_summary_of_a_class_without_work(db_session, make_teacher, make_classroom):
    classroom = make_classroom(make_teacher())
    assert class_cues.summary(class_cues.class_cues(db_session, classroom)) == [
        "No assignment of this class has submitted work on a cue with a key passage yet."]


# ---- the page -----------------------------------------------------------------------------------

def cues_url(results_class) -> str:
    return f"/results/classes/{results_class.classroom.id}/cues"


def test_the_page_shows_the_tables_chart_and_summary(client, login, cues_class):
    login(client, cues_class.teacher)
    html = client.get(cues_url(cues_class)).get_data(as_text=True)
    sq = html.split('id="cue-scare-quotes"')[1].split("</section>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(A\d)</th>\s*(.*?)</tr>", sq, re.DOTALL)
    assert [(a, re.findall(r">([^<>]+)</td>", cells)) for a, cells in rows] == [
        ("A1", ["1 of 7", "1", "0%", "0%", "0%"]), ("A2", ["4 of 7", "1", "50%", "100%", "50%"]),
        ("A3", ["3 of 7", "1", "100%", "100%", "100%"])]
    assert 'role="img"' in sq and "A1: F1 0%, recall 0%; A2: F1 50%, recall 50%; A3: F1 100%, recall 100%" in sq
    rq = html.split('id="cue-rhetorical-question"')[1].split("</section>")[0]
    assert "No key passage" in rq and "Not in play" in rq
    assert "Improving: Scare quotes (F1 from 0% to 100%, graded work, from 4 of 7 students)" in html


def test_the_page_is_linked_from_the_class_page_and_the_dashboard(client, login, cues_class):
    login(client, cues_class.teacher)
    for address in (f"/classes/{cues_class.classroom.id}", f"/results/{cues_class.assignment.id}"):
        assert f'href="{cues_url(cues_class)}"' in client.get(address).get_data(as_text=True)


def test_a_student_is_refused_the_page(client, login, cues_class):
    login(client, cues_class.students["Ada"])
    assert client.get(cues_url(cues_class)).status_code == 403


def test_another_teacher_gets_404_for_the_page(client, login, cues_class, make_teacher):
    login(client, make_teacher("other@example.org", "Mr Okafor"))
    assert client.get(cues_url(cues_class)).status_code == 404


def test_a_class_without_assignments(client, login, make_teacher, make_classroom):
    teacher = make_teacher()
    classroom = make_classroom(teacher)
    login(client, teacher)
    html = client.get(f"/results/classes/{classroom.id}/cues").get_data(as_text=True)
    assert "Nothing assigned yet." in html


def test_practice_and_graded_work_are_apart_on_the_chart_and_in_the_trend():
    """13.5: a practice score between two graded ones is its own series, and "improving" compares
    graded with graded (the practice 90% does not make 20% -> 30% look like a fall)."""
    from webapp.grading.states import ExerciseMode
    from webapp.presenters.charts import TREND_LEGEND as LEGEND
    from webapp.presenters.charts import trend_chart

    cells = [Point(1, 3, 2, 0.5, 0.2, 0.2, ExerciseMode.GRADED, frozenset({1, 2, 3})),
             Point(2, 2, 2, 0.9, 0.9, 0.9, ExerciseMode.PRACTICE, frozenset({1, 4})),
             Point(3, 3, 2, 0.5, 0.3, 0.3, ExerciseMode.GRADED, frozenset({1, 2, 5}))]
    trend = CueTrend("sq", "Scare quotes", cells, "mixed")
    assert trend.compared[0] == ExerciseMode.GRADED and trend.direction == "improving"
    assert trend.students == 5
    svg = str(trend_chart(trend, 3, "t"))
    assert svg.count('class="line-f1"') == 1 and svg.count('class="line-f1 practice"') == 0  # one practice point
    assert svg.count('class="mark-f1 practice"') == 1 and svg.count('class="mark-f1"') == 2
    assert "A2 (practice): F1 90%, recall 90%" in svg and "A1: F1 20%" in svg and LEGEND in svg
    assert "90% P" in svg
    lines = class_cues.summary(ClassCues([], [trend], 6))
    assert lines[-1] == "Improving: Scare quotes (F1 from 20% to 30%, graded work, from 4 of 6 students)."
    assert "(from 5 of 6 students)" not in lines[0] and "from 5 of 6 students" in lines[0]


def test_with_one_graded_assignment_the_trend_compares_practice_with_practice():
    from webapp.grading.states import ExerciseMode

    cells = [Point(1, 3, 2, 0.5, 0.8, 0.8, ExerciseMode.PRACTICE), Point(2, 3, 2, 0.5, 0.1, 0.1),
             Point(3, 3, 2, 0.5, 0.5, 0.5, ExerciseMode.PRACTICE)]
    trend = CueTrend("sq", "Scare quotes", cells, "mixed")
    assert trend.compared[0] == ExerciseMode.PRACTICE and trend.direction == "slipping"
    only_graded = CueTrend("sq", "Scare quotes", cells[1:2], "mixed")
    assert only_graded.direction is None


def test_the_page_says_which_work_was_practice_and_on_how_many_students_each_figure_rests(
        client, login, cues_class, db_session, make_exercise):
    practice = Assignment(classroom_id=cues_class.classroom.id, exercise_id=make_exercise("practice", [SQ]).id,
                          due_at=dt.datetime(2099, 3, 1))
    db_session.add(practice)
    db_session.commit()
    add_submission(db_session, practice, cues_class.students["Ada"], SUBMITTED, [(SQ, COMBAT)], WHEN)
    db_session.commit()
    login(client, cues_class.teacher)
    html = client.get(cues_url(cues_class)).get_data(as_text=True)
    assert "<td>Practice</td>" in html and "<td>Graded</td>" in html
    sq = html.split('id="cue-scare-quotes"')[1].split("</section>")[0]
    assert "A4 (practice): F1 100%, recall 100%" in sq and 'class="mark-f1 practice"' in sq
    assert "Practice: hollow round marks" in sq
    overview = html.split('id="overview-scare-quotes"')[1].split("</tr>")[0]
    assert "(from 5 of 7 students)" in overview
    # the graded trend is unchanged by the practice assignment after it
    assert "Scare quotes (F1 from 0% to 100%, graded work, from 4 of 7 students)" in html
