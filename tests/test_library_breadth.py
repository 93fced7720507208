"""The library covers what consultants measure: the four audits of issue 17 (a restaurant, a B2B
SaaS company, an online furniture store and the smartphone maker of the domain texts) need no
custom criterion, and every criterion says where its thresholds come from and how to measure it."""

from __future__ import annotations

import json
import textwrap

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.criteria import builtin_library
from touchaudit.reading.loader import parse_audit

LIBRARY = builtin_library()

RESTAURANT = """\
    business: restaurant
    touchpoints:
      instagram:
        channel: social
        criteria:
          social_followers: 2400
          follower_growth: 3.5
          engagement_rate: 2.1%
      site:
        channel: website
        criteria:
          table_booking: yes
          menu_online: yes
          allergen_information: no
      line:
        channel: phone
        criteria:
          unanswered_calls: 30%
          voicemail_or_callback: no
      couriers:
        channel: delivery
        criteria:
          delivery_time: 42 min
          order_accuracy: 93%
          food_temperature: 52
      hall:
        channel: store
        criteria:
          seating_wait_time: 8 min
          food_serving_time: 21 min
"""
SAAS = """\
    business: saas
    touchpoints:
      site:
        channel: website
        criteria:
          free_trial_no_card: yes
          published_pricing: no
          time_to_first_value: 25 min
          uptime: 99.95%
      billing:
        channel: billing
        criteria:
          renewal_notice: no
          self_service_cancellation: no
          cancellation_steps: 6
      chat:
        channel: live_chat
        criteria:
          chat_answer_quality: 3.5/5
          first_reply_time: 40 s
      help:
        channel: support
        criteria:
          contact_rate: 14
          status_page: yes
"""
FURNITURE = """\
    business: furniture
    touchpoints:
      store:
        channel: website
        criteria:
          shipping_cost_upfront: yes
          product_specs: yes
          return_window: 14 d
      delivery:
        channel: delivery
        criteria:
          delivery_time: 5 w
          delivery_slot_choice: no
          assembly_service: yes
      returns:
        channel: support
        criteria:
          free_returns: no
"""
SMARTPHONES = """\
    business: ecommerce
    touchpoints:
      support:
        channel: support
        criteria:
          support_contacts: 1000
          contact_rate: 8
      hotline:
        channel: phone
        criteria:
          support_contacts: 2000
          unanswered_calls: 12%
          missed_call_return_time: 3 h
      community:
        channel: social
        criteria:
          social_followers: 120000
          follower_growth: 1.2
      bot:
        channel: chatbot
        criteria:
          chat_answer_quality: 4/5
"""


@pytest.mark.parametrize(
    "body",
    [RESTAURANT, SAAS, FURNITURE, SMARTPHONES],
    ids=["restaurant", "saas", "furniture", "smartphones"],
)
def test_the_four_audits_of_the_issue_need_no_custom_criterion(body: str) -> None:
    text = "touchaudit: 1\ncompany: Acme\n" + textwrap.dedent(body)
    loaded, problems = parse_audit(text, "audit.yaml")
    assert loaded is not None, [str(p) for p in problems]
    assert [str(p) for p in problems] == []  # not even a criterion on an unexpected channel
    measured = {c for m in loaded.measurements.values() for c in m}
    assert measured <= set(LIBRARY.criteria)


def test_the_library_lists_at_least_110_criteria_each_with_a_source_and_a_protocol() -> None:
    result = CliRunner().invoke(app, ["criteria", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert len(listed) >= 110
    for criterion in listed:
        assert criterion["source"].strip(), criterion["id"]
        assert len(criterion["description"]) > 30, criterion["id"]


def test_a_business_types_own_criteria_are_expected_only_in_its_audits() -> None:
    restaurant = {c.id for c in LIBRARY.for_business("restaurant").for_channel("website")}
    anyone = {c.id for c in LIBRARY.for_channel("website")}
    saas = {c.id for c in LIBRARY.for_business("saas").for_channel("website")}
    assert "allergen_information" in restaurant - anyone
    assert "free_trial_no_card" in saas - anyone
    assert "allergen_information" not in saas
