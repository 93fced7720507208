"""Scanned pages as JSON: `{"page", "title", "engine", "criteria": {id: {"value", "evidence",
"detail"}}, "channels": {channel: [links]}, "forms": [...]}`; several pages make a list of
them, `--compare` an object with the pages and what each offers that another lacks."""

from __future__ import annotations

from typing import Any

from touchaudit.comparison.pages import PageComparison
from touchaudit.reading.scan import Evidence, PageScan
from touchaudit.render.json import dumps


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {"page": evidence.page, "line": evidence.line, "element": evidence.element}


def page_dict(scan: PageScan) -> dict[str, Any]:
    """One page as a JSON object."""
    return {
        "page": scan.page,
        "title": scan.title,
        "engine": scan.engine.value,
        "criteria": {
            f.criterion: {"value": f.value, "evidence": _evidence(f.evidence), "detail": f.detail}
            for f in scan.findings
        },
        "channels": scan.channel_links,
        "forms": [
            {
                "line": form.line,
                "fields": form.fields,
                "kinds": [kind.value for kind in form.kinds],
                "outside_form": form.loose,
            }
            for form in scan.forms
        ],
        "notes": list(scan.notes),
    }


def pages_json(pages: tuple[PageScan, ...]) -> str:
    """One page as an object, several as a list."""
    if len(pages) == 1:
        return dumps(page_dict(pages[0]))
    return dumps([page_dict(page) for page in pages])


def comparison_json(comparison: PageComparison) -> str:
    """The pages, every offer with the pages that have it, and each page's own and missing."""
    pages = comparison.pages
    return dumps(
        {
            "pages": [page_dict(page) for page in pages],
            "offers": {
                offer.label: {page.page: has for page, has in zip(pages, offer.pages, strict=True)}
                for offer in comparison.offers
            },
            "only": {page.page: list(comparison.only_on(i)) for i, page in enumerate(pages)},
            "lacks": {page.page: list(comparison.lacks(i)) for i, page in enumerate(pages)},
        }
    )
