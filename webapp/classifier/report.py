"""Plain-text tables for the terminal: evaluation figures and explanations."""

from __future__ import annotations

from collections.abc import Sequence

from webapp.classifier.explain import CueExplanation

_SYSTEMS = (("model", "model"), ("subjectivity", "subjectivity baseline"), ("lexicon", "lexicon rules"))


def format_evaluation(evaluation: dict) -> str:
    lines = [
        (
            f"Leave-one-story-out cross-validation: {len(evaluation['stories'])} stories "
            f"({', '.join(evaluation['stories'])}), {evaluation['sentences']} sentences"
        )
    ]
    for level, title in (
        ("sentence_level", "Sentence level"),
        ("span_level", "Span level (SemEval-2020 Task 11 partial overlap)"),
    ):
        lines += ["", title, _level_table(evaluation[level])]
    flag = evaluation["framing_flag"]
    lines += ["", "Any framing cue but anonymous sourcing, per sentence (P / R / F1):"]
    lines += [f"  {name:<24}{_prf(flag[key])}" for key, name in _SYSTEMS]
    lines += [
        "",
        "Model macro-F1 by held-out story: "
        + ", ".join(f"{s} {v:.3f}" for s, v in evaluation["per_story_macro_f1"].items()),
    ]
    beats = evaluation["beats_baselines"]
    losing = [cue for cue, ok in beats.items() if not ok]
    lines.append(
        "Model beats both baselines (sentence F1) on: "
        + (", ".join(c for c, ok in beats.items() if ok) or "none")
    )
    if losing:
        lines.append("... but not on: " + ", ".join(losing))
    lines.append(f"\nsentence-level macro-F1 of the model: {evaluation['macro_f1']:.3f}")
    return "\n".join(lines)


def _level_table(level: dict) -> str:
    header = f"  {'cue':<22}" + "".join(f"{name:>24}" for _, name in _SYSTEMS)
    sub = f"  {'':<22}" + "".join(f"{'P     R     F1':>24}" for _ in _SYSTEMS)
    rows = [header, sub]
    for cue in level["model"]["per_cue"]:
        rows.append(
            f"  {cue:<22}" + "".join(f"{_prf(level[key]['per_cue'][cue]):>24}" for key, _ in _SYSTEMS)
        )
    rows.append(f"  {'macro-F1':<22}" + "".join(f"{level[key]['macro_f1']:>24.3f}" for key, _ in _SYSTEMS))
    rows.append(f"  {'micro':<22}" + "".join(f"{_prf(level[key]['micro']):>24}" for key, _ in _SYSTEMS))
    return "\n".join(rows)


def _prf(prf: dict) -> str:
    return f"{prf['precision']:.2f}  {prf['recall']:.2f}  {prf['f1']:.2f}"


def format_explanations(explanations: Sequence[CueExplanation], show_all: bool = False) -> str:
    """Flagged cues first; without ``show_all`` also the two likeliest unflagged ones."""
    flagged = [e for e in explanations if e.flagged]
    others = [e for e in explanations if not e.flagged]
    chosen = flagged + (others if show_all else others[:2])
    lines = ["Flagged: " + (", ".join(e.name for e in flagged) or "no cue")]
    for e in chosen:
        verdict = "flagged" if e.flagged else "not flagged"
        lines += ["", f"{e.name}: {e.probability:.0%} ({verdict}; threshold {e.threshold:.0%})"]
        lines += [f"  + {r.text}" for r in e.toward] or ["  + nothing pushed toward it"]
        lines += [f"  - {r.text}" for r in e.against]
    rest = [e for e in others if e not in chosen]
    if rest:
        lines += ["", "Unlikely: " + ", ".join(f"{e.name} {e.probability:.0%}" for e in rest)]
    return "\n".join(lines)
