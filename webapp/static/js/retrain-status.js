// Polls the retraining run's state and reloads the page when it changes, so a teacher who leaves
// the page open sees the figures when the run finishes. Without script, the page's reload link works.
const section = document.getElementById("retrain-run");
if (section) {
  const initial = section.dataset.state;
  const url = section.dataset.statusUrl;
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const { state } = await response.json();
        if (state !== initial) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A network blip: try again at the next tick.
    }
    window.setTimeout(poll, 5000);
  };
  window.setTimeout(poll, 5000);
}
