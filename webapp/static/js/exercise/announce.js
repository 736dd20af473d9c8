// The ARIA live region: every action is read out to screen-reader users (and shown to nobody else).

let region = null;
let timer = null;

export function initAnnouncer(element) {
  region = element;
}

/** Say ``message`` politely; the region is cleared first so a repeated message is read again. */
export function announce(message) {
  if (!region) return;
  region.textContent = "";
  clearTimeout(timer);
  timer = setTimeout(() => { region.textContent = message; }, 30);
}
