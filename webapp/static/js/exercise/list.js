// The list of the student's labels: readable without colour (cue name, passage, confidence, note),
// each item focusable; Enter edits, Delete removes, the arrows move between items.

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function swatch(cue) {
  const node = element("span", `swatch hl cue-${cue.id} cue-pattern-${cue.pattern}`, "Aa");
  node.setAttribute("aria-hidden", "true");
  return node;
}

function verdict(feedback) {
  const node = element("p", `verdict verdict-${feedback.verdict}`, feedback.message);
  if (feedback.rationale) node.append(" ", element("span", "rationale", `Key: ${feedback.rationale}`));
  return node;
}

function item(label, store, locked, keyMode) {
  const li = element("li", "label-item");
  li.tabIndex = 0;
  li.dataset.clientId = label.client_id;
  const cue = store.cues.get(label.cue) || { id: label.cue, pattern: "solid-underline" };
  const head = element("span", "label-cue");
  head.append(swatch(cue), " ", element("strong", null, store.cueName(label.cue)));
  li.append(head, " ", element("q", "label-text", label.text));
  if (!keyMode) li.append(" ", element("span", "label-confidence", label.confidence === "unsure" ? "Unsure" : "Sure"));
  if (label.note) li.append(element("p", "label-note", `${keyMode ? "Rationale" : "Note"}: ${label.note}`));
  if (label.draft) li.append(element("p", "label-draft error", "Not saved yet: write its rationale."));
  if (label.feedback) li.append(verdict(label.feedback));
  if (!locked) {
    const actions = element("span", "label-actions");
    const edit = element("button", "secondary small", "Edit");
    edit.type = "button"; edit.dataset.action = "edit";
    const remove = element("button", "secondary small", "Delete");
    remove.type = "button"; remove.dataset.action = "delete";
    [edit, remove].forEach((b) => b.append(element("span", "visually-hidden", ` the ${store.cueName(label.cue)} label`)));
    actions.append(edit, remove);
    li.append(actions);
  }
  li.setAttribute("aria-label", `${store.cueName(label.cue)}: “${label.text}”` + (keyMode ? "" : `, ${label.confidence}`)
    + (label.note ? `, ${keyMode ? "rationale" : "note"}: ${label.note}` : "") + (label.draft ? ", not saved yet" : "")
    + (label.feedback ? `. ${label.feedback.message}` : ""));
  return li;
}

export class LabelList {
  constructor(list, count, empty, store, { locked, keyMode = false, onEdit, onDelete, onShow }) {
    Object.assign(this, { list, count, empty, store, locked, keyMode, onEdit, onDelete, onShow });
    list.addEventListener("keydown", (event) => this.key(event));
    list.addEventListener("click", (event) => this.click(event));
  }

  render() {
    // The items are rebuilt (after every save the server confirms, too): focus on one of them
    // moves to its new copy, else it would fall to the page's top.
    const focused = this.list.contains(document.activeElement) ? document.activeElement : null;
    const focusedId = focused?.closest(".label-item")?.dataset.clientId;
    const labels = this.store.all();
    this.list.replaceChildren(...labels.map((label) => item(label, this.store, this.locked, this.keyMode)));
    this.count.textContent = String(labels.length);
    this.empty.hidden = labels.length > 0;
    if (!focusedId) return;
    const li = Array.from(this.list.children).find((node) => node.dataset.clientId === focusedId);
    const action = focused.dataset.action;
    const target = action ? li?.querySelector(`button[data-action="${action}"]`) : li;
    target?.focus({ preventScroll: true });
  }

  focus(clientId) {
    const items = Array.from(this.list.children);
    const found = items.find((li) => li.dataset.clientId === clientId) || items[0];
    if (found) found.focus();
    return Boolean(found);
  }

  key(event) {
    const li = event.target.closest(".label-item");
    if (!li || event.target !== li) return;
    const id = li.dataset.clientId;
    if ((event.key === "Delete" || event.key === "Backspace") && !this.locked) {
      event.preventDefault();
      const next = li.nextElementSibling || li.previousElementSibling;
      this.onDelete(id, next ? next.dataset.clientId : null);
    } else if (event.key === "Enter" && !this.locked) {
      event.preventDefault();
      this.onEdit(id, li);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const other = event.key === "ArrowDown" ? li.nextElementSibling : li.previousElementSibling;
      if (other) other.focus();
    }
  }

  click(event) {
    const li = event.target.closest(".label-item");
    if (!li) return;
    const button = event.target.closest("button");
    if (button && button.dataset.action === "edit") this.onEdit(li.dataset.clientId, button);
    else if (button && button.dataset.action === "delete") {
      const next = li.nextElementSibling || li.previousElementSibling;
      this.onDelete(li.dataset.clientId, next ? next.dataset.clientId : null);
    } else if (!button) this.onShow(li.dataset.clientId);
  }
}
