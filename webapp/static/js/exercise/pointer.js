// Mouse and touch: a selection made in the article snaps to whole words; a click on a word
// selects that word; Shift+click extends the selection. On a touch screen a tap on a word starts
// a passage and a tap on another word ends it there (no long-press needed); a second tap on a
// lone selected word clears it.

function tokenOf(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element ? element.closest(".w") : null;
}

/** The first and last token indexes a native selection range touches, or null. */
export function rangeTokens(range, tokens) {
  const touched = [];
  tokens.elements.forEach((element, i) => { if (range.intersectsNode(element)) touched.push(i); });
  if (!touched.length) return null;
  let first = touched[0];
  let last = touched[touched.length - 1];
  const startToken = tokenOf(range.startContainer);
  if (startToken && tokens.indexOf(startToken) === first && range.startContainer.nodeType === Node.TEXT_NODE
      && range.startOffset >= range.startContainer.length && first < last) first += 1;
  const endToken = tokenOf(range.endContainer);
  if (endToken && tokens.indexOf(endToken) === last && range.endContainer.nodeType === Node.TEXT_NODE
      && range.endOffset === 0 && last > first) last -= 1;
  return [first, last];
}

function tapExtends(exercise, index) {
  if (!exercise.selection || exercise.editor.mode !== "choose") return "start";
  const [first, last] = exercise.selection;
  return first === last && first === index ? "clear" : "extend";
}

export function bindPointer(container, tokens, exercise) {
  let timer = null;
  let pointer = "mouse";
  container.addEventListener("pointerdown", (event) => { pointer = event.pointerType; });
  const takeSelection = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return false;
    const range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) return false;
    const found = rangeTokens(range, tokens);
    selection.removeAllRanges();
    if (found) exercise.selectRange(found[0], found[1], "pointer");
    return Boolean(found);
  };
  container.addEventListener("mouseup", (event) => {
    if (event.button !== 0) return;
    if (takeSelection()) return;
    const token = event.target.closest(".w");
    const tap = token && pointer === "touch" ? tapExtends(exercise, tokens.indexOf(token)) : null;
    if (tap === "clear") exercise.escape();
    else if (token && (event.shiftKey || tap === "extend")) exercise.extendTo(tokens.indexOf(token), "pointer");
    else if (token) exercise.selectRange(tokens.indexOf(token), tokens.indexOf(token), "pointer");
    else exercise.clearSelection();
  });
  // Touch: the long-press selection is adjusted with handles; take it once it settles.
  document.addEventListener("selectionchange", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const selection = window.getSelection();
      if (selection && !selection.isCollapsed && matchMedia("(pointer: coarse)").matches) takeSelection();
    }, 700);
  });
}
