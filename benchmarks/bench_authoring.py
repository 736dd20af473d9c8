"""Time teacher authoring: reading and cleaning an upload, the review page's recomputed cleaning,
saving (the one analysis, with the classifier) and building the key editor's page.

Works in a temporary SQLite database (migrations, the shipped content, one teacher). The upload
is the raw scraped seed article 002 (.txt), and the same text wrapped as a saved .html page with
a script, a style and navigation. Prints the median and the fastest of several runs; each run is
rolled back. Not a test; nothing is asserted.

Run with ``PYTHONPATH=. python benchmarks/bench_authoring.py``.
"""

from __future__ import annotations

import datetime as dt
import html
import tempfile
from pathlib import Path

from benchlib import timings_ms

REPEATS = 5
RAW = Path(__file__).resolve().parent.parent / "corpus" / "raw" / "iraq-2021"


def saved_page(text: str) -> bytes:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (f"<!doctype html><html><head><title>Seed</title><style>p{{color:red}}</style>"
            f"<script>alert(1)</script></head><body><nav><a href='/'>Home</a></nav><article>{body}"
            f"</article></body></html>").encode()


def main() -> None:
    from flask import Flask
    from flask_migrate import upgrade

    from webapp import paths
    from webapp.app import create_app
    from webapp.authoring.pages import key_page
    from webapp.extensions import db
    from webapp.services import accounts
    from webapp.services.authoring import articles, drafts
    from webapp.services.content import load_content
    from webapp.services.model import current_detector

    raw = next(RAW.glob("002_*.txt")).read_text(encoding="utf-8")
    page = saved_page(raw)
    with tempfile.TemporaryDirectory() as folder:
        app: Flask = create_app({"SECRET_KEY": "bench", "TESTING": True, "SERVER_NAME": "localhost",
                                 "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite'}"})
        with app.app_context(), app.test_request_context():
            upgrade()
            load_content(db.session, paths.corpus_dir(), paths.lessons_dir(), *current_detector())
            teacher = accounts.create_teacher(db.session, "bench@example.org", "Bench", "correct horse battery")
            db.session.commit()
            details = articles.ArticleDetails("Biden ends the combat mission", "The Bench Post", "newspaper",
                                              dt.date(2021, 7, 27), None, articles.NEW_STORY, "Bench story",
                                              None, False, None)

            def upload(data: bytes, name: str):
                draft = drafts.create_draft(db.session, teacher, data, name)
                db.session.rollback()
                return draft

            def save():
                draft = drafts.create_draft(db.session, teacher, raw.encode(), "seed.txt")
                articles.save_article(db.session, teacher, draft, details)
                db.session.rollback()

            draft = drafts.create_draft(db.session, teacher, raw.encode(), "seed.txt")
            saved = articles.save_article(db.session, teacher, draft, details)
            db.session.commit()
            words = saved.analysis["words"]
            draft = drafts.create_draft(db.session, teacher, raw.encode(), "seed.txt")
            db.session.commit()
            runs = [
                (f"upload .txt ({len(raw) // 1024} KiB): read and clean", lambda: upload(raw.encode(), "s.txt")),
                (f"upload .html ({len(page) // 1024} KiB): extract and clean", lambda: upload(page, "s.html")),
                ("review page: cleaning recomputed", lambda: drafts.review(draft)),
                (f"save: analyse once ({words} words) and store", save),
                ("key editor page context", lambda: key_page(db.session, saved, teacher)),
            ]
            for name, function in runs:
                median, fastest = timings_ms(function, REPEATS)
                print(f"{name:52} median {median:7.1f} ms, fastest {fastest:7.1f} ms")


if __name__ == "__main__":
    main()
