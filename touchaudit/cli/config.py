"""Project settings: `.touchaudit.yaml` or `[tool.touchaudit]` in pyproject.toml, found upwards.

So that a repository's CI needs no flags; flags given on the command line always win.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

from touchaudit.reading.errors import UsageError
from touchaudit.reading.models import Frozen
from touchaudit.reading.reads import (
    MAX_BYTES_CEILING,
    NotRegularFile,
    not_regular_message,
    read_regular,
    require_regular,
)

CONFIG_NAME = ".touchaudit.yaml"
MAX_SETTINGS_BYTES = 1 << 20  # a settings file is a few lines


class Settings(Frozen):
    """What a project may set once instead of on every command line."""

    profile: Path | None = Field(default=None, description="Profile file, relative to the config.")
    fail_under: float | None = Field(default=None, ge=0, le=100)
    min_coverage: float | None = Field(
        default=None, ge=0, le=100, description="Percent of criteria measured, default 50."
    )
    strict: bool | None = Field(default=None, description="Gates judge the low end.")
    max_drop: float | None = Field(default=None, ge=0, le=100)
    baseline: Path | None = None
    max_bytes: int | None = Field(default=None, gt=0, le=MAX_BYTES_CEILING)


def find_settings(start: Path | None = None) -> tuple[Settings, Path | None]:
    """The settings of the nearest `.touchaudit.yaml` (or pyproject.toml table) above `start`."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        config = candidate / CONFIG_NAME
        if _is_candidate(config):
            return _settings(_yaml_table(config), config), config
        pyproject = candidate / "pyproject.toml"
        if _is_candidate(pyproject):
            table = _pyproject_table(pyproject)
            if table is not None:
                return _settings(table, pyproject), pyproject
    return Settings(), None


def _is_candidate(path: Path) -> bool:
    # Anything but a folder: a FIFO named .touchaudit.yaml is refused when read, not skipped.
    return path.exists() and not path.is_dir()


def _read_text(path: Path) -> str:
    """The settings file's text; UsageError naming it when it cannot be read."""
    try:
        raw = read_regular(path, MAX_SETTINGS_BYTES)
        if len(raw) > MAX_SETTINGS_BYTES:
            raise UsageError(f"{path}: the settings file is over {MAX_SETTINGS_BYTES:,} bytes")
        return raw.decode("utf-8")
    except NotRegularFile as err:
        raise UsageError(not_regular_message(path, "the settings file", err.mode)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"{path}: cannot read the settings: {_one_line(err)}") from None


def _yaml_table(path: Path) -> object:
    try:
        return yaml.safe_load(_read_text(path)) or {}
    except yaml.YAMLError as err:
        raise UsageError(f"{path}: cannot read the settings: {_one_line(err)}") from None


def _one_line(err: Exception) -> str:
    text = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return " ".join(text.split())


def _pyproject_table(path: Path) -> object | None:
    """`[tool.touchaudit]` of a pyproject.toml; None without it (then the search goes on)."""
    require_regular(path, "the settings file")
    try:
        text = _read_text(path)
    except UsageError:
        return None  # not ours to judge: only [tool.touchaudit] matters here
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        if _MENTIONS_OUR_TABLE.search(text):  # the settings are here, but cannot be read
            where, problem = _toml_problem(path, err)
            raise UsageError(f"{where}: cannot read [tool.touchaudit]: {problem}") from None
        return None  # another project's broken file: not the settings, the search goes on
    tool = data.get("tool")
    return tool.get("touchaudit") if isinstance(tool, dict) else None


# `[tool.touchaudit]`, `[tool.touchaudit.x]`, `tool.touchaudit.fail_under = 70`...
_MENTIONS_OUR_TABLE = re.compile(r"\btool\s*\.\s*[\"']?touchaudit\b")
# tomllib (3.11) puts the position in its message only: "Invalid value (at line 3, column 12)".
_TOML_POSITION = re.compile(r"(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)")


def _toml_problem(path: Path, err: tomllib.TOMLDecodeError) -> tuple[str, str]:
    """(`pyproject.toml:3:12`, `Invalid value`); the file alone when there is no position."""
    text = " ".join(str(err).split())
    found = _TOML_POSITION.fullmatch(text)
    if found is None:
        return str(path), text
    return f"{path}:{found['line']}:{found['column']}", found["message"]


def _settings(table: object, source: Path) -> Settings:
    if not isinstance(table, dict):
        raise UsageError(f"{source}: touchaudit settings must be a mapping")
    try:
        settings = Settings.model_validate({k.replace("-", "_"): v for k, v in table.items()})
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"{source}: setting '{where}': {first['msg']}") from None
    base = source.parent
    return settings.model_copy(
        update={
            "profile": base / settings.profile if settings.profile else None,
            "baseline": base / settings.baseline if settings.baseline else None,
        }
    )
