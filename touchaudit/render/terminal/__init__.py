"""Terminal output with Rich: the only renderer that knows about colours.

One module per command (validate, score with its journey, compare, criteria) over parts.py,
the cells and tables they share; this one turns a renderable into text, for stdout or a file.
"""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from touchaudit.render.cisafe import guard
from touchaudit.render.console import stderr, stdout


def console_text(renderable: RenderableType, *, err: bool = False, end: str = "\n") -> str:
    """A renderable as the stdout (or stderr) console prints it, colours included when it would.

    Text can be made in a worker process and printed by the main one; the worker's console
    sees the same streams and environment, so it makes the same choices.
    """
    console = stderr() if err else stdout()
    with console.capture() as captured:
        console.print(renderable, end=end)
    return guard(captured.get())


def plain(renderable: RenderableType, width: int = 120) -> str:
    """A renderable as plain text without colours, for `--output FILE`."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, markup=False, highlight=False).print(
        renderable
    )
    return guard("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
