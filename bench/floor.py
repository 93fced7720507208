"""The floor of the validate benchmark: only parse every audit file with PyYAML's C loader.

`python bench/floor.py FOLDER_OR_FILE...`: what any tool must at least do with the files, with no
validation, no positions and no scoring; touchaudit is measured against this.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(args: list[str]) -> None:
    """Parse every *.yaml file under the paths given, and print how many were read."""
    files: list[Path] = []
    for arg in args:
        path = Path(arg)
        files.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    for file in files:
        with file.open("rb") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    print(f"parsed {len(files)} files")


if __name__ == "__main__":
    main(sys.argv[1:])
