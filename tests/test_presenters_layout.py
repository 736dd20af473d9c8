"""14.1: presentation lives in webapp/presenters. Read from the source (ast), so the layout cannot
drift back: SVG is drawn only there, no blueprint package takes helpers from another, and the
presenters work without a request (no Flask objects; markupsafe's Markup and escape only)."""

from __future__ import annotations

import ast
from pathlib import Path

WEBAPP = Path(__file__).resolve().parents[1] / "webapp"
PRESENTERS = WEBAPP / "presenters"
# The packages that define Flask blueprints (webapp/web only registers them).
BLUEPRINTS = ("api", "auth", "authoring", "builder", "classes", "exercises", "health", "help", "home",
              "lessons", "results", "stories")
FLASK_MODULES = ("flask", "flask_login", "flask_wtf", "werkzeug", "webapp.web", "webapp.extensions")
MARKUPSAFE_ALLOWED = {"Markup", "escape"}


def _modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "migrations" not in p.parts)


def _module_name(path: Path) -> str:
    parts = path.relative_to(WEBAPP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in the file, relative ones resolved, nested ones included."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.append((module, [alias.name for alias in node.names]))
    return found


def _blueprint_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "webapp" and parts[1] in BLUEPRINTS else None


def _draws_svg(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                node.value.strip().lower() == "svg" or "<svg" in node.value.lower()):
            return True
    return False


def test_the_blueprint_list_is_every_package_with_a_blueprint():
    defining = {p.relative_to(WEBAPP).parts[0] for p in _modules(WEBAPP) if "Blueprint(" in p.read_text()}
    assert defining == set(BLUEPRINTS)


def test_svg_markup_is_built_only_in_the_presenters():
    drawing = [str(p.relative_to(WEBAPP)) for p in _modules(WEBAPP) if PRESENTERS not in p.parents and _draws_svg(p)]
    assert drawing == []
    assert _draws_svg(PRESENTERS / "charts.py")  # the check itself sees the one chart module


def test_no_blueprint_package_imports_another():
    crossing = []
    for path in _modules(WEBAPP):
        own = _blueprint_of(_module_name(path))
        if own is None:
            continue
        for module, _ in _imports(path):
            other = _blueprint_of(module)
            if other is not None and other != own:
                crossing.append(f"{_module_name(path)} imports {module}")
    assert crossing == []


def test_the_presenters_need_no_request():
    offending = []
    for path in _modules(PRESENTERS):
        for module, names in _imports(path):
            flask = any(module == m or module.startswith(m + ".") for m in FLASK_MODULES)
            if flask or _blueprint_of(module) is not None:
                offending.append(f"{path.name}: {module}")
            elif module == "markupsafe" and not (names and set(names) <= MARKUPSAFE_ALLOWED):
                offending.append(f"{path.name}: markupsafe {names or '(whole module)'}")
    assert offending == []
