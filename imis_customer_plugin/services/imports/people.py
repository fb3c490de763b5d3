"""Customers and accounts from CSV: streamed to a staging table by COPY, checked set-based.

customers.csv columns (header required, any order; only full_name is required):
    full_name, id_number, phone, email, preferred_channel, consent_to_contact
accounts.csv columns (account_number and customer_id_number required):
    account_number, customer_id_number, erf_number, sg_code, opened_on, status

Values are trimmed; empty means "not given". id_number, account_number and sg_code are
upper-cased; spaces, dashes, dots and brackets inside phone numbers are dropped. A missing
preferred_channel becomes sms (with a phone), email (with an address only) or none;
consent_to_contact takes yes/no, true/false, y/n, 1/0; opened_on is YYYY-MM-DD (default
today) and status active/closed (default active). An account's parcel is found by sg_code,
or by erf_number when that names exactly one parcel.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Optional

from ...core.import_rules import (
    ACCOUNT_COLUMNS,
    ACCOUNT_REQUIRED_COLUMNS,
    ACCOUNT_RULES,
    CUSTOMER_COLUMNS,
    CUSTOMER_RULES,
    TRUE_WORDS,
    RowProblem,
)
from ._common import (
    QUERY_LIMIT,
    Feedback,
    ImportReport,
    Progress,
    Target,
    copy_rows,
    create_staging,
    duplicate_problems,
    reject_if_any,
    rule_problems,
    transaction,
)
from .tabular import CsvSource

LOGGER = logging.getLogger(__name__)

STAGING = "imis_import_rows"

_CUSTOMER_LINKS = f"""
SELECT c.line, 'id_number', format('%%L is already registered (customer %%s)', c.id_number, k.id)
  FROM {STAGING} AS c JOIN imis.customer AS k ON k.id_number = c.id_number
UNION ALL
SELECT line, 'preferred_channel', format('is %%L but there is no %%s', preferred_channel,
       CASE preferred_channel WHEN 'email' THEN 'e-mail address' ELSE 'phone number' END)
  FROM {STAGING}
 WHERE (preferred_channel = 'email' AND email IS NULL)
    OR (preferred_channel IN ('sms', 'telephone') AND phone IS NULL)
ORDER BY 1 LIMIT %(cap)s
"""

_INSERT_CUSTOMERS = f"""
INSERT INTO imis.customer
       (full_name, id_number, phone, email, preferred_channel, consent_to_contact)
SELECT full_name, id_number, phone, email,
       coalesce(preferred_channel, CASE WHEN phone IS NOT NULL THEN 'sms'
                                        WHEN email IS NOT NULL THEN 'email' ELSE 'none' END),
       coalesce(consent_to_contact = ANY (%(true_words)s::text[]), false)
  FROM {STAGING} ORDER BY line
"""


def import_customers(
    target: Target, path: str | Path, *, feedback: Optional[Feedback] = None
) -> ImportReport:
    """Adds the customers of a CSV file, all or none; raises ImportRejected with every
    problem (line, column, what) when any row is wrong."""
    started = time.perf_counter()
    progress = Progress(feedback)
    with (
        CsvSource(path, CUSTOMER_RULES, ("full_name",), progress) as rows,
        transaction(target, rows.source) as cursor,
    ):
        create_staging(cursor, STAGING, CUSTOMER_COLUMNS, extra="line integer")
        copy_rows(cursor, STAGING, ("line", *CUSTOMER_COLUMNS), rows.rows())
        progress.report(60)
        problems = [*rows.problems, *rule_problems(cursor, STAGING, CUSTOMER_RULES)]
        problems += duplicate_problems(cursor, STAGING, "id_number")
        problems += _fetch_problems(cursor, _CUSTOMER_LINKS)
        reject_if_any(rows.source, problems)
        progress.report(75)
        cursor.execute(_INSERT_CUSTOMERS, {"true_words": list(TRUE_WORDS)})
        inserted = cursor.rowcount
        progress.report(100)
    return _report("customers", rows, inserted, started)


# A real calendar date, decided without casting (a bad cast would abort the transaction).
_REAL_DATE = """
opened_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
AND substr(opened_on, 1, 4)::int > 0 AND substr(opened_on, 6, 2)::int BETWEEN 1 AND 12
AND substr(opened_on, 9, 2)::int BETWEEN 1 AND extract(day FROM
    make_date(substr(opened_on, 1, 4)::int, substr(opened_on, 6, 2)::int, 1)
    + interval '1 month - 1 day')
"""

_LINK_ACCOUNTS = f"""
UPDATE {STAGING} AS a
   SET customer_id = (SELECT k.id FROM imis.customer AS k
                       WHERE k.id_number = a.customer_id_number),
       parcel_id = CASE WHEN a.sg_code IS NOT NULL
                        THEN (SELECT p.id FROM imis.parcel AS p WHERE p.sg_code = a.sg_code)
                        WHEN a.erf_number IS NOT NULL
                        THEN (SELECT min(p.id) FROM imis.parcel AS p
                               WHERE p.erf_number = a.erf_number HAVING count(*) = 1) END,
       opened = CASE WHEN {_REAL_DATE} THEN opened_on::date END
"""

_ACCOUNT_LINKS = f"""
SELECT a.line, 'account_number',
       format('%%L already exists (account %%s)', a.account_number, x.id)
  FROM {STAGING} AS a JOIN imis.account AS x ON x.account_number = a.account_number
UNION ALL
SELECT line, 'customer_id_number',
       format('no customer has the id_number %%L; import the customers first',
              customer_id_number)
  FROM {STAGING} WHERE customer_id IS NULL AND customer_id_number IS NOT NULL
UNION ALL
SELECT line, 'sg_code', format('no parcel has the SG code %%L', sg_code)
  FROM {STAGING} WHERE sg_code IS NOT NULL AND parcel_id IS NULL
UNION ALL
SELECT a.line, 'erf_number', format('%%L does not match the parcel of SG code %%L (erf %%L)',
       a.erf_number, a.sg_code, p.erf_number)
  FROM {STAGING} AS a JOIN imis.parcel AS p ON p.id = a.parcel_id
 WHERE a.sg_code IS NOT NULL AND a.erf_number IS NOT NULL AND p.erf_number <> a.erf_number
UNION ALL
SELECT a.line, 'erf_number',
       CASE count(p.id) WHEN 0 THEN format('no parcel has the erf number %%L', a.erf_number)
            ELSE format('%%s parcels have the erf number %%L; give the sg_code instead',
                        count(p.id), a.erf_number) END
  FROM {STAGING} AS a LEFT JOIN imis.parcel AS p ON p.erf_number = a.erf_number
 WHERE a.sg_code IS NULL AND a.erf_number IS NOT NULL AND a.parcel_id IS NULL
 GROUP BY a.line, a.erf_number
UNION ALL
SELECT line, 'opened_on', CASE WHEN opened IS NULL
                               THEN format('%%L is not a date in the calendar', opened_on)
                               ELSE format('%%s lies in the future', opened) END
  FROM {STAGING}
 WHERE opened_on ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$'
   AND (opened IS NULL OR opened > current_date)
ORDER BY 1 LIMIT %(cap)s
"""

_INSERT_ACCOUNTS = f"""
INSERT INTO imis.account (account_number, customer_id, parcel_id, status, opened_on)
SELECT account_number, customer_id, parcel_id, coalesce(status, 'active'),
       coalesce(opened, current_date)
  FROM {STAGING} ORDER BY line
"""


def import_accounts(
    target: Target, path: str | Path, *, feedback: Optional[Feedback] = None
) -> ImportReport:
    """Adds the accounts of a CSV file, linked to existing customers (by id_number) and
    parcels (by sg_code or erf_number); all or none, like import_customers."""
    started = time.perf_counter()
    progress = Progress(feedback)
    with (
        CsvSource(path, ACCOUNT_RULES, ACCOUNT_REQUIRED_COLUMNS, progress) as rows,
        transaction(target, rows.source) as cursor,
    ):
        extra = "line integer, customer_id bigint, parcel_id bigint, opened date"
        create_staging(cursor, STAGING, ACCOUNT_COLUMNS, extra=extra)
        copy_rows(cursor, STAGING, ("line", *ACCOUNT_COLUMNS), rows.rows())
        progress.report(60)
        cursor.execute(_LINK_ACCOUNTS)
        problems = [*rows.problems, *rule_problems(cursor, STAGING, ACCOUNT_RULES)]
        problems += duplicate_problems(cursor, STAGING, "account_number")
        problems += _fetch_problems(cursor, _ACCOUNT_LINKS)
        reject_if_any(rows.source, problems)
        progress.report(75)
        cursor.execute(_INSERT_ACCOUNTS)
        inserted = cursor.rowcount
        progress.report(100)
    return _report("accounts", rows, inserted, started)


def _fetch_problems(cursor: Any, query: str) -> list[RowProblem]:
    cursor.execute(query, {"cap": QUERY_LIMIT})
    return [RowProblem(line, field, message) for line, field, message in cursor.fetchall()]


def _report(kind: str, rows: CsvSource, inserted: int, started: float) -> ImportReport:
    report = ImportReport(
        kind, rows.source, rows.rows_read, inserted, seconds=time.perf_counter() - started
    )
    LOGGER.info("%s: %s", rows.source, report.summary())
    return report
