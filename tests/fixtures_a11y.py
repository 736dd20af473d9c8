"""axe-core in every browser test: each page a test loads is checked once its own scripts have
run, and the page still open at the end of the test is checked again in its final state.

Only violations of serious or critical impact fail a test (axe's moderate and minor findings are
advice). The script is added with Playwright's init script and reports through a binding, both of
which work under FrameLab's strict Content-Security-Policy, which forbids injected script tags.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

FAILING_IMPACTS = ("serious", "critical")

# Runs in every document before the page's own scripts; the check waits for the page's scripts
# (they run on DOMContentLoaded) and a moment more for what they draw.
_RUN_ON_LOAD = """
(() => {
  if (window.top !== window || !location.protocol.startsWith('http')) return;
  if (document.contentType !== 'text/html') return;  // a style sheet or JSON opened directly
  window.addEventListener('load', () => setTimeout(() => {
    if (typeof window.__framelabAxe !== 'function') return;
    window.axe.run(document, {resultTypes: ['violations']})
      .then((result) => window.__framelabAxe(JSON.stringify(result.violations)))
      .catch(() => {});
  }, 100));
})();
"""

_RUN_NOW = """async () => document.contentType !== 'text/html' ? '[]'
  : JSON.stringify((await window.axe.run(document, {resultTypes: ['violations']})).violations)"""


@dataclass
class AccessibilityWatcher:
    """Collects axe-core's serious and critical violations from every watched browser context."""

    axe_source: str
    found: dict[str, set[str]] = field(default_factory=dict)
    checked: set[str] = field(default_factory=set)

    def watch(self, context) -> None:
        context.add_init_script(script=self.axe_source + "\n" + _RUN_ON_LOAD)
        context.expose_binding("__framelabAxe", lambda source, violations: self.record(source["page"].url, violations))

    def record(self, url: str, violations_json: str) -> None:
        self.checked.add(url)
        for violation in json.loads(violations_json):
            if violation.get("impact") in FAILING_IMPACTS:
                targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:4])
                self.found.setdefault(url, set()).add(
                    f"{violation['impact']} {violation['id']}: {violation['help']} ({len(violation['nodes'])}: {targets})")

    def check_open_pages(self, context) -> None:
        """Check every page still open in its final state (what the test last did to it)."""
        for page in context.pages:
            if page.is_closed() or not page.url.startswith("http"):
                continue
            try:
                self.record(page.url, page.evaluate(_RUN_NOW))
            except Exception:  # noqa: BLE001, S112 - a page navigating away as the test ends: checked on its load
                continue

    def assert_clean(self) -> None:
        problems = [f"{url}\n    " + "\n    ".join(sorted(items)) for url, items in sorted(self.found.items())]
        assert not problems, "axe-core found accessibility violations:\n" + "\n".join(problems)
