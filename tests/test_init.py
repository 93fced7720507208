"""`touchaudit init`: a starter audit that validates as written and never clobbers a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.checklists import builtin_checklists
from touchaudit.cli import app
from touchaudit.library import builtin_library
from touchaudit.loader import load_audit, parse_audit
from touchaudit.results import ItemStatus
from touchaudit.scoring import score_audit
from touchaudit.starter import SCHEMA_COMMENT, starter_audit

runner = CliRunner()


@pytest.mark.parametrize("business", sorted(builtin_checklists()))
def test_the_starter_of_every_business_type_validates_as_written(business: str) -> None:
    starter = starter_audit(business, "Acme")
    loaded, problems = parse_audit(starter.text, f"{business}.yaml")
    assert loaded is not None, problems
    assert problems == []
    assert loaded.audit.business == business


def test_every_library_criterion_of_each_channel_is_there_and_null() -> None:
    starter = starter_audit("clinic", "Acme")
    loaded, _ = parse_audit(starter.text)
    assert loaded is not None
    library = builtin_library()
    for tp_id, tp in loaded.audit.touchpoints.items():
        expected = {c.id for c in library.for_channel(tp.channel)}
        assert set(tp.criteria) == expected, tp_id
        assert all(value is None for value in tp.criteria.values()), tp_id


def test_every_expected_touchpoint_is_there_and_waits_to_be_measured() -> None:
    loaded, _ = parse_audit(starter_audit("clinic", "Acme").text)
    assert loaded is not None
    journey = score_audit(loaded).journey
    assert journey is not None
    statuses = {i.status for s in journey.stages for i in s.items}
    assert ItemStatus.MISSING not in statuses
    assert not any(s.empty for s in journey.stages)


def test_the_first_line_is_the_schema_comment_and_criteria_are_explained() -> None:
    text = starter_audit("clinic", "Acme").text
    lines = text.splitlines()
    assert lines[0] == SCHEMA_COMMENT
    assert "      load_time: null  # Page load time, s: good ≤ 3 s, poor ≥ 7 s" in lines
    assert "      callback_request: null  # Call-back request: good is yes" in lines


def test_a_company_name_with_yaml_syntax_is_kept_as_written() -> None:
    starter = starter_audit("retail", 'Shop: "Best" #1')
    loaded, problems = parse_audit(starter.text)
    assert loaded is not None, problems
    assert loaded.audit.company == 'Shop: "Best" #1'


def test_without_output_it_writes_to_stdout() -> None:
    result = runner.invoke(app, ["init", "--business", "saas", "--company", "Acme"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(SCHEMA_COMMENT)


def test_it_writes_the_file_and_the_file_validates(tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    result = runner.invoke(app, ["init", "-b", "restaurant", "-c", "Acme", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "touchpoints" in result.stderr
    assert load_audit(target).audit.company == "Acme"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]  # no temporary file left
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


def test_it_refuses_to_overwrite_a_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "audit.yaml"
    target.write_text("my measurements\n", encoding="utf-8")
    result = runner.invoke(app, ["init", "-b", "clinic", "-c", "Acme", "-o", str(target)])
    assert result.exit_code == 2
    assert "already exists; use --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "my measurements\n"
    forced = runner.invoke(
        app, ["init", "-b", "clinic", "-c", "Acme", "-o", str(target), "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith(SCHEMA_COMMENT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "-b", "clinik", "-c", "Acme"], "did you mean 'clinic'?"),
        (["init", "-b", "clinic", "-c", " "], "--company must be"),
        (["init", "-b", "clinic", "-c", "Acme", "-o", "no/such/folder/a.yaml"], "does not exist"),
    ],
)
def test_usage_problems_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_business_and_company_are_required() -> None:
    assert runner.invoke(app, ["init", "--company", "Acme"]).exit_code == 2
    assert runner.invoke(app, ["init", "--business", "clinic"]).exit_code == 2
