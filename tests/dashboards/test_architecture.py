"""Dashboards, packs, reminders and publications read other apps' records only through
their selectors.

Every module under each of READERS is parsed (not
imported): none may import another app's views, and none may import models from
inspections, programmes or grants at run time except the enums named below. A model
imported under `if TYPE_CHECKING:` is a type in an annotation, not a read.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READERS = (
    "sendtracker/dashboards",
    "sendtracker/packs",
    "sendtracker/reminders",
    "sendtracker/publications",
)
APPS = ("inspections", "programmes", "grants")

# Choices named in filters, forms and templates: names, not reads.
ALLOWED_MODEL_NAMES = {"Framework", "Outcome", "Stage"}
# Writes national-scale synthetic rows with bulk_create for benchmarks, bypassing the
# services (and so the selectors) by design: see its docstring.
EXEMPT = {"sendtracker/dashboards/scale.py"}


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


def _is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(source: str, *, in_packs: bool) -> list[str]:
    """What `source` imports that it may not: other apps' views, or their models."""
    tree = ast.parse(source)
    types_only = _type_checking_only(tree)
    view_packages = [f"{app}.views" for app in APPS]
    view_parents = list(APPS)
    if in_packs:
        view_packages.append("sendtracker.dashboards.views")
        view_parents.append("sendtracker.dashboards")
    found = []
    for node in ast.walk(tree):
        if id(node) in types_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if any(_is_under(alias.name, v) for v in view_packages):
                    found.append(f"import {alias.name}")
                if any(_is_under(alias.name, f"{app}.models") for app in APPS):
                    found.append(f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            module = node.module
            names = [alias.name for alias in node.names]
            if any(_is_under(module, v) for v in view_packages):
                found.append(f"from {module} import {', '.join(names)}")
            elif module in view_parents and "views" in names:
                found.append(f"from {module} import views")
            if any(_is_under(module, f"{app}.models") for app in APPS):
                found.extend(
                    f"from {module} import {name}"
                    for name in names
                    if name not in ALLOWED_MODEL_NAMES
                )
            elif module in APPS and "models" in names:
                found.append(f"from {module} import models")
    return found


def modules() -> list[str]:
    paths = sorted(p for reader in READERS for p in (ROOT / reader).rglob("*.py"))
    return [str(p.relative_to(ROOT)) for p in paths]


@pytest.mark.parametrize("path", [m for m in modules() if m not in EXEMPT])
def test_dashboards_and_packs_read_other_apps_through_their_selectors(path):
    source = (ROOT / path).read_text()
    assert violations(source, in_packs=path.startswith("sendtracker/packs")) == []


def test_every_exempt_module_still_exists():
    assert set(modules()) >= EXEMPT


@pytest.mark.parametrize(
    "source",
    [
        "from inspections.models import Action",
        "from programmes.models.milestones import Milestone, Progress",
        "from grants.models import Allocation",
        "from inspections import models",
        "import grants.models",
        "from inspections.views import PlanMixin",
        "from programmes import views",
        "import grants.views.allocations",
        "def f():\n    from programmes.models import Measure\n",
        "from sendtracker.dashboards.views.advisers import table_data",
    ],
)
def test_the_check_finds_reads_that_bypass_the_selectors(source):
    assert violations(source, in_packs=True)


@pytest.mark.parametrize(
    "source",
    [
        "from inspections.models import Stage",
        "from inspections import selectors",
        "from programmes.derive import flatten",
        "from .views import council",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from inspections.models import ImprovementPlan\n",
    ],
)
def test_the_check_allows_selectors_enums_and_types(source):
    assert violations(source, in_packs=True) == []


OFFICIAL = "sendtracker/official"
PROJECT = (
    "grants",
    "programmes",
    "inspections",
    "sendtracker.dashboards",
    "sendtracker.packs",
    "sendtracker.reminders",
)


def official_violations(source: str) -> list[str]:
    """What an official statistics module imports from the project beyond core."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found.extend(n for n in names if any(_is_under(n, p) for p in PROJECT))
    return found


@pytest.mark.parametrize(
    "path", sorted(str(p.relative_to(ROOT)) for p in (ROOT / OFFICIAL).rglob("*.py"))
)
def test_official_statistics_import_core_only(path):
    assert official_violations((ROOT / path).read_text()) == []


def test_the_official_check_finds_imports_of_domain_apps():
    assert official_violations("from inspections import selectors") == ["inspections"]
    assert official_violations("import sendtracker.dashboards.rows")
    assert official_violations("from sendtracker.core.models import Council") == []


@pytest.mark.parametrize(
    "path", [m for m in modules() if m not in EXEMPT] + ["programmes/selectors.py"]
)
def test_readers_use_officials_selectors_not_its_models_or_loader(path):
    tree = ast.parse((ROOT / path).read_text())
    bad = [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and any(_is_under(node.module, f"sendtracker.official.{m}") for m in ("models", "loader"))
    ]
    assert bad == []


def test_dashboards_may_import_their_own_views():
    assert violations("from sendtracker.dashboards import views", in_packs=False) == []
