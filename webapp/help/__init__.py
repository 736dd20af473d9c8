"""In-app help pages, rendered from the project's docs/ Markdown."""
