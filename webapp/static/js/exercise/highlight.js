// Highlights on the article: a label's cue shows as its colour AND its pattern (classes from
// exercise.css and the cue stylesheet), a passage under two labels gets an extra outline, and the
// current selection its own outline. Spaces between two tokens of one label are highlighted too.

const OWN = /^(hl|hl-multi|sel|cue-.*)$/;

function clear(element) {
  Array.from(element.classList).filter((name) => OWN.test(name)).forEach((name) => element.classList.remove(name));
  element.removeAttribute("title");
}

export class Highlighter {
  constructor(container, tokens, store) {
    this.tokens = tokens;
    this.store = store;
    this.marked = new Set(container.querySelectorAll(".hl, .sel"));
  }

  paint(element, labels) {
    const inner = labels.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
    const cue = this.store.cues.get(inner.cue);
    element.classList.add("hl", `cue-${inner.cue}`, `cue-pattern-${cue ? cue.pattern : "solid-underline"}`);
    if (labels.length > 1) element.classList.add("hl-multi");
    element.title = labels.map((label) => this.store.cueName(label.cue)).join("; ");
    this.marked.add(element);
  }

  /** Redraw every label and the selection (``selection`` is [first, last] token indexes or null). */
  render(selection) {
    this.marked.forEach(clear);
    this.marked.clear();
    const cover = new Map();
    this.store.all().forEach((label) => {
      const [first, last] = this.tokens.range(label.start, label.end);
      for (let i = first; i <= last; i += 1) cover.set(i, [...(cover.get(i) || []), label]);
    });
    cover.forEach((labels, i) => {
      const element = this.tokens.elements[i];
      this.paint(element, labels);
      const space = element.nextElementSibling;
      const shared = labels.filter((label) => (cover.get(i + 1) || []).includes(label));
      if (space && space.classList.contains("sp") && shared.length) this.paint(space, shared);
    });
    if (selection) this.select(selection[0], selection[1]);
  }

  select(first, last) {
    for (let i = first; i <= last; i += 1) {
      const element = this.tokens.elements[i];
      element.classList.add("sel");
      this.marked.add(element);
      const space = element.nextElementSibling;
      if (i < last && space && space.classList.contains("sp")) { space.classList.add("sel"); this.marked.add(space); }
    }
  }
}
