// Saving: every change goes to the server at once, in order, and stays in localStorage until the
// server confirms it, so closing the tab, a lost connection or a reload loses nothing. A change is
// dropped only when the server answers that it is invalid (an error with a `code`); anything else
// (no network, a server error, an expired session) is retried with a growing delay.

const RETRY_CODES = new Set(["conflict", "signed_out"]);
const MAX_DELAY = 30000;

export function storagePrefix(assignment, student) {
  return `framelab:pending:${assignment}:${student}:`;
}

/** The changes kept in this browser for this assignment and student, oldest first. */
export function storedChanges(prefix) {
  const found = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(prefix)) continue;
    try { found.push(JSON.parse(localStorage.getItem(key))); } catch { localStorage.removeItem(key); }
  }
  return found.sort((a, b) => a.seq - b.seq);
}

export class SyncQueue {
  constructor({ prefix, url, csrf, onStatus, onSaved, onRejected }) {
    Object.assign(this, { prefix, url, csrf, onStatus, onSaved, onRejected });
    this.queue = storedChanges(prefix);
    this.sending = false;
    this.delay = 0;
    this.timer = null;
    this.counter = 0;
    this.waiters = [];
    window.addEventListener("online", () => this.retryNow());
  }

  get pending() { return this.queue.slice(); }

  /** Keep the change in this browser, then send it. */
  push(change) {
    const stored = { ...change, seq: Date.now() * 1000 + (this.counter++ % 1000) };
    try { localStorage.setItem(this.prefix + change.change_id, JSON.stringify(stored)); } catch { /* full: still sent */ }
    this.queue.push(stored);
    this.kick();
  }

  retryNow() {
    clearTimeout(this.timer);
    this.timer = null;
    this.delay = 0;
    this.kick();
  }

  kick() {
    if (this.sending || this.timer) return;
    this.sendNext();
  }

  /** Resolves once every change is confirmed (the submit page waits for it). */
  whenEmpty() {
    if (!this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async sendNext() {
    if (!this.queue.length) {
      this.onStatus("saved");
      this.waiters.splice(0).forEach((resolve) => resolve());
      return;
    }
    this.sending = true;
    this.onStatus("saving", this.queue.length);
    const change = this.queue[0];
    const outcome = await this.post(change);
    this.sending = false;
    if (outcome.kind === "saved" || outcome.kind === "rejected") {
      this.forget(change);
      this.delay = 0;
      if (outcome.kind === "saved") this.onSaved(change, outcome.body);
      else this.onRejected(change, outcome.body);
      this.sendNext();
    } else {
      this.onStatus(outcome.kind, this.queue.length, outcome.message);
      this.delay = Math.min(this.delay ? this.delay * 2 : 1000, MAX_DELAY);
      this.timer = setTimeout(() => { this.timer = null; this.kick(); }, this.delay);
    }
  }

  forget(change) {
    this.queue.shift();
    localStorage.removeItem(this.prefix + change.change_id);
  }

  async post(change) {
    const { seq, ...body } = change;
    let response;
    try {
      response = await fetch(this.url, {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": this.csrf },
      });
    } catch {
      return { kind: "offline" };
    }
    let json = null;
    try { json = await response.json(); } catch { json = null; }
    if (response.ok && json) return { kind: "saved", body: json };
    if (json && json.code && !RETRY_CODES.has(json.code)) return { kind: "rejected", body: json };
    if (response.status >= 500 || !json) return { kind: "offline" };
    return { kind: "blocked", message: json.error };
  }
}
