"""Source files read into measured values: real Lighthouse/PSI reports, other versions, CrUX,
and everything broken or foreign refused with one clear error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from touchaudit.reading.models import ValueKind
from touchaudit.reading.sources import Parsed, SourceError, SourceKind, parse_source
from touchaudit.reading.values import parse_value

REAL_LIGHTHOUSE = [
    "lighthouse-6.0.0-coursehero.json",
    "lighthouse-12.0.0-coursehero.json",
    "lighthouse-13.4.1-sample.json",
]


def _values(parsed: Parsed) -> dict[str, str]:
    return {v.criterion: v.raw for v in parsed.values}


def _ms(raw: str) -> float:
    return float(parse_value(raw, ValueKind.DURATION, "ms"))


@pytest.mark.parametrize("file", REAL_LIGHTHOUSE)
def test_a_real_lighthouse_report_imports_its_own_numbers(
    lighthouse_fixtures: Path, file: str
) -> None:
    raw = (lighthouse_fixtures / file).read_bytes()
    report = json.loads(raw)
    audits = report["audits"]
    parsed = parse_source(SourceKind.LIGHTHOUSE, raw, file)
    got = _values(parsed)
    assert _ms(got["lcp"]) == audits["largest-contentful-paint"]["numericValue"]
    assert float(got["cls"]) == audits["cumulative-layout-shift"]["numericValue"]
    assert _ms(got["fcp"]) == audits["first-contentful-paint"]["numericValue"]
    assert _ms(got["tbt"]) == audits["total-blocking-time"]["numericValue"]
    assert _ms(got["load_time"]) == audits["interactive"]["numericValue"]
    score = report["categories"]["performance"]["score"]
    assert float(got["lighthouse_performance"]) == pytest.approx(score * 100)
    day = report["fetchTime"][:10]
    assert {str(v.measured_on) for v in parsed.values} == {day}
    lcp = next(v for v in parsed.values if v.criterion == "lcp")
    assert lcp.evidence == f"{file}: audits.largest-contentful-paint.numericValue"


def test_a_pagespeed_response_prefers_field_data_and_reads_the_old_lab_run(
    lighthouse_fixtures: Path,
) -> None:
    raw = (lighthouse_fixtures / "pagespeed-v5-response.json").read_bytes()
    response = json.loads(raw)
    parsed = parse_source(SourceKind.PSI, raw, "psi.json")
    got = _values(parsed)
    field = response["loadingExperience"]["metrics"]["FIRST_CONTENTFUL_PAINT_MS"]["percentile"]
    assert _ms(got["fcp"]) == field  # the field p75, not the lab FCP
    lab = response["lighthouseResult"]
    assert _ms(got["load_time"]) == lab["audits"]["metrics"]["details"]["items"][0]["interactive"]
    score = lab["categories"]["performance"]["score"]
    assert float(got["lighthouse_performance"]) == pytest.approx(score * 100)
    assert "lcp" not in got  # Lighthouse 4 and this field data have no LCP: unmeasured, not 0
    assert parsed.warnings
    assert "desktop" in parsed.warnings[0]


def _report(version: str, **audits: float) -> dict[str, Any]:
    return {
        "lighthouseVersion": version,
        "fetchTime": "2025-02-03T10:00:00.000Z",
        "audits": {key: {"numericValue": value} for key, value in audits.items()},
        "categories": {"performance": {"score": 0.57}},
    }


@pytest.mark.parametrize("version", ["7.5.0", "8.6.0", "9.6.8", "10.4.0", "11.7.1"])
def test_every_lighthouse_version_reads_the_same_fields(version: str) -> None:
    report = _report(
        version,
        **{
            "largest-contentful-paint": 2100.5,
            "cumulative-layout-shift": 0.02,
            "interactive": 3900,
        },
    )
    parsed = parse_source(SourceKind.LIGHTHOUSE, json.dumps(report).encode(), "r.json")
    assert _values(parsed) == {
        "lcp": "2100.5 ms",
        "cls": "0.02",
        "load_time": "3900 ms",
        "lighthouse_performance": "57",
    }


def test_a_metric_the_report_lacks_stays_unmeasured_never_zero() -> None:
    report = _report("5.6.0", **{"first-contentful-paint": 1200})
    report["audits"]["total-blocking-time"] = {"scoreDisplayMode": "error", "numericValue": 0}
    report["categories"]["performance"]["score"] = None
    got = _values(parse_source(SourceKind.LIGHTHOUSE, json.dumps(report).encode(), "r.json"))
    assert got == {"fcp": "1200 ms"}


def _crux(**p75: Any) -> bytes:
    metrics = {key: {"percentiles": {"p75": value}} for key, value in p75.items()}
    period = {"firstDate": {"year": 2026, "month": 9, "day": 1}}
    period["lastDate"] = {"year": 2026, "month": 9, "day": 28}
    return json.dumps(
        {"record": {"key": {"origin": "x"}, "metrics": metrics, "collectionPeriod": period}}
    ).encode()


def test_a_crux_record_gives_the_p75_of_each_metric_with_its_last_day() -> None:
    raw = _crux(
        largest_contentful_paint=2350,
        interaction_to_next_paint=180,
        cumulative_layout_shift="0.05",
        round_trip_time=120,
    )
    parsed = parse_source(SourceKind.CRUX, raw, "crux.json")
    assert _values(parsed) == {"lcp": "2350 ms", "inp": "180 ms", "cls": "0.05"}
    assert {str(v.measured_on) for v in parsed.values} == {"2026-09-28"}


def test_pagespeed_field_cls_is_divided_by_100_and_the_page_wins_over_its_origin() -> None:
    metrics = {"CUMULATIVE_LAYOUT_SHIFT_SCORE": {"percentile": 7}}
    origin = {
        "CUMULATIVE_LAYOUT_SHIFT_SCORE": {"percentile": 30},
        "INTERACTION_TO_NEXT_PAINT": {"percentile": 250},
    }
    raw = json.dumps(
        {"loadingExperience": {"metrics": metrics}, "originLoadingExperience": {"metrics": origin}}
    ).encode()
    parsed = parse_source(SourceKind.PSI, raw, "psi.json")
    assert _values(parsed) == {"cls": "0.07", "inp": "250 ms"}
    cls = next(v for v in parsed.values if v.criterion == "cls")
    assert cls.evidence.startswith("psi.json: loadingExperience.")


def test_a_failed_lab_run_leaves_the_field_data_of_a_pagespeed_response() -> None:
    failed = {"lighthouseVersion": "12.0.0", "runtimeError": {"code": "NO_FCP", "message": "x"}}
    metrics = {"LARGEST_CONTENTFUL_PAINT_MS": {"percentile": 2100}}
    raw = json.dumps({"lighthouseResult": failed, "loadingExperience": {"metrics": metrics}})
    parsed = parse_source(SourceKind.PSI, raw.encode(), "psi.json")
    assert _values(parsed) == {"lcp": "2100 ms"}
    assert parsed.warnings == ("its lab run is not read: the Lighthouse run failed (NO_FCP): x",)


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (SourceKind.LIGHTHOUSE, b'{"audits": {}}', "not a Lighthouse report: no lighthouseVersion"),
        (SourceKind.LIGHTHOUSE, b"[1, 2]", "not a Lighthouse report: no lighthouseVersion"),
        (
            SourceKind.LIGHTHOUSE,
            b'{"lighthouseVersion": "9.0.0"}',
            "not a Lighthouse report: no audits",
        ),
        (SourceKind.LIGHTHOUSE, b'{"lighthouseVersion": ', "not a Lighthouse report: invalid JSON"),
        (SourceKind.LIGHTHOUSE, b"\xff\xfe{}", "not a Lighthouse report: invalid JSON"),
        (
            SourceKind.LIGHTHOUSE,
            b"[" * 5000 + b"]" * 5000,
            "invalid JSON: nested deeper than 1024 levels",
        ),
        (SourceKind.LIGHTHOUSE, b'{"a": 1e999}', "invalid JSON: number is infinity"),
        (SourceKind.LIGHTHOUSE, b'{"a": NaN}', "invalid JSON"),
        (
            SourceKind.LIGHTHOUSE,
            b'{"lighthouseVersion": "10.0.0", "runtimeError": {"code": "NO_FCP", "message": "x"}}',
            "the Lighthouse run failed (NO_FCP)",
        ),
        (SourceKind.PSI, b'{"lighthouseVersion": "10.0.0"}', "not a PageSpeed Insights response"),
        (SourceKind.CRUX, b'{"kind": "pagespeedonline#result"}', "not a CrUX API response"),
    ],
)
def test_broken_or_foreign_json_is_one_clear_error(
    kind: SourceKind, raw: bytes, message: str
) -> None:
    with pytest.raises(SourceError, match=None) as caught:
        parse_source(kind, raw, "f.json")
    assert message in caught.value.message
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(
    ("kind", "raw", "hint"),
    [
        (SourceKind.LIGHTHOUSE, b'{"lighthouseResult": {}}', "give it as psi"),
        (SourceKind.LIGHTHOUSE, b'{"record": {"metrics": {}}}', "give it as crux"),
        (SourceKind.PSI, b'{"lighthouseVersion": "12.0.0"}', "give it as lighthouse"),
        (SourceKind.CRUX, b'{"loadingExperience": {}}', "give it as psi"),
    ],
)
def test_a_report_given_as_another_kind_is_named_in_the_error(
    kind: SourceKind, raw: bytes, hint: str
) -> None:
    # A user who saved a PageSpeed response and called it lighthouse learns what to write.
    with pytest.raises(SourceError) as caught:
        parse_source(kind, raw, "f.json")
    assert caught.value.message.endswith(f"{hint})")


def test_a_number_too_large_for_a_double_is_refused_where_it_stands() -> None:
    report = _report("12.0.0", **{"largest-contentful-paint": 1})
    text = json.dumps(report).replace('"numericValue": 1', '"numericValue": ' + "9" * 5000)
    with pytest.raises(SourceError) as caught:
        parse_source(SourceKind.LIGHTHOUSE, text.encode(), "r.json")
    assert "number is infinity" in caught.value.message
    assert caught.value.line == 1
    assert caught.value.column is not None


def test_negative_or_non_numeric_metrics_are_left_unmeasured() -> None:
    report = _report("12.0.0", **{"largest-contentful-paint": -5, "interactive": 4000})
    report["audits"]["cumulative-layout-shift"] = {"numericValue": "0.1"}
    report["categories"]["performance"]["score"] = 3
    got = _values(parse_source(SourceKind.LIGHTHOUSE, json.dumps(report).encode(), "r.json"))
    assert got == {"load_time": "4000 ms"}
