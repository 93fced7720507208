"""The render layer's shape: every `--format` a command offers has a renderer, render/ has no
import circles, and `validate` imports no renderer it does not use."""

from __future__ import annotations

import ast
import subprocess
import sys
import typing
from collections.abc import Mapping
from pathlib import Path

import pytest

from touchaudit.cli.app import app
from touchaudit.render import registry, templated

ROOT = Path(__file__).resolve().parents[1]
RENDER = ROOT / "touchaudit" / "render"

# Each command with a --format, and the mapping that renders it.
RENDERERS: dict[str, Mapping[str, object]] = {
    "validate": registry.FINDINGS.formats,
    "score": registry.REPORTS,
    "compare": registry.REPORTS,
    "criteria": registry.CRITERIA.formats,
    "report": templated.TEMPLATES,
    "trend": registry.TRENDS.formats,
    "portfolio": registry.PORTFOLIOS.formats,
    "scan": registry.SCANS.formats,
}
STDOUT_VARIANTS = {
    "validate": registry.FINDINGS.to_stdout,
    "score": registry.REPORTS_TO_STDOUT,
    "compare": registry.REPORTS_TO_STDOUT,
    "criteria": registry.CRITERIA.to_stdout,
    "trend": registry.TRENDS.to_stdout,
    "portfolio": registry.PORTFOLIOS.to_stdout,
    "scan": registry.SCANS.to_stdout,
}


def format_choices() -> dict[str, set[str]]:
    """Every command of the CLI that has a --format, with its choices (its enum's values)."""
    choices = {}
    for command in app.registered_commands:
        assert command.callback is not None
        hints = typing.get_type_hints(command.callback)
        if "output_format" in hints:
            name = command.name or command.callback.__name__
            hint = hints["output_format"]  # an enum, or an enum | None
            enum = next(t for t in typing.get_args(hint) or (hint,) if t is not type(None))
            choices[name] = {str(member) for member in enum}
    return choices


def test_every_command_with_a_format_is_in_the_registry() -> None:
    assert set(format_choices()) == set(RENDERERS)


@pytest.mark.parametrize("command", sorted(RENDERERS))
def test_every_command_and_format_pair_has_a_renderer(command: str) -> None:
    assert {str(f) for f in RENDERERS[command]} == format_choices()[command]


@pytest.mark.parametrize("command", sorted(STDOUT_VARIANTS))
def test_stdout_variants_are_of_offered_formats(command: str) -> None:
    assert set(STDOUT_VARIANTS[command]) <= set(RENDERERS[command])


def _lazy_renderers() -> list[registry.Lazy]:
    """Every renderer the registry names by module and function (a typo shows only when run)."""
    tables = (registry.FINDINGS, registry.CRITERIA, registry.TRENDS, registry.PORTFOLIOS)
    found = [r for t in tables for r in (*t.formats.values(), *t.to_stdout.values())]
    found += registry.FINDINGS_SUMMARY.values()
    for scan in (*registry.SCANS.formats.values(), *registry.SCANS.to_stdout.values()):
        assert isinstance(scan, registry.LazyScan)
        found += [registry.Lazy(scan.module, scan.pages), registry.Lazy(scan.module, scan.compared)]
    assert all(isinstance(r, registry.Lazy) for r in found)
    return [r for r in found if isinstance(r, registry.Lazy)]


@pytest.mark.parametrize("renderer", _lazy_renderers(), ids=lambda r: f"{r.module}.{r.function}")
def test_every_renderer_named_by_its_module_exists(renderer: registry.Lazy) -> None:
    assert callable(renderer.load())


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _render_imports(path: Path, modules: set[str]) -> set[str]:
    """The render modules `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & modules


def test_render_has_no_import_circles() -> None:
    paths = {_module_name(p): p for p in RENDER.rglob("*.py")}
    graph = {name: _render_imports(path, set(paths)) - {name} for name, path in paths.items()}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, " -> ".join((*trail, name))
        if name in done:
            return
        for imported in graph[name]:
            visit(imported, (*trail, name))
        done.add(name)

    for name in graph:
        visit(name, ())


PROBE = """
import sys
import typing
sys.argv = ["touchaudit", "validate", "--jobs", "1", sys.argv[1]]
from touchaudit.cli.app import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + repr(sorted(m for m in sys.modules if ".render" in m)) + "\\n")
"""


def test_validate_imports_only_the_renderer_it_uses() -> None:
    sample = ROOT / "audits" / "clinic-contacts-only.yaml"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(sample)], capture_output=True, text=True, check=True
    )
    loaded = set(ast.literal_eval(done.stderr.rsplit("MODULES ", 1)[1]))
    # What every output goes through, not renderers: output writes chunks, some parked (spool).
    shared = {"render", "formats", "registry", "console", "cisafe", "output", "spool"}
    renderers = {m for m in loaded if m.split(".")[-1] not in shared}
    assert renderers == {"touchaudit.render.terminal", "touchaudit.render.terminal.validate"}
