"""Exports of a class's work: a gradebook CSV, a long CSV (one row per label), a JSON archive that
``framelab import-class`` restores, and an XLSX workbook; each also de-identified.

``webapp.exports.formats.export_class`` is the one entry point for the web and the command line.
"""
