"""The plain-words recommendation on a retraining result, for an administrator who is not a
statistician: better or worse than the model in use, and what to do, before any number.

The yardstick is macro-F1 over the cues (the mean of the per-cue F1 on sentences, measured with
leave-one-story-out cross-validation for both models). A change smaller than
:data:`MEANINGFUL_GAIN` is within what retraining on a few more keys moves by chance on a corpus
this size, so only a gain of at least that much recommends the new model.
"""

from __future__ import annotations

from dataclasses import dataclass

MEANINGFUL_GAIN = 0.02  # macro-F1 points; a smaller gain keeps the model in use
CUE_DROP = 0.05  # a cue losing this much F1 is named, even when the whole gets better


@dataclass(frozen=True)
class Advice:
    use_new: bool
    sentence: str  # the recommendation in words, shown first
    caution: str | None = None  # cues the new model is worse at, when there are any


def _dropped(rows: list[dict], cue_names: dict[str, str]) -> str | None:
    worse = [cue_names.get(r["cue"], r["cue"]) for r in rows
             if r["cue"] != "macro-F1" and r.get("old") is not None and r["old"] - r["new"] >= CUE_DROP]
    return f"It is worse at finding: {', '.join(worse)}." if worse else None


def advise(outcome: dict, cue_names: dict[str, str] | None = None) -> Advice:
    """What to do with a finished run's candidate, from its figures beside the model in use's."""
    rows = list(outcome.get("rows") or [])
    total = next((r for r in rows if r["cue"] == "macro-F1"), None)
    caution = _dropped(rows, cue_names or {})
    if total is None or total.get("old") is None:
        if not outcome.get("has_old"):
            return Advice(True, "There is no model in use to compare with: use the new one.")
        return Advice(False, "The current model's figures were not recorded, so the two cannot be compared: "
                             "keep the current one.", caution)
    change = total["new"] - total["old"]
    if change >= MEANINGFUL_GAIN:
        return Advice(True, "The new model is better than the current one: use the new one.", caution)
    if change > 0:
        return Advice(False, "The new model is only slightly better than the current one, by less than the "
                             f"{MEANINGFUL_GAIN:.2f} that counts: keep the current one.", caution)
    if change > -MEANINGFUL_GAIN:
        return Advice(False, "The new model is slightly worse than the current one: keep the current one.", caution)
    return Advice(False, "The new model is worse than the current one: keep the current one.", caution)
