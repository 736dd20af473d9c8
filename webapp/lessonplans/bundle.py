"""Lessons as zip files that move between servers: writing one, and reading one safely.

A bundle holds one lesson and a self-contained corpus for it (``corpus/cues.yaml``, each story's
``story.yaml``, every article the lesson uses with its answer key), so ``framelab check --corpus
X/corpus --lessons X/lessons`` passes on the unzipped folder. Reading never trusts the archive:
only the paths of that layout are accepted, and sizes are capped before anything is inflated.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from webapp.corpus.articles import CorpusError
from webapp.corpus.library import Corpus, load_corpus
from webapp.lessonplans.model import Lesson
from webapp.lessonplans.parse import load_lessons

MAX_ZIP_BYTES = 2 * 1024 * 1024  # a lesson with a few articles is ~100 KB zipped
MAX_MEMBER_BYTES = 2 * 1024 * 1024  # the article importer's own limit
MAX_TOTAL_BYTES = 16 * 1024 * 1024
MAX_MEMBERS = 200
MAX_RATIO = 200  # text compresses ~5:1; a member at 200:1 is a zip bomb, not a lesson
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# fullmatch, never ``$``: "$" also matches before a final newline ("lessons/01-a.md\n").
_ALLOWED = re.compile(rf"(?:lessons/\d\d-{_ID}\.md|corpus/cues\.yaml|corpus/articles/{_ID}/story\.yaml"
                      rf"|corpus/articles/{_ID}/{_ID}\.md|corpus/keys/{_ID}\.yaml)")
_FOLDERS = re.compile(rf"(?:lessons|corpus|corpus/articles|corpus/articles/{_ID}|corpus/keys)/")


class BundleError(ValueError):
    """A zip that is not a lesson bundle; the message says what is wrong, for the person."""


def write_bundle(files: Mapping[str, str]) -> bytes:
    """A zip of ``{path: text}``, in path order, every file UTF-8."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            if not _ALLOWED.fullmatch(path):
                raise ValueError(f"{path} is not a path a lesson bundle may hold")
            archive.writestr(zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0)), files[path].encode("utf-8"),
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _open(data: bytes) -> zipfile.ZipFile:
    if not data:
        raise BundleError("The file is empty.")
    if len(data) > MAX_ZIP_BYTES:
        raise BundleError(f"The file is {len(data) / 1048576:.1f} MiB; a lesson bundle may be at most "
                          f"{MAX_ZIP_BYTES // 1048576} MiB.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise BundleError("This is not a .zip file. Upload the .zip that FrameLab's “Download as files” made.")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise BundleError(f"The zip file is damaged ({error}).") from None


def _shown(name: str) -> str:
    """An entry name fit for a message: control characters escaped, never printed raw."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


def _check_name(name: str) -> None:
    """Refuse names no lesson bundle has, before matching them against the layout."""
    if any(not ch.isprintable() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        raise BundleError(f"{_shown(name)}: the name holds a line break or another control character, which no "
                          "file of a lesson bundle has.")
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
        raise BundleError(f"{name}: a path outside the bundle (absolute, or going up with “..”) is not accepted.")


def _check_member(info: zipfile.ZipInfo) -> None:
    name = info.filename
    _check_name(name)
    if info.is_dir():
        if not _FOLDERS.fullmatch(name):
            raise BundleError(f"{name}: not a folder a lesson bundle holds (lessons/, corpus/, corpus/articles/<story>/, "
                              "corpus/keys/).")
        return
    if not _ALLOWED.fullmatch(name):
        raise BundleError(f"{name}: not a file a lesson bundle holds (lessons/NN-<id>.md, corpus/cues.yaml, "
                          "corpus/articles/<story>/story.yaml or <id>.md, corpus/keys/<id>.yaml).")
    if info.flag_bits & 0x1:
        raise BundleError(f"{name}: encrypted files are not accepted.")
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        raise BundleError(f"{name}: symbolic links are not accepted.")
    if info.file_size > MAX_MEMBER_BYTES:
        raise BundleError(f"{name}: {info.file_size} bytes unpacked; a file may be at most {MAX_MEMBER_BYTES} bytes.")
    if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 65536:
        raise BundleError(f"{name}: it unpacks to {info.file_size // max(info.compress_size, 1)} times its "
                          "size, which no lesson file does (a zip bomb?).")


def read_bundle(data: bytes) -> dict[str, bytes]:
    """The bundle's files by path, after every check; nothing is written anywhere."""
    with _open(data) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BundleError(f"The zip holds {len(infos)} entries; a lesson bundle holds at most {MAX_MEMBERS}.")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise BundleError(f"The zip unpacks to more than {MAX_TOTAL_BYTES // 1048576} MiB.")
        files: dict[str, bytes] = {}
        for info in infos:
            _check_member(info)
            if info.is_dir():
                continue
            if info.filename in files:
                raise BundleError(f"{info.filename}: the zip holds this file twice.")
            files[info.filename] = _read_capped(archive, info)
    lessons = [p for p in files if p.startswith("lessons/")]
    if len(lessons) != 1:
        raise BundleError(f"A lesson bundle holds exactly one lesson file in lessons/, not {len(lessons)}.")
    if "corpus/cues.yaml" not in files:
        raise BundleError("The bundle has no corpus/cues.yaml.")
    return files


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read at most the cap plus one byte: the sizes in a zip's header can lie."""
    try:
        with archive.open(info) as member:
            content = member.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as error:
        raise BundleError(f"{info.filename}: cannot be unpacked ({error}).") from None
    if len(content) > MAX_MEMBER_BYTES:
        raise BundleError(f"{info.filename}: larger than {MAX_MEMBER_BYTES} bytes unpacked.")
    if b"\x00" in content:
        raise BundleError(f"{info.filename}: a binary file, not the text of a lesson, article or key.")
    return content


@dataclass(frozen=True)
class CheckedBundle:
    """A bundle read and checked as ``framelab check`` checks a corpus and a lessons folder."""

    corpus: Corpus
    lesson: Lesson


def unpack(files: Mapping[str, bytes], folder: Path) -> None:
    """Write checked bundle files under ``folder`` (paths were matched against the layout)."""
    for name, content in files.items():
        target = folder.joinpath(*name.split("/"))
        if folder.resolve() not in target.resolve().parents:
            raise BundleError(f"{name}: outside the bundle folder.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def check_bundle(files: Mapping[str, bytes], folder: Path) -> CheckedBundle:
    """Unpack into ``folder`` and load it; a problem raises :class:`CorpusError` naming the
    bundle's own path and line (``lessons/99-x.md:12: ...``)."""
    unpack(files, folder)
    try:
        corpus = load_corpus(folder / "corpus")
        lessons = load_lessons(folder / "lessons", corpus)
    except CorpusError as error:
        raise CorpusError(str(error).replace(f"{folder}/", "")) from None
    return CheckedBundle(corpus, next(iter(lessons.values())))
