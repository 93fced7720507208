"""The floor of a cold `validate` on touchaudit's fixed stack: the least any Typer + Pydantic +
PyYAML + Rich tool can do to validate one file.

`python bench/stack_floor.py FILE...`: a Typer command that parses each file with PyYAML's C
loader, validates it against a one-field Pydantic model and prints one line with Rich. It has no
criteria library, no checks and no positions: what remains of `touchaudit validate`'s cold start
above it is touchaudit's own. The cold-start group compares both with yamllint, a tool on a
smaller stack (PyYAML alone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import BaseModel, ConfigDict
from rich.console import Console


class Audit(BaseModel):
    """Any mapping with a `company`: the least an audit model checks."""

    model_config = ConfigDict(extra="allow")

    company: str


app = typer.Typer(add_completion=False)


@app.command()
def validate(files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Parse and validate each file; one line of output."""
    for file in files:
        data: Any = yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
        Audit.model_validate(data)
    Console().print(f"[green]✓[/] {len(files)} file{'s' * (len(files) != 1)} valid")


if __name__ == "__main__":
    app()
