// A note typed into the label editor is kept in this browser until it is saved, so closing the
// editor (or the tab) by mistake does not lose it; opening the label again brings it back.

export class NoteDrafts {
  constructor(prefix) { this.prefix = prefix; }

  get(clientId) {
    try { return localStorage.getItem(this.prefix + clientId); } catch { return null; }
  }

  set(clientId, text) {
    try { localStorage.setItem(this.prefix + clientId, text); } catch { /* full or blocked: nothing kept */ }
  }

  clear(clientId) {
    try { localStorage.removeItem(this.prefix + clientId); } catch { /* nothing to clear */ }
  }
}

export function notePrefix(assignment, student) {
  return `framelab:note:${assignment}:${student}:`;
}
