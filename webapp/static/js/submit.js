// The submit page: changes still kept in this browser are sent before the work can be handed in,
// so submitting never locks out a label made while offline.

import { storagePrefix, SyncQueue } from "./exercise/sync.js";

const dataNode = document.getElementById("submit-data");
if (dataNode) {
  const data = JSON.parse(dataNode.textContent);
  const button = document.querySelector("#submit-form button[type=submit]");
  const note = document.getElementById("pending-note");
  const queue = new SyncQueue({
    prefix: storagePrefix(data.assignment, data.student), url: data.changes,
    csrf: document.querySelector("meta[name=csrf-token]").content,
    onStatus: (state, count) => {
      if (state !== "saved") note.textContent = `Sending ${count} unsaved ${count === 1 ? "change" : "changes"} first…`;
    },
    onSaved: () => {},
    onRejected: () => {},
  });
  if (queue.pending.length) {
    button.disabled = true;
    note.hidden = false;
    queue.kick();
    queue.whenEmpty().then(() => {
      button.disabled = false;
      note.textContent = "All your changes are saved. You can submit now.";
    });
  }
}
