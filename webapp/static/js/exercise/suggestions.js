// The classifier's suggestions in the teacher's key editor: optional pre-labels, each accepted
// (it becomes a key label, which then needs its rationale) or rejected (hidden, remembered in this
// browser). A suggestion the key already covers (same cue, overlapping) is not offered.

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class Suggestions {
  constructor(list, count, suggestions, store, { storageKey, accept }) {
    Object.assign(this, { list, count, suggestions, store, storageKey, accept });
    this.rejected = new Set(this.load());
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      const li = button.closest("li");
      const suggestion = this.suggestions.find((s) => s.id === li.dataset.suggestion);
      const next = li.nextElementSibling || li.previousElementSibling;
      if (button.dataset.action === "accept") this.accept(suggestion);
      else this.reject(suggestion);
      const again = next && this.list.querySelector(`li[data-suggestion="${next.dataset.suggestion}"] button`);
      if (button.dataset.action === "reject" && again) again.focus();
    });
  }

  load() {
    try { return JSON.parse(localStorage.getItem(this.storageKey) || "[]"); } catch { return []; }
  }

  reject(suggestion) {
    this.rejected.add(suggestion.id);
    try { localStorage.setItem(this.storageKey, JSON.stringify(Array.from(this.rejected))); } catch { /* full */ }
    this.render();
  }

  open() {
    return this.suggestions.filter((s) => !this.rejected.has(s.id)
      && !this.store.all().some((l) => l.cue === s.cue && l.start < s.end && l.end > s.start));
  }

  render() {
    const shown = this.open();
    this.list.replaceChildren(...shown.map((s) => {
      const li = element("li", "suggestion-item");
      li.dataset.suggestion = s.id;
      const score = typeof s.score === "number" ? ` (${Math.round(s.score * 100)}%)` : "";
      li.append(element("strong", null, this.store.cueName(s.cue)), score, " ", element("q", "label-text", s.text), " ");
      const actions = element("span", "label-actions");
      [["accept", "Accept"], ["reject", "Reject"]].forEach(([action, name]) => {
        const button = element("button", "secondary small", name);
        button.type = "button";
        button.dataset.action = action;
        button.append(element("span", "visually-hidden", ` the ${this.store.cueName(s.cue)} suggestion “${s.text}”`));
        actions.append(button);
      });
      li.append(actions);
      return li;
    }));
    this.count.textContent = String(shown.length);
  }
}
