"""The layered house: each floor imports only the floors below it.

    core  <-  plugins, pipeline  <-  preview, commands  <-  cli

No plugin imports another plugin, nothing edits sys.path, and the core imports without Pelican.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PLUGINS = sorted(p.name for p in (PROJECT / "plugins").iterdir() if (p / "__init__.py").exists())
# floor -> the floors (package prefixes) it may import
ALLOWED = {
    "newsroom.core": ("newsroom.core", "newsroom"),
    "newsroom.pipeline": ("newsroom.core", "newsroom.pipeline", "newsroom"),
    "newsroom.preview": ("newsroom.core", "newsroom.pipeline", "newsroom.preview", "newsroom"),
    "newsroom.commands": ("newsroom.core", "newsroom.pipeline", "newsroom.commands", "newsroom"),
    "newsroom.cli": ("newsroom",),
}


def _imports(path: Path, package: str) -> list[str]:
    """Every module `path` imports, relative imports resolved against `package`."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.append(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.append(node.module)
    return found


def _modules(folder: str) -> list[tuple[Path, str]]:
    root = PROJECT / folder
    return [
        (path, ".".join(path.relative_to(PROJECT).with_suffix("").parts[:-1])) for path in sorted(root.rglob("*.py"))
    ]


@pytest.mark.parametrize(("path", "package"), _modules("newsroom"), ids=lambda v: str(v).split("/work/main/")[-1])
def test_the_package_imports_only_downward(path: Path, package: str) -> None:
    module = ".".join(path.relative_to(PROJECT).with_suffix("").parts)
    floor = next((f for f in ALLOWED if module == f or module.startswith(f + ".")), "newsroom")
    allowed = ALLOWED.get(floor, ("newsroom",))
    for name in _imports(path, package):
        if name.startswith("newsroom"):
            assert any(name == a or name.startswith(a + ".") for a in allowed) or name == "newsroom", (
                f"{module} ({floor}) imports {name}, a floor above or beside it"
            )
        assert name.split(".")[0] not in PLUGINS, f"{module} imports the plugin {name}"


@pytest.mark.parametrize(("path", "package"), _modules("plugins"), ids=lambda v: str(v).split("/work/main/")[-1])
def test_plugins_import_the_core_never_each_other(path: Path, package: str) -> None:
    own = package.split(".")[1]
    for name in _imports(path, package):
        top = name.split(".")[0]
        if top == "plugins":
            assert name.split(".")[1] == own, f"{path.name} imports another plugin: {name}"
        assert top not in PLUGINS or top == own, f"{path} imports the plugin {name}"
        assert not name.startswith("newsroom.") or name.startswith("newsroom.core"), f"{path} imports {name}"


def test_nothing_edits_the_import_path() -> None:
    for folder in ("newsroom", "plugins", "tools", "tests"):
        for path in (PROJECT / folder).rglob("*.py"):
            if path.name == "test_layout.py":  # this file names what it looks for
                continue
            text = path.read_text("utf-8")
            assert "sys.path.insert" not in text and "sys.path.append" not in text, path
            assert "noqa: E402" not in text, path
    assert "sys.path" not in (PROJECT / "pelican.conf.py").read_text("utf-8")


def test_the_core_imports_without_pelican() -> None:
    modules = [".".join(p.relative_to(PROJECT).with_suffix("").parts) for p in (PROJECT / "newsroom/core").glob("*.py")]
    code = (
        "import sys; sys.modules['pelican'] = None\n"  # any `import pelican` now fails
        + "".join(f"import {m}\n" for m in sorted(modules))
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
