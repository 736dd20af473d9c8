// The review page: what the teacher types into the metadata form is kept in this tab while they
// put back or remove text (each of those reloads the page), and forgotten once the form is sent.

const form = document.getElementById("metadata-form");
if (form) {
  const key = `framelab:draft-metadata:${form.dataset.draft}`;
  const fields = () => Array.from(form.elements).filter((el) => el.name && el.name !== "csrf_token");
  let saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch { saved = null; }
  if (saved && !form.querySelector("[aria-invalid=true]")) {
    fields().forEach((el) => {
      if (!(el.name in saved)) return;
      if (el.type === "checkbox") el.checked = saved[el.name];
      else el.value = saved[el.name];
    });
  }
  form.addEventListener("input", () => {
    const values = {};
    fields().forEach((el) => { values[el.name] = el.type === "checkbox" ? el.checked : el.value; });
    try { sessionStorage.setItem(key, JSON.stringify(values)); } catch { /* storage full or off */ }
  });
  form.addEventListener("submit", () => sessionStorage.removeItem(key));
}
