"""Registering a new customer at the desk, with the same rules as a customer import."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import exc, text
from sqlalchemy.engine import Connection

from ..core.errors import FieldProblem, ValidationError
from ..core.import_rules import CUSTOMER_RULES, parse_bool


def create_customer(connection: Connection, fields: Mapping[str, str]) -> int:
    """Checks every field (naming each bad one) and inserts the customer; returns its id."""
    values = {rule.name: rule.clean(str(fields.get(rule.name) or "")) for rule in CUSTOMER_RULES}
    problems = [
        FieldProblem(rule.name, message)
        for rule in CUSTOMER_RULES
        if (message := rule.check(values[rule.name])) is not None
    ]
    if problems:
        raise ValidationError(problems)
    channel = values["preferred_channel"] or (
        "sms" if values["phone"] else "email" if values["email"] else "none"
    )
    try:
        with connection.begin_nested():  # a duplicate ID must not spoil the caller's transaction
            return connection.execute(
                text(
                    """
                    INSERT INTO imis.customer (full_name, id_number, phone, email,
                                               preferred_channel, consent_to_contact)
                    VALUES (:full_name, :id_number, :phone, :email, :channel, :consent)
                    RETURNING id
                    """
                ),
                {
                    **values,
                    "channel": channel,
                    "consent": bool(parse_bool(values["consent_to_contact"])),
                },
            ).scalar_one()
    except exc.IntegrityError as error:
        if "customer_id_number_key" in str(error.orig):
            raise ValidationError.single(
                "id_number", f"a customer with ID number {values['id_number']} exists already"
            ) from None
        raise
