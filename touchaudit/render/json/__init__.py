"""JSON output: stable keys for scripts and other tools (docs/output.md, docs/compare.md).

`validate`, `score` (with its journey and chains) and `compare`; numbers are rounded in output
only, by the shared wording (render/wording.py). Enums and tuples go in as they are: every enum
is a StrEnum, which the JSON writer writes as its value, and a tuple is written as a list.
base.py holds what every output shares; score.py and compare.py one command each.
"""

from touchaudit.render.json.base import (
    attributes,
    criteria,
    criterion_dict,
    dumps,
    findings,
    overall_fields,
    problem_dict,
    score_fields,
    score_range,
)
from touchaudit.render.json.compare import comparison, comparison_dict
from touchaudit.render.json.score import (
    join_items,
    scorecard_dict,
    scorecard_document,
    scorecard_item,
    scorecards,
)

__all__ = [
    "attributes",
    "comparison",
    "comparison_dict",
    "criteria",
    "criterion_dict",
    "dumps",
    "findings",
    "join_items",
    "overall_fields",
    "problem_dict",
    "score_fields",
    "score_range",
    "scorecard_dict",
    "scorecard_document",
    "scorecard_item",
    "scorecards",
]
