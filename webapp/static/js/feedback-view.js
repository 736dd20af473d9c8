// The feedback page's one article view: the toggle buttons (mine / the key / the computer) are
// submit buttons of a GET form, so they work without this script; with it, the chosen layer is
// fetched and swapped in place, the pressed state moves and focus stays on the button.

const form = document.querySelector("form[data-view-toggle]");
const body = document.getElementById("article-view-body");
const hint = document.getElementById("view-hint");

async function show(button) {
  const url = new URL(window.location.href);
  url.searchParams.set("view", button.value);
  url.hash = "";
  body.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(String(response.status));
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("article-view-body");
    if (!fresh) throw new Error("no article view");
    body.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
    body.dataset.view = fresh.dataset.view;
    hint.textContent = page.getElementById("view-hint").textContent;
    form.querySelectorAll("button[name=view]").forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
    window.history.replaceState(null, "", `${url.pathname}${url.search}#article-view`);
  } catch {
    form.requestSubmit(button); // let the page load it the plain way
  } finally {
    body.removeAttribute("aria-busy");
  }
}

if (form && body) {
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[name=view]");
    if (!button) return;
    event.preventDefault();
    if (button.getAttribute("aria-pressed") !== "true") show(button);
  });
}
