"""The results dashboard over HTTP: who may see it, what it shows, sorting, filtering, the cue
selector and the grade override (figures worked out in tests/test_class_results.py)."""

from __future__ import annotations

import re

import pytest
from fixtures_results import ResultsClass

from webapp.models import Submission


def url(results_class: ResultsClass, **query) -> str:
    tail = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/results/{results_class.assignment.id}" + (f"?{tail}" if tail else "")


@pytest.fixture
def teacher_client(client, login, results_class):
    login(client, results_class.teacher)
    return client


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def student_order(html: str) -> list[str]:
    return re.findall(r'<tr id="student-\d+">\s*<th scope="row">(?:<a [^>]*>)?(\w+)', html)


# ---- access -------------------------------------------------------------------------------------

def test_anonymous_is_sent_to_sign_in(client, results_class):
    response = client.get(url(results_class))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_student_is_forbidden(client, login, results_class):
    login(client, results_class.students["Ada"])
    assert client.get(url(results_class)).status_code == 403


def test_another_teacher_gets_404(client, login, results_class, make_teacher):
    login(client, make_teacher("other@example.org", "Mr Okafor"))
    assert client.get(url(results_class)).status_code == 404


def test_an_unknown_assignment_is_404(teacher_client):
    assert teacher_client.get("/results/999999").status_code == 404


def test_the_status_page_links_to_the_dashboard(teacher_client, results_class):
    a = results_class.assignment
    html = page(teacher_client, f"/classes/{a.classroom_id}/assignments/{a.id}")
    assert f'href="/results/{a.id}"' in html


# ---- completion and scores --------------------------------------------------------------------

def test_counts_and_nudge_list(teacher_client, results_class):
    html = page(teacher_client, url(results_class))
    missing = html.split('id="missing-heading"')[1]
    assert "3 students have not handed in yet" in missing
    assert re.findall(r"<li>(\w+)\s*<span class=\"badge", missing) == ["Fay", "Gus", "Eve"]
    counts = {s: int(n) for n, s in re.findall(r'>(\d+)\s*<span class="badge badge-([a-z-]+)"', html)}
    assert counts == {"late": 0, "not-started": 2, "in-progress": 1, "submitted-late": 0, "submitted": 4}


def test_scores_per_student_and_cue(teacher_client, results_class):
    html = page(teacher_client, url(results_class))
    ada = html.split(f'id="student-{results_class.students["Ada"].id}"')[1].split("</tr>")[0]
    # overall 6/7 = 86%, scare quotes 100%, anonymous sourcing 80%
    assert re.findall(r'<td class="num">([^<]+)</td>', ada) == ["86%", "100%", "80%"]
    cal = html.split(f'id="student-{results_class.students["Cal"].id}"')[1].split("</tr>")[0]
    assert re.findall(r'<td class="num">([^<]+)</td>', cal) == ["33%", "0%", "40%"]


def test_a_name_opens_the_students_labelled_article(teacher_client, results_class):
    html = page(teacher_client, url(results_class))
    assert f'href="/work/review/{results_class.submissions["Ada"].id}"' in html
    assert f'href="/work/review/{results_class.submissions["Eve"].id}"' not in html  # not submitted


def test_sort_by_score(teacher_client, results_class):
    assert student_order(page(teacher_client, url(results_class, sort="score"))) == [
        "Cal", "Dov", "Ada", "Bea", "Eve", "Fay", "Gus"]


def test_sort_by_status(teacher_client, results_class):
    assert student_order(page(teacher_client, url(results_class, sort="status")))[:3] == ["Fay", "Gus", "Eve"]


def test_filter_missing(teacher_client, results_class):
    assert student_order(page(teacher_client, url(results_class, status="missing"))) == ["Eve", "Fay", "Gus"]


def test_bad_query_values_fall_back_to_defaults(teacher_client, results_class):
    html = page(teacher_client, url(results_class, sort="<script>", status="nope", cue="zzz"))
    assert student_order(html)[0] == "Ada" and "<script>" not in html


# ---- the class on the article ----------------------------------------------------------------

def test_heat_map_shows_counts_and_bands(teacher_client, results_class):
    html = page(teacher_client, url(results_class))
    # "officials said": 3 of 4 students -> band 3 (third quarter), count written after "said"
    assert re.search(r'class="w heat-3" id="w\d+" title="3 of 4">officials</span> ?'
                     r'<span class="w heat-3" id="w\d+" title="3 of 4">said</span><sup class="heat-count">3</sup>',
                     html)
    assert re.search(r'class="w heat-2" id="w\d+" title="2 of 4">combat</span><sup class="heat-count">2</sup>', html)
    assert "1 student (dotted underline)" in html and "4 students (double underline)" in html


def test_cue_selector_shows_one_cue(teacher_client, results_class):
    html = page(teacher_client, url(results_class, cue="scare-quotes"))
    assert re.search(r'title="2 of 4">combat</span>', html)
    assert not re.search(r'title="3 of 4">officials</span>', html)  # anonymous sourcing is hidden
    assert '<option value="scare-quotes" selected>' in html


def test_key_and_classifier_columns(teacher_client, results_class):
    html = page(teacher_client, url(results_class))
    assert 'id="column-key"' in html and 'id="column-model"' in html
    assert '<sup class="ref">K4</sup>' in html and '<sup class="ref">M3</sup>' in html


def test_discussion_starters_link_to_the_passage(teacher_client, results_class):
    html = page(teacher_client, url(results_class))
    missed = html.split('id="missed-heading"')[1].split("</section>")[0]
    assert "<q>observers described</q>,\n    missed by 3 of 4 students." in missed
    anchor = re.search(r'href="#(w\d+)"', missed).group(1)
    assert re.search(rf'id="{anchor}"[^>]*>observers<', html)
    extra = html.split('id="extra-heading"')[1].split("</section>")[0]
    assert "<q>Islamic State</q>,\n    labelled by 2 of 4 students." in extra


# ---- agreement ---------------------------------------------------------------------------------

def test_agreement_figures(teacher_client, results_class):
    html = page(teacher_client, url(results_class))
    section = html.split('id="agreement-heading"')[1]
    assert re.search(r"Scare quotes</th><td class=\"num\">0.33</td>", section)
    assert re.search(r"Anonymous sourcing</th><td class=\"num\">0.41</td>", section)
    assert "44%</span> word-level F1" in section and "57%</span> word-level F1" in section
    assert "Krippendorff’s alpha measures" in section


def test_agreement_hidden_below_three_submissions(teacher_client, results_class, db_session):
    for name in ("Cal", "Dov"):
        results_class.submissions[name].status = "in_progress"
    db_session.commit()
    section = page(teacher_client, url(results_class)).split('id="agreement-heading"')[1]
    assert "once at least three students have submitted (2 so far)" in section
    assert "0.33" not in section


# ---- grade override ---------------------------------------------------------------------------

def grade_url(results_class, name: str, **query) -> str:
    submission = results_class.submissions[name]
    tail = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/results/{results_class.assignment.id}/submissions/{submission.id}/grade" + (f"?{tail}" if tail else "")


def test_grade_is_saved_and_shown(teacher_client, results_class, db_session):
    response = teacher_client.post(grade_url(results_class, "Ada", sort="score"), data={"grade": "92.5"})
    assert response.status_code == 302 and "sort=score" in response.headers["Location"]
    assert db_session.get(Submission, results_class.submissions["Ada"].id).grade_override == 92.5
    assert 'value="92.5"' in page(teacher_client, url(results_class))


def test_empty_grade_clears_it(teacher_client, results_class, db_session):
    results_class.submissions["Ada"].grade_override = 70
    db_session.commit()
    teacher_client.post(grade_url(results_class, "Ada"), data={"grade": ""})
    db_session.expire_all()
    assert db_session.get(Submission, results_class.submissions["Ada"].id).grade_override is None


@pytest.mark.parametrize("bad", ["101", "-5", "ninety", "1e400", "nan", "inf"])
def test_bad_grade_is_refused_with_a_message(teacher_client, results_class, db_session, bad):
    response = teacher_client.post(grade_url(results_class, "Ada"), data={"grade": bad}, follow_redirects=True)
    assert "grade was not saved" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Submission, results_class.submissions["Ada"].id).grade_override is None


def test_grade_needs_the_csrf_token(app, teacher_client, results_class):
    app.config["WTF_CSRF_ENABLED"] = True
    response = teacher_client.post(grade_url(results_class, "Ada"), data={"grade": "90"})
    assert response.status_code in (302, 400)
    assert results_class.submissions["Ada"].grade_override is None


def test_grade_form_carries_a_csrf_token(app, teacher_client, results_class):
    app.config["WTF_CSRF_ENABLED"] = True
    html = page(teacher_client, url(results_class))
    table = html.split('class="sortable results-table"')[1].split("</table>")[0]
    assert table.count('name="csrf_token"') == 5  # one per submission (Ada, Bea, Cal, Dov, Eve)
    token = re.search(r'name="csrf_token" value="([^"]+)"', table).group(1)
    response = teacher_client.post(grade_url(results_class, "Ada"), data={"grade": "88", "csrf_token": token})
    assert response.status_code == 302 and results_class.submissions["Ada"].grade_override == 88


def test_a_student_cannot_grade(client, login, results_class):
    login(client, results_class.students["Ada"])
    assert client.post(grade_url(results_class, "Ada"), data={"grade": "100"}).status_code == 403


def test_another_teacher_cannot_grade(client, login, results_class, make_teacher):
    login(client, make_teacher("other@example.org", "Mr Okafor"))
    assert client.post(grade_url(results_class, "Ada"), data={"grade": "100"}).status_code == 404


def test_a_submission_of_another_assignment_is_404(teacher_client, results_class, make_exercise, add_assignment,
                                                   make_submission):
    other = add_assignment(results_class.classroom, make_exercise())
    submission = make_submission(other, results_class.students["Ada"])
    response = teacher_client.post(f"/results/{results_class.assignment.id}/submissions/{submission.id}/grade",
                                   data={"grade": "50"})
    assert response.status_code == 404


def test_every_class_level_conclusion_says_how_many_students_it_rests_on(teacher_client, results_class):
    """13.5: the heat map, both discussion lists, the agreement table and the class majority each
    carry "from n of N students" (submitted of the class)."""
    html = teacher_client.get(url(results_class)).get_data(as_text=True)
    match = re.search(r"(\d+) of (\d+) students have submitted", html)
    submitted, size = match.groups()
    basis = f'<span class="basis">(from {submitted} of {size} students)</span>'
    for section in ("article", "discussion", "agreement"):
        part = html.split(f'<section id="{section}"')[1].split('<section id="')[0]
        assert basis in part, section
    assert html.count(basis) == 5  # heat map, most missed, extras, alpha table, majority
