"""`touchaudit init`: a starter audit that validates as written and never clobbers a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.checklists import builtin_checklists
from touchaudit.library.criteria import builtin_library
from touchaudit.library.starter import SCHEMA_COMMENT, starter_audit
from touchaudit.reading.loader import load_audit, parse_audit
from touchaudit.scoring.results import ItemStatus
from touchaudit.scoring.score import score_audit

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
    not_for_clinics = builtin_checklists()["clinic"].not_applicable
    for tp_id, tp in loaded.audit.touchpoints.items():
        expected = {c.id for c in library.for_channel(tp.channel)} - set(not_for_clinics)
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
    # No temporary file left; the schema its first line names is beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.yaml", "audit.schema.json"]
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


def _schema_named_by(audit: Path) -> Path:
    """The file the audit's `# yaml-language-server: $schema=...` line points at, resolved from
    the audit's folder as yaml-language-server does."""
    first = audit.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = first.split("$schema=", 1)[1]
    assert "://" not in target, "a URL nobody may serve"
    return audit.parent / target


def test_the_schema_the_audit_names_exists_after_init(tmp_path: Path) -> None:
    audit = tmp_path / "audits" / "acme.yaml"
    audit.parent.mkdir()
    assert (
        runner.invoke(app, ["init", "-b", "clinic", "-c", "Acme", "-o", str(audit)]).exit_code == 0
    )
    named = _schema_named_by(audit)
    assert named.is_file()
    assert named.read_text(encoding="utf-8") == runner.invoke(app, ["schema"]).stdout


def test_the_schema_the_audit_names_exists_after_the_documented_steps_from_stdout(
    tmp_path: Path,
) -> None:
    # docs/compare.md: `touchaudit init ... > acme.yaml`, then `touchaudit schema -o` beside it.
    audit = tmp_path / "acme.yaml"
    audit.write_text(runner.invoke(app, ["init", "-b", "saas", "-c", "Acme"]).stdout, "utf-8")
    assert not _schema_named_by(audit).exists()
    schema = runner.invoke(app, ["schema", "-o", str(tmp_path / "audit.schema.json")])
    assert schema.exit_code == 0, schema.output
    assert _schema_named_by(audit).is_file()


def test_a_schema_already_beside_the_audit_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / "audit.schema.json"
    mine.write_text('{"title": "my own"}\n', encoding="utf-8")
    result = runner.invoke(
        app, ["init", "-b", "clinic", "-c", "Acme", "-o", str(tmp_path / "a.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == '{"title": "my own"}\n'


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


# A company name that would make a file `validate` refuses (or one that shows in another order
# than it reads) is refused before anything is written.
BAD_COMPANIES = [
    ("Acme\x7fCo", "--company holds U+007F, an invisible or control character; remove it"),
    ("Acme\x01Co", "--company holds U+0001, an invisible or control character; remove it"),
    (
        "Acme\u202eoC",
        "--company holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible or control character; "
        "remove it",
    ),
    (
        "Acme\u200bCo",
        "--company holds U+200B (ZERO WIDTH SPACE), an invisible or control character; remove it",
    ),
    # A Latin-1 é on a command line read as UTF-8: Python keeps the byte as a lone surrogate.
    ("Caf\udce9", "--company holds the byte 0xe9, which is not UTF-8; give the name in UTF-8"),
    ("A" * 201, "--company must be 1 to 200 characters"),
]


@pytest.mark.parametrize(("company", "message"), BAD_COMPANIES, ids=[m for _, m in BAD_COMPANIES])
def test_a_company_validate_would_refuse_is_refused_before_writing(
    tmp_path: Path, company: str, message: str
) -> None:
    target = tmp_path / "acme.yaml"
    for output in ([], ["-o", str(target)]):
        result = runner.invoke(app, ["init", "-b", "clinic", "-c", company, *output])
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [f"touchaudit: error: {message}"]
        assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_spaces_of_any_kind_in_a_company_become_one_space() -> None:
    result = runner.invoke(app, ["init", "-b", "clinic", "-c", " Acme\tCo\u00a0Ltd\n"])
    assert result.exit_code == 0, result.output
    assert 'company: "Acme Co Ltd"' in result.stdout.splitlines()


def test_a_starter_is_loaded_as_validate_loads_it_before_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever slips past the input checks, the text itself is checked: a broken quote here.
    monkeypatch.setattr("touchaudit.library.starter._quoted", lambda text: '"' + text)
    target = tmp_path / "acme.yaml"
    result = runner.invoke(app, ["init", "-b", "clinic", "-c", "Acme", "-o", str(target)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("touchaudit: error: the starter audit would not be valid: <starter>:")
    assert not target.exists()
