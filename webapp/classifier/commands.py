"""``framelab train``, ``framelab evaluate`` and ``framelab explain``.

The lead registers :data:`COMMANDS` on the ``framelab`` group. Heavy imports (scikit-learn, the
corpus) happen inside the commands, so ``framelab --help`` stays fast. Errors about the user's
files become one clear line and exit status 1.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from webapp import paths

_DIR = click.Path(file_okay=False, path_type=Path)


def _load_corpus(corpus_dir: Path | None):
    from webapp.corpus.articles import CorpusError
    from webapp.corpus.library import load_corpus

    try:
        return load_corpus(corpus_dir or paths.corpus_dir())
    except CorpusError as error:
        raise click.ClickException(str(error)) from None


@click.command("train")
@click.option("--corpus", "corpus_dir", type=_DIR, default=None, help="Corpus folder (default: ./corpus).")
@click.option("--out", "out_dir", type=_DIR, default=None, help="Models folder (default: ./models).")
def train_command(corpus_dir: Path | None, out_dir: Path | None) -> None:
    """Train the cue classifier on every answer key; write the artifact and the model card."""
    from webapp.classifier.artifact import save_model
    from webapp.classifier.store import artifact_path, write_card
    from webapp.classifier.training import train

    corpus = _load_corpus(corpus_dir)
    out = out_dir or paths.models_dir()
    started = time.perf_counter()
    model = train(corpus)
    seconds = time.perf_counter() - started
    path = save_model(model, artifact_path(out))
    card = write_card(out, model)
    meta = model.metadata
    click.echo(
        f"trained on {meta['sentences']} sentences from {len(meta['articles'])} articles "
        f"({len(meta['stories'])} stories) in {seconds:.1f} s"
    )
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) and {card}")


@click.command("evaluate")
@click.option("--corpus", "corpus_dir", type=_DIR, default=None, help="Corpus folder (default: ./corpus).")
@click.option("--out", "out_dir", type=_DIR, default=None, help="Models folder whose card to refresh.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_command(corpus_dir: Path | None, out_dir: Path | None, as_json: bool) -> None:
    """Leave-one-story-out cross-validation of the model and two baselines."""
    from webapp.classifier.artifact import ModelError
    from webapp.classifier.evaluate import cross_validate
    from webapp.classifier.report import format_evaluation
    from webapp.classifier.store import save_evaluation, write_card
    from webapp.classifier.training import training_data

    corpus = _load_corpus(corpus_dir)
    out = out_dir or paths.models_dir()
    evaluation = cross_validate(training_data(corpus)).as_dict()
    save_evaluation(out, evaluation)
    try:
        card = write_card(out)
    except ModelError:
        card = None  # no model trained yet: the card is written by `framelab train`
    click.echo(json.dumps(evaluation, indent=1) if as_json else format_evaluation(evaluation))
    if not as_json:
        click.echo(
            f"\nrecorded in {out}"
            + (f"; refreshed {card}" if card else "; no model yet, run `framelab train`")
        )


@click.command("explain")
@click.argument("sentence")
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Model artifact (default: models/framelab-cues.json).",
)
@click.option("--top", default=3, show_default=True, help="Reasons to show each way.")
@click.option("--all", "show_all", is_flag=True, help="Explain every cue, not only the likeliest.")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def explain_command(sentence: str, model_path: Path | None, top: int, show_all: bool, as_json: bool) -> None:
    """Why the classifier flags (or does not flag) each cue in SENTENCE."""
    from webapp.classifier.artifact import ModelError, load_model
    from webapp.classifier.explain import explain_text
    from webapp.classifier.report import format_explanations

    if not sentence.strip():
        raise click.UsageError("Give a sentence to explain.")
    try:
        model = load_model(model_path)
    except ModelError as error:
        raise click.ClickException(str(error)) from None
    explanations = explain_text(model, sentence, top)
    if as_json:
        click.echo(json.dumps([e.as_dict() for e in explanations], indent=1, ensure_ascii=False))
    else:
        click.echo(format_explanations(explanations, show_all))


COMMANDS = [train_command, evaluate_command, explain_command]
