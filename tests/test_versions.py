"""The libraries this run imports are the versions pyproject.toml declares as supported.

.ci/run tests twice: with the newest releases (what a new user installs) and with every
dependency at its declared lowest version (TOUCHAUDIT_LOWEST_VERSIONS=1, from .ci/lowest.py).
This test keeps the second pass honest: it fails if that pass did not get the lowest versions.
"""

from __future__ import annotations

import os
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _declared() -> list[Requirement]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    return [Requirement(text) for text in texts]


def _lowest(requirement: Requirement) -> Version:
    [bound] = [s.version for s in requirement.specifier if s.operator == ">="]
    return Version(bound)


@pytest.mark.parametrize("requirement", _declared(), ids=lambda r: r.name)
def test_installed_version_is_supported(requirement: Requirement) -> None:
    installed = Version(version(requirement.name))
    assert all(s.operator == ">=" for s in requirement.specifier), "no upper pins"
    assert installed >= _lowest(requirement)
    if os.environ.get("TOUCHAUDIT_LOWEST_VERSIONS") == "1":
        assert installed == _lowest(requirement), "the lowest-versions pass got another version"
