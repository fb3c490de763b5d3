"""Customers and their municipal accounts, most of them tied to a residential erf.

South African identity numbers are YYMMDD SSSS C A Z: date of birth, a sequence that is
5000 or more for men, citizenship (0 citizen, 1 permanent resident), a digit that is 8
nowadays, and a Luhn check digit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from . import names
from .land import USES, Land
from .streams import Stream, rng

DAY = np.timedelta64(1, "D")
_OWNED = np.array([USES.index(u) for u in ("residential", "business", "industrial")])
_FLATS = USES.index("general_residential")
_PUBLIC = np.array([USES.index(u) for u in ("education", "open_space", "community", "utility")])
_COMMERCIAL = np.array([USES.index(u) for u in ("business", "industrial")])
_MOBILE_PREFIXES = np.array([60, 61, 62, 63, 64, 65, 71, 72, 73, 74, 76, 78, 79, 81, 82, 83, 84])


def luhn_check_digits(payload: np.ndarray) -> np.ndarray:
    """The digit the Luhn algorithm appends to each row of payload digits (n, k)."""
    from_right = payload.astype(np.int64)[:, ::-1]
    doubled = from_right[:, ::2] * 2  # every second digit, starting next to the check digit
    total = from_right[:, 1::2].sum(axis=1) + (doubled - 9 * (doubled > 9)).sum(axis=1)
    return (10 - total % 10) % 10


def sa_id_numbers(
    generator: np.random.Generator, birth: np.ndarray, male: np.ndarray
) -> np.ndarray:
    """Unique 13-digit identity numbers (int64) for people born on `birth` (datetime64[D])."""
    count = len(birth)
    key = (birth - np.datetime64("1900-01-01")).astype(np.int64) * 2 + male
    order = np.argsort(key, kind="stable")
    first = np.searchsorted(key[order], key[order], side="left")
    rank = np.arange(count) - first
    if count and rank.max() >= 5000:
        raise ValueError("More than 5000 people of one sex born on one day.")
    # People born the same day get sequences start, start + 7, ... (7 and 5000 are coprime,
    # so 5000 people of one day and sex all differ); start is random per day.
    start = generator.integers(0, 5000, count)[order][first]
    sequence = np.empty(count, dtype=np.int64)
    sequence[order] = (start + rank * 7) % 5000
    years = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    months = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    days = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    citizen = (generator.random(count) < 0.1).astype(np.int64)
    head = (years % 100) * 10**10 + months * 10**8 + days * 10**6
    head += (sequence + 5000 * male) * 100 + citizen * 10 + 8
    payload = (head[:, None] // 10 ** np.arange(11, -1, -1, dtype=np.int64)) % 10
    return head * 10 + luhn_check_digits(payload)


@dataclass
class Accounts:
    """Account k (id k + 1) belongs to customer[k] (0-based) and lies on parcel[k] (-1: none)."""

    customer: np.ndarray
    parcel: np.ndarray
    active: np.ndarray
    opened: np.ndarray  # datetime64[D]
    number: np.ndarray  # ten digits
    closed_at: np.ndarray  # datetime64[s], NaT while active
    parcel_account: np.ndarray  # per parcel: an active account on it, -1 when none

    def __len__(self) -> int:
        return len(self.customer)


def build_accounts(
    seed: int, land: Land, customers: int, accounts: int, today: dt.date
) -> Accounts:
    generator = rng(seed, Stream.ACCOUNTS)
    parcel, active = _account_slots(generator, land, accounts)
    owners = max(1, min(round(customers * 0.92), accounts))  # the others only ever call in
    customer = _owners(generator, accounts, owners)
    age = generator.exponential(np.where(active, 9 * 365, 15 * 365)).clip(30, 30 * 365)
    opened = np.datetime64(today, "D") - age.astype(np.int64) * DAY
    number = np.empty(accounts, dtype=np.int64)  # issued in the order accounts were opened
    number[np.argsort(opened, kind="stable")] = 4_000_000_000 + np.cumsum(
        generator.integers(1, 12, accounts)
    )
    closing = opened.astype("datetime64[s]") + (
        generator.uniform(0.3, 1.0, accounts) * age * 86400
    ).astype("timedelta64[s]")
    closed_at = np.where(active, np.datetime64("NaT", "s"), closing)
    parcel_account = np.full(len(land), -1, dtype=np.int64)
    with_parcel = np.flatnonzero(active & (parcel >= 0))[::-1]
    parcel_account[parcel[with_parcel]] = with_parcel  # the lowest account wins
    return Accounts(customer, parcel, active, opened, number, closed_at, parcel_account)


def _account_slots(
    generator: np.random.Generator, land: Land, accounts: int
) -> tuple[np.ndarray, np.ndarray]:
    """Parcel (-1: none) and active flag of exactly `accounts` accounts."""
    owned = np.flatnonzero(np.isin(land.use, _OWNED) & (generator.random(len(land)) < 0.96))
    public = np.flatnonzero(np.isin(land.use, _PUBLIC) & (generator.random(len(land)) < 0.3))
    flats = np.flatnonzero(land.use == _FLATS)
    units = np.repeat(flats, 8 + generator.poisson(16, len(flats)))  # sectional title units
    slots = generator.permutation(np.concatenate([owned, public, units]))[: int(accounts * 0.9)]
    extra = accounts - len(slots)
    # The rest: closed accounts of earlier owners, accounts without an erf, more units.
    kind = generator.choice(3, extra, p=[0.6, 0.08, 0.32])
    homes = owned if len(owned) else np.arange(len(land))
    more_units = flats if len(flats) else homes
    extra_parcel = np.where(
        kind == 0, generator.choice(homes, extra), generator.choice(more_units, extra)
    )
    extra_parcel[kind == 1] = -1
    parcel = np.concatenate([slots, extra_parcel])
    active = np.concatenate([np.ones(len(slots), dtype=bool), kind != 0])
    order = generator.permutation(accounts)
    return parcel[order], active[order]


def _owners(generator: np.random.Generator, accounts: int, owners: int) -> np.ndarray:
    """Every owner holds an account; the rest go mostly to a few landlords."""
    customer = np.empty(accounts, dtype=np.int64)
    order = generator.permutation(accounts)
    customer[order[:owners]] = generator.permutation(owners)
    rest = order[owners:]
    landlords = generator.choice(owners, max(1, owners // 50), replace=False)
    customer[rest] = np.where(
        generator.random(len(rest)) < 0.6,
        generator.choice(landlords, len(rest)),
        generator.integers(0, owners, len(rest)),
    )
    return customer


@dataclass
class Customers:
    """What must be decided for all customers at once; names are made chunk by chunk."""

    company: np.ndarray
    male: np.ndarray
    id_number: np.ndarray  # 13-digit SA id, or -1: none on record (or a company / passport)
    created: np.ndarray  # datetime64[s]
    has_account: np.ndarray

    def __len__(self) -> int:
        return len(self.company)


def build_customers(
    seed: int, land: Land, accounts: Accounts, count: int, today: dt.date
) -> Customers:
    generator = rng(seed, Stream.PEOPLE)
    held = np.bincount(accounts.customer, minlength=count)
    commercial = np.zeros(count, dtype=bool)
    on_parcel = accounts.parcel >= 0
    business = np.isin(land.use[accounts.parcel[on_parcel]], _COMMERCIAL)
    commercial[accounts.customer[on_parcel][business]] = True
    company = (commercial & (generator.random(count) < 0.8)) | (
        (held > 3) & (generator.random(count) < 0.5)
    )
    male = generator.random(count) < 0.48
    age_days = generator.uniform(18 * 365.25, 90 * 365.25, count).astype(np.int64)
    birth = np.datetime64(today, "D") - age_days * DAY
    id_number = sa_id_numbers(generator, birth, male)
    id_number[company | (generator.random(count) < 0.07)] = -1
    return Customers(
        company, male, id_number, _created(generator, accounts, count, today), held > 0
    )


def _created(
    generator: np.random.Generator, accounts: Accounts, count: int, today: dt.date
) -> np.ndarray:
    """Registered with the first account, or (callers without one) in recent years."""
    earliest = np.full(count, np.iinfo(np.int64).max)
    np.minimum.at(earliest, accounts.customer, accounts.opened.astype(np.int64))
    recent = np.datetime64(today, "D").astype(np.int64) - generator.integers(400, 6 * 365, count)
    days = np.where(earliest < np.iinfo(np.int64).max, earliest, recent)
    seconds = days * 86400 + generator.integers(6 * 3600, 14 * 3600, count)  # office hours
    return seconds.astype("datetime64[s]")


def _pick(generator: np.random.Generator, words: tuple[str, ...], count: int) -> np.ndarray:
    return np.array(words, dtype=object)[generator.integers(0, len(words), count)]


def customer_columns(seed: int, customers: Customers, start: int, stop: int) -> dict[str, object]:
    """Rows start..stop-1 of imis.customer (ids start+1..stop)."""
    generator = rng(seed, Stream.CUSTOMER_CHUNK, start)
    count = stop - start
    company, male = customers.company[start:stop], customers.male[start:stop]
    first = np.where(
        male,
        _pick(generator, names.MALE_FIRST_NAMES, count),
        _pick(generator, names.FEMALE_FIRST_NAMES, count),
    )
    surname = _pick(generator, names.SURNAMES, count)
    firm = _pick(generator, names.COMPANY_WORDS, count)
    firm = np.where(generator.random(count) < 0.4, surname, firm)
    kind = _pick(generator, names.COMPANY_KINDS, count)
    full_name = [
        f"{w} {k}" if c else f"{f} {s}"
        for c, f, s, w, k in zip(company.tolist(), first, surname, firm, kind)
    ]
    ids = customers.id_number[start:stop]
    passport = ~company & (ids < 0) & (generator.random(count) < 0.5)
    id_text = [f"{n:013d}" if n >= 0 else None for n in ids.tolist()]
    registered = customers.created[start:stop].astype("datetime64[Y]").astype(np.int64) + 1970
    registered -= generator.integers(0, 15, count)  # the company existed before its account
    for k in np.flatnonzero(company):
        id_text[k] = f"{registered[k]}/{start + k + 1:06d}/07"
    for k in np.flatnonzero(passport):
        id_text[k] = f"P{start + k + 1:08d}"
    phone, email, preferred = _contact(generator, company, first, surname, firm)
    return {
        "id": np.arange(start + 1, stop + 1),
        "full_name": full_name,
        "id_number": id_text,
        "phone": phone,
        "email": email,
        "preferred_channel": preferred,
        "consent_to_contact": generator.random(count) < 0.75,
        "created_at": customers.created[start:stop],
        "row_version": np.ones(count, dtype=np.int64),
    }


def _contact(
    generator: np.random.Generator,
    company: np.ndarray,
    first: np.ndarray,
    surname: np.ndarray,
    firm: np.ndarray,
) -> tuple[list[str | None], list[str | None], list[str]]:
    count = len(company)
    mobile = generator.choice(_MOBILE_PREFIXES, count) * 10_000_000 + generator.integers(
        0, 10_000_000, count
    )
    landline = 210_000_000 + generator.integers(2_000_000, 9_999_999, count)
    has_phone = generator.random(count) < 0.92
    phone = [
        (f"+27{land}" if c else f"+27{m}") if p else None
        for c, m, land, p in zip(company.tolist(), mobile.tolist(), landline.tolist(), has_phone)
    ]
    has_email = generator.random(count) < np.where(company, 0.9, 0.45)
    domain = _pick(generator, names.EMAIL_DOMAINS, count)
    suffix = generator.integers(1, 99, count)
    email: list[str | None] = []
    for k in range(count):
        if not has_email[k]:
            email.append(None)
        elif company[k]:
            email.append(f"accounts@{_slug(firm[k])}.co.za")
        else:
            email.append(f"{_slug(first[k])}.{_slug(surname[k])}{suffix[k]}@{domain[k]}")
    roll = generator.random(count)
    preferred = [
        ("email" if r < 0.45 else "sms" if r < 0.85 else "telephone")
        if e
        else ("sms" if r < 0.8 else "telephone" if r < 0.95 else "post")
        if p
        else ("post" if r < 0.7 else "none")
        for r, e, p in zip(roll.tolist(), email, phone)
    ]
    return phone, email, preferred


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def account_columns(accounts: Accounts, start: int, stop: int) -> dict[str, object]:
    """Rows start..stop-1 of imis.account (ids start+1..stop)."""
    closed = ~accounts.active[start:stop]
    return {
        "id": np.arange(start + 1, stop + 1),
        "account_number": [f"{n:010d}" for n in accounts.number[start:stop].tolist()],
        "customer_id": accounts.customer[start:stop] + 1,
        "parcel_id": np.where(
            accounts.parcel[start:stop] >= 0, accounts.parcel[start:stop] + 1, -1
        ),
        "status": np.where(closed, "closed", "active").astype(object),
        "opened_on": accounts.opened[start:stop],
        # Closing an account was an update of its row, by the finance system.
        "row_version": 1 + closed.astype(np.int64),
        "updated_at": accounts.closed_at[start:stop],
        "updated_by": [FINANCE_ROLE if c else None for c in closed.tolist()],
    }


FINANCE_ROLE = "imis_finance_sync"
