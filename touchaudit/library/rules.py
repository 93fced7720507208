"""The rules of touchaudit's findings (error codes, gap kinds, CI gates): their names and texts
for code scanning, shipped as data (library/data/rules.yaml)."""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel, ConfigDict, Field

from touchaudit.library.criteria import read_data

RULE_ID = r"^[a-z]+(-[a-z]+)*$"
_PASCAL_CASE = r"^([A-Z][a-z0-9]*)+$"
# GitHub code scanning shows 1,024 characters of a rule's descriptions (and 255 of its name).
_DESCRIPTION = 1000


class Rule(BaseModel):
    """One rule: what code scanning shows beside each of its alerts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=_PASCAL_CASE, max_length=255)
    short: str = Field(min_length=1, max_length=_DESCRIPTION)
    full: str = Field(min_length=1, max_length=_DESCRIPTION)
    help: str = Field(min_length=1)
    docs: str = Field(pattern=r"^[a-z]+\.md(#[a-z0-9-]+)?$")


class RulesFile(BaseModel):
    """library/data/rules.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    home: str = Field(pattern=r"^https://")
    documentation: str = Field(pattern=r"^https://.+/$")
    rules: dict[str, Rule]


@functools.cache
def builtin_rules() -> RulesFile:
    """Every rule shipped with touchaudit (read and checked once)."""
    data = RulesFile.model_validate(read_data("rules.yaml"))
    bad = [rule_id for rule_id in data.rules if not re.match(RULE_ID, rule_id)]
    names = [rule.name for rule in data.rules.values()]
    if bad or len(set(names)) != len(names):
        raise ValueError(f"touchaudit/library/data/rules.yaml: bad ids {bad} or a name twice")
    return data


def rule_id(kind: str) -> str:
    """A gap kind or code as a rule id: words joined by hyphens (`below_good` -> `below-good`)."""
    return kind.replace("_", "-")


def help_uri(rule: Rule) -> str:
    """The page of the documentation that explains the rule."""
    return builtin_rules().documentation + rule.docs
