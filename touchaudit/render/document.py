"""`report`'s document: its format (--format, else the -o file's suffix, else Markdown), the
template that renders it, and where it goes: stdout, a file, or a PDF printed from the HTML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from touchaudit.reading.errors import UsageError
from touchaudit.render.formats import DocumentFormat
from touchaudit.render.output import emit
from touchaudit.render.templated import TEMPLATES, render

if TYPE_CHECKING:
    from touchaudit.comparison.report import ReportContext

# The format `report -o FILE` writes when --format is not given, by the file's suffix.
SUFFIX_FORMATS = {
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".pdf": DocumentFormat.PDF,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
}


def document_format(given: DocumentFormat | None, output: Path | None) -> DocumentFormat:
    """--format, else the -o suffix's, else Markdown; UsageError for html or pdf to stdout."""
    chosen = given or SUFFIX_FORMATS.get(output.suffix.lower() if output else "")
    chosen = chosen or DocumentFormat.MARKDOWN
    if output is None and chosen is not DocumentFormat.MARKDOWN:
        raise UsageError(f"--format {chosen} needs -o PATH (only markdown goes to stdout)")
    return chosen


@dataclass(frozen=True, slots=True)
class Document:
    """How `report` writes its context: the format, the file (None: stdout) and the
    --template-dir searched before the shipped templates."""

    format: DocumentFormat
    output: Path | None
    template_dir: Path | None = None

    @classmethod
    def choose(
        cls, given: DocumentFormat | None, output: Path | None, template_dir: Path | None = None
    ) -> Document:
        """The document of --format (or -o's suffix); UsageError for html or pdf to stdout."""
        return cls(document_format(given, output), output, template_dir)

    def write(self, context: ReportContext) -> None:
        """Render the context with the format's template and write it (a PDF: printed)."""
        text = render(TEMPLATES[self.format], context.as_dict(), self.template_dir)
        if self.format is DocumentFormat.PDF and self.output is not None:  # never stdout
            from touchaudit.render.pdf import print_pdf

            print_pdf(text, self.output)
        else:
            emit(text, self.output)
