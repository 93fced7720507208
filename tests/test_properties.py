"""Properties of loading and scoring, over random audits, random bytes and random YAML.

Random audits are built from the library (real channels and criteria, values written in the
value syntax), dumped with yaml.safe_dump and loaded back: what a user could write by hand.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from touchaudit.library.checklists import builtin_checklists
from touchaudit.library.criteria import builtin_library
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.models import Criterion, Curve, Direction, Measurement, ValueKind
from touchaudit.scoring.results import GapKind, Scorecard
from touchaudit.scoring.score import score_audit

LIBRARY = builtin_library()
CHANNELS = sorted(c for c in LIBRARY.channels if LIBRARY.for_channel(c))
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Draw = Callable[[st.SearchStrategy[Any]], Any]

# Text a user may write: no control characters and no bidirectional overrides (docs/format.md,
# "Text from an audit"), which the loader refuses.
WRITABLE = st.characters(
    exclude_categories=("Cc", "Cs"),
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufffe\uffff",
)


def _bounds(c: Criterion) -> tuple[float, float]:
    """A range of values the criterion accepts, wide enough to cross both thresholds."""
    assert c.good is not None
    assert c.poor is not None
    low = c.min if c.min is not None else 0.0
    high = c.max if c.max is not None else 4 * max(c.good, c.poor)
    return low, high


def _written(c: Criterion, value: float) -> str:
    """A value as a user writes it: `3.4 s`, `45%`, `4.2/5`, `12`."""
    if c.type is ValueKind.DURATION:
        return f"{value:.6g} {c.unit}"
    if c.type is ValueKind.PERCENT:
        return f"{value:.6g}%"
    if c.type is ValueKind.RATING:
        return f"{value:.6g}/{c.scale:g}"
    return f"{value:.6g}"


@st.composite
def measured_value(draw: Draw, c: Criterion) -> Any:
    roll = draw(st.integers(0, 19))
    if roll < 2:
        return None  # not measured
    if roll == 2:
        return {"value": "n/a", "note": "does not apply"}
    if c.type is ValueKind.BOOLEAN:
        value: Any = draw(st.sampled_from(["yes", "no", True, False]))
    else:
        low, high = _bounds(c)
        value = _written(c, draw(st.floats(low, high, allow_nan=False)))
    if draw(st.booleans()):
        return {"value": value, "note": draw(st.text(WRITABLE, max_size=20))}
    return value


@st.composite
def touchpoint(draw: Draw) -> dict[str, Any]:
    channel = draw(st.sampled_from(CHANNELS))
    criteria = draw(
        st.lists(st.sampled_from(LIBRARY.for_channel(channel)), unique=True, max_size=6)
    )
    tp: dict[str, Any] = {"channel": channel}
    if draw(st.booleans()):
        tp["weight"] = draw(st.floats(0.1, 10, allow_nan=False))
    if draw(st.booleans()):
        tp["name"] = draw(st.text(WRITABLE, min_size=1, max_size=30))
    tp["criteria"] = {c.id: draw(measured_value(c)) for c in criteria}
    return tp


IDS = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


@st.composite
def audit_data(draw: Draw) -> dict[str, Any]:
    touchpoints = draw(st.dictionaries(IDS, touchpoint(), min_size=1, max_size=5))
    data: dict[str, Any] = {
        "touchaudit": 1,
        "company": draw(st.text(WRITABLE, min_size=1, max_size=40)),
        "touchpoints": touchpoints,
    }
    if draw(st.booleans()):
        data["audited_on"] = draw(st.dates())
    business = draw(st.sampled_from([None, *sorted(builtin_checklists())]))
    if business is not None:
        data["business"] = business
    if draw(st.booleans()):
        steps = draw(st.lists(st.sampled_from(sorted(touchpoints)), min_size=1, max_size=4))
        data["chains"] = {"path": {"steps": steps}}
    return data


def load(data: Mapping[str, Any]) -> LoadedAudit:
    text = yaml.safe_dump(dict(data), sort_keys=False)
    loaded, problems = parse_audit(text, "random.yaml")
    errors = [p for p in problems if p.severity == "error"]
    assert loaded is not None, f"{errors}\n{text}"
    return loaded


def measured_lines(loaded: LoadedAudit) -> list[tuple[str, str]]:
    """(touchpoint, criterion) of every measured value of an audit."""
    return [
        (tp_id, c_id)
        for tp_id, values in loaded.measurements.items()
        for c_id, m in values.items()
        if m.value is not None
    ]


def with_line(data: dict[str, Any], tp_id: str, c_id: str, value: Any) -> dict[str, Any]:
    """The audit data with one criterion line of one touchpoint set to `value` (None: deleted)."""
    changed = {**data, "touchpoints": dict(data["touchpoints"])}
    tp = dict(changed["touchpoints"][tp_id])
    criteria = {k: v for k, v in tp["criteria"].items() if k != c_id}
    tp["criteria"] = criteria if value is None else {**criteria, c_id: value}
    changed["touchpoints"][tp_id] = tp
    return changed


def assert_other_touchpoints_unchanged(before: Scorecard, after: Scorecard, tp_id: str) -> None:
    """Every touchpoint but `tp_id` scores exactly as it did."""
    for other in before.touchpoints:
        if other.id != tp_id:
            again = after.touchpoint(other.id)
            assert again is not None
            assert again.score == other.score


def all_scores(card: Scorecard) -> dict[tuple[str, str], float | None]:
    """Every score of a scorecard by what it belongs to, so that two cards can be compared."""
    scores: dict[tuple[str, str], float | None] = {("overall", ""): card.score}
    scores.update({("stage", s.id): s.score for s in card.stages})
    scores.update({("channel", c.id): c.score for c in card.channels})
    scores.update({("touchpoint", t.id): t.score for t in card.touchpoints})
    for t in card.touchpoints:
        scores.update({(f"criterion {t.id}", c.id): c.score for c in t.criteria})
    return scores


# --------------------------------------------------------------------------- loading


@FAST
@given(audit_data())
def test_random_audits_round_trip_through_yaml(data: dict[str, Any]) -> None:
    loaded = load(data)
    assert list(loaded.audit.touchpoints) == list(data["touchpoints"])
    for tp_id, tp in data["touchpoints"].items():
        assert loaded.audit.touchpoints[tp_id].channel == tp["channel"]
        assert set(loaded.measurements[tp_id]) == set(tp["criteria"])  # no value lost
    if "audited_on" in data:
        assert loaded.audit.audited_on == data["audited_on"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_give_problems_not_exceptions(raw: bytes) -> None:
    loaded, problems = parse_audit(raw, "random.bin")
    assert loaded is not None or problems


YAML_ALPHABET = st.sampled_from(
    [*list("abcxyz019 :-[]{},&*!|>?'\"#%@`~.\n\t\\"), "touchaudit", "<<", "\u200b", "é", "\r"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(YAML_ALPHABET, max_size=120).map("".join))
def test_random_yaml_text_gives_problems_not_exceptions(text: str) -> None:
    loaded, problems = parse_audit(text, "random.yaml")
    assert loaded is not None or problems
    for problem in problems:
        assert problem.message.isprintable()


@settings(max_examples=100, deadline=None)
@given(audit_data(), st.data())
def test_a_mutated_audit_never_raises(data: dict[str, Any], draws: st.DataObject) -> None:
    text = yaml.safe_dump(data, sort_keys=False)
    at = draws.draw(st.integers(0, len(text)))
    junk = draws.draw(st.lists(YAML_ALPHABET, max_size=8).map("".join))
    parse_audit(text[:at] + junk + text[at + draws.draw(st.integers(0, 5)) :], "mutated.yaml")


# --------------------------------------------------------------------------- scoring


@FAST
@given(audit_data())
def test_scores_stay_between_0_and_100(data: dict[str, Any]) -> None:
    card = score_audit(load(data))
    for key, score in all_scores(card).items():
        assert score is None or 0.0 <= score <= 100.0, key
    assert all(gap.impact >= 0 for gap in card.gaps)
    assert 0.0 <= card.coverage <= 1.0


def _better(c: Criterion, value: float | bool, step: float) -> float | bool:
    """`value` moved `step` (0-1) of the way towards the best end of the criterion's scale."""
    if c.curve is Curve.BOOLEAN or isinstance(value, bool):
        return c.expected
    low, high = _bounds(c)
    if c.direction is Direction.LOWER:
        return value - (value - low) * step
    top = high if c.max is not None else max(high, value * 2)
    return value + (top - value) * step


@FAST
@given(audit_data(), st.data())
def test_improving_one_measurement_never_lowers_any_score(
    data: dict[str, Any], draws: st.DataObject
) -> None:
    loaded = load(data)
    measured = [
        (tp_id, c_id)
        for tp_id, values in loaded.measurements.items()
        for c_id, m in values.items()
        if m.value is not None
    ]
    assume(measured)
    tp_id, c_id = draws.draw(st.sampled_from(measured))
    step = draws.draw(st.floats(0.01, 1.0))
    criterion = loaded.library.criteria[c_id]
    old = loaded.measurements[tp_id][c_id]
    assert old.value is not None
    new = dataclasses.replace(old, value=_better(criterion, old.value, step))
    measurements = {k: dict(v) for k, v in loaded.measurements.items()}
    measurements[tp_id][c_id] = new
    improved = dataclasses.replace(loaded, measurements=measurements)
    before, after = all_scores(score_audit(loaded)), all_scores(score_audit(improved))
    for key, score in before.items():
        if score is not None:
            assert after[key] is not None
            assert after[key] >= score - 1e-9, (key, old, new)


@FAST
@given(audit_data(), st.randoms(use_true_random=False))
def test_touchpoint_order_never_changes_any_score(data: dict[str, Any], rnd: Any) -> None:
    items = list(data["touchpoints"].items())
    rnd.shuffle(items)
    shuffled = {**data, "touchpoints": dict(items)}
    first, second = score_audit(load(data)), score_audit(load(shuffled))
    a, b = all_scores(first), all_scores(second)
    assert a.keys() == b.keys()
    for key in a:
        x, y = a[key], b[key]
        assert (x is None) == (y is None), key
        if x is not None and y is not None:
            assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9), key
    gaps = {(g.touchpoint, g.criterion, g.message): g.impact for g in first.gaps}
    assert gaps.keys() == {(g.touchpoint, g.criterion, g.message) for g in second.gaps}
    for g in second.gaps:
        assert math.isclose(gaps[(g.touchpoint, g.criterion, g.message)], g.impact, abs_tol=1e-9)


@FAST
@given(audit_data(), st.data())
def test_deleting_a_measured_line_never_raises_the_low_end(
    data: dict[str, Any], draws: st.DataObject
) -> None:
    loaded = load(data)
    measured = measured_lines(loaded)
    assume(measured)
    tp_id, c_id = draws.draw(st.sampled_from(measured))
    before, after = score_audit(loaded), score_audit(load(with_line(data, tp_id, c_id, None)))
    assert before.low is not None
    assert after.low is not None
    assert after.low <= before.low + 1e-9
    assert after.high is not None
    assert before.high is not None
    assert after.high >= before.high - 1e-9
    assert_other_touchpoints_unchanged(before, after, tp_id)


@FAST
@given(audit_data(), st.data())
def test_marking_a_criterion_na_never_changes_another_touchpoints_score(
    data: dict[str, Any], draws: st.DataObject
) -> None:
    loaded = load(data)
    measured = measured_lines(loaded)
    assume(measured)
    tp_id, c_id = draws.draw(st.sampled_from(measured))
    marked = with_line(data, tp_id, c_id, {"value": "n/a", "note": "not here"})
    before, after = score_audit(loaded), score_audit(load(marked))
    assert_other_touchpoints_unchanged(before, after, tp_id)


@FAST
@given(audit_data(), st.data())
def test_adding_a_missing_expected_touchpoint_never_lowers_the_overall(
    data: dict[str, Any], draws: st.DataObject
) -> None:
    card = score_audit(load(data))
    with_channel = [i for i in card.missing if i.channels]
    assume(with_channel)
    item = draws.draw(st.sampled_from(with_channel))
    channel = draws.draw(st.sampled_from(item.channels))
    assume(LIBRARY.for_channel(channel))
    added = draws.draw(touchpoint())
    added = {**added, "channel": channel, "criteria": {}}  # weight as drawn is dropped below
    added.pop("weight", None)
    criteria = draws.draw(
        st.lists(st.sampled_from(LIBRARY.for_channel(channel)), unique=True, max_size=6)
    )
    added["criteria"] = {c.id: draws.draw(measured_value(c)) for c in criteria}
    bigger = {**data, "touchpoints": {**data["touchpoints"], "zz_added": added}}
    after = score_audit(load(bigger))
    assert card.score is not None  # a missing touchpoint is a 0 in the mean
    assert after.score is None or after.score >= card.score - 1e-9


@FAST
@given(audit_data())
def test_every_score_lies_within_its_range(data: dict[str, Any]) -> None:
    card = score_audit(load(data))
    groups = [(card.low, card.score, card.high)]
    groups += [(g.low, g.score, g.high) for g in (*card.stages, *card.channels)]
    groups += [(t.low, t.score, t.high) for t in card.touchpoints]
    for low, point, high in groups:
        if point is not None:
            assert low is not None
            assert high is not None
            assert low - 1e-9 <= point <= high + 1e-9


def _good_text(c: Criterion) -> Any:
    """The criterion's `good` written as a user would: a value that scores its target."""
    if c.curve is Curve.BOOLEAN:
        return "yes" if c.expected else "no"
    assert c.good is not None
    return _written(c, c.good)


@FAST
@given(audit_data(), st.data())
def test_the_plan_adds_up_to_a_real_recomputation(
    data: dict[str, Any], draws: st.DataObject
) -> None:
    data = {k: v for k, v in data.items() if k != "business"}
    loaded = load(data)
    steps = score_audit(loaded).plan.to_fix
    prefix = []
    for step in steps:
        if step.gap.kind is not GapKind.BELOW_GOOD:
            break
        prefix.append(step)
    assume(prefix)
    n = draws.draw(st.integers(1, len(prefix)))
    fixed = data
    for step in prefix[:n]:
        tp_id, c_id = step.gap.touchpoint, step.gap.criterion
        assert tp_id is not None
        assert c_id is not None
        fixed = with_line(fixed, tp_id, c_id, _good_text(loaded.library.criteria[c_id]))
    after = score_audit(load(fixed))
    assert after.score is not None
    assert math.isclose(after.score, prefix[n - 1].score_after, abs_tol=1e-6)
    total = sum(step.impact for step in prefix[:n])
    before = score_audit(loaded).score
    assert before is not None
    assert math.isclose(before + total, after.score, abs_tol=1e-6)


@FAST
@given(audit_data())
def test_the_plan_lists_each_fix_once(data: dict[str, Any]) -> None:
    plan = score_audit(load(data)).plan
    places = [s.gap.place for s in plan.to_fix if s.gap.place]
    items = [s.gap.item for s in plan.to_fix if s.gap.item]
    assert len(places) == len(set(places))
    assert len(items) == len(set(items))
    assert all(s.gap.kind is not GapKind.UNMEASURED for s in plan.to_fix)
    assert all(m.gap.kind is GapKind.UNMEASURED for m in plan.to_measure)


def test_measurement_dataclass_is_what_scoring_reads() -> None:
    # The improvement property swaps Measurement values in place: keep it a dataclass.
    assert dataclasses.is_dataclass(Measurement)


# --------------------------------------------------------------------------- found by the above


def test_a_tiny_duration_scores_instead_of_crashing() -> None:
    # x / poor underflowed to 0 and math.log raised: an internal error on a valid file.
    data = {"touchaudit": 1, "company": "A", "touchpoints": {"b": {"channel": "blog"}}}
    data["touchpoints"]["b"]["criteria"] = {"content_freshness": "4.94066e-324 d"}
    card = score_audit(load(data))
    assert card.score == 100.0


def test_a_weighted_mean_never_leaves_its_range() -> None:
    # 100 * w / w was 100.00000000000001 for w = 3.2289818190245834.
    data = {"touchaudit": 1, "company": "A", "touchpoints": {"a": {"channel": "ads"}}}
    data["touchpoints"]["a"].update(weight=3.2289818190245834, criteria={"ad_landing_match": "yes"})
    assert score_audit(load(data)).score == 100.0
