"""The import graph runs one way, read from the source so it stays true (issue 11).

clerk_app/domain (pure) <- local_db (storage) <- sync (the platform link) <- clerk_app/services
<- clerk_app/cli and ui. Every import statement is found with ``ast``, including those inside
functions (a lazy import is still a dependency) and under ``TYPE_CHECKING``.

The rules: sync imports of clerk_app only the domain and the clock, and no ui; clerk_app imports
no ui except the command that opens the window (cli/main.py -> ui.launch) and no widgets (the
command line prints through QtGui/QtPrintSupport); ui opens the database only in its composition
root (ui/app.py), every other screen reaches data through services; the domain imports no Qt,
SQL, storage, platform link or anything of clerk_app above it. Each rule is shown to fail on a
synthetic source.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
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


def violations(package: str, forbidden: tuple[str, ...], *, allowed: Mapping[str, tuple[str, ...]] | None = None) -> list[str]:
    """Imports of ``forbidden`` packages by files of ``package``; ``allowed`` maps a file (relative to
    the root, with /) to the forbidden packages it alone may import."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        excused = (allowed or {}).get(where, ())
        for line, module in imported_modules(path):
            if any(_within(module, banned) for banned in forbidden) and not any(_within(module, ok) for ok in excused):
                found.append(f"{where}:{line} imports {module}")
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


# clerk_app sits under the window: the one way up is the command that opens it.
CLERK_APP_MAY_NOT_IMPORT = ("ui", "PySide6.QtWidgets")
CLERK_APP_WINDOW_LAUNCHER = {"clerk_app/cli/main.py": ("ui.launch",)}

# ui opens the database only where it is composed; screens get services through the AppContext.
UI_MAY_NOT_IMPORT = ("local_db",)
UI_COMPOSITION_ROOT = {"ui/app.py": ("local_db.database", "local_db.errors")}

# The domain is pure: no Qt, no SQL, no storage, no platform link, nothing of clerk_app above it.
DOMAIN_MAY_NOT_IMPORT = (
    "PySide6",
    "sqlalchemy",
    "alembic",
    "local_db",
    "sync",
    "ui",
    *sorted(
        f"clerk_app.{entry.stem}"
        for entry in (ROOT / "clerk_app").iterdir()
        if (entry.suffix == ".py" or (entry / "__init__.py").exists())
        and entry.stem not in {"__init__", "domain", "clock"}
    ),
)


def test_clerk_app_imports_no_window_but_its_launcher_and_no_widgets() -> None:
    assert violations("clerk_app", CLERK_APP_MAY_NOT_IMPORT, allowed=CLERK_APP_WINDOW_LAUNCHER) == []


def test_ui_opens_the_database_only_in_its_composition_root() -> None:
    assert violations("ui", UI_MAY_NOT_IMPORT, allowed=UI_COMPOSITION_ROOT) == []


def test_the_domain_imports_no_qt_sql_storage_or_platform_link() -> None:
    assert {"clerk_app.services", "clerk_app.printing", "clerk_app.cli"} <= set(DOMAIN_MAY_NOT_IMPORT)
    assert violations("clerk_app/domain", DOMAIN_MAY_NOT_IMPORT) == []


@pytest.mark.parametrize(
    ("package", "file", "source", "forbidden", "allowed"),
    [
        ("clerk_app", "cli/records.py", "from ui.launch import launch", CLERK_APP_MAY_NOT_IMPORT, CLERK_APP_WINDOW_LAUNCHER),
        ("clerk_app", "cli/main.py", "from ui.printing import print_job", CLERK_APP_MAY_NOT_IMPORT, CLERK_APP_WINDOW_LAUNCHER),
        ("clerk_app", "printing/printer.py", "from PySide6.QtWidgets import QApplication", CLERK_APP_MAY_NOT_IMPORT, None),
        ("ui", "lookup.py", "from local_db.database import Database", UI_MAY_NOT_IMPORT, UI_COMPOSITION_ROOT),
        ("ui", "app.py", "from local_db import record_store", UI_MAY_NOT_IMPORT, UI_COMPOSITION_ROOT),
        ("clerk_app/domain", "validation.py", "import sqlalchemy", DOMAIN_MAY_NOT_IMPORT, None),
        ("clerk_app/domain", "kinds.py", "from PySide6.QtCore import QObject", DOMAIN_MAY_NOT_IMPORT, None),
        ("clerk_app/domain", "fields.py", "from ..services.settings import SPECS", DOMAIN_MAY_NOT_IMPORT, None),
        ("clerk_app/domain", "text.py", "from sync import engine", DOMAIN_MAY_NOT_IMPORT, None),
    ],
)
def test_each_rule_can_fail(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    package: str,
    file: str,
    source: str,
    forbidden: tuple[str, ...],
    allowed: Mapping[str, tuple[str, ...]] | None,
) -> None:
    """A forbidden import (inside a function, relative or not) in a synthetic file of the package is found,
    and the composition root or launcher excuses only what it is allowed."""
    path = tmp_path / package / file
    path.parent.mkdir(parents=True)
    path.write_text(f"def f() -> None:\n    {source}\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert len(violations(package, forbidden, allowed=allowed)) >= 1
