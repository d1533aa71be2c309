"""scripts/audit-dependencies: locked versions against OSV advisories, offline."""

import subprocess
import sys
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit-dependencies"
_loader = SourceFileLoader("audit_dependencies", str(SCRIPT))
audit_dependencies = module_from_spec(spec_from_loader("audit_dependencies", _loader))
_loader.exec_module(audit_dependencies)

ADVISORY = """\
id: PYSEC-2099-1
aliases:
- CVE-2099-0001
affected:
- package:
    ecosystem: PyPI
    name: {name}
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: "5.0"
    - fixed: 5.0.8
    - introduced: "4.2"
    - fixed: 4.2.15
  versions:
  - 3.1.7
{extra}"""


def lock(tmp_path, **versions):
    path = tmp_path / "uv.lock"
    path.write_text(
        "version = 1\n"
        + "".join(
            f'[[package]]\nname = "{name}"\nversion = "{version}"\n'
            'source = { registry = "https://pypi.org/simple" }\n'
            for name, version in versions.items()
        )
        + '[[package]]\nname = "sendtracker"\nversion = "0.1.0"\nsource = { virtual = "." }\n'
    )
    return path


@pytest.fixture
def advisories(tmp_path):
    folder = tmp_path / "advisories"
    (folder / "django").mkdir(parents=True)
    (folder / "django" / "PYSEC-2099-1.yaml").write_text(ADVISORY.format(name="Django", extra=""))
    return folder


def findings(tmp_path, advisories, version):
    return audit_dependencies.audit(lock(tmp_path, Django=version), advisories)


@pytest.mark.parametrize("version", ["5.0", "5.0.7", "4.2.14", "4.2"])
def test_a_version_inside_a_range_is_affected(tmp_path, advisories, version):
    (finding,) = findings(tmp_path, advisories, version)

    assert finding.package == "django"
    assert finding.advisory == "PYSEC-2099-1"
    assert finding.fixed == ("4.2.15", "5.0.8")


@pytest.mark.parametrize("version", ["5.0.8", "5.1", "4.2.15", "4.1.9", "6.1.3"])
def test_a_fixed_or_unaffected_version_passes(tmp_path, advisories, version):
    assert findings(tmp_path, advisories, version) == []


def test_a_version_listed_outside_the_ranges_is_affected(tmp_path, advisories):
    assert [f.advisory for f in findings(tmp_path, advisories, "3.1.7")] == ["PYSEC-2099-1"]


def test_last_affected_closes_a_range_after_that_version(tmp_path):
    folder = tmp_path / "advisories"
    (folder / "pyyaml").mkdir(parents=True)
    (folder / "pyyaml" / "GHSA-x.yaml").write_text(
        "id: GHSA-x\naffected:\n- package: {ecosystem: PyPI, name: PyYAML}\n"
        "  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: '0'\n"
        "    - last_affected: '5.3'\n"
    )

    assert [f.fixed for f in audit_dependencies.audit(lock(tmp_path, PyYAML="5.3"), folder)] == [()]
    assert audit_dependencies.audit(lock(tmp_path, PyYAML="5.3.1"), folder) == []


def test_a_withdrawn_advisory_is_ignored(tmp_path, advisories):
    (advisories / "django" / "PYSEC-2099-1.yaml").write_text(
        ADVISORY.format(name="Django", extra="withdrawn: 2099-01-02T00:00:00Z\n")
    )

    assert findings(tmp_path, advisories, "5.0.7") == []


def test_an_advisory_about_another_package_in_the_folder_is_ignored(tmp_path, advisories):
    (advisories / "django" / "PYSEC-2099-1.yaml").write_text(
        ADVISORY.format(name="django-other", extra="")
    )

    assert findings(tmp_path, advisories, "5.0.7") == []


def run(*args):
    return subprocess.run(  # noqa: S603 (our own script, arguments from the test)
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, check=False
    )


def test_the_command_fails_listing_the_advisory_and_its_fix(tmp_path, advisories):
    result = run("--lock", lock(tmp_path, Django="5.0.7"), "--advisories", advisories)

    assert result.returncode == 1
    assert "django 5.0.7: PYSEC-2099-1 (CVE-2099-0001), fixed in 4.2.15, 5.0.8" in result.stdout


def test_the_command_passes_a_fixed_lock(tmp_path, advisories):
    result = run("--lock", lock(tmp_path, Django="5.0.8"), "--advisories", advisories)

    assert result.returncode == 0, result.stdout
    assert "No known vulnerability in the 1 packages" in result.stdout


def test_the_projects_lock_has_no_known_vulnerability():
    """What `make audit` checks in CI, against the advisories shipped in .ci/advisories."""
    result = run()

    assert result.returncode == 0, result.stdout
