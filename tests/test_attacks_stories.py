"""Attacks across teachers through stories: key counts, lesson zips and their error messages.

Ms Rivera keeps a private story with a private article and her own answer key; Mr Okafor reads
story pages and imports lesson zips he crafted. Nothing of hers may reach him: not her key's
counts, not her story's title or summary, not even the fact that one of her ids exists.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import delete, select

from webapp.models import Article, Exercise, KeyLabel, Lesson, Story
from webapp.stories import cache
from webapp.stories.service import story_page

SOURCE = "iraq-2021-001"
PRIVATE_STORY, PRIVATE_ARTICLE = "rivera-private", "rivera-private-1"
SECRET_TITLE, SECRET_SUMMARY = "Rivera's unreleased unit", "A summary only Ms Rivera may read."
PROBE = "okafor-probe"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _copy_of_source(db_session, article_id: str, story_id: str, owner_id: int) -> Article:
    source = db_session.get(Article, SOURCE)
    article = Article(id=article_id, story_id=story_id, headline=source.headline, outlet="Class blog",
                      outlet_kind="blog", byline=None, credits=[], published="2026-02-01", derived_from=None,
                      invented=True, provenance="Retyped for class.", text=source.text, sha256=source.sha256,
                      analysis=source.analysis, owner_id=owner_id)
    db_session.add(article)
    db_session.flush()
    return article


@pytest.fixture
def rivera_private(db_session, teacher):
    """Ms Rivera's private story and article, and her own (longer) key for a corpus article."""
    db_session.add(Story(id=PRIVATE_STORY, title=SECRET_TITLE, date="2026-01-01", summary=SECRET_SUMMARY,
                         invented=True, owner_id=teacher.id))
    db_session.flush()
    _copy_of_source(db_session, PRIVATE_ARTICLE, PRIVATE_STORY, teacher.id)
    corpus_key = [k for k in db_session.get(Article, SOURCE).key_labels if k.author_id is None]
    # Her key for the corpus article: every corpus label twice over, under new client ids.
    db_session.add_all(KeyLabel(article_id=SOURCE, cue_id=k.cue_id, start=k.start, end=k.end, text=k.text,
                                rationale="hers", author_id=teacher.id, client_id=f"r{n}")
                       for n, k in enumerate(corpus_key + corpus_key))
    db_session.commit()
    return len(corpus_key)


# ---- key counts on the story page ----

def test_the_story_page_counts_only_the_keys_the_viewer_may_see(db_session, client, switch_to, teacher,
                                                                 other_teacher, rivera_private):
    corpus_count = rivera_private
    page = story_page(db_session, "iraq-2021", other_teacher.id)
    assert page.column(SOURCE).key_total == corpus_count
    # Ms Rivera herself sees the key her students are scored against: her own.
    assert story_page(db_session, "iraq-2021", teacher.id).column(SOURCE).key_total == 2 * corpus_count
    switch_to(client, other_teacher)
    body = client.get("/stories/iraq-2021").get_data(as_text=True)
    assert f'<td class="num">{2 * corpus_count} / ' not in body


# ---- lesson zips ----

def _okafor_bundle(client, db_session, switch_to, okafor, article_id: str = PROBE) -> bytes:
    """Mr Okafor's own lesson on his own article, exported, then removed from the server (as if he
    brought it from another school), so importing it adds it again."""
    from test_web_builder import build_exercise, lesson_form

    _copy_of_source(db_session, PROBE, "iraq-2021", okafor.id)
    db_session.add_all(KeyLabel(article_id=PROBE, cue_id=k.cue_id, start=k.start, end=k.end, text=k.text,
                                rationale=k.rationale, author_id=okafor.id)
                       for k in db_session.get(Article, SOURCE).key_labels if k.author_id is None)
    db_session.commit()
    switch_to(client, okafor)
    exercise = build_exercise(client, article=PROBE, title="Probe exercise")
    response = client.post("/builder/lessons/new", data=lesson_form([exercise.id], title="Probe lesson"))
    assert response.status_code == 302, response.get_data(as_text=True)
    lesson_id = response.headers["Location"].rsplit("/", 1)[-1]
    exported = client.get(f"/builder/lessons/{lesson_id}/export.zip")
    assert exported.status_code == 200 and exported.mimetype == "application/zip", client.get(f"/builder/lessons/{lesson_id}/export.zip", follow_redirects=True).get_data(as_text=True)
    data = exported.data
    db_session.execute(delete(Exercise).where(Exercise.owner_id == okafor.id))
    db_session.execute(delete(Lesson).where(Lesson.id == lesson_id))
    db_session.execute(delete(KeyLabel).where(KeyLabel.article_id == PROBE))
    db_session.execute(delete(Article).where(Article.id == PROBE))
    db_session.commit()
    return _rewrite(data, article_id=article_id)


def _rewrite(data: bytes, article_id: str = PROBE, story: str | None = None, lesson_id: str | None = None) -> bytes:
    """The bundle with the probe article renamed, moved to ``story`` and the lesson renamed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content, new_name = source.read(name), name
            if PROBE in name or name.startswith("lessons/"):
                content = content.replace(PROBE.encode(), article_id.encode())
                new_name = name.replace(PROBE, article_id)
            if story and new_name.endswith(f"/{article_id}.md"):
                content = content.replace(b"story: iraq-2021", f"story: {story}".encode())
                new_name = new_name.replace("/iraq-2021/", f"/{story}/")
                target.writestr(f"corpus/articles/{story}/story.yaml",
                                f"id: {story}\ntitle: Okafor's story\ndate: '2026-01-01'\nsummary: His own.\n")
            if lesson_id and name.startswith("lessons/"):
                old = name.split("/", 1)[1][3:-3]
                content = content.replace(old.encode(), lesson_id.encode())
                new_name = f"lessons/99-{lesson_id}.md"
            target.writestr(new_name, content)
    return out.getvalue()


def _import(client, data: bytes):
    return client.post("/builder/lessons/import", data={"archive": (io.BytesIO(data), "lesson.zip")},
                       content_type="multipart/form-data")


def test_an_import_cannot_put_an_article_into_another_teachers_story(client, db_session, switch_to, teacher,
                                                                      other_teacher, rivera_private):
    data = _rewrite(_okafor_bundle(client, db_session, switch_to, other_teacher), story=PRIVATE_STORY)
    response = _import(client, data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db_session.expire_all()
    probe = db_session.get(Article, PROBE)
    assert probe.owner_id == other_teacher.id and probe.story_id != PRIVATE_STORY
    # His story is a new one, his own, with the bundle's title; hers is untouched and still unseen.
    story = db_session.get(Story, probe.story_id)
    assert story.owner_id == other_teacher.id and story.title == "Okafor's story"
    assert db_session.get(Story, PRIVATE_STORY).title == SECRET_TITLE
    assert db_session.scalars(select(Article.id).where(Article.story_id == PRIVATE_STORY)).all() == [PRIVATE_ARTICLE]
    for url in (f"/stories/{PRIVATE_STORY}", f"/stories/{probe.story_id}", "/stories/"):
        body = client.get(url).get_data(as_text=True)
        assert SECRET_TITLE not in body and SECRET_SUMMARY not in body, url


def test_stories_an_import_creates_belong_to_the_importer(client, db_session, switch_to, teacher, other_teacher):
    data = _rewrite(_okafor_bundle(client, db_session, switch_to, other_teacher), story="okafor-new-story")
    assert _import(client, data).status_code == 302
    db_session.expire_all()
    assert db_session.get(Story, "okafor-new-story").owner_id == other_teacher.id
    switch_to(client, teacher)
    assert "Okafor&#39;s story" not in client.get("/authoring/new").get_data(as_text=True)
    assert "okafor-new-story" not in client.get("/stories/").get_data(as_text=True)
    assert client.get("/stories/okafor-new-story").status_code == 404


@pytest.mark.parametrize("taken", ["article", "lesson"])
def test_an_import_answers_the_same_whether_or_not_another_teachers_id_exists(client, db_session, switch_to,
                                                                            login, teacher, other_teacher,
                                                                            rivera_private, taken):
    rivera_lesson = Lesson(id="rivera-lesson", position=100, title="Hers", grade_band="9-12", periods=1,
                           duration_minutes=50, plan={}, notes="", owner_id=teacher.id)
    db_session.add(rivera_lesson)
    db_session.commit()
    bundle = _okafor_bundle(client, db_session, switch_to, other_teacher)
    if taken == "article":
        existing, absent = _rewrite(bundle, article_id=PRIVATE_ARTICLE), _rewrite(bundle, article_id="never-used")
    else:
        existing, absent = _rewrite(bundle, lesson_id="rivera-lesson"), _rewrite(bundle, lesson_id="never-used")
    answers = []
    for data in (absent, existing):
        response = _import(client, data)
        answers.append((response.status_code, response.headers.get("Location", "").rsplit("/", 1)[0]))
        db_session.rollback()
        # forget the first import so the second meets the same server
        for lesson in db_session.scalars(select(Lesson).where(Lesson.owner_id == other_teacher.id)).all():
            db_session.execute(delete(Exercise).where(Exercise.lesson_id == lesson.id))
            db_session.delete(lesson)
        db_session.execute(delete(KeyLabel).where(KeyLabel.author_id == other_teacher.id))
        db_session.execute(delete(Article).where(Article.owner_id == other_teacher.id))
        db_session.commit()
    assert answers[0] == answers[1] and answers[0][0] == 302
    db_session.expire_all()
    hers = db_session.get(Article, PRIVATE_ARTICLE)
    assert hers.owner_id == teacher.id and hers.story_id == PRIVATE_STORY
    assert db_session.get(Lesson, "rivera-lesson").owner_id == teacher.id
