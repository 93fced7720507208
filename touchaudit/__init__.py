"""touchaudit: audit a business's customer touchpoints.

For scripts, the core calls behind the commands (each returns one result model):

    from touchaudit import load_audit, score_audit, compare_files, report_files
    card = score_audit(load_audit("audits/clinic-many-touchpoints.yaml"))
    print(card.score, [gap.message for gap in card.gaps[:3]])

They are imported on first use, so that `touchaudit --version` stays instant.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_PUBLIC = {
    "load_audit": "touchaudit.reading.loader",  # file -> LoadedAudit, or AuditError
    "score_audit": "touchaudit.scoring.score",  # LoadedAudit -> Scorecard
    "compare_files": "touchaudit.comparison.compare",  # ours, theirs... -> Comparison
    "build_report": "touchaudit.comparison.report",  # Comparison -> ReportContext
    "report_files": "touchaudit.comparison.report",  # ours, theirs... -> ReportContext
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'touchaudit' has no attribute {name!r}")
    return getattr(importlib.import_module(_PUBLIC[name]), name)
