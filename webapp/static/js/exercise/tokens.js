// The article's tokens as the server wrapped them: each `.w` element carries its offsets into the
// article text (data-s, data-e), its index (data-i) and its sentence (data-sn).

export class Tokens {
  constructor(container) {
    this.elements = Array.from(container.querySelectorAll(".w"));
    this.starts = this.elements.map((el) => Number(el.dataset.s));
    this.ends = this.elements.map((el) => Number(el.dataset.e));
    this.sentences = this.elements.map((el) => Number(el.dataset.sn));
  }

  get length() { return this.elements.length; }

  indexOf(element) { return Number(element.dataset.i); }

  text(first, last) {
    return this.elements.slice(first, last + 1).map((el, n, all) => {
      const space = n < all.length - 1 && el.nextElementSibling?.classList.contains("sp") ? " " : "";
      return el.textContent + space;
    }).join("").trim();
  }

  /** The first token ending after ``offset`` (binary search). */
  firstAfter(offset) {
    let lo = 0; let hi = this.ends.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.ends[mid] <= offset) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** The token indexes covered by the span [start, end). */
  range(start, end) {
    const first = this.firstAfter(start);
    let last = first;
    while (last + 1 < this.length && this.starts[last + 1] < end) last += 1;
    return [first, last];
  }

  sentenceStart(index) {
    let i = index;
    while (i > 0 && this.sentences[i - 1] === this.sentences[index]) i -= 1;
    return i;
  }

  sentenceEnd(index) {
    let i = index;
    while (i + 1 < this.length && this.sentences[i + 1] === this.sentences[index]) i += 1;
    return i;
  }

  nextSentence(index) { return Math.min(this.sentenceEnd(index) + 1, this.length - 1); }

  /** The start of this sentence, or of the previous one when already at its start. */
  previousSentence(index) {
    const start = this.sentenceStart(index);
    if (start < index) return start;
    return start === 0 ? 0 : this.sentenceStart(start - 1);
  }

  sentenceNumber(index) { return this.sentences[index] + 1; }
}
