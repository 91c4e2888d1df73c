"""The import graph runs one way, read from the source so it stays true (issue 11).

clerk_app/domain (pure) <- local_db (storage) <- sync (the platform link) <- clerk_app/services
<- clerk_app/cli and ui. Every import statement is found with ``ast``, including those inside
functions (a lazy import is still a dependency) and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every import in the file; relative imports resolved against its package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # "from clerk_app import services" imports clerk_app.services
                yield node.lineno, f"{module}.{alias.name}"


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, module in imported_modules(path):
            if any(_within(module, banned) for banned in forbidden):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return sorted(set(found))


# sync sits under the services: of clerk_app it may use the domain and the clock, nothing else, and no ui.
SYNC_MAY_NOT_IMPORT = (
    "ui",
    *sorted(
        f"clerk_app.{entry.stem}"
        for entry in (ROOT / "clerk_app").iterdir()
        if (entry.suffix == ".py" or (entry / "__init__.py").exists())
        and entry.stem not in {"__init__", "__main__", "domain", "clock"}
    ),
)


def test_sync_imports_only_storage_the_domain_and_the_clock() -> None:
    assert {"clerk_app.services", "clerk_app.cli", "clerk_app.printing", "clerk_app.importing"} <= set(SYNC_MAY_NOT_IMPORT)
    assert violations("sync", SYNC_MAY_NOT_IMPORT) == []


@pytest.mark.parametrize("module", ["from clerk_app.services.settings import SettingsService", "import ui.context"])
def test_the_scan_sees_a_forbidden_import(tmp_path: Path, module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule can fail: a forbidden import placed inside a function of a sync-like package is found."""
    package = tmp_path / "sync"
    package.mkdir()
    (package / "late.py").write_text(f"def f() -> None:\n    {module}\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert len(violations("sync", SYNC_MAY_NOT_IMPORT)) >= 1
