"""`touchaudit scan` on real pages nobody here wrote agrees with what a careful person found on
them: the labels of ../shared/fixtures/sites/truth.json, read from there (never copied).

`pytest -s tests/test_scan_sites.py` prints the agreement and every disagreement.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from touchaudit.reading.scan import PageScan, scan_page

AGREEMENT = 0.95


def scanned_labels(scan: PageScan) -> dict[str, Any]:
    """The scan's answers, in the terms of truth.json."""
    booking = scan.finding("online_booking")
    services = {
        channel: sorted({link.service.lower() for link in scan.channels if link.channel == channel})
        for channel in ("messenger", "social")
    }
    forms = [form for form in scan.forms if not form.loose]
    return {
        "clickable_phone": scan.finding("clickable_phone").value,
        "messenger_links": services["messenger"],
        "social_links": services["social"],
        "callback_form": scan.finding("callback_request").value,
        "booking": "none"
        if not booking.value
        else ("form" if booking.detail.startswith("own form") else "service"),
        "question_form": scan.finding("question_form").value,
        "chat_widget": scan.finding("chat_widget").value,
        "viewport_meta": scan.finding("mobile_version").value,
        "mailto": "email" in scan.channel_links,
        "forms": len(forms),
        "form_fields": [form.fields for form in forms],
    }


def expected_labels(row: dict[str, Any]) -> dict[str, Any]:
    """The person's answers, in the same terms (a chat vendor's name is a yes)."""
    return {
        "clickable_phone": row["clickable_phone"],
        "messenger_links": sorted(row["messenger_links"]),
        "social_links": sorted(row["social_links"]),
        "callback_form": row["callback_form"],
        "booking": row["booking"],
        "question_form": row["question_form"],
        "chat_widget": row["chat_widget"] is not None,
        "viewport_meta": row["viewport_meta"],
        "mailto": row["mailto"],
        "forms": row["forms"],
        "form_fields": row["form_fields"],
    }


def test_scan_agrees_with_the_labels_of_real_pages(site_fixtures: Path) -> None:
    rows = json.loads((site_fixtures / "truth.json").read_text(encoding="utf-8"))
    agreed, total, wrong = 0, 0, []
    for row in rows:
        scan = scan_page((site_fixtures / row["file"]).read_bytes(), row["file"])
        found, expected = scanned_labels(scan), expected_labels(row)
        for label, want in expected.items():
            total += 1
            if found[label] == want:
                agreed += 1
            else:
                wrong.append(f"{row['file']}: {label}: scan says {found[label]!r}, truth {want!r}")
    share = agreed / total
    print(f"\nscan agrees with {agreed}/{total} labels of {len(rows)} real pages ({share:.1%})")
    print("\n".join(wrong))
    assert total >= 7 * 11
    assert share >= AGREEMENT, "\n".join(wrong)


def test_every_finding_points_at_its_line_in_the_page(site_fixtures: Path) -> None:
    for page in sorted(site_fixtures.glob("*.html")):
        lines = page.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        scan = scan_page(page.read_bytes(), page.name)
        for finding in scan.measured:
            if finding.evidence is None:
                continue
            assert finding.evidence.page == page.name
            tag = finding.evidence.element.split()[0].rstrip(">")  # `<a`, `<form`
            assert tag in lines[finding.evidence.line - 1].lower(), finding
