"""A readable, plain-text summary of one article's analysis, for the command line."""

from __future__ import annotations

from webapp.analysis.pipeline import ArticleAnalysis


def _tone_words(polarity: float, subjectivity: float) -> str:
    lean = "neutral" if abs(polarity) < 0.05 else ("positive" if polarity > 0 else "negative")
    voice = "mostly factual" if subjectivity < 0.3 else "mixed" if subjectivity < 0.5 else "opinionated"
    return f"{lean}, {voice}"


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarise(analysis: ArticleAnalysis) -> str:
    """Several lines per article: size, tone, sources, reporting verbs, credits, cues."""
    text, tone, sourcing = analysis.text, analysis.tone, analysis.sourcing
    first_line = text.split("\n", 1)[0]
    lines = [
        f"{analysis.id} — {_clip(first_line, 70)}",
        f"  {analysis.words} words, {len(tone.sentences)} sentences",
        f"  Tone: polarity {tone.polarity:+.2f}, subjectivity {tone.subjectivity:.2f} "
        f"({_tone_words(tone.polarity, tone.subjectivity)})",
    ]
    for sentence in tone.most_subjective(2):
        lines.append(f"    most subjective ({sentence.subjectivity:.2f}): “{_clip(sentence.span.text(text))}”")
    lines.append(
        f"  Sources: {sourcing.named_sources} named, {sourcing.anonymous_sources} anonymous; "
        f"{sourcing.quoted_word_share:.0%} of words inside quotation marks"
    )
    for source in sourcing.sources:
        kind = "named" if source.named else "anonymous"
        role = f"; {source.role}" if source.role else ""
        lines.append(f"    {source.name} ({kind}, {source.source_type}{role}): {', '.join(source.verbs)}")
    if sourcing.verb_counts:
        verbs = sorted(sourcing.verb_counts.items(), key=lambda item: (-item[1], item[0]))
        lines.append("  Reporting verbs: " + ", ".join(f"{v} {n}" for v, n in verbs))
    credits = list(sourcing.wire_credits) + list(sourcing.contributor_credits)
    if credits:
        lines.append("  Credits: " + ", ".join(credits))
    if analysis.cues:
        lines.append("  Cues: " + ", ".join(
            f"{c.cue} “{_clip(text[c.start:c.end], 40)}” ({c.score:.2f})" for c in analysis.cues))
    else:
        lines.append("  Cues: none predicted")
    return "\n".join(lines)
