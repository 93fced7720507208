"""A saved web page (HTML): the website criteria a customer meets on it, as `touchaudit scan`
finds them with its static engine (no script runs, nothing is fetched; docs/scan.md)."""

from __future__ import annotations

from touchaudit.reading.sources.base import Imported, Parsed, SourceError


def parse_page(raw: bytes, name: str) -> Parsed:
    """The values of a saved page, each with its line and element as evidence."""
    from touchaudit.reading.scan import ScanError, scan_page  # only for audits that name pages

    try:
        scanned = scan_page(raw, name)
    except ScanError as err:
        raise SourceError(str(err)) from None
    values = tuple(
        Imported(
            finding.criterion,
            finding.raw,
            finding.evidence.text if finding.evidence else name,
        )
        for finding in scanned.measured
        if finding.raw is not None
    )
    return Parsed(values, scanned.notes)
