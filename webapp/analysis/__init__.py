"""Text analysis without Flask: sentences, tone and sourcing, with character offsets.

Entry point: :func:`webapp.analysis.pipeline.analyze_text`, whose result's ``as_dict()`` is the
JSON schema documented in ``docs/analysis-schema.md``.
"""
