"""Cost responsibility (the "financial report" step): who pays, with which mSCOA segments, and
the finance export layout (docs/finance_export.md).

Pure logic: the services read job card costs and store allocations; this module checks what
the user proposes, that it adds up to the costs to the cent, and turns exported lines into
the CSV that finance loads. Money is always decimal.Decimal in rand, never float.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from enum import Enum
from typing import Protocol

from ..definitions import DISPLAY_TIMEZONE
from .errors import FieldProblem, ImisError, ValidationError
from .job_cards import LineKind

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # numeric(14, 2)
LINE_KINDS = tuple(k.value for k in LineKind)  # labour, material, equipment, contractor
SEGMENT_NAMES = ("function", "item", "project", "fund", "costing", "region")
MAX_SEGMENT = 40
MAX_PARTY_NAME = 200
CURRENCY = "ZAR"
FINANCE_ROLE = "imis_finance"

_SEGMENT = re.compile(r"[0-9A-Z.]*")
# A cell starting like this is a formula to a spreadsheet (CSV injection); names never need it.
_FORMULA_START = ("=", "+", "-", "@")


class Party(str, Enum):
    """Who pays: a department's vote, the customer's account (billable), a third party or
    insurer, or a contractor under warranty."""

    DEPARTMENT = "department"
    CUSTOMER = "customer"
    THIRD_PARTY = "third_party"
    CONTRACTOR = "contractor"


class AllocationStatus(str, Enum):
    PROPOSED = "proposed"  # by the desk or the department
    APPROVED = "approved"  # by a member of imis_finance
    EXPORTED = "exported"  # in an export batch; frozen by the database (SQLSTATE IMEXP)


class FinanceRoleError(ImisError):
    """Only members of the imis_finance role may approve cost allocations."""


@dataclass(frozen=True)
class Segments:
    """mSCOA segments of an allocation; '' = not given (the service fills the defaults)."""

    function: str = ""
    item: str = ""
    project: str = ""
    fund: str = ""
    costing: str = ""
    region: str = ""

    def cleaned(self) -> Segments:
        return Segments(*(getattr(self, name).strip().upper() for name in SEGMENT_NAMES))

    def problems(self, prefix: str = "") -> list[FieldProblem]:
        found = []
        for name in SEGMENT_NAMES:
            value = getattr(self, name)
            if not _SEGMENT.fullmatch(value) or len(value) > MAX_SEGMENT:
                found.append(
                    FieldProblem(
                        f"{prefix}mscoa_{name}",
                        f"'{value}' is not an mSCOA code: use at most {MAX_SEGMENT} capital "
                        "letters, digits and dots",
                    )
                )
        return found

    def with_defaults(self, **defaults: str) -> Segments:
        """Given segments stay; empty ones take the defaults (e.g. the department's function)."""
        return replace(
            self, **{name: value for name, value in defaults.items() if not getattr(self, name)}
        )

    def as_dict(self) -> dict[str, str]:
        return {f"mscoa_{name}": getattr(self, name) for name in SEGMENT_NAMES}


@dataclass(frozen=True)
class Allocation:
    """One share of an item's costs as the user proposes it.

    The party is named by what fits it: a department code (department), an account number
    (customer), or a name (third party / insurer, contractor). The region segment comes from
    the ward the item lies in; function and costing default to the department's.
    """

    party: Party | str
    amount: Decimal
    department: str = ""  # department code, for Party.DEPARTMENT
    account: str = ""  # account number, for Party.CUSTOMER
    party_name: str = ""  # for Party.THIRD_PARTY and Party.CONTRACTOR
    segments: Segments = field(default_factory=Segments)

    def cleaned(self) -> Allocation:
        party = self.party.value if isinstance(self.party, Party) else str(self.party).strip()
        return Allocation(
            Party(party) if party in _PARTIES else party,
            self.amount,
            self.department.strip().upper(),
            self.account.strip().upper(),
            " ".join(self.party_name.split()),
            self.segments.cleaned(),
        )

    def problems(self, prefix: str = "") -> list[FieldProblem]:
        """What is wrong with a cleaned allocation; each problem names its field."""
        found: list[FieldProblem] = []
        if not isinstance(self.party, Party):
            choices = ", ".join(p.value for p in Party)
            found.append(FieldProblem(f"{prefix}party", f"'{self.party}' is not one of {choices}"))
        else:
            found.extend(self._party_problems(prefix))
        amount_problem = check_amount(self.amount)
        if amount_problem:
            found.append(FieldProblem(f"{prefix}amount", amount_problem))
        found.extend(self.segments.problems(prefix))
        return found

    def _party_problems(self, prefix: str) -> list[FieldProblem]:
        named = {
            Party.DEPARTMENT: ("department", self.department, "the department's code"),
            Party.CUSTOMER: ("account", self.account, "the account number to bill"),
            Party.THIRD_PARTY: ("party_name", self.party_name, "the third party or insurer"),
            Party.CONTRACTOR: ("party_name", self.party_name, "the contractor"),
        }
        field_name, value, what = named[Party(self.party)]
        found = []
        if not value:
            found.append(FieldProblem(f"{prefix}{field_name}", f"name {what}"))
        for other, other_value in (
            ("department", self.department),
            ("account", self.account),
            ("party_name", self.party_name),
        ):
            if other != field_name and other_value:
                found.append(
                    FieldProblem(
                        f"{prefix}{other}",
                        f"a {Party(self.party).value} allocation names {what} only; "
                        f"leave {other} empty",
                    )
                )
        if self.party_name and (
            len(self.party_name) > MAX_PARTY_NAME or self.party_name.startswith(_FORMULA_START)
        ):
            found.append(
                FieldProblem(
                    f"{prefix}party_name",
                    f"at most {MAX_PARTY_NAME} characters, not starting with = + - or @",
                )
            )
        return found


_PARTIES = frozenset(p.value for p in Party)


def check_amount(amount: object) -> str | None:
    """Why `amount` is no good as an allocation amount, or None: a Decimal > 0, whole cents."""
    if isinstance(amount, (float, bool)) or not isinstance(amount, (Decimal, int)):
        return f"give the amount as a decimal number of rand, not {type(amount).__name__}"
    value = Decimal(amount)
    if not value.is_finite():
        return "must be a number"
    if value <= 0:
        return f"must be more than R 0.00 (is {value})"
    if value != value.quantize(CENT, rounding=ROUND_DOWN):
        return f"{value} has fractions of a cent: at most 2 decimals"
    if value > MAX_AMOUNT:
        return f"{format_rand(value)} is more than the largest amount the register holds"
    return None


def parse_amount(text: str) -> Decimal:
    """Rand as typed: '1234.50', '1 234,50', 'R1,234.50'. Raises ValidationError if it is not
    an amount (the cents are kept exactly, never rounded)."""
    cleaned = re.sub(r"^[Rr]", "", text.strip()).replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." in cleaned:  # 1,234.50: comma groups thousands
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1:  # 1234,50: the South African decimal comma
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError.single("amount", f"'{text}' is not an amount of rand") from None
    problem = check_amount(value)
    if problem:
        raise ValidationError.single("amount", problem)
    return value


def format_rand(amount: Decimal) -> str:
    """R 1 234.50: a space groups thousands, a dot separates the cents."""
    return "R " + f"{amount.quantize(CENT):,.2f}".replace(",", " ")


def validate_allocations(allocations: Iterable[Allocation]) -> list[Allocation]:
    """The allocations cleaned (codes in capitals, spaces trimmed); raises ValidationError naming
    every problem as 'allocation N: field'."""
    cleaned = [allocation.cleaned() for allocation in allocations]
    problems = [
        problem
        for number, allocation in enumerate(cleaned, start=1)
        for problem in allocation.problems(f"allocation {number}: ")
    ]
    if problems:
        raise ValidationError(problems)
    return cleaned


class Priced(Protocol):
    amount: Decimal


def adds_up_problem(allocations: Iterable[Priced], total: Decimal) -> str | None:
    """Both figures and the difference when the allocations are not the costs to the cent."""
    allocated = sum((Decimal(a.amount) for a in allocations), Decimal("0.00"))
    if allocated == total:
        return None
    difference = total - allocated
    gap = (
        f"{format_rand(difference)} is not allocated"
        if difference > 0
        else f"{format_rand(-difference)} too much is allocated"
    )
    return (
        f"the allocations add up to {format_rand(allocated)} but the costs are "
        f"{format_rand(total)}: {gap}"
    )


def check_adds_up(allocations: Iterable[Priced], total: Decimal) -> None:
    """Refuses (ValidationError) allocations whose sum is not the costs to the cent."""
    problem = adds_up_problem(allocations, total)
    if problem:
        raise ValidationError.single("allocations", problem)


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """`total` in `parts` shares that differ by at most a cent and add up exactly; the first
    shares take the odd cents (R 100.00 in 3: 33.34, 33.33, 33.33)."""
    if parts < 1:
        raise ValueError("split into at least one part")
    cents = int((total / CENT).to_integral_value())
    if Decimal(cents) * CENT != total:
        raise ValueError(f"{total} has fractions of a cent")
    share, odd = divmod(cents, parts)
    return [(Decimal(share + (1 if i < odd else 0)) * CENT) for i in range(parts)]


# ----------------------------------------------------------------------------------------------
# The finance export (docs/finance_export.md is the contract; change both together).

EXPORT_COLUMNS = (
    "record_type",  # D = a cost line, T = the trailer with the control totals (last row)
    "batch_id",
    "line_number",  # D: 1..n; T: n, the number of D rows
    "allocation_id",  # unique in IMIS and never in two batches: finance's duplicate check
    "reference",  # the correspondence, e.g. CR2026-000123
    "category_code",
    "party",  # department | customer | third_party | contractor
    "department_code",
    "account_number",
    "party_name",
    "mscoa_function",
    "mscoa_item",
    "mscoa_project",
    "mscoa_fund",
    "mscoa_costing",
    "mscoa_region",
    "amount",  # D: the line; T: the sum of the D amounts
    "currency",
    "approved_by",
    "approved_at",
    "exported_at",
)
DETAIL, TRAILER = "D", "T"
_FILE_NAME = re.compile(r"imis-finance-(\d{8})-(\d{3,})\.csv")
_UNPUBLISHED = re.compile(r"\.(imis-finance-\d{8}-\d{3,}\.csv)\.b(\d+)\.part")


@dataclass(frozen=True)
class ExportLine:
    """An approved allocation as it goes to finance."""

    allocation_id: int
    reference: str
    category_code: str
    party: Party
    amount: Decimal
    approved_by: str
    approved_at: dt.datetime
    department_code: str = ""
    account_number: str = ""
    party_name: str = ""
    segments: Segments = field(default_factory=Segments)


def iso_sast(moment: dt.datetime) -> str:
    """2026-11-22T14:05:09+02:00: ISO 8601 in South African time, to the second."""
    if moment.tzinfo is None:
        raise ValueError("a time without a time zone cannot be exported")
    return moment.astimezone(DISPLAY_TIMEZONE).replace(microsecond=0).isoformat()


def export_rows(
    lines: Sequence[ExportLine], batch_id: int, exported_at: dt.datetime
) -> list[list[str]]:
    """The CSV rows of a batch: the column names, one D row per line in the given order, and
    the T row (count and total of the D rows). Every cell is text."""
    rows = [list(EXPORT_COLUMNS)]
    exported = iso_sast(exported_at)
    total = Decimal("0.00")
    for number, line in enumerate(lines, start=1):
        amount = Decimal(line.amount)
        if check_amount(amount):
            raise ValueError(f"allocation {line.allocation_id}: {check_amount(amount)}")
        total += amount
        segments = line.segments.as_dict()
        rows.append(
            [
                DETAIL,
                str(batch_id),
                str(number),
                str(line.allocation_id),
                line.reference,
                line.category_code,
                Party(line.party).value,
                line.department_code,
                line.account_number,
                line.party_name,
                *(segments[f"mscoa_{name}"] for name in SEGMENT_NAMES),
                f"{amount:.2f}",
                CURRENCY,
                line.approved_by,
                iso_sast(line.approved_at),
                exported,
            ]
        )
    trailer = dict.fromkeys(EXPORT_COLUMNS, "")
    trailer.update(
        record_type=TRAILER,
        batch_id=str(batch_id),
        line_number=str(len(lines)),
        amount=f"{total:.2f}",
        currency=CURRENCY,
        exported_at=exported,
    )
    rows.append([trailer[name] for name in EXPORT_COLUMNS])
    return rows


def render_csv(rows: Iterable[Sequence[str]]) -> str:
    """RFC 4180: comma-separated, CRLF line ends, quotes only where a cell needs them."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue()


def export_file_name(day: dt.date, sequence: int) -> str:
    """imis-finance-20261122-001.csv: the batch's SAST day and its number within the day."""
    return f"imis-finance-{day:%Y%m%d}-{sequence:03d}.csv"


def next_export_file_name(day: dt.date, existing: Iterable[str]) -> str:
    """The name after the day's `existing` batch file names (the day's first: -001)."""
    stamp = f"{day:%Y%m%d}"
    numbers = [
        int(match.group(2))
        for name in existing
        if (match := _FILE_NAME.fullmatch(name)) and match.group(1) == stamp
    ]
    return export_file_name(day, max(numbers, default=0) + 1)


def is_export_file_name(name: str) -> bool:
    return _FILE_NAME.fullmatch(name) is not None


def unpublished_file_name(name: str, batch_id: int) -> str:
    """.imis-finance-20261122-001.csv.b42.part: a batch's file until its transaction commits.

    Hidden, and not matching imis-finance-*.csv, so finance's pick-up never takes it; the
    batch id in it tells a later export whether the batch committed (publish) or not (delete).
    """
    return f".{name}.b{batch_id}.part"


def parse_unpublished_file_name(name: str) -> tuple[str, int] | None:
    """(final name, batch id) of an unpublished batch file, or None for any other file."""
    match = _UNPUBLISHED.fullmatch(name)
    return (match.group(1), int(match.group(2))) if match else None
