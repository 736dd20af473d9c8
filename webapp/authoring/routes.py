"""Teacher authoring pages: add an article (upload or paste), review the cleaning, fill in the
metadata and save; write a key in the labelling interface. Views are thin: the work is in
``webapp.services.authoring``. A teacher reaches the corpus and their own work only; anything
else answers 404."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import RequestEntityTooLarge

from webapp.authoring.forms import DiscardForm, LeftoverForm, MetadataForm, RemovalForm, UploadForm
from webapp.authoring.pages import draft_defaults, key_page
from webapp.corpus.articles import CorpusError
from webapp.corpus.reading import ArticleInputError
from webapp.extensions import db
from webapp.services.authoring import articles, drafts, keys
from webapp.web.access import teacher_required

bp = Blueprint("authoring", __name__, url_prefix="/authoring")


@bp.get("/")
@teacher_required
def index():
    visible = articles.visible_articles(db.session, current_user)
    return render_template("authoring/index.html", drafts=drafts.teacher_drafts(db.session, current_user),
                           articles=articles.own_articles(db.session, current_user),
                           corpus=[a for a in visible if a.owner_id is None], draft_days=drafts.DRAFT_DAYS)


def _upload_page(form: UploadForm, problem: str | None = None, status: int = 200):
    return render_template("authoring/new.html", form=form, problem=problem, limit=drafts.limit_text(),
                           min_words=drafts.MIN_ARTICLE_WORDS), status


@bp.route("/new", methods=["GET", "POST"])
@teacher_required
def new():
    try:
        form = UploadForm()
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        problem = f"That file is too large: the limit is {drafts.limit_text()}. Save only the article."
        return _upload_page(UploadForm(formdata=None), problem, 413)
    if not valid:
        return _upload_page(form, status=400 if request.method == "POST" else 200)
    if form.upload.data:
        data, name = form.upload.data.read(), form.upload.data.filename or "upload"
    else:
        data, name = form.pasted.data.encode("utf-8"), drafts.PASTE_NAME
    try:
        draft = drafts.create_draft(db.session, current_user, data, name)
    except ArticleInputError as error:
        db.session.rollback()
        return _upload_page(form, str(error), 400)
    db.session.commit()
    return redirect(url_for(".draft", draft_id=draft.id))


def _own_draft(draft_id: int):
    draft = drafts.own_draft(db.session, current_user, draft_id)
    if draft is None:
        abort(404)
    return draft


def _details(form: MetadataForm) -> articles.ArticleDetails:
    return articles.ArticleDetails(
        headline=form.headline.data.strip(), outlet=form.outlet.data.strip(),
        outlet_kind=form.outlet_kind.data, published=form.published.data,
        byline=(form.byline.data or "").strip() or None, story_id=form.story.data,
        new_story_title=(form.new_story_title.data or "").strip() or None,
        derived_from=form.derived_from.data or None, invented=bool(form.invented.data),
        source_note=(form.source_note.data or "").strip() or None)


@bp.route("/drafts/<int:draft_id>", methods=["GET", "POST"])
@teacher_required
def draft(draft_id: int):
    """Review the cleaning and fill in the metadata; a valid POST saves the article."""
    if request.method == "POST" and drafts.own_draft(db.session, current_user, draft_id) is None:
        flash("This upload was already saved or discarded; nothing changed.", "info")  # a double submit
        return redirect(url_for(".index"))
    found = _own_draft(draft_id)
    reviewed = drafts.review(found)
    form = MetadataForm(data=draft_defaults(reviewed) if request.method == "GET" else None)
    form.fill(articles.visible_stories(db.session, current_user),
              articles.visible_articles(db.session, current_user))
    problem = None
    if form.validate_on_submit():
        try:
            article = articles.save_article(db.session, current_user, found, _details(form))
            db.session.commit()
        except (ArticleInputError, CorpusError, ValueError) as error:
            db.session.rollback()
            problem = str(error)
        except IntegrityError:  # the same form sent twice at once: the other request saved it
            db.session.rollback()
            flash("This upload was already saved; nothing changed.", "info")
            return redirect(url_for(".index"))
        else:
            flash("The article is saved and analysed. Now write its answer key.", "success")
            # The anchor replaces the review page's "#cleaning", which the browser would carry over.
            return redirect(url_for(".key", article_id=article.id, _anchor="content"))
    status = 400 if request.method == "POST" else 200
    return render_template("authoring/draft.html", review=reviewed, form=form, problem=problem,
                           min_words=drafts.MIN_ARTICLE_WORDS,
                           removal_form=RemovalForm(formdata=None), leftover_form=LeftoverForm(formdata=None),
                           discard_form=DiscardForm(formdata=None)), status


@bp.post("/drafts/<int:draft_id>/removals")
@teacher_required
def removal(draft_id: int):
    """Undo or redo one removal. The metadata typed so far is on another form: the page's script
    keeps it in the tab (sessionStorage) across the reload."""
    found = _own_draft(draft_id)
    form = RemovalForm()
    undo = form.action.data == "undo"
    if not form.validate_on_submit() or not drafts.set_removal(found, form.removal.data, undo):
        flash("That removal was not found; the text is unchanged.", "error")
    else:
        db.session.commit()
        flash("Put back in the text." if undo else "Removed again.", "success")
    return redirect(url_for(".draft", draft_id=found.id, _anchor="cleaning"))


@bp.post("/drafts/<int:draft_id>/leftovers")
@teacher_required
def leftover(draft_id: int):
    """Correct or delete one paragraph the cleaner left in but flagged as possible debris."""
    found = _own_draft(draft_id)
    form = LeftoverForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors) or "Nothing changed.", "error")
        return redirect(url_for(".draft", draft_id=found.id, _anchor="leftovers"))
    try:
        drafts.edit_leftover(found, form.original.data, form.corrected.data or "")
    except ValueError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash("Paragraph deleted." if not (form.corrected.data or "").strip() else "Paragraph corrected.", "success")
    return redirect(url_for(".draft", draft_id=found.id, _anchor="leftovers"))


@bp.post("/drafts/<int:draft_id>/discard")
@teacher_required
def discard(draft_id: int):
    found = _own_draft(draft_id)
    if DiscardForm().validate_on_submit():
        db.session.delete(found)
        db.session.commit()
        flash("The draft is discarded.", "success")
    return redirect(url_for(".index"))


def _visible_article(article_id: str):
    article = articles.visible_article(db.session, current_user, article_id)
    if article is None:
        abort(404)
    return article


@bp.get("/articles/<article_id>/key")
@teacher_required
def key(article_id: str):
    article = _visible_article(article_id)
    return render_template("authoring/key.html", **key_page(db.session, article, current_user),
                           copy_form=DiscardForm(formdata=None))


@bp.post("/articles/<article_id>/key/copy")
@teacher_required
def copy_key(article_id: str):
    article = _visible_article(article_id)
    if DiscardForm().validate_on_submit():
        copied = keys.copy_corpus_key(db.session, article, current_user)
        flash(f"Your own version of the key starts with the corpus key's {copied} labels.", "success")
    return redirect(url_for(".key", article_id=article.id))


@bp.app_template_filter("iso_date")
def _iso_date(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""
