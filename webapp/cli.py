"""The ``framelab`` command line: import and analyse articles, check the corpus.

Analysis commands never import Flask; web commands import the app only when they run.
"""

from __future__ import annotations

import copy
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from webapp import paths
from webapp.corpus.articles import OUTLET_KINDS, CorpusError, parse_article, write_article
from webapp.corpus.reading import ArticleInputError, read_article_file
from webapp.corpus.yamlio import dump_yaml

if TYPE_CHECKING:
    from flask import Flask

_USER_ERRORS = (ArticleInputError, CorpusError)


def _user_errors() -> tuple[type[Exception], ...]:
    from webapp.classifier.artifact import ModelError

    return (*_USER_ERRORS, ModelError)


class FrameLabGroup(click.Group):
    """Turns errors about the user's files into one clear line and exit status 1, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except _user_errors() as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=FrameLabGroup)
@click.version_option(package_name="framelab")
def main() -> None:
    """FrameLab: framing cues, tone and sourcing in news articles."""


def _corpus_option(function):
    return click.option(
        "--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path),
        default=None, help="Corpus folder (default: ./corpus, or $FRAMELAB_CORPUS).",
    )(function)


@main.command("import")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A YAML list of files with their metadata (see corpus/raw/iraq-2021/manifest.yaml).")
@click.option("--id", "article_id", help="Article id (default: story id plus a slug of the headline).")
@click.option("--story", help="Story id: the event the article covers.")
@click.option("--headline", help="Headline, when the first line is not one.")
@click.option("--outlet", help="Outlet name, or a description when the text does not name it.")
@click.option("--outlet-kind", type=click.Choice(OUTLET_KINDS), help="Kind of outlet.")
@click.option("--byline", help="Author(s).")
@click.option("--credit", "credits", multiple=True, help="A credit (contributor or agency); repeatable.")
@click.option("--published", help="Publication date, YYYY-MM-DD.")
@click.option("--derived-from", help="Id of the article this one copies or rewrites.")
@click.option("--invented", is_flag=True, help="An original teaching text about invented events.")
@click.option("--provenance", help="Where the text comes from.")
@click.option("--keep", multiple=True, help="A removal id (from the report) to undo; repeatable.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be written and removed.")
@click.option("--replace", is_flag=True, help="Allow replacing the text of an existing article.")
@_corpus_option
def import_command(files, manifest, keep, dry_run, replace, corpus_dir, **flags) -> None:
    """Clean article files (.txt, .md, .html) and write them into the corpus."""
    from webapp.corpus.importer import check_options
    from webapp.corpus.manifest import manifest_entries

    corpus = corpus_dir or paths.corpus_dir()
    options = {**flags, "id": flags.pop("article_id")}
    check_options(options)
    jobs = [(Path(f), options) for f in files]
    if manifest:
        jobs += manifest_entries(manifest)
    if not jobs:
        raise click.UsageError("Give at least one FILE or a --manifest.")
    if len(files) > 1 and options.get("id"):
        raise click.UsageError("--id names one article; import several files without it.")
    for path, job_options in jobs:
        _import_one(path, job_options, corpus, tuple(keep), dry_run, replace)


def _import_one(path: Path, options: dict, corpus: Path, keep, dry_run: bool, replace: bool) -> None:
    from webapp.corpus.importer import plan_import

    plan = plan_import(path, options, corpus, keep)
    click.echo(f"{path} -> {plan.path}")
    for removal in plan.removals:
        click.echo(f"  removed [{removal.id}] {removal.reason}: {removal.text!r}")
    if not plan.removals:
        click.echo("  removed nothing")
    if dry_run:
        click.echo("  (dry run: nothing written)")
        click.echo(_indent(plan.path.name, dump_yaml(plan.article.metadata())))
        click.echo(f"  ({plan.article.text.count(chr(10) + chr(10)) + 1} paragraphs, "
                   f"{len(plan.article.text.split())} words of body text)")
        return
    written = write_article(plan.article, plan.path, replace_text=replace)
    click.echo("  written" if written else "  unchanged (already in the corpus)")


def _indent(title: str, body: str) -> str:
    return f"  --- {title}\n" + "\n".join(f"  {line}" for line in body.splitlines())


def _read_for_analysis(path: Path, raw: bool) -> tuple[str, str, bool]:
    """(id, text, cleaned?) for a corpus article file or any article file."""
    from webapp.corpus.cleaning import clean_text

    if path.suffix == ".md" and path.exists() and path.read_bytes()[:4] == b"---\n":
        try:
            article = parse_article(path.read_text(encoding="utf-8"), str(path))
            return article.id, article.text, False
        except (CorpusError, UnicodeDecodeError):
            pass
    source = read_article_file(path)
    if raw:
        if source.format == "html":
            raise ArticleInputError(f"{path}: --raw reads text files as given; an HTML page must be cleaned.")
        return path.stem, source.text, False
    cleaned = clean_text(source.text).text
    return path.stem, cleaned, cleaned != source.text


@main.command("analyze")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@click.option("--jsonl", is_flag=True, help='Read {"id": ..., "text": ...} lines on stdin, write JSON lines.')
@click.option("--raw", is_flag=True, help="Do not clean: offsets index the input text exactly as given.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="With --jsonl: processes sharing a long batch (default: one per core).")
def analyze_command(files, as_json: bool, jsonl: bool, raw: bool, workers: int | None) -> None:
    """Tone, sourcing and cues of each article (a readable summary, or JSON)."""
    from webapp.analysis.pipeline import analyze_text
    from webapp.analysis.summary import summarise

    if jsonl:
        if files:
            raise click.UsageError("--jsonl reads standard input; give no FILE.")
        sys.exit(_analyze_jsonl(sys.stdin, raw, workers))
    if not files:
        raise click.UsageError("Give at least one FILE (or --jsonl).")
    for path in files:
        article_id, text, cleaned = _read_for_analysis(path, raw)
        analysis = analyze_text(text, article_id, detector=_detector())
        if as_json:
            click.echo(json.dumps(analysis.as_dict(include_text=cleaned), ensure_ascii=False))
        else:
            click.echo(summarise(analysis))


# Young objects allocated between two runs of Python's cycle collector (its default is 700). An
# article's analysis makes tens of thousands of small objects and no cycles, so at the default the
# collector ran thousands of times a batch for nothing: 5-10% of `analyze --jsonl`.
_BATCH_GC_THRESHOLD = 20_000


def _analyze_jsonl(stream, raw: bool, workers: int | None = None) -> int:
    """Batch mode: a bad line gets an error object on its own output line; exit 1 if any did."""
    import gc

    from webapp.analysis.batch import analyze_lines

    failures = 0
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _BATCH_GC_THRESHOLD), *thresholds[1:])
    try:
        for result in analyze_lines(stream, raw, _detector(), workers):
            failures += result.failed
            click.echo(result.json)
    finally:
        gc.set_threshold(*thresholds)
    return 1 if failures else 0


def _detector():
    """The trained classifier as a cue detector, or None before one has been trained."""
    from webapp.classifier import load_detector

    return load_detector()


@main.group("keys")
def keys_group() -> None:
    """Answer keys: resolve drafts into offsets."""


@keys_group.command("resolve")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@_corpus_option
def keys_resolve(files, corpus_dir) -> None:
    """Turn draft labels (text + occurrence) into offsets and stamp the article's hash."""
    from webapp.corpus.articles import load_article
    from webapp.corpus.keys import resolve_draft

    corpus = corpus_dir or paths.corpus_dir()
    for path in files:
        matches = list((corpus / "articles").glob(f"*/{path.stem}.md"))
        if not matches:
            raise CorpusError(f"{path}: no article '{path.stem}' in {corpus / 'articles'}")
        path.write_text(resolve_draft(path, load_article(matches[0])), encoding="utf-8")
        click.echo(f"{path}: resolved")


@main.command("check")
@_corpus_option
@click.option("--lessons", "lessons_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Lessons folder (default: ./lessons, or $FRAMELAB_LESSONS).")
def check_command(corpus_dir, lessons_dir) -> None:
    """Validate the corpus (articles and hashes, cues, every answer key) and every lesson."""
    from webapp.corpus.library import load_corpus
    from webapp.lessonplans.parse import load_lessons

    corpus = load_corpus(corpus_dir or paths.corpus_dir())
    lessons = load_lessons(lessons_dir or paths.lessons_dir(), corpus)
    labels = sum(len(k.labels) for k in corpus.keys.values())
    exercises = sum(len(lesson.exercises) for lesson in lessons.values())
    click.echo(
        f"corpus ok: {len(corpus.stories)} stories, {len(corpus.articles)} articles, "
        f"{len(corpus.cues)} cues, {len(corpus.keys)} keys with {labels} labels"
    )
    click.echo(f"lessons ok: {len(lessons)} lessons with {exercises} exercises")


def _register_commands() -> None:
    """Commands that live beside their feature; their modules import Flask only when run."""
    from webapp.web.commands import COMMANDS as web_commands

    for command in web_commands:
        main.add_command(command)
    from webapp.auth.commands import COMMANDS as auth_commands

    for command in auth_commands:
        main.add_command(command)
    from webapp.classifier.commands import COMMANDS as classifier_commands

    for command in classifier_commands:
        main.add_command(command)


_register_commands()


def register_on(app: Flask) -> None:
    """Give ``app.cli`` every ``framelab`` command, so that ``flask --app webapp.app ...`` and
    ``app.test_cli_runner()`` run them on that app.

    ``framelab`` itself stays a plain click group: its analysis commands must not import Flask.
    Each command is copied with its callback run inside this app's context; the web commands then
    use this app instead of making one. Flask's ``with_appcontext`` is not enough here: it keeps
    whatever app context is already open, which may be another app's.
    """
    for name, command in main.commands.items():
        in_app = copy.copy(command)
        if command.callback is not None:
            in_app.callback = _in_context_of(app, command.callback)
        app.cli.add_command(in_app, name)


def _in_context_of(app: Flask, callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        with app.app_context():
            return callback(*args, **kwargs)

    return run
