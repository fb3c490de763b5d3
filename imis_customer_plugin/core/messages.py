"""Message templates and delivery policy for the outbox: placeholders, rendering, backoff.

A template is text with `$placeholders` (string.Template syntax, `$$` for a dollar sign).
The trigger imis.enqueue_messages() stores the values in outbox.params when it queues a
message; the worker renders the chosen template with them when it delivers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from string import Template

from .errors import FieldProblem, ValidationError
from .workflow import CLASSIFICATIONS

# The keys imis.enqueue_messages() puts in outbox.params (migration 0005).
PLACEHOLDERS = (
    "reference",
    "classification",
    "category",
    "department",
    "status",
    "reason",
    "resolution",
    "customer_name",
    "staff_name",
    "level",
    "due",
    "description",
)
KINDS = ("acknowledgement", "status_change", "resolution", "assignment", "at_risk", "escalation")
LANGUAGES = ("en", "af", "xh")
CHANNELS = ("email", "sms")
FALLBACK_LANGUAGE = "en"

# Two SMS segments of text before the values go in: long enough for a sentence and a
# reference, short enough that a rendered message stays a few segments.
MAX_SMS_TEMPLATE = 320
MAX_SUBJECT = 200

MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=1)


def placeholders_in(text: str) -> tuple[list[str], bool]:
    """The placeholder names used in `text`, and whether it has a `$` that is none.

    Parsed with Template.pattern: Template.get_identifiers() only exists from Python 3.11.
    """
    names: list[str] = []
    stray_dollar = False
    for match in Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            names.append(name)
        elif match.group("invalid") is not None:
            stray_dollar = True
    return names, stray_dollar


def template_problems(subject: str, body: str, channel: str) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if channel not in CHANNELS:
        problems.append(FieldProblem("channel", f"unknown channel '{channel}'"))
    for field_name, text in (("subject", subject), ("body", body)):
        names, stray_dollar = placeholders_in(text)
        unknown = sorted(set(names) - set(PLACEHOLDERS))
        if unknown:
            problems.append(
                FieldProblem(
                    field_name,
                    f"unknown placeholder{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join('$' + n for n in unknown)}; "
                    f"use {', '.join('$' + p for p in PLACEHOLDERS)}",
                )
            )
        if stray_dollar:
            problems.append(
                FieldProblem(field_name, "a $ must start a placeholder; write $$ for a $ sign")
            )
    if not body.strip():
        problems.append(FieldProblem("body", "write the message text"))
    if channel == "email":
        if not subject.strip():
            problems.append(FieldProblem("subject", "an e-mail needs a subject"))
        elif len(subject) > MAX_SUBJECT or "\n" in subject or "\r" in subject:
            problems.append(
                FieldProblem("subject", f"one line of at most {MAX_SUBJECT} characters")
            )
    elif channel == "sms" and len(body) > MAX_SMS_TEMPLATE:
        message = f"{len(body)} characters; an SMS template has at most {MAX_SMS_TEMPLATE}"
        problems.append(FieldProblem("body", message))
    return problems


def use_problems(
    kind: str, classification: str | None, language: str, channel: str
) -> list[FieldProblem]:
    """Whether a template for this kind, classification, language and channel can exist."""
    problems = []
    if kind not in KINDS:
        problems.append(FieldProblem("kind", f"unknown message kind '{kind}'"))
    if classification is not None and classification not in CLASSIFICATIONS:
        problems.append(
            FieldProblem("classification", f"unknown classification '{classification}'")
        )
    if language not in LANGUAGES:
        problems.append(FieldProblem("language", f"unknown language '{language}'"))
    if channel not in CHANNELS:
        problems.append(FieldProblem("channel", f"unknown channel '{channel}'"))
    return problems


# The same shapes imis.customer accepts (migration 0002).
_ADDRESS = {
    "email": re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
    "sms": re.compile(r"\+?[0-9]{9,15}"),
}


def address_problem(channel: str, address: str | None) -> str | None:
    """What is wrong with an address to send a message on `channel` to, or None."""
    if not address:
        return f"no {'e-mail address' if channel == 'email' else 'phone number'} to send to"
    if not _ADDRESS[channel].fullmatch(address):
        what = "an e-mail address" if channel == "email" else "a phone number like +27821234567"
        return f"'{address}' is not {what}"
    return None


def validate_template(subject: str, body: str, channel: str) -> None:
    problems = template_problems(subject, body, channel)
    if problems:
        raise ValidationError(problems)


class _Blank(dict):
    """A missing value renders as nothing: a message still goes out, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


def render(subject: str, body: str, params: Mapping[str, object]) -> tuple[str, str]:
    """The subject and body with the values filled in; never raises for missing values."""
    values = _Blank({k: "" if v is None else str(v) for k, v in params.items()})
    rendered_subject = Template(subject).safe_substitute(values)
    # A value with a line break (a reason, a description) must not break the header.
    rendered_subject = re.sub(r"\s+", " ", rendered_subject).strip()
    return rendered_subject, Template(body).safe_substitute(values).strip()


def retry_delay(attempt: int) -> dt.timedelta:
    """How long to wait after failed attempt number `attempt`: 1 min, 2, 4, ... at most 1 h."""
    doublings = min(max(attempt - 1, 0), 16)  # past the cap anyway; keeps timedelta in range
    return min(FIRST_RETRY * 2**doublings, LONGEST_RETRY)


def permanent_smtp_code(code: int) -> bool:
    """5xx replies are final (RFC 5321); 4xx say 'try again later'."""
    return 500 <= code < 600


def permanent_http_status(status: int) -> bool:
    """A 4xx says the request itself is wrong, except timeouts and rate limits."""
    return 400 <= status < 500 and status not in (408, 429)
