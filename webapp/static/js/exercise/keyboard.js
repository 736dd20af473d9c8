// Keyboard operation of the article: a roving focus on the current word. The arrow keys move by
// word and by sentence, Shift extends the selection, number keys apply cues (see the help panel).

const MOVES = {
  ArrowLeft: (t, i) => Math.max(0, i - 1),
  ArrowRight: (t, i) => Math.min(t.length - 1, i + 1),
  ArrowUp: (t, i) => t.previousSentence(i),
  ArrowDown: (t, i) => t.nextSentence(i),
  Home: (t, i) => t.sentenceStart(i),
  End: (t, i) => t.sentenceEnd(i),
};

export function bindKeyboard(container, tokens, exercise) {
  container.addEventListener("keydown", (event) => {
    const token = event.target.closest(".w");
    if (!token || event.altKey || event.metaKey) return;
    const index = tokens.indexOf(token);
    if (event.ctrlKey) {
      if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        exercise.moveTo(event.key === "Home" ? 0 : tokens.length - 1, event.shiftKey);
      }
      return;
    }
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      exercise.moveTo(move(tokens, index), event.shiftKey);
      return;
    }
    handleCommand(event, index, exercise);
  });
}

function handleCommand(event, index, exercise) {
  const key = event.key;
  let handled = true;
  if (/^[1-9]$/.test(key)) exercise.applyKey(key);
  else if (key === " ") exercise.toggleWord(index);
  else if (key === "Escape") exercise.escape();
  else if (key === "Enter" || key === "e" || key === "E") exercise.editAt(index);
  else if (key === "l" || key === "L") exercise.goToList();
  else if (key === "?") exercise.toggleHelp();
  else handled = false;
  if (handled) event.preventDefault();
}
