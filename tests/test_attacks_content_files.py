"""Hostile files a teacher's browser can send: Markdown with broken or dangerous YAML front matter,
and lesson zips whose entry names carry line breaks, control characters or paths out of the
bundle. Each is refused with a message for the person, never a 500."""

from __future__ import annotations

import io
import zipfile

import pytest

from webapp.lessonplans.bundle import BundleError, read_bundle

BODY = "\n\nThe council voted on Tuesday to close two branch libraries. " * 5


@pytest.fixture
def teacher(make_teacher, client, login):
    account = make_teacher()
    login(client, account)
    return account


@pytest.mark.parametrize("front", [
    "title: [unclosed",
    "!!python/object:os.system {}",
    "title: !!python/object/apply:os.system ['touch /tmp/framelab-pwned']",
    "published: 2021-13-45",
    "a: 1\na: 2",
    "[" * 3000 + "]" * 3000,
    "title: \"unterminated",
])
def test_a_markdown_upload_with_bad_front_matter_is_a_400_with_a_message(client, teacher, front):
    from test_web_authoring import upload

    response = upload(client, "article.md", f"---\n{front}\n---\n# A headline{BODY}".encode())
    page = response.get_data(as_text=True)
    assert response.status_code == 400, page[:500]
    assert "front matter" in page and "not valid YAML" in page


def _zip(names: list[str], directories: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in directories:
            archive.writestr(zipfile.ZipInfo(name), b"")
        for name in names:
            archive.writestr(name, "x")
    return out.getvalue()


@pytest.mark.parametrize("name", ["lessons/01-a.md\n", "corpus/cues.yaml\n", "lessons/01-a\r.md",
                                  "lessons/01-\x1b[31ma.md", "corpus/keys/a\u2028b.yaml", "lessons/01-a.md\x7f"])
def test_an_entry_name_with_a_line_break_or_control_character_is_refused(name):
    with pytest.raises(BundleError) as caught:
        read_bundle(_zip([name, "corpus/cues.yaml"] if name != "corpus/cues.yaml\n" else [name]))
    assert "line break or another control character" in str(caught.value)
    assert "\n" not in str(caught.value) and "\x1b" not in str(caught.value)


@pytest.mark.parametrize("directory", ["../evil/", "/etc/", "lessons/../../evil/", "C:/evil/", "corpus/../../x/",
                                       "other/", "corpus/articles/a/b/"])
def test_a_directory_entry_outside_the_layout_is_refused(directory):
    with pytest.raises(BundleError) as caught:
        read_bundle(_zip(["lessons/01-a.md", "corpus/cues.yaml"], directories=(directory,)))
    assert directory in str(caught.value)


@pytest.mark.parametrize("directory", ["lessons/", "corpus/", "corpus/articles/", "corpus/articles/iraq-2021/",
                                       "corpus/keys/"])
def test_the_layouts_own_directory_entries_are_accepted(directory):
    files = read_bundle(_zip(["lessons/01-a.md", "corpus/cues.yaml"], directories=(directory,)))
    assert sorted(files) == ["corpus/cues.yaml", "lessons/01-a.md"]


@pytest.mark.parametrize("name", ["/lessons/01-a.md", "lessons/../lessons/01-a.md", "lessons\\01-a.md"])
def test_an_absolute_or_climbing_path_is_refused_as_outside_the_bundle(name):
    with pytest.raises(BundleError) as caught:
        read_bundle(_zip([name, "corpus/cues.yaml"]))
    assert "outside the bundle" in str(caught.value) or "not a file a lesson bundle holds" in str(caught.value)


def test_a_lesson_zip_with_a_newline_in_a_name_is_a_400_on_the_page(client, teacher):
    data = _zip(["lessons/01-a.md\n", "corpus/cues.yaml"])
    response = client.post("/builder/lessons/import", data={"archive": (io.BytesIO(data), "lesson.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "control character" in response.get_data(as_text=True)
