"""The kinds of measurement files an audit can name under `sources:`: here, apart from their
readers (reading/sources/), so that the command line offers them without loading the readers."""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    """The kinds of measurement files an audit can name under `sources:`."""

    LIGHTHOUSE = "lighthouse"
    PSI = "psi"
    CRUX = "crux"
    CSV = "csv"
    PAGE = "page"
