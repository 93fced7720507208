"""`touchaudit trend --git FILE`: a team keeps its audit in git and gets its history for free.

A small repository is built in tmp_path: the audit is committed three times, renamed on the way;
the trend's figures are held against each committed version scored by hand.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_trend import QUARTER, QUARTERS, by_hand
from touchaudit.cli.app import app
from touchaudit.comparison.trend import trend_files

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

runner = CliRunner()


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit(repo: Path, name: str, text: str, message: str) -> str:
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "--short", "HEAD")


def version(name: str) -> str:
    return QUARTER.format(company="Ledgerly", **QUARTERS[name])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """q1 as `ledgerly.yaml`; renamed to `audit ledgerly.yaml` with q2's figures; then q3."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "audits@example.com")
    git(repo, "config", "user.name", "Auditor")
    git(repo, "config", "commit.gpgsign", "false")
    commit(repo, "ledgerly.yaml", version("q1"), "q1")
    git(repo, "mv", "ledgerly.yaml", "audit ledgerly.yaml")
    commit(repo, "audit ledgerly.yaml", version("q2"), "q2, renamed")
    commit(repo, "audit ledgerly.yaml", version("q3"), "q3")
    return repo


def test_each_commit_is_a_point_scored_as_by_hand(repo: Path, tmp_path: Path) -> None:
    hashes = git(repo, "log", "--format=%h", "--follow", "--", "audit ledgerly.yaml").split()
    trend = trend_files([repo / "audit ledgerly.yaml"], git=True)
    assert [p.label for p in trend.points] == hashes[::-1]
    assert [p.file for p in trend.points] == [
        f"ledgerly.yaml@{hashes[2]}",
        f"audit ledgerly.yaml@{hashes[1]}",
        f"audit ledgerly.yaml@{hashes[0]}",
    ]
    copies = tmp_path / "copies"
    copies.mkdir()
    paths = []
    for name in ("q1", "q2", "q3"):
        path = copies / f"{name}.yaml"
        path.write_text(version(name), encoding="utf-8")
        paths.append(path)
    for point, path in zip(trend.points, paths, strict=True):
        card = by_hand(path, paths[-1])
        assert point.score == card.score
        assert dict(point.stages) == {s.id: s.score for s in card.stages}
        assert dict(point.channels) == {c.id: c.score for c in card.channels}
    assert trend.steps[0].moves[0].criterion == "load_time"


def test_the_command_line_follows_the_renamed_file(repo: Path) -> None:
    result = runner.invoke(app, ["trend", "--git", str(repo / "audit ledgerly.yaml")])
    assert result.exit_code == 0, result.output
    assert "Ledgerly, 3 audits" in result.stdout


def test_a_broken_version_is_reported_with_its_commit(repo: Path) -> None:
    broken = version("q3").replace("2.1 s", "fast")
    short = commit(repo, "audit ledgerly.yaml", broken, "typo")
    result = runner.invoke(app, ["trend", "--git", str(repo / "audit ledgerly.yaml")])
    assert result.exit_code == 1
    assert f"audit ledgerly.yaml@{short}:8:" in result.stderr


def test_outside_a_repository_the_message_says_so(tmp_path: Path) -> None:
    lone = tmp_path / "lone.yaml"
    lone.write_text(version("q1"), encoding="utf-8")
    result = runner.invoke(app, ["trend", "--git", str(lone)])
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr


def test_without_git_the_message_says_so(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo))  # no git there
    result = runner.invoke(app, ["trend", "--git", str(repo / "audit ledgerly.yaml")])
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr


def test_a_file_never_committed_has_no_history(repo: Path) -> None:
    fresh = repo / "fresh.yaml"
    fresh.write_text(version("q1"), encoding="utf-8")
    result = runner.invoke(app, ["trend", "--git", str(fresh)])
    assert result.exit_code == 2
    assert "has no commit" in result.stderr


@pytest.mark.parametrize("extra", [["{file}"], []])
def test_git_takes_one_file_and_no_audits(repo: Path, extra: list[str]) -> None:
    file = str(repo / "audit ledgerly.yaml")
    args = ["trend", *(e.format(file=file) for e in extra)]
    args += ["--git", file] if extra else []
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "or one audit file with --git" in result.stderr


def test_revs_keeps_the_commits_of_a_range(repo: Path) -> None:
    hashes = git(repo, "log", "--format=%h").split()
    trend = trend_files([repo / "audit ledgerly.yaml"], git=True, revs="HEAD~2..HEAD")
    assert [p.label for p in trend.points] == hashes[:2][::-1]


@pytest.mark.parametrize(
    ("revs", "message"),
    [
        ("--output=/tmp/touchaudit-pwned", "is not a revision range"),
        ("-p", "is not a revision range"),
        ("no-such-branch..HEAD", "git log failed"),
        ("HEAD..HEAD", "has no commit in the range HEAD..HEAD"),
    ],
)
def test_a_range_is_a_revision_never_an_option(repo: Path, revs: str, message: str) -> None:
    result = runner.invoke(
        app, ["trend", "--git", str(repo / "audit ledgerly.yaml"), f"--revs={revs}"]
    )
    assert result.exit_code == 2
    assert message in result.stderr
    assert not Path("/tmp/touchaudit-pwned").exists()
