"""Retraining from the browser: teachers start runs and see their result, only an administrator
accepts or declines; one run trains at a time but an undecided one blocks nobody; a dead run is
noticed; the model in use (the registry's accepted row, else the packaged one) is untouched until
an administrator accepts. The web-flow tests replace the classifier's retrain() with a quick
stand-in; one test runs a real (small) retraining in the background process the app starts."""

from __future__ import annotations

import json
import shutil
import socket
import time
import uuid
from pathlib import Path

import pytest
from fixtures_web import REDIS_URL, needs_redis
from sqlalchemy import select

from webapp.classifier import retrain as classifier_retrain
from webapp.classifier.retrain import RetrainResult
from webapp.models import KeyLabel, ModelVersion, RetrainRun
from webapp.models.base import utcnow
from webapp.services import model_registry, retrain_job, retraining

ROOT = Path(__file__).resolve().parent.parent
ARTIFACT, EVALUATION = "framelab-cues.json", "framelab-cues.evaluation.json"
TINY = {"c_grid": [1.0], "thresholds": [0.3, 0.5], "blocks": [[0.0, 0.0, 2.0]]}


def run_now(run_id: int) -> str:
    """A launcher that runs the job in the test's own process, to the end."""
    from webapp.extensions import db

    retrain_job.run(db.session, run_id)
    return "test:inline"


@pytest.fixture
def models(tmp_path) -> Path:
    root = tmp_path / "models"
    root.mkdir()
    for name in (ARTIFACT, EVALUATION):
        shutil.copy(ROOT / "models" / name, root / name)
    return root


@pytest.fixture
def retrain_app(app, models):
    app.config.update(FRAMELAB_MODELS_DIR=str(models), FRAMELAB_RETRAIN_PARAMS=TINY, FRAMELAB_RETRAIN_LAUNCH=run_now)
    return app


@pytest.fixture
def admin(make_teacher):
    return make_teacher("it@example.org", "Ms Admin", admin=True)


@pytest.fixture
def fake_retrain(monkeypatch):
    """retrain() that writes a candidate at once: the model in use, marked so its text differs,
    with figures a little worse than the model in use (macro-F1 0.52 against 0.57)."""
    def fake(corpus, extra_keys, models_root, params):
        from webapp.classifier.artifact import load_model, save_model

        folder = Path(models_root) / "versions" / "fake"
        folder.mkdir(parents=True)
        model = load_model(Path(models_root) / ARTIFACT)
        model.metadata["fake_for"] = [a.id for a, _ in extra_keys]
        save_model(model, folder / ARTIFACT)
        (folder / EVALUATION).write_text(json.dumps({"candidate": [a.id for a, _ in extra_keys]}))
        figures = {"sentence_level": {"model": {"per_cue": {"scare-quotes": {"f1": 0.61}}, "macro_f1": 0.52}}}
        old = {"sentence_level": {"model": {"per_cue": {"scare-quotes": {"f1": 0.5}}, "macro_f1": 0.57}}}
        return RetrainResult(folder, old, figures)

    monkeypatch.setattr(classifier_retrain, "retrain", fake)
    return fake


def _key(db_session, teacher, article_id: str = "iraq-2021-001") -> None:
    db_session.add(KeyLabel(article_id=article_id, cue_id="scare-quotes", start=56, end=64, text="‘combat’",
                            rationale="Quotation marks cast doubt on the word.", author_id=teacher.id))
    db_session.commit()


@pytest.fixture
def own_key(db_session, teacher):
    _key(db_session, teacher)


def _waiting(db_session) -> list[RetrainRun]:
    db_session.expire_all()
    return retraining.waiting_runs(db_session)


def test_anonymous_and_students_are_kept_out(client, switch_to, student):
    for url in ["/builder/retrain/", "/builder/retrain/status.json"]:
        assert "/login" in client.get(url).headers["Location"]
    switch_to(client, student)
    for url in ["/builder/retrain/", "/builder/retrain/status.json"]:
        assert client.get(url).status_code == 403
    for url in ["/builder/retrain/start", "/builder/retrain/accept", "/builder/retrain/decline"]:
        assert client.post(url).status_code == 403


def test_a_teacher_without_keys_cannot_start(retrain_app, client, login, teacher, fake_retrain):
    login(client, teacher)
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert "You have not written any answer keys yet" in page and 'id="start-retrain"' in page


def test_a_teacher_sees_the_result_in_words_first_but_no_decision(retrain_app, client, login, teacher, own_key,
                                                                 fake_retrain):
    login(client, teacher)
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert "The new model is worse than the current one: keep the current one." in page
    assert page.index("keep the current one") < page.index('id="retrain-figures"')
    assert "0.61" in page and "0.50" in page and "+0.11" in page and "Macro-F1" in page
    assert 'data-action="accept"' not in page and 'data-action="decline"' not in page
    assert "An administrator decides whether to use it" in page
    assert client.get("/builder/retrain/status.json").get_json() == {"state": "done"}


def test_a_teachers_post_to_accept_or_decline_is_403(retrain_app, client, login, teacher, own_key, fake_retrain,
                                                     db_session):
    login(client, teacher)
    client.post("/builder/retrain/start")
    run = _waiting(db_session)[0]
    for action in ("accept", "decline"):
        assert client.post(f"/builder/retrain/{action}", data={"run": run.id}).status_code == 403
    db_session.expire_all()
    assert db_session.get(RetrainRun, run.id).state == "done" and model_registry.accepted_id(db_session) is None


def test_an_admin_sees_every_waiting_run_with_accept_and_decline(retrain_app, client, login, switch_to, teacher,
                                                                 admin, own_key, fake_retrain):
    login(client, teacher)
    client.post("/builder/retrain/start")
    switch_to(client, admin)
    page = client.get("/builder/retrain/").get_data(as_text=True)
    assert "from Ms Rivera’s keys" in page and 'data-action="accept"' in page and 'data-action="decline"' in page
    assert "keep the current one" in page


def test_an_admins_acceptance_is_the_model_every_worker_uses(retrain_app, client, login, switch_to, teacher, admin,
                                                             own_key, fake_retrain, db_session, models):
    from webapp.services.model import current_detector

    before_file = (models / ARTIFACT).read_bytes()
    _, packaged_version = current_detector()
    login(client, teacher)
    client.post("/builder/retrain/start")
    run = _waiting(db_session)[0]
    switch_to(client, admin)
    page = client.post("/builder/retrain/accept", data={"run": run.id}, follow_redirects=True).get_data(as_text=True)
    assert "The new model is in use on every machine" in page
    db_session.expire_all()
    candidate = db_session.get(ModelVersion, db_session.get(RetrainRun, run.id).candidate_id)
    assert model_registry.accepted_id(db_session) == candidate.id and candidate.accepted_by_id == admin.id
    detector, version = current_detector()
    assert version == candidate.version != packaged_version
    assert detector.metadata["fake_for"] == ["iraq-2021-001"]
    another_process = model_registry._Loaded()  # a worker on another machine, with nothing loaded yet
    assert another_process.get(db_session).registry_id == candidate.id
    assert (models / ARTIFACT).read_bytes() == before_file  # the packaged default stays as shipped
    assert f"version <code>{candidate.version}</code>" in page and "by Ms Admin" in page


def test_declining_leaves_the_model_alone(retrain_app, client, login, switch_to, teacher, admin, own_key,
                                          fake_retrain, db_session):
    login(client, teacher)
    client.post("/builder/retrain/start")
    run = _waiting(db_session)[0]
    candidate_id = run.candidate_id
    switch_to(client, admin)
    page = client.post("/builder/retrain/decline", data={"run": run.id}, follow_redirects=True).get_data(as_text=True)
    assert "The model in use is unchanged" in page
    db_session.expire_all()
    assert db_session.get(ModelVersion, candidate_id) is None and model_registry.accepted_id(db_session) is None
    assert db_session.get(RetrainRun, run.id).state == "declined"


def test_an_undecided_run_does_not_block_other_teachers(retrain_app, client, login, switch_to, teacher,
                                                        other_teacher, own_key, fake_retrain, db_session):
    """12.7: Ms Rivera's run waits for a decision; Mr Okafor can still start his own at once."""
    login(client, teacher)
    client.post("/builder/retrain/start")
    _key(db_session, other_teacher, "iraq-2021-002")
    switch_to(client, other_teacher)
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert "Retraining started" in page and "training right now" not in page
    assert sorted(run.teacher_name for run in _waiting(db_session)) == ["Mr Okafor", "Ms Rivera"]
    assert "from Ms Rivera’s keys" not in page  # a teacher sees only their own result


def test_accepting_one_run_declines_the_others_waiting(retrain_app, client, login, switch_to, teacher,
                                                       other_teacher, admin, own_key, fake_retrain, db_session):
    login(client, teacher)
    client.post("/builder/retrain/start")
    _key(db_session, other_teacher, "iraq-2021-002")
    switch_to(client, other_teacher)
    client.post("/builder/retrain/start")
    first, second = _waiting(db_session)
    switch_to(client, admin)
    client.post("/builder/retrain/accept", data={"run": second.id})
    db_session.expire_all()
    assert db_session.get(RetrainRun, first.id).state == "declined"
    assert "Another new model was accepted first" in db_session.get(RetrainRun, first.id).message


def test_a_teachers_new_run_replaces_their_own_waiting_one(retrain_app, client, login, teacher, own_key,
                                                           fake_retrain, db_session, monkeypatch):
    login(client, teacher)
    client.post("/builder/retrain/start")
    first = _waiting(db_session)[0]
    monkeypatch.setattr(retraining, "_serialise", lambda keys: [])  # same keys, other job: a second candidate
    client.post("/builder/retrain/start")
    waiting = _waiting(db_session)
    assert len(waiting) == 1 and waiting[0].id != first.id
    assert db_session.get(RetrainRun, first.id).state == "declined"


def _running(db_session, teacher, runner: str | None, started=None) -> RetrainRun:
    run = RetrainRun(state="running", running_slot=1, teacher_id=teacher.id, teacher_name=teacher.name, job={},
                     runner=runner, started_at=started or utcnow())
    db_session.add(run)
    db_session.commit()
    return run


def test_one_run_trains_at_a_time(retrain_app, client, login, teacher, other_teacher, own_key, fake_retrain,
                                  db_session):
    _running(db_session, other_teacher, "process:another-machine:12")  # its machine alone can check the pid
    login(client, teacher)
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert "Another retraining run is training right now" in page and 'id="start-retrain"' not in page
    assert client.get("/builder/retrain/status.json").get_json() == {"state": "running"}


def test_a_run_whose_process_died_is_marked_failed_and_frees_the_slot(app, db_session, teacher):
    run = _running(db_session, teacher, f"process:{socket.gethostname()}:999999999")
    assert retraining.check_running(db_session) is None
    db_session.refresh(run)
    assert run.state == "failed" and run.running_slot is None and "stopped before it finished" in run.message


def test_a_run_on_another_machine_is_trusted_until_it_is_stale(app, db_session, teacher):
    import datetime as dt

    run = _running(db_session, teacher, "process:another-machine:12")
    assert retraining.check_running(db_session).id == run.id
    run.started_at = utcnow() - retraining.STALE_AFTER - dt.timedelta(minutes=1)
    db_session.commit()
    assert retraining.check_running(db_session) is None


def test_a_failing_run_says_why_and_frees_the_server(retrain_app, client, login, teacher, own_key, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(classifier_retrain, "retrain", broken)
    login(client, teacher)
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert "Retraining failed: out of memory" in page and 'id="start-retrain"' in page


def test_the_packaged_model_is_the_default_and_a_broken_candidate_is_refused(app, db_session, admin):
    from webapp.classifier.artifact import ModelError

    assert model_registry.in_use(db_session).registry_id is None
    row = model_registry.register(db_session, '{"format": "not a model"}', None)
    with pytest.raises(ModelError):
        model_registry.accept(db_session, row, admin.id)
    assert model_registry.accepted_id(db_session) is None


def test_a_real_small_retraining_runs_in_a_child_process_and_waits_for_acceptance(
        retrain_app, client, login, switch_to, teacher, admin, own_key, models, db_session):
    """The real retrain() in the real background process, with tiny training parameters."""
    retrain_app.config["FRAMELAB_RETRAIN_LAUNCH"] = None
    before = (models / ARTIFACT).read_bytes()
    login(client, teacher)
    client.post("/builder/retrain/start")
    deadline = time.monotonic() + 600
    while (run := db_session.scalar(select(RetrainRun))).state == "running" and time.monotonic() < deadline:
        assert run.runner is None or run.runner.startswith("process:")
        time.sleep(1)
        db_session.expire_all()
        retraining.check_running(db_session)
    log = Path(retrain_app.instance_path) / "retraining.log"
    assert run.state == "done", (run.message, log.read_text() if log.exists() else "")
    assert run.outcome["rows"][-1]["cue"] == "macro-F1" and run.outcome["rows"][-1]["old"] is not None
    assert model_registry.accepted_id(db_session) is None and (models / ARTIFACT).read_bytes() == before
    switch_to(client, admin)
    client.post("/builder/retrain/accept", data={"run": run.id})
    db_session.expire_all()
    assert model_registry.accepted_id(db_session) == run.candidate_id


# ---- the job queue: with Redis configured, a run is an RQ job that `framelab worker` runs -------

@pytest.fixture
def queued_app(retrain_app):
    """The retraining app with Redis configured and a queue of this test's own (deleted after)."""
    from webapp.services.retrain_queue import queue

    name = f"framelab-test-{uuid.uuid4().hex[:12]}"
    retrain_app.config.update(FRAMELAB_REDIS_URL=REDIS_URL, FRAMELAB_RETRAIN_QUEUE=name, FRAMELAB_RETRAIN_LAUNCH=None)
    jobs = queue(REDIS_URL, name)
    yield retrain_app
    jobs.empty()
    jobs.delete(delete_jobs=True)
    jobs.connection.close()


@needs_redis
def test_with_redis_a_run_waits_on_the_queue_until_a_worker_runs_it(queued_app, client, login, teacher, own_key,
                                                                    fake_retrain, db_session):
    from click.testing import CliRunner

    from webapp.services.retrain_queue import job_alive, queue
    from webapp.web.worker import worker_command

    login(client, teacher)
    client.post("/builder/retrain/start")
    run = db_session.scalar(select(RetrainRun))
    assert run.state == "running" and run.runner.startswith("rq:")
    job_id = run.runner.removeprefix("rq:")
    jobs = queue(REDIS_URL, queued_app.config["FRAMELAB_RETRAIN_QUEUE"])
    assert jobs.job_ids == [job_id] and job_alive(job_id) is True
    retraining.check_running(db_session)  # a queued job is alive: the run is not given up
    db_session.expire_all()
    assert db_session.get(RetrainRun, run.id).state == "running"
    result = CliRunner().invoke(worker_command, ["--burst"])
    assert result.exit_code == 0, result.output
    assert jobs.count == 0 and job_alive(job_id) is False
    db_session.expire_all()
    run = db_session.get(RetrainRun, run.id)
    assert run.state == "done" and run.candidate_id is not None
    assert model_registry.accepted_id(db_session) is None  # an administrator still decides
    page = client.get("/builder/retrain/").get_data(as_text=True)
    assert "The new model is worse than the current one: keep the current one." in page


def test_the_worker_without_redis_says_it_is_not_needed(retrain_app):
    from click.testing import CliRunner

    from webapp.web.worker import worker_command

    retrain_app.config.pop("FRAMELAB_REDIS_URL", None)
    retrain_app.config["RATELIMIT_STORAGE_URI"] = "memory://"
    result = CliRunner().invoke(worker_command, ["--burst"])
    assert result.exit_code == 1 and "No Redis configured" in result.output
