"""`touchaudit portfolio`: a chain sets its stores side by side, a consultancy its clients.

Three stores of one chain, in two regions, and the same store audited twice: the league table,
the spread, the percentiles and the common gaps are held against each audit scored by hand.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.test_parallel import _generator
from touchaudit.cli.app import app
from touchaudit.reading.loader import load_audit
from touchaudit.scoring.score import score_audit

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

STORE = """\
touchaudit: 1
company: {company}
location: {location}
group: {group}
audited_on: {day}
touchpoints:
  website:
    channel: website
    criteria:
      load_time: {load}
  phone:
    channel: phone
    criteria:
      answer_time: 40 s
      callback_request: {callback}
"""


def store(folder: Path, name: str, **fields: str) -> Path:
    values = {
        "company": "Acme Stores",
        "location": name.capitalize(),
        "group": "North",
        "day": "2026-06-30",
        "load": "2.1 s",
        "callback": "no",
        **fields,
    }
    path = folder / f"{name}.yaml"
    path.write_text(STORE.format(**values), encoding="utf-8")
    return path


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    folder = tmp_path / "chain"
    folder.mkdir()
    store(folder, "leeds", load="1.2 s", callback="yes")
    store(folder, "york", load="3.4 s")
    store(folder, "hull", load="6 s", group="South")
    store(folder, "york-march", location="York", day="2026-03-31", load="8 s")
    return folder


def score_of(path: Path) -> float:
    score = score_audit(load_audit(path)).score
    assert score is not None
    return score


def portfolio(*args: str | Path, fmt: str = "json") -> str:
    result = runner.invoke(app, ["portfolio", *map(str, args), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def portfolio_json(*args: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(portfolio(*args))
    return data


def test_the_league_table_ranks_the_newest_audit_of_each_store(chain: Path) -> None:
    data = portfolio_json(chain)
    league = data["league"]
    assert [e["location"] for e in league] == ["Leeds", "York", "Hull"]
    assert [e["rank"] for e in league] == [1, 2, 3]
    expected = [round(score_of(chain / f"{n}.yaml"), 1) for n in ("leeds", "york", "hull")]
    assert [e["score"] for e in league] == expected
    assert [e["percentile"] for e in league] == [100.0, 50.0, 0.0]
    assert data["earlier_audits"] == 1


def test_change_since_the_previous_dated_audit_of_the_same_store(chain: Path) -> None:
    york = portfolio_json(chain)["league"][1]
    change = score_of(chain / "york.yaml") - score_of(chain / "york-march.yaml")
    assert york["change"] == round(change, 1)
    assert york["previous_audit"] == "2026-03-31"
    assert portfolio_json(chain)["league"][0]["change"] is None


def test_audits_that_cannot_be_ordered_each_keep_their_line(tmp_path: Path) -> None:
    """Two undated audits of one company without a location: two stores, not one."""
    first = store(tmp_path, "a", location="null", day="null")
    second = store(tmp_path, "b", location="null", day="null", load="5 s")
    data = portfolio_json(first, second)
    assert len(data["league"]) == 2
    assert data["earlier_audits"] == 0


def test_the_spread_has_median_and_quartiles(chain: Path) -> None:
    scores = [score_of(chain / f"{n}.yaml") for n in ("leeds", "york", "hull")]
    q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    spread = portfolio_json(chain)["spread"]
    assert spread["median"] == round(median, 1)
    assert (spread["lower_quartile"], spread["upper_quartile"]) == (round(q1, 1), round(q3, 1))
    assert (spread["min"], spread["max"]) == (round(min(scores), 1), round(max(scores), 1))


def test_the_most_common_gaps_count_the_stores(chain: Path) -> None:
    gaps = portfolio_json(chain)["common_gaps"]
    callback = next(g for g in gaps if g["key"] == "poor:callback_request")
    assert (callback["count"], callback["of"]) == (2, 3)
    text = portfolio(chain, fmt="table")
    assert "2 of 3 score poor on Call-back request" in text


def test_groups_get_subtotals(chain: Path) -> None:
    groups = portfolio_json(chain)["groups"]
    assert [(g["group"], g["spread"]["count"]) for g in groups] == [("North", 2), ("South", 1)]
    north = [score_of(chain / f"{n}.yaml") for n in ("leeds", "york")]
    assert groups[0]["spread"]["median"] == round(statistics.median(north), 1)


def test_csv_opens_in_pythons_csv_module_with_formulas_made_inert(tmp_path: Path) -> None:
    formulas = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)"]
    files = [
        store(tmp_path, f"s{i}", company=json.dumps(name), location="null")
        for i, name in enumerate(formulas)
    ]
    text = portfolio(*files, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["company"] for r in rows) == sorted("'" + f for f in formulas)
    assert '"\'=HYPERLINK(""http://evil.example"",""click"")"' in text
    assert all(not r["company"].startswith(("=", "+", "-", "@")) for r in rows)
    numbers = list(csv.reader(io.StringIO(text), quoting=csv.QUOTE_NONNUMERIC))[1:]
    assert all(isinstance(row[6], float) for row in numbers)  # the score stays a number


def test_html_is_one_page_that_sorts_without_external_scripts(tmp_path: Path) -> None:
    hostile = store(tmp_path, "x", company=json.dumps("<img src=x onerror=alert(1)>"))
    page = portfolio(hostile, store(tmp_path, "y"), fmt="html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<script") == 1
    assert "src=" not in page.split("<script")[1].split(">")[0]
    assert "http" not in page.replace("http-equiv", "")


def test_markdown_escapes_audit_text(tmp_path: Path) -> None:
    piped = store(tmp_path, "p", company=json.dumps("A | B *bold*"))
    text = portfolio(piped, fmt="markdown")
    assert "A \\| B \\*bold\\*" in text


def test_the_samples_and_generated_audits_render_in_every_format(tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    _generator().write_corpus(generated, 8)
    samples = ROOT / "audits"
    for fmt in ("table", "json", "markdown", "csv", "html"):
        portfolio(samples, generated, fmt=fmt)
    data = portfolio_json(samples, generated, "--jobs", "2")
    assert data == portfolio_json(samples, generated, "--jobs", "1")
    assert len(data["league"]) == 3 + 8  # the electronics brand's two audits are one entry
    realme = next(e for e in data["league"] if e["company"] == "Realme (case study)")
    assert realme["previous_audit"] == "2024-02-05"


def test_an_invalid_audit_is_reported_at_its_line(chain: Path) -> None:
    store(chain, "broken", load="fast")
    result = runner.invoke(app, ["portfolio", str(chain)])
    assert result.exit_code == 1
    assert "broken.yaml:10:18: load_time:" in result.stderr
