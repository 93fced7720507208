"""Print a pip constraints file pinning every dependency in pyproject.toml to its lowest version.

Used by .ci/run's second pass: `pip install -c <(python3 .ci/lowest.py) -e '.[test]'`. Each
requirement must say `NAME>=VERSION`; one without a lower bound is an error, since its lowest
supported version would be a guess. Transitive dependencies stay free (newest compatible).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def lowest(pyproject: Path) -> list[str]:
    """`name==version` for each runtime and extra requirement, in file order."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    pins = []
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        if match is None:
            sys.exit(f"{pyproject}: '{requirement}' has no lower bound (NAME>=VERSION)")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    print("\n".join(lowest(root / "pyproject.toml")))
