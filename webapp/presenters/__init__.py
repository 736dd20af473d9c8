"""Presenters: plain data and wording for templates, built from the services' results (no Flask)."""
