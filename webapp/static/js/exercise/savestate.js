// The visible saved state ("Saving…", "All changes saved", "Offline — will retry"), and short
// messages when the page refuses an action. Going offline and coming back are also read out.

import { announce } from "./announce.js";

const TEXTS = {
  saved: () => "All changes saved",
  saving: (count) => (count > 1 ? `Saving… (${count} changes)` : "Saving…"),
  offline: (count) => `Offline — will retry (${count} unsaved ${count === 1 ? "change" : "changes"} kept in this browser)`,
  blocked: (count, message) => `Not saved yet: ${message || "the server refused"} (${count} kept in this browser; retrying)`,
};

export class SaveState {
  constructor(element) {
    this.element = element;
    this.text = element.querySelector(".save-text");
    this.message = document.getElementById("exercise-message");
    this.state = element.dataset.state;
    this.timer = null;
  }

  show(state, count = 0, message = "") {
    const before = this.state;
    this.state = state;
    this.element.dataset.state = state;
    this.text.textContent = TEXTS[state](count, message);
    if ((state === "offline" || state === "blocked") && before !== state) announce(this.text.textContent);
    if (state === "saved" && (before === "offline" || before === "blocked")) announce("Connection back: all changes saved.");
  }

  flash(text) {
    if (!this.message) return;
    this.message.textContent = text;
    this.message.hidden = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.message.hidden = true; }, 10000);
  }
}
