// The label editor, a small non-modal dialog. Opened on a new selection it offers the cues
// ("chooser"); opened on a label it changes its cue, note and confidence or deletes it. On wide
// screens it sits next to the passage; on narrow ones it is docked at the bottom of the screen.

const NARROW = window.matchMedia("(max-width: 900px)");

export class Editor {
  constructor(root, store, actions, drafts = null) {
    this.root = root;
    this.store = store;
    this.drafts = drafts; // NoteDrafts: a typed note survives closing the editor unsaved
    // { apply(cue), changeCue(id, cue), saveDetails(id, note, confidence), remove(id), extend(direction) }
    this.actions = actions;
    this.mode = null;
    this.clientId = null;
    this.returnTo = null;
    this.find = (id) => root.querySelector(`#${id}`);
    this.note = this.find("editor-note");
    this.bind();
  }

  bind() {
    this.find("editor-cue-buttons").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-cue]");
      if (!button) return;
      if (this.mode === "choose") this.actions.apply(button.dataset.cue);
      else this.actions.changeCue(this.clientId, button.dataset.cue);
    });
    this.find("editor-save").addEventListener("click", () => this.saveDetails());
    this.find("editor-extend-start")?.addEventListener("click", () => this.actions.extend?.(-1));
    this.find("editor-extend-end")?.addEventListener("click", () => this.actions.extend?.(1));
    this.find("editor-delete").addEventListener("click", () => this.actions.remove(this.clientId));
    this.find("editor-close").addEventListener("click", () => this.close(true));
    this.root.querySelectorAll("input[name=editor-confidence]").forEach((radio) =>
      radio.addEventListener("change", () => this.saveDetails()));
    this.note.addEventListener("input", () => {
      this.count();
      if (this.mode === "edit" && this.drafts) this.drafts.set(this.clientId, this.note.value);
      this.unsaved();
    });
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); this.close(true); }
    });
  }

  get isOpen() { return !this.root.hidden; }

  /** Show or hide an optional part of the editor (the key editor's page has no extend buttons). */
  toggle(id, shown) {
    const node = this.find(id);
    if (node) node.hidden = !shown;
  }

  count() {
    this.find("editor-note-count").textContent = `${this.note.value.length} of ${this.note.maxLength} characters`;
  }

  confidence() {
    return this.root.querySelector("input[name=editor-confidence]:checked")?.value || "sure";
  }

  saveDetails() {
    if (this.mode !== "edit") return;
    this.actions.saveDetails(this.clientId, this.note.value, this.confidence());
    if (this.drafts) this.drafts.clear(this.clientId);
    this.unsaved();
  }

  /** Say when the note in the box is not the saved one (it is kept in this browser meanwhile). */
  unsaved() {
    const node = this.find("editor-note-draft");
    if (!node) return;
    const label = this.mode === "edit" ? this.store.get(this.clientId) : null;
    node.hidden = !label || this.note.value.trim() === (label.note || "").trim();
  }

  pressed(cueId) {
    this.root.querySelectorAll("#editor-cue-buttons button").forEach((button) =>
      button.setAttribute("aria-pressed", String(button.dataset.cue === cueId)));
  }

  /** Offer the cues for a new selection of ``text``. */
  openChooser(text, anchor, { focus = false } = {}) {
    this.mode = "choose";
    this.clientId = null;
    this.find("editor-title").textContent = "Choose a cue for this passage";
    this.find("editor-passage").textContent = `“${text}”`;
    this.find("editor-details").hidden = true;
    this.find("editor-save").hidden = true;
    this.find("editor-delete").hidden = true;
    this.toggle("editor-extend", true);
    this.message("");
    this.pressed(null);
    this.show(anchor, focus);
  }

  /** Edit the label ``clientId`` (its cue, note and confidence). */
  openLabel(clientId, anchor, { focus = false } = {}) {
    const label = this.store.get(clientId);
    if (!label) return;
    const wasOpen = this.isOpen && this.clientId === clientId;
    this.mode = "edit";
    this.clientId = clientId;
    this.find("editor-title").textContent = `Label: ${this.store.cueName(label.cue)}`;
    this.find("editor-passage").textContent = `“${label.text}”`;
    this.find("editor-details").hidden = false;
    this.find("editor-save").hidden = false;
    this.find("editor-delete").hidden = false;
    this.toggle("editor-extend", false);
    if (!wasOpen) {
      const draft = this.drafts ? this.drafts.get(clientId) : null;
      this.note.value = draft ?? label.note ?? "";
      this.root.querySelectorAll("input[name=editor-confidence]").forEach((radio) => {
        radio.checked = radio.value === (label.confidence || "sure");
      });
      this.message("");
    }
    this.count();
    this.unsaved();
    this.verdict(label.feedback);
    this.pressed(label.cue);
    this.show(anchor, focus);
  }

  verdict(feedback) {
    const node = this.find("editor-verdict");
    node.hidden = !feedback;
    if (!feedback) return;
    node.className = `verdict verdict-${feedback.verdict}`;
    node.textContent = feedback.message + (feedback.rationale ? ` Key: ${feedback.rationale}` : "");
  }

  message(text) {
    const node = this.find("editor-message");
    node.textContent = text;
    node.hidden = !text;
  }

  /** Show the editor; ``anchor`` undefined keeps it where it is, null docks it. */
  show(anchor, focus) {
    if (focus && !this.isOpen) this.returnTo = document.activeElement;
    const wasOpen = this.isOpen;
    this.root.hidden = false;
    if (anchor !== undefined || !wasOpen) this.place(anchor ?? null);
    if (focus) {
      const target = this.root.querySelector("#editor-cue-buttons button[aria-pressed=true]")
        || this.root.querySelector("#editor-cue-buttons button");
      target.focus();
    }
  }

  place(anchor) {
    this.root.classList.toggle("docked", NARROW.matches || !anchor);
    if (NARROW.matches || !anchor) { this.root.style.left = ""; this.root.style.top = ""; return; }
    const rect = anchor.getBoundingClientRect();
    const width = this.root.offsetWidth;
    const height = this.root.offsetHeight;
    const viewTop = window.scrollY + 8;
    const viewBottom = window.scrollY + window.innerHeight - height - 8;
    let top = rect.bottom + window.scrollY + 10;  // below the passage when it fits,
    if (top > viewBottom && rect.top - height - 10 >= 8) top = rect.top + window.scrollY - height - 10; // else above,
    top = Math.max(viewTop, Math.min(top, viewBottom));  // else as close as the screen allows
    const left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    this.root.style.left = `${left}px`;
    this.root.style.top = `${top}px`;
  }

  close(restoreFocus = false) {
    if (!this.isOpen) return;
    this.root.hidden = true;
    this.mode = null;
    this.clientId = null;
    if (restoreFocus && this.returnTo && document.contains(this.returnTo)) this.returnTo.focus();
    this.returnTo = null;
    this.actions.closed?.(restoreFocus);
  }
}
