"""Message templates, rendering and the retry policy (core.messages): pure, no database."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest

from imis_customer_plugin.core import messages
from imis_customer_plugin.core.errors import ValidationError

# The seeded templates and the trigger's params, as the migration that creates them has them.
migration = importlib.import_module(
    "imis_customer_plugin.db.migrations.versions.0005_sla_and_outbox"
)


def test_every_seeded_template_is_valid() -> None:
    for kind, classification, language, channel, subject, body in migration.TEMPLATES:
        assert messages.use_problems(kind, classification, language, channel) == []
        messages.validate_template(subject, body, channel)


def test_placeholders_match_what_the_trigger_queues() -> None:
    built = migration._ENQUEUE.split("jsonb_build_object(")[1].split(") AS params")[0]
    keys = re.findall(r"'([a-z_]+)',\s*(?=[a-z])", built)  # 'key', value; not 'x', 'y'
    assert set(keys) == set(messages.PLACEHOLDERS)


def test_unknown_placeholders_are_named_with_the_ones_to_use() -> None:
    with pytest.raises(ValidationError) as raised:
        messages.validate_template("About $referense", "Dear ${customer} and $reference", "email")
    problems = {p.field: p.message for p in raised.value.problems}
    assert "$referense" in problems["subject"]
    assert "$customer" in problems["body"] and "$reference," not in problems["body"].split(";")[0]
    assert "$customer_name" in problems["body"]  # says what may be used


@pytest.mark.parametrize(
    ("subject", "body", "channel", "field"),
    [
        ("Subject", "   ", "email", "body"),
        ("", "Body", "email", "subject"),
        ("Two\nlines", "Body", "email", "subject"),
        ("", "x" * 321, "sms", "body"),
        ("", "Costs $5", "sms", "body"),
        ("", "Body", "fax", "channel"),
    ],
)
def test_refused_templates_name_the_field(subject, body, channel, field) -> None:
    with pytest.raises(ValidationError) as raised:
        messages.validate_template(subject, body, channel)
    assert field in {p.field for p in raised.value.problems}


def test_accepted_templates() -> None:
    messages.validate_template("", "x" * 320, "sms")
    messages.validate_template("", "Costs $$5 for ${reference}x", "sms")
    messages.validate_template("Re: $reference", "Dear $customer_name", "email")


def test_use_problems() -> None:
    assert messages.use_problems("acknowledgement", None, "af", "sms") == []
    fields = {p.field for p in messages.use_problems("memo", "praise", "fr", "fax")}
    assert fields == {"kind", "classification", "language", "channel"}


def test_render_fills_values_and_never_raises() -> None:
    subject, body = messages.render(
        "Update on $reference: $status",
        "Dear $customer_name, $reason costs $$5. $unknown ${also_unknown}end $ 7",
        {"reference": "CR2026-000001", "status": "in progress", "reason": None, "customer_name": 1},
    )
    assert subject == "Update on CR2026-000001: in progress"
    assert body == "Dear 1,  costs $5.  end $ 7"


def test_render_keeps_the_subject_on_one_line() -> None:
    subject, _ = messages.render("$reason", "x", {"reason": "Water off\r\nuntil Monday"})
    assert subject == "Water off until Monday"


def test_retry_delay_doubles_up_to_an_hour() -> None:
    minutes = [messages.retry_delay(n) / dt.timedelta(minutes=1) for n in range(0, 10)]
    assert minutes == [1, 1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert messages.retry_delay(10_000) == dt.timedelta(hours=1)


def test_permanent_or_transient() -> None:
    assert messages.permanent_smtp_code(550) and messages.permanent_smtp_code(554)
    assert not messages.permanent_smtp_code(450) and not messages.permanent_smtp_code(421)
    assert all(messages.permanent_http_status(s) for s in (400, 404, 410, 422))
    assert not any(messages.permanent_http_status(s) for s in (200, 408, 429, 500, 503))


@pytest.mark.parametrize(
    ("channel", "address", "ok"),
    [
        ("email", "thandi@mail.example", True),
        ("email", "thandi@mail", False),
        ("email", None, False),
        ("sms", "+27821234567", True),
        ("sms", "082 123", False),
        ("sms", "", False),
    ],
)
def test_address_problem(channel, address, ok) -> None:
    assert (messages.address_problem(channel, address) is None) is ok
