// The labels as the page knows them: the server's, with this browser's unsaved changes on top.

export class LabelStore {
  /** ``textOf(start, end)`` gives a passage's words (a change kept offline carries no text). */
  constructor(labels, cues, textOf) {
    this.textOf = textOf;
    this.labels = new Map(labels.map((label) => [label.client_id, { ...label }]));
    this.cues = new Map(cues.map((cue) => [cue.id, cue]));
    this.listeners = [];
  }

  onChange(listener) { this.listeners.push(listener); }

  changed() { this.listeners.forEach((listener) => listener(this)); }

  get(clientId) { return this.labels.get(clientId); }

  /** Every label, in reading order. */
  all() {
    return Array.from(this.labels.values()).sort((a, b) => a.start - b.start || a.end - b.end);
  }

  cueName(cueId) { return this.cues.get(cueId)?.name ?? cueId; }

  cueByKey(key) { return Array.from(this.cues.values()).find((cue) => cue.key === key); }

  /** The label of the same cue that overlaps [start, end), other than ``clientId``, if any. */
  clash(cue, start, end, clientId = null) {
    return this.all().find((l) => l.cue === cue && l.client_id !== clientId && l.start < end && l.end > start);
  }

  /** Labels covering the character range [start, end). */
  at(start, end) {
    return this.all().filter((l) => l.start < end && l.end > start);
  }

  put(label) {
    const merged = { ...this.labels.get(label.client_id), ...label };
    if (!merged.text && this.textOf) merged.text = this.textOf(merged.start, merged.end);
    this.labels.set(label.client_id, merged);
  }

  remove(clientId) { this.labels.delete(clientId); }

  /** Replace everything with the server's labels, then replay the changes not yet confirmed. */
  reset(serverLabels, pending) {
    this.labels = new Map(serverLabels.map((label) => [label.client_id, { ...label }]));
    pending.forEach((change) => this.replay(change));
  }

  replay(change) {
    if (change.op === "save") this.put({ ...change.label, text: undefined, feedback: undefined });
    else this.remove(change.client_id);
  }
}
