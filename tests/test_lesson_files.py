"""Lessons as files: a teacher's lesson exported as a zip that `framelab check` accepts, imported
back (web and command line), and every kind of bad zip refused with a clear message."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select
from test_web_builder import HOSTILE, build_exercise, lesson_form

from webapp.cli import main as framelab
from webapp.lessonplans.bundle import MAX_MEMBER_BYTES, BundleError, read_bundle
from webapp.models import Article, Exercise, KeyLabel, Lesson

OWN_ARTICLE = "my-harbor-rewrite"
SOURCE = "iraq-2021-001"


@pytest.fixture
def own_article(db_session, teacher) -> Article:
    """A teacher's own article (a copy of a corpus text under a new id) with the teacher's key."""
    source = db_session.get(Article, SOURCE)
    article = Article(id=OWN_ARTICLE, story_id=source.story_id, headline=source.headline, outlet=f"Class blog {HOSTILE}",
                      outlet_kind="blog", byline=None, credits=[], published="2026-02-01", derived_from=SOURCE,
                      invented=True, provenance="Retyped by the teacher for class.", text=source.text,
                      sha256=source.sha256, analysis=source.analysis, owner_id=teacher.id)
    db_session.add(article)
    db_session.add_all(KeyLabel(article_id=OWN_ARTICLE, cue_id=l.cue_id, start=l.start, end=l.end, text=l.text,
                                rationale=f"{l.rationale} {HOSTILE}", author_id=teacher.id)
                       for l in source.key_labels if l.author_id is None)
    db_session.commit()
    return article


def _teacher_lesson(client, login, teacher) -> Lesson:
    login(client, teacher)
    exercise = build_exercise(client, article=OWN_ARTICLE, title=f"Quotes {HOSTILE}")
    response = client.post("/builder/lessons/new", data=lesson_form(
        [exercise.id, "what-is-framing-defence-report"], title=f"Doubt {HOSTILE}"))
    assert response.status_code == 302, response.get_data(as_text=True)
    from webapp.extensions import db

    return db.session.get(Lesson, response.headers["Location"].rsplit("/", 1)[-1])


def _unzip(data: bytes, folder) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
        return sorted(archive.namelist())


def test_an_exported_lesson_passes_framelab_check(client, login, teacher, own_article, tmp_path):
    lesson = _teacher_lesson(client, login, teacher)
    response = client.get(f"/builder/lessons/{lesson.id}/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert f"framelab-lesson-{lesson.id}.zip" in response.headers["Content-Disposition"]
    names = _unzip(response.data, tmp_path)
    assert f"lessons/99-{lesson.id}.md" in names and "corpus/cues.yaml" in names
    assert f"corpus/articles/iraq-2021/{OWN_ARTICLE}.md" in names and f"corpus/keys/{OWN_ARTICLE}.yaml" in names
    assert "corpus/articles/iraq-2021/iraq-2021-000.md" in names  # the library exercise's article
    result = CliRunner().invoke(framelab, ["check", "--corpus", str(tmp_path / "corpus"),
                                           "--lessons", str(tmp_path / "lessons")])
    assert result.exit_code == 0, result.output
    assert "lessons ok: 1 lessons with 2 exercises" in result.output
    key = (tmp_path / "corpus" / "keys" / f"{OWN_ARTICLE}.yaml").read_text(encoding="utf-8")
    assert HOSTILE in key  # the teacher's rationale, kept as data: YAML quotes it, nothing renders it


def test_a_lesson_round_trips_through_its_zip(client, db_session, login, switch_to, teacher, other_teacher,
                                              own_article):
    lesson = _teacher_lesson(client, login, teacher)
    before = (lesson.title, lesson.plan, lesson.notes, [(e.title, e.article_id, e.cues, e.mode, e.instructions)
                                                        for e in lesson.exercises])
    labels = sorted((l.cue_id, l.start, l.end, l.rationale) for l in own_article.key_labels)
    data = client.get(f"/builder/lessons/{lesson.id}/export.zip").data
    # "another server": the lesson, its copies and the teacher's article are not here any more
    lesson_id = lesson.id
    db_session.execute(delete(Exercise).where(Exercise.lesson_id == lesson_id))
    db_session.execute(delete(Lesson).where(Lesson.id == lesson_id))
    db_session.execute(delete(Exercise).where(Exercise.owner_id == teacher.id))
    db_session.execute(delete(KeyLabel).where(KeyLabel.article_id == OWN_ARTICLE))
    db_session.execute(delete(Article).where(Article.id == OWN_ARTICLE))
    db_session.commit()

    switch_to(client, other_teacher)
    response = client.post("/builder/lessons/import", data={"archive": (io.BytesIO(data), "lesson.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    db_session.expire_all()
    imported = db_session.get(Lesson, lesson_id)
    assert imported.owner_id == other_teacher.id
    assert (imported.title, imported.plan, imported.notes, [(e.title, e.article_id, e.cues, e.mode, e.instructions)
                                                            for e in imported.exercises]) == before
    article = db_session.get(Article, OWN_ARTICLE)
    assert article.owner_id == other_teacher.id and article.analysis and article.derived_from == SOURCE
    assert sorted((l.cue_id, l.start, l.end, l.rationale) for l in article.key_labels) == labels
    assert all(l.author_id == other_teacher.id for l in article.key_labels)
    page = client.get(f"/lessons/{lesson_id}").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    again = client.post("/builder/lessons/import", data={"archive": (io.BytesIO(data), "lesson.zip")},
                        content_type="multipart/form-data")
    assert again.status_code == 400 and "already on this server" in again.get_data(as_text=True)


def test_the_import_command(app, db_session, client, login, teacher, other_teacher, own_article, tmp_path):
    lesson = _teacher_lesson(client, login, teacher)
    path = tmp_path / "lesson.zip"
    path.write_bytes(client.get(f"/builder/lessons/{lesson.id}/export.zip").data)
    db_session.execute(delete(Exercise).where(Exercise.lesson_id == lesson.id))
    db_session.execute(delete(Lesson).where(Lesson.id == lesson.id))
    db_session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(framelab, ["import-lesson", str(path), "--teacher", teacher.email])
    assert result.exit_code == 0, result.output
    assert "imported lesson" in result.output and db_session.get(Lesson, lesson.id).owner_id == teacher.id
    result = runner.invoke(framelab, ["import-lesson", str(path), "--teacher", "nobody@example.org"])
    assert result.exit_code == 1 and "no teacher account" in result.output


def test_an_article_of_another_teacher_is_not_taken_over(client, login, switch_to, teacher, other_teacher, own_article):
    lesson = _teacher_lesson(client, login, teacher)
    data = client.get(f"/builder/lessons/{lesson.id}/export.zip").data
    data = _renamed_lesson(data, lesson.id)
    switch_to(client, other_teacher)
    response = client.post("/builder/lessons/import", data={"archive": (io.BytesIO(data), "lesson.zip")},
                           content_type="multipart/form-data")
    # Refusing would confirm her article exists: his copy gets a fresh id, hers stays as it was.
    assert response.status_code == 302, response.get_data(as_text=True)
    from webapp.extensions import db

    db.session.expire_all()
    assert db.session.get(Article, OWN_ARTICLE).owner_id == teacher.id
    copy = db.session.get(Article, f"{OWN_ARTICLE}-2")
    assert copy.owner_id == other_teacher.id and copy.sha256 == own_article.sha256
    assert {e.article_id for e in db.session.get(Lesson, "renamed-lesson").exercises} >= {copy.id}


def _renamed_lesson(data: bytes, lesson_id: str) -> bytes:
    """The same bundle with the lesson and exercise ids changed, so only the article clashes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name.startswith("lessons/"):
                content = content.replace(lesson_id.encode(), b"renamed-lesson")
                name = name.replace(lesson_id, "renamed-lesson")
            target.writestr(name, content)
    return out.getvalue()


# ---- bad zips ----

def _zip(files: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def _symlink_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("corpus/cues.yaml")
        info.external_attr = (0o120777 << 16)
        archive.writestr(info, "/etc/passwd")
    return out.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"", "The file is empty."),
    (b"not a zip at all, just text", "This is not a .zip file."),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "This is not a .zip file."),
    (b"PK" + bytes(3 * 1024 * 1024), "a lesson bundle may be at most 2 MiB"),
    (_zip({"../evil.md": "x"}), "a path outside the bundle"),
    (_zip({"/etc/cron.d/evil": "x"}), "a path outside the bundle"),
    (_zip({"lessons/../../evil.md": "x"}), "a path outside the bundle"),
    (_zip({"corpus/articles/a/b/c.md": "x"}), "not a file a lesson bundle holds"),
    (_zip({"corpus/cues.yaml": b"\0" * (MAX_MEMBER_BYTES + 10)}), "bytes unpacked"),
    (_zip({"corpus/cues.yaml": b"a" * (MAX_MEMBER_BYTES - 10)}), "zip bomb"),
    (_symlink_zip(), "symbolic links are not accepted"),
    (_zip({"corpus/cues.yaml": b"cues:\x00"}), "a binary file"),
    (_zip({"corpus/cues.yaml": "cues: []"}), "exactly one lesson file"),
    (_zip({"lessons/01-a.md": "x", "lessons/02-b.md": "y", "corpus/cues.yaml": "x"}), "exactly one lesson file"),
])
def test_bad_zips_are_refused(data, message):
    with pytest.raises(BundleError, match=None) as caught:
        read_bundle(data)
    assert message in str(caught.value)


def test_a_broken_lesson_in_a_zip_is_reported_with_its_file_and_line(client, db_session, login, teacher, own_article):
    lesson = _teacher_lesson(client, login, teacher)
    source = zipfile.ZipFile(io.BytesIO(client.get(f"/builder/lessons/{lesson.id}/export.zip").data))
    files = {name: source.read(name) for name in source.namelist()}
    name = f"lessons/99-{lesson.id}.md"
    files[name] = files[name].replace(b"grade_band: 9-12", b"grade_band: 13-14")
    response = client.post("/builder/lessons/import", data={"archive": (io.BytesIO(_zip(files)), "x.zip")},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True).replace("&#39;", "'")
    assert response.status_code == 400 and f"{name}:5: unknown grade band '13-14'" in page


def test_a_non_zip_upload_is_refused_on_the_page(client, login, teacher):
    login(client, teacher)
    response = client.post("/builder/lessons/import", data={"archive": (io.BytesIO(b"hello"), "x.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "This is not a .zip file." in response.get_data(as_text=True)
    assert client.post("/builder/lessons/import", data={}).status_code == 400


def test_nothing_is_left_behind_when_an_import_fails(client, db_session, login, teacher, own_article):
    lesson = _teacher_lesson(client, login, teacher)
    data = client.get(f"/builder/lessons/{lesson.id}/export.zip").data
    count = len(db_session.scalars(select(Lesson)).all())
    response = client.post("/builder/lessons/import", data={"archive": (io.BytesIO(data), "x.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    db_session.expire_all()
    assert len(db_session.scalars(select(Lesson)).all()) == count


# ---- the Flask-free writer ----

def test_written_lesson_text_reads_back_unchanged_whatever_the_text_holds(corpus):
    """Quotes, colons, YAML-looking lines and '---' rules in any field stay data, never structure."""
    from webapp.lessonplans.model import Exercise as PlanExercise
    from webapp.lessonplans.model import Standard, Step
    from webapp.lessonplans.write import check_lesson_text, new_lesson, render_lesson

    sneaky = 'Say "no": \n---\nid: evil\n# not a heading'
    exercise = PlanExercise("x-1", "x", sneaky, "iraq-2021-000", ("scare-quotes", "motive-attribution"),
                            "practice", sneaky)
    steps = [Step("warm-up", 5, sneaky), Step("mini-lesson", 5, "m"), Step("exercise", 20, "e", "x-1"),
             Step("discussion", 10, "d"), Step("exit-ticket", 5, "t")]
    lesson = new_lesson("x", 99, sneaky, "9-12", ("spot quotes", sneaky),
                        (Standard("CCSS.ELA-LITERACY.RI.9-10.6", sneaky),), (sneaky,), steps, (exercise,),
                        f"---\n{sneaky}\n---")
    read = check_lesson_text(render_lesson(lesson), "99-x.md", corpus)
    assert read.id == "x" and read.duration_minutes == 45 and read.periods == 1
    assert read.title == read.exercises[0].title == read.exercises[0].instructions == sneaky.strip()
    assert read.sequence[0].activity == read.materials[0] == read.standards[0].text == sneaky.strip()
    assert read.notes == f"---\n{sneaky}\n---\n"
