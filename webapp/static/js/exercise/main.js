// The labelling exercise: wires the article, the palette, the editor, the list and the saving
// queue together. The page is readable before this runs; this adds selecting and labelling.

import { announce, initAnnouncer } from "./announce.js";
import { Editor } from "./editor.js";
import { Highlighter } from "./highlight.js";
import { uuid } from "./ids.js";
import { bindKeyboard } from "./keyboard.js";
import { LabelList } from "./list.js";
import { LabelStore } from "./labels.js";
import { NoteDrafts, notePrefix } from "./notedrafts.js";
import { bindPointer } from "./pointer.js";
import { SaveState } from "./savestate.js";
import { Suggestions } from "./suggestions.js";
import { storagePrefix, SyncQueue } from "./sync.js";
import { Tokens } from "./tokens.js";

const $ = (id) => document.getElementById(id);

class Exercise {
  constructor(data) {
    this.data = data;
    this.locked = data.locked;
    // The teacher's key editor is this same page in "key" mode: a label's note is its rationale,
    // which a key label must have, so a new label stays in this page until it has one.
    this.keyMode = data.mode === "key";
    this.container = $("article-text");
    this.tokens = new Tokens(this.container);
    this.store = new LabelStore(data.labels, data.cues, (start, end) => this.tokens.text(...this.tokens.range(start, end)));
    this.current = 0;
    this.anchor = null;
    this.selection = null;
    this.highlighter = new Highlighter(this.container, this.tokens, this.store);
    this.saveState = new SaveState($("save-state"));
    this.drafts = new NoteDrafts(notePrefix(data.assignment, data.student));
    this.editor = new Editor($("editor"), this.store, {
      apply: (cue) => this.apply(cue, "pointer"),
      changeCue: (id, cue) => this.update(id, { cue }),
      saveDetails: (id, note, confidence) => this.update(id, { note, confidence }),
      remove: (id) => this.remove(id, null),
      extend: (direction) => this.extendBy(direction),
      closed: () => this.clearSelection(false),
    }, this.drafts);
    this.list = new LabelList($("label-list"), $("label-count"), $("no-labels"), this.store, {
      locked: this.locked, keyMode: this.keyMode,
      onEdit: (id, origin) => this.edit(id, origin, true),
      onDelete: (id, next) => this.remove(id, next),
      onShow: (id) => this.show(id),
    });
    this.sync = new SyncQueue({
      prefix: storagePrefix(data.assignment, data.student), url: data.api.changes,
      csrf: document.querySelector("meta[name=csrf-token]").content,
      onStatus: (state, count, message) => this.saveState.show(state, count, message),
      onSaved: (change, result) => this.saved(change, result),
      onRejected: (change, error) => this.rejected(change, error),
    });
  }

  start() {
    // Only the current word is focusable (a roving tabindex). Chrome starts no text selection when
    // the mouse goes down at the edge of a focusable element, so the others carry no tabindex.
    if (this.tokens.length) this.tokens.elements[0].tabIndex = 0;
    this.store.reset(this.data.labels, this.sync.pending);
    this.store.onChange(() => this.redraw());
    this.redraw();
    bindKeyboard(this.container, this.tokens, this);
    this.container.addEventListener("focusin", () => {
      if (this.told) return;
      this.told = true;
      announce($("keys-summary").textContent);
    });
    if (this.keyMode && $("suggestion-list")) {
      this.suggestions = new Suggestions($("suggestion-list"), $("suggestion-count"), this.data.suggestions || [],
        this.store, { storageKey: `framelab:rejected:${this.data.assignment}:${this.data.student}`,
          accept: (s) => this.acceptSuggestion(s) });
      this.suggestions.render();
      window.addEventListener("beforeunload", (event) => {
        if (this.store.all().some((l) => l.draft)) event.preventDefault();
      });
    }
    if (!this.locked) {
      bindPointer(this.container, this.tokens, this);
      document.querySelectorAll("#palette button[data-cue]").forEach((button) =>
        button.addEventListener("click", () => this.apply(button.dataset.cue, "palette")));
      this.sync.kick();
    }
    this.container.classList.add("ready");
  }

  redraw() {
    this.highlighter.render(this.selection);
    this.list.render();
    if (this.suggestions) this.suggestions.render();
  }

  // ---- moving and selecting -------------------------------------------------------------------

  setCurrent(index, focus = true) {
    const old = this.tokens.elements[this.current];
    if (old && this.current !== index) old.removeAttribute("tabindex");
    this.current = index;
    const element = this.tokens.elements[index];
    element.tabIndex = 0;
    if (focus) element.focus({ preventScroll: true });
    if (focus) element.scrollIntoView({ block: "nearest" });
  }

  moveTo(index, extend) {
    if (extend) {
      if (this.anchor === null) this.anchor = this.current;
      this.setCurrent(index);
      this.setSelection(Math.min(this.anchor, index), Math.max(this.anchor, index));
      announce(`Selected: ${this.selectedText()}`);
      return;
    }
    this.setCurrent(index);
    const labels = this.labelsAt(index).map((l) => this.store.cueName(l.cue));
    const where = `sentence ${this.tokens.sentenceNumber(index)}`;
    announce(labels.length ? `${this.tokens.elements[index].textContent}, ${where}, labelled ${labels.join(" and ")}`
      : `${this.tokens.elements[index].textContent}, ${where}`);
  }

  setSelection(first, last) {
    this.selection = [first, last];
    this.highlighter.render(this.selection);
  }

  selectedText() {
    return this.selection ? this.tokens.text(this.selection[0], this.selection[1]) : "";
  }

  selectRange(first, last, origin) {
    this.anchor = first;
    this.setCurrent(last);
    this.setSelection(first, last);
    if (origin === "pointer") this.editor.openChooser(this.selectedText(), this.tokens.elements[last]);
    announce(`Selected: ${this.selectedText()}. Choose a cue or press its number.`);
  }

  extendTo(index, origin) {
    const anchor = this.anchor ?? this.current;
    this.selectRange(Math.min(anchor, index), Math.max(anchor, index), origin);
    this.anchor = anchor;
  }

  /** The bottom sheet's ◀ ▶ buttons: widen the selection by one word (and its punctuation). */
  extendBy(direction) {
    if (!this.selection) return;
    let [first, last] = this.selection;
    const isWord = (i) => !this.tokens.elements[i].classList.contains("p");
    const step = (i) => {
      let next = i + direction;
      while (next > 0 && next < this.tokens.length - 1 && !isWord(next)) next += direction;
      return Math.max(0, Math.min(this.tokens.length - 1, next));
    };
    if (direction < 0) first = step(first); else last = step(last);
    this.anchor = first;
    this.setSelection(first, last);
    this.editor.openChooser(this.selectedText());
    announce(`Selected: ${this.selectedText()}`);
  }

  toggleWord(index) {
    if (this.selection) { this.clearSelection(); announce("Selection cleared."); return; }
    this.selectRange(index, index, "keyboard");
  }

  clearSelection(closeEditor = true) {
    this.selection = null;
    this.anchor = null;
    this.highlighter.render(null);
    if (closeEditor && this.editor.mode === "choose") this.editor.close();
  }

  escape() {
    if (this.editor.isOpen) this.editor.close();
    this.clearSelection();
    announce("Selection cleared.");
  }

  labelsAt(index) {
    return this.store.at(this.tokens.starts[index], this.tokens.ends[index]);
  }

  // ---- labelling ------------------------------------------------------------------------------

  applyKey(key) {
    const cue = this.store.cueByKey(key);
    if (!cue) { announce(`No cue has the number ${key} in this exercise.`); return; }
    this.apply(cue.id, "keyboard");
  }

  refuse(message) {
    announce(message);
    if (this.editor.isOpen) this.editor.message(message);
    else this.saveState.flash(message);
  }

  apply(cueId, origin) {
    if (this.locked) { this.refuse("This work is submitted; the labels are locked."); return; }
    const [first, last] = this.selection || [this.current, this.current];
    const start = this.tokens.starts[first];
    const end = this.tokens.ends[last];
    const clash = this.store.clash(cueId, start, end);
    if (clash) {
      this.refuse(`Part of this passage already has a ${this.store.cueName(cueId)} label (“${clash.text}”). `
        + "Change or delete that label, or choose another cue.");
      return;
    }
    const label = { client_id: uuid(), cue: cueId, start, end, text: this.tokens.text(first, last),
      note: null, confidence: "sure" };
    if (this.keyMode) { this.draftKeyLabel(label, last); return; }
    this.store.put(label);
    this.send("save", label);
    this.selection = null;
    this.anchor = null;
    this.redraw();
    announce(`Labelled “${label.text}” as ${this.store.cueName(cueId)}. Saving.`
      + (origin === "keyboard" ? " Press E to add a note." : ""));
    if (origin === "pointer") this.editor.openLabel(label.client_id, this.tokens.elements[last]);
    else if (this.editor.isOpen) this.editor.close();
  }

  /** Key mode: keep a new label in the page and ask for its rationale; it is saved with it. */
  draftKeyLabel(label, last) {
    this.store.put({ ...label, draft: true });
    this.selection = null;
    this.anchor = null;
    this.redraw();
    this.editor.openLabel(label.client_id, this.tokens.elements[last], { focus: true });
    this.editor.note.focus();
    announce(`Labelled “${label.text}” as ${this.store.cueName(label.cue)}. Write the rationale, then save it.`);
  }

  acceptSuggestion(suggestion) {
    const [first, last] = this.tokens.range(suggestion.start, suggestion.end);
    this.selection = [first, last];
    this.setCurrent(last, false);
    this.apply(suggestion.cue, "suggestion");
  }

  update(clientId, changes) {
    const label = this.store.get(clientId);
    if (!label || this.locked) return;
    if (changes.cue && changes.cue !== label.cue) {
      const clash = this.store.clash(changes.cue, label.start, label.end, clientId);
      if (clash) {
        this.refuse(`Part of this passage already has a ${this.store.cueName(changes.cue)} label. Choose another cue.`);
        return;
      }
    }
    if (this.keyMode && !(changes.note === undefined ? label.note : changes.note.trim())) {
      // A key label is saved only with its rationale: a draft keeps its other changes in the page;
      // a saved label keeps its saved rationale.
      if (label.draft) this.store.put({ ...label, ...changes, note: null });
      if (label.draft) this.redraw();
      if (changes.note !== undefined) this.refuse("A key label needs a rationale: say in a sentence why this passage shows the cue.");
      if (this.editor.clientId === clientId) this.editor.openLabel(clientId);
      return;
    }
    const note = changes.note === undefined ? label.note : (changes.note.trim() || null);
    const next = { ...label, ...changes, note, feedback: undefined, draft: undefined };
    this.store.put(next);
    this.send("save", next);
    this.redraw();
    if (this.editor.clientId === clientId) this.editor.openLabel(clientId);
    announce(`Label changed: ${this.store.cueName(next.cue)}, ${next.confidence}${next.note ? ", with a note" : ""}. Saving.`);
  }

  remove(clientId, nextId) {
    const label = this.store.get(clientId);
    if (!label || this.locked) return;
    this.store.remove(clientId);
    this.drafts.clear(clientId);
    if (!label.draft) this.send("delete", { client_id: clientId });
    if (this.editor.clientId === clientId) this.editor.close();
    this.redraw();
    announce(`Deleted the ${this.store.cueName(label.cue)} label on “${label.text}”.`);
    // Focus goes back where the student was: the next label of the list, else the article at the
    // passage that lost its label (never to the page's top, as a removed button would leave it).
    if (nextId && this.list.focus(nextId)) return;
    const [first] = this.tokens.range(label.start, label.end);
    this.setCurrent(first);
  }

  send(op, label) {
    const change = { change_id: uuid(), op, client_id: label.client_id };
    if (op === "save") {
      const { client_id, cue, start, end, note, confidence } = label;
      change.label = { client_id, cue, start, end, note, confidence };
    }
    this.sync.push(change);
  }

  edit(clientId, origin, focus) {
    const label = this.store.get(clientId);
    if (!label) return;
    const [, last] = this.tokens.range(label.start, label.end);
    this.editor.openLabel(clientId, origin && origin.closest && origin.closest(".side") ? origin : this.tokens.elements[last],
      { focus });
  }

  editAt(index) {
    const labels = this.labelsAt(index);
    if (!labels.length) { announce("No label on this word. Select words and press a cue number first."); return; }
    if (this.locked) { announce(labels.map((l) => this.store.cueName(l.cue)).join(" and ")); return; }
    const inner = labels.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
    this.edit(inner.client_id, this.tokens.elements[index], true);
  }

  show(clientId) {
    const label = this.store.get(clientId);
    if (!label) return;
    const [first] = this.tokens.range(label.start, label.end);
    this.setCurrent(first);
    announce(`${this.store.cueName(label.cue)}: “${label.text}”`);
  }

  goToList() {
    if (!this.list.focus(null)) announce("You have no labels yet.");
  }

  toggleHelp() {
    const help = $("help-panel");
    help.open = !help.open;
    announce(help.open ? "Keyboard keys shown after the labels list." : "Keyboard keys hidden.");
  }

  // ---- answers from the server ----------------------------------------------------------------

  saved(change, result) {
    const later = this.sync.pending.some((c) => c.client_id === change.client_id);
    if (!later && result.label) this.store.put({ ...result.label, feedback: result.feedback });
    if (!later && !result.label) this.store.remove(change.client_id);
    this.redraw();
    if (this.editor.clientId === change.client_id && this.editor.mode === "edit") {
      this.editor.openLabel(change.client_id);
    }
    if (result.feedback && !later) announce(result.feedback.message);
  }

  async rejected(change, error) {
    this.refuse(`Not saved: ${error.error}`);
    if (error.code === "submitted") this.lock();
    try {
      const response = await fetch(this.data.api.labels, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) {
        const body = await response.json();
        this.store.reset(body.labels, this.sync.pending);
        this.redraw();
      }
    } catch { /* offline: the next successful save brings the labels back in line */ }
  }

  lock() {
    this.locked = true;
    this.list.locked = true;
    document.querySelectorAll("#palette button").forEach((b) => { b.disabled = true; });
    this.editor.close();
  }
}

const dataNode = $("exercise-data");
if (dataNode) {
  initAnnouncer($("announcer"));
  const exercise = new Exercise(JSON.parse(dataNode.textContent));
  exercise.start();
  window.framelabExercise = exercise; // for the browser tests and the curious
}
