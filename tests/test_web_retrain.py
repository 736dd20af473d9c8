"""Retraining from the browser: who may start, accept and decline; one run per server; a dead run
noticed; the model in use untouched until the teacher accepts. The web-flow tests replace the
classifier's retrain() with a quick stand-in; one test runs a real (small) retraining in the
background process the app starts."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from webapp.classifier import retrain as classifier_retrain
from webapp.classifier.retrain import RetrainResult
from webapp.models import KeyLabel
from webapp.services import retrain_job, retraining

ROOT = Path(__file__).resolve().parent.parent
ARTIFACT, EVALUATION = "framelab-cues.json", "framelab-cues.evaluation.json"
TINY = {"c_grid": [1.0], "thresholds": [0.3, 0.5], "blocks": [[0.0, 0.0, 2.0]]}


def run_now(folder: Path) -> int:
    """A launcher that runs the job in the test's own process, to the end."""
    retrain_job.run(folder)
    return os.getpid()


@pytest.fixture
def models(tmp_path) -> Path:
    root = tmp_path / "models"
    root.mkdir()
    for name in (ARTIFACT, EVALUATION):
        shutil.copy(ROOT / "models" / name, root / name)
    return root


@pytest.fixture
def retrain_app(app, models, tmp_path):
    app.config.update(FRAMELAB_RETRAIN_DIR=str(tmp_path / "runs"), FRAMELAB_MODELS_DIR=str(models),
                      FRAMELAB_RETRAIN_PARAMS=TINY, FRAMELAB_RETRAIN_LAUNCH=run_now)
    return app


@pytest.fixture
def fake_retrain(monkeypatch):
    """retrain() that writes a candidate at once: the model in use with a recognisable evaluation."""
    def fake(corpus, extra_keys, models_root, params):
        folder = Path(models_root) / "versions" / f"fake-{len(list(Path(models_root).glob('versions/*')))}"
        folder.mkdir(parents=True)
        shutil.copy(Path(models_root) / ARTIFACT, folder / ARTIFACT)
        (folder / EVALUATION).write_text(json.dumps({"candidate": [a.id for a, _ in extra_keys]}))
        figures = {"sentence_level": {"model": {"per_cue": {"scare-quotes": {"f1": 0.61}}, "macro_f1": 0.52}}}
        old = {"sentence_level": {"model": {"per_cue": {"scare-quotes": {"f1": 0.5}}, "macro_f1": 0.57}}}
        return RetrainResult(folder, old, figures)

    monkeypatch.setattr(classifier_retrain, "retrain", fake)
    return fake


@pytest.fixture
def own_key(db_session, teacher):
    db_session.add(KeyLabel(article_id="iraq-2021-001", cue_id="scare-quotes", start=56, end=64, text="‘combat’",
                            rationale="Quotation marks cast doubt on the word.", author_id=teacher.id))
    db_session.commit()


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


def test_the_figures_are_shown_and_declining_leaves_the_model_alone(retrain_app, client, login, teacher, own_key,
                                                                    fake_retrain, models):
    before = (models / EVALUATION).read_bytes(), (models / ARTIFACT).read_bytes()
    login(client, teacher)
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert 'id="retrain-figures"' in page and "0.61" in page and "0.50" in page and "+0.11" in page
    assert "Macro-F1" in page and 'id="accept-model"' in page
    assert client.get("/builder/retrain/status.json").get_json() == {"state": "done"}
    run = retraining.current_run(Path(retrain_app.config["FRAMELAB_RETRAIN_DIR"]))
    assert run["labels"] == 1 and run["articles"] == 1
    page = client.post("/builder/retrain/decline", follow_redirects=True).get_data(as_text=True)
    assert "The model in use is unchanged" in page
    assert ((models / EVALUATION).read_bytes(), (models / ARTIFACT).read_bytes()) == before
    assert not Path(run["version_dir"]).exists()


def test_accepting_switches_the_model(retrain_app, client, login, teacher, own_key, fake_retrain, models):
    login(client, teacher)
    client.post("/builder/retrain/start")
    page = client.post("/builder/retrain/accept", follow_redirects=True).get_data(as_text=True)
    assert "The new model is in use" in page
    assert json.loads((models / EVALUATION).read_text()) == {"candidate": ["iraq-2021-001"]}


def test_one_run_at_a_time_and_only_its_starter_decides(retrain_app, client, login, switch_to, teacher, other_teacher,
                                                          own_key, fake_retrain, models, db_session):
    before = (models / EVALUATION).read_bytes()
    login(client, teacher)
    client.post("/builder/retrain/start")
    switch_to(client, other_teacher)
    page = client.get("/builder/retrain/").get_data(as_text=True)
    assert "Ms Rivera started this run and decides" in page and 'id="accept-model"' not in page
    for action in ("accept", "decline"):
        page = client.post(f"/builder/retrain/{action}", follow_redirects=True).get_data(as_text=True)
        assert "Only the teacher who started this run" in page
    db_session.add(KeyLabel(article_id="iraq-2021-002", cue_id="scare-quotes", start=0, end=4, text="x",
                            rationale="r", author_id=other_teacher.id))
    db_session.commit()
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert "one run at a time per server" in page
    assert (models / EVALUATION).read_bytes() == before


def test_the_keys_used_are_the_starting_teachers_own(db_session, teacher, other_teacher, own_key):
    from webapp.services.builder_corpus import teacher_written_keys

    db_session.add(KeyLabel(article_id="iraq-2021-002", cue_id="labeling", start=0, end=4, text="x", rationale="r",
                            author_id=other_teacher.id))
    db_session.commit()
    keys = teacher_written_keys(db_session, teacher.id)
    assert [(article.id, [l.cue for l in key.labels]) for article, key in keys] == [("iraq-2021-001", ["scare-quotes"])]


def test_a_run_whose_process_died_is_marked_failed_and_frees_the_server(tmp_path):
    folder = tmp_path / "runs"
    folder.mkdir()
    (folder / retraining.LOCK_FILE).touch()
    retraining.write_state(folder, {"state": "running", "teacher_id": 1, "teacher_name": "A",
                                    "started_at": retraining.now_text()})
    (folder / retraining.PID_FILE).write_text("999999999")
    state = retraining.current_run(folder)
    assert state["state"] == "failed" and "stopped before it finished (the server restarted" in state["message"]
    assert not (folder / retraining.LOCK_FILE).exists()


def test_a_failing_run_says_why_and_frees_the_server(retrain_app, client, login, teacher, own_key, monkeypatch):
    def broken(*args, **kwargs):
        raise MemoryError("out of memory")

    monkeypatch.setattr(classifier_retrain, "retrain", broken)
    login(client, teacher)
    page = client.post("/builder/retrain/start", follow_redirects=True).get_data(as_text=True)
    assert "Retraining failed: out of memory" in page and 'id="start-retrain"' in page


def test_a_real_small_retraining_runs_in_the_background_and_waits_for_acceptance(
        retrain_app, client, login, teacher, own_key, models):
    """The real retrain() in the real background process, with tiny training parameters."""
    retrain_app.config["FRAMELAB_RETRAIN_LAUNCH"] = None
    before = (models / ARTIFACT).read_bytes()
    login(client, teacher)
    client.post("/builder/retrain/start")
    folder = Path(retrain_app.config["FRAMELAB_RETRAIN_DIR"])
    deadline = time.monotonic() + 600
    while (run := retraining.current_run(folder))["state"] == "running" and time.monotonic() < deadline:
        assert (models / ARTIFACT).read_bytes() == before
        time.sleep(1)
    assert run["state"] == "done", (run.get("message"), (folder / retraining.LOG_FILE).read_text())
    assert (models / ARTIFACT).read_bytes() == before  # done, but not accepted: untouched
    assert run["rows"][-1]["cue"] == "macro-F1" and run["rows"][-1]["old"] is not None
    candidate = (Path(run["version_dir"]) / ARTIFACT).read_bytes()
    client.post("/builder/retrain/accept")
    assert (models / ARTIFACT).read_bytes() == candidate != before


def test_a_lock_left_by_a_crash_or_an_undecided_run_stops_blocking_the_server(tmp_path, monkeypatch):
    folder = tmp_path / "runs"
    folder.mkdir()
    lock = folder / retraining.LOCK_FILE
    lock.touch()
    os.utime(lock, (time.time() - 120, time.time() - 120))  # taken two minutes ago, no run written
    retraining._clear_stale_lock(folder)
    assert not lock.exists()

    candidate = tmp_path / "candidate"
    candidate.mkdir()
    lock.touch()
    retraining.write_state(folder, {"state": "done", "teacher_id": 1, "teacher_name": "A", "version_dir": str(candidate),
                                    "started_at": "2026-01-01 00:00:00", "finished_at": "2026-01-01 00:05:00"})
    retraining._clear_stale_lock(folder)
    assert not lock.exists() and not candidate.exists()
    assert retraining.current_run(folder)["state"] == "declined"


def test_a_fresh_lock_is_respected(tmp_path):
    """A lock taken a moment ago by another request (a double click) is not stale."""
    folder = tmp_path / "runs"
    folder.mkdir()
    (folder / retraining.LOCK_FILE).touch()
    retraining._clear_stale_lock(folder)
    assert (folder / retraining.LOCK_FILE).exists()
