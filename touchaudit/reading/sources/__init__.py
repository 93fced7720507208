"""Machine-made measurement files (Lighthouse, PageSpeed Insights, CrUX, CSV logs, saved
pages): a file's bytes become the values it measures, each with the field it was read from, or
one located error.

One module per kind of file; `parse_source` dispatches on the kind. The values are text in the
audit's value syntax (`10884.681 ms`), so the loader parses them exactly as a typed value, in
whatever unit the criterion has. docs/measurements.md lists every field read and why.
"""

from __future__ import annotations

from collections.abc import Callable

from touchaudit.reading.source_kinds import SourceKind
from touchaudit.reading.sources.base import Imported, Parsed, SourceError
from touchaudit.reading.sources.crux import parse_crux
from touchaudit.reading.sources.csvlog import parse_csv
from touchaudit.reading.sources.lighthouse import parse_lighthouse
from touchaudit.reading.sources.page import parse_page
from touchaudit.reading.sources.psi import parse_psi

__all__ = ["PARSERS", "Imported", "Parsed", "SourceError", "SourceKind", "parse_source"]

PARSERS: dict[SourceKind, Callable[[bytes, str], Parsed]] = {
    SourceKind.LIGHTHOUSE: parse_lighthouse,
    SourceKind.PSI: parse_psi,
    SourceKind.CRUX: parse_crux,
    SourceKind.CSV: parse_csv,
    SourceKind.PAGE: parse_page,
}


def parse_source(kind: SourceKind, raw: bytes, name: str) -> Parsed:
    """The values a file of `kind` measures; SourceError when it is broken or of another kind."""
    return PARSERS[kind](raw, name)
