"""Channel aliases: `channel: whatsapp` validates, is scored as a messenger, and every output
names it "WhatsApp (messenger)"; a near miss gets a suggestion."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.aliases import channel_aliases
from touchaudit.library.criteria import builtin_library
from touchaudit.library.schema import audit_schema
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.models import audit_json_schema
from touchaudit.scoring.score import score_audit

AUDIT = """\
touchaudit: 1
company: Bistro
touchpoints:
  whatsapp_line:
    channel: whatsapp
    criteria: {dm_reply_time: 10 min}
  insta:
    channel: instagram
    criteria: {post_frequency: 4}
"""


def test_the_issue_aliases_name_their_channels() -> None:
    wanted = {
        "whatsapp": "messenger",
        "telegram": "messenger",
        "viber": "messenger",
        "instagram": "social",
        "facebook": "social",
        "tiktok": "social",
        "vk": "social",
        "google_reviews": "reviews",
        "yelp": "reviews",
    }
    aliases = channel_aliases()
    assert {name: aliases[name].channel for name in wanted} == wanted
    assert all(a.channel in builtin_library().channels for a in aliases.values())


def test_an_aliased_channel_is_scored_as_its_channel() -> None:
    loaded, problems = parse_audit(AUDIT, "audit.yaml")
    assert loaded is not None, [str(p) for p in problems]
    assert problems == []
    card = score_audit(loaded)
    line, insta = card.touchpoints
    assert (line.channel, line.channel_alias) == ("messenger", "whatsapp")
    assert line.channel_shown == "WhatsApp (messenger)"
    expected = {c.id for c in builtin_library().for_channel("messenger")}
    assert {c.id for c in line.criteria} == expected
    assert (insta.channel, insta.channel_shown) == ("social", "Instagram (social)")
    assert [g.id for g in card.channels] == ["messenger", "social"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_report_shows_the_alias_with_its_channel(tmp_path: Path, fmt: str) -> None:
    audit = tmp_path / "bistro.yaml"
    audit.write_text(AUDIT, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["report", str(audit), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "WhatsApp (messenger)" in out.read_text(encoding="utf-8")


def test_json_keeps_the_channel_and_the_alias(tmp_path: Path) -> None:
    audit = tmp_path / "bistro.yaml"
    audit.write_text(AUDIT, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(audit), "--format", "json"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output)["touchpoints"][0]
    assert (line["channel"], line["channel_alias"]) == ("messenger", "whatsapp")


def test_a_near_miss_gets_the_alias_suggested() -> None:
    loaded, problems = parse_audit(AUDIT.replace("whatsapp\n", "whatsap\n"), "audit.yaml")
    assert loaded is None
    [problem] = problems
    assert (problem.line, problem.column) == (5, 14)
    assert problem.message == "unknown channel 'whatsap' (did you mean 'whatsapp'?)"


CUSTOM = """\
touchaudit: 1
company: Bistro
criteria:
  reply_quality:
    label: Reply quality
    channel: whatsapp
    type: rating
    unit: /5
    good: 4.5
    poor: 3
touchpoints:
  whatsapp_line:
    channel: whatsapp
    criteria: {reply_quality: 4/5}
"""


def test_a_custom_criterion_may_name_its_channel_by_an_alias() -> None:
    # The name written on the touchpoint is accepted on the criterion meant for it.
    loaded, problems = parse_audit(CUSTOM, "audit.yaml")
    assert loaded is not None, [str(p) for p in problems]
    assert problems == []
    assert loaded.library.criteria["reply_quality"].channels == ("messenger",)
    (line,) = score_audit(loaded).touchpoints
    (scored,) = [c for c in line.criteria if c.id == "reply_quality"]
    assert scored.score is not None


def test_a_custom_criterions_near_miss_gets_the_alias_suggested() -> None:
    loaded, problems = parse_audit(CUSTOM.replace("whatsapp\n    type", "whatsap\n    type"))
    assert loaded is None
    [problem] = problems
    assert (problem.line, problem.column) == (6, 14)
    assert problem.message == "unknown channel 'whatsap' (did you mean 'whatsapp'?)"


@pytest.mark.parametrize("schema", [audit_json_schema, audit_schema], ids=["models", "exported"])
def test_the_exported_schema_accepts_an_alias(schema: Callable[[], dict[str, Any]]) -> None:
    # `touchaudit schema` (what check-jsonschema and editors use) agrees with validate.
    jsonschema = pytest.importorskip("jsonschema")
    audit = {
        "touchaudit": 1,
        "company": "Bistro",
        "criteria": {
            "reply_quality": {"channel": "whatsapp", "type": "rating", "unit": "/5"},
        },
        "touchpoints": {"line": {"channel": "whatsapp", "criteria": {"dm_reply_time": "10 min"}}},
    }
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(audit)) == []


def test_the_criteria_of_an_alias_are_its_channels() -> None:
    by_alias = CliRunner().invoke(app, ["criteria", "--channel", "whatsapp", "--format", "json"])
    by_channel = CliRunner().invoke(app, ["criteria", "--channel", "messenger", "--format", "json"])
    assert by_alias.exit_code == 0, by_alias.output
    assert json.loads(by_alias.output) == json.loads(by_channel.output)
    typo = CliRunner().invoke(app, ["criteria", "--channel", "instagarm"])
    assert typo.exit_code == 2
    assert "unknown channel 'instagarm' (did you mean 'instagram'?)" in typo.output
