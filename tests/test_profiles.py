"""Profiles that build on others: `extends:` a business type or another profile file, in chains,
cycles refused at file:line:col, and `touchaudit profile` exporting what a chain adds up to."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.checklists import builtin_checklists, with_business
from touchaudit.library.criteria import builtin_library
from touchaudit.library.profiles import profile_for
from touchaudit.library.thresholds import SCORING_FIELDS
from touchaudit.reading.errors import AuditError, Code
from touchaudit.reading.loader import load_profile
from touchaudit.reading.models import Criterion


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def scoring(c: Criterion) -> tuple[object, ...]:
    return (*(getattr(c, f) for f in SCORING_FIELDS), c.source, c.recommendation)


def test_a_chain_of_three_profiles_merges_each_over_the_one_it_extends(tmp_path: Path) -> None:
    write(tmp_path, "house.yaml", "criteria:\n  answer_time: {good: 10, poor: 40, weight: 5}\n")
    write(tmp_path, "region.yaml", "extends: house.yaml\ncriteria:\n  answer_time: {poor: 50}\n")
    client = write(
        tmp_path, "client.yaml", "extends: region.yaml\ncriteria:\n  answer_time: {good: 15}\n"
    )
    answer_time = load_profile(client).criteria["answer_time"]
    assert (answer_time.good, answer_time.poor, answer_time.weight) == (15, 50, 5)
    assert answer_time.source == f"set in {client}"  # the last file that set a threshold


def test_a_profile_extends_a_business_type_in_its_units(tmp_path: Path) -> None:
    chain = write(
        tmp_path, "bistro.yaml", "extends: restaurant\ncriteria:\n  delivery_time: {good: 25}\n"
    )
    delivery = load_profile(chain).criteria["delivery_time"]
    assert (delivery.unit, delivery.good, delivery.poor) == ("min", 25, 60)


def test_a_cycle_is_an_error_at_the_extends_that_closes_it(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", "extends: b.yaml\ncriteria: {}\n")
    write(tmp_path, "b.yaml", "# the second link\nextends: c.yaml\n")
    write(tmp_path, "c.yaml", "criteria:\n  hold_music: {weight: 2}\nextends:   a.yaml\n")
    with pytest.raises(AuditError) as caught:
        load_profile(first)
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.line, problem.column) == ("c.yaml", 3, 12)
    assert problem.code is Code.BAD_EXTENDS
    assert "makes a cycle" in problem.message
    assert "a.yaml -> " in problem.message


def test_a_profile_cannot_extend_itself(tmp_path: Path) -> None:
    me = write(tmp_path, "me.yaml", "extends: ./me.yaml\n")
    with pytest.raises(AuditError) as caught:
        load_profile(me)
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (1, 10)


def test_an_unknown_extends_gets_a_suggestion(tmp_path: Path) -> None:
    typo = write(tmp_path, "typo.yaml", "extends: restaurnt\n")
    result = CliRunner().invoke(app, ["criteria", "--profile", str(typo)])
    assert result.exit_code != 0
    assert f"{typo}:1:10: extends 'restaurnt'" in result.output
    assert "(did you mean 'restaurant'?)" in result.output


@pytest.mark.parametrize("business", sorted(builtin_checklists()))
def test_an_exported_business_type_loads_back_as_the_same_thresholds(
    tmp_path: Path, business: str
) -> None:
    exported = write(tmp_path, "export.yaml", profile_for(business, None, None).text)
    expected, _ = with_business(builtin_library(), builtin_checklists()[business])
    loaded = load_profile(exported)
    for criterion_id, c in expected.criteria.items():
        assert scoring(loaded.criteria[criterion_id]) == scoring(c), criterion_id


def test_an_exported_chain_loads_back_as_the_chain(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", "extends: furniture\ncriteria:\n  load_time: {good: 2, poor: 5}\n")
    top = write(
        tmp_path,
        "top.yaml",
        "extends: base.yaml\ncriteria:\n"
        "  own_metric: {type: percent, channel: website, good: 80, poor: 40}\n",
    )
    chained = load_profile(top)
    exported = write(tmp_path, "export.yaml", profile_for(None, chained, str(top)).text)
    again = load_profile(exported)
    assert set(again.criteria) == set(chained.criteria)
    for criterion_id, c in chained.criteria.items():
        assert scoring(again.criteria[criterion_id]) == scoring(c), criterion_id


def test_the_profile_command_writes_a_file_and_keeps_an_existing_one(tmp_path: Path) -> None:
    out = tmp_path / "restaurant-profile.yaml"
    result = CliRunner().invoke(app, ["profile", "--business", "restaurant", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "delivery_time:" in out.read_text(encoding="utf-8")
    again = CliRunner().invoke(app, ["profile", "--business", "restaurant", "-o", str(out)])
    assert again.exit_code != 0
    unknown = CliRunner().invoke(app, ["profile", "--business", "hotle"])
    assert unknown.exit_code != 0
    assert "(did you mean 'hotel'?)" in unknown.output
