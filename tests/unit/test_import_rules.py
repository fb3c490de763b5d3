"""The pure rules of the bulk imports: checks, clean-ups, header and field-name matching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imis_customer_plugin.core import import_rules as rules
from imis_customer_plugin.core.import_rules import (
    ACCOUNT_RULES,
    CUSTOMER_RULES,
    ERF_NUMBER,
    ID_NUMBER,
    SG_CODE,
    ImportRejected,
    RowProblem,
    clean_code,
    clean_phone,
    clean_street_number,
    clean_text,
    clean_word,
    erf_from_sg_code,
    join_street,
    match_header,
    parse_bool,
    resolve_fields,
    sort_problems,
    split_address_text,
)

PHONE = next(rule for rule in CUSTOMER_RULES if rule.name == "phone")
EMAIL = next(rule for rule in CUSTOMER_RULES if rule.name == "email")
ACCOUNT_NUMBER = next(rule for rule in ACCOUNT_RULES if rule.name == "account_number")

# The CHECK constraints of migration 0002, as Python patterns: our rules must agree.
DATABASE_CHECKS = [
    (ID_NUMBER, r"[0-9A-Z/-]{6,20}"),
    (PHONE, r"\+?[0-9]{9,15}"),
    (ACCOUNT_NUMBER, r"[0-9A-Z-]{4,20}"),
    (ERF_NUMBER, r"[0-9A-Za-z/-]{1,30}"),
    (SG_CODE, r"[A-Z][0-9A-Z]{25}"),
]
SAMPLES = [
    "1",
    "12345",
    "123456",
    "8001015009087",
    "2001/123456/07",
    "ACC-0001",
    "abc",
    "AB#123",
    "+27821234567",
    "+2782123456",
    "+12345678",
    "123456789",
    "1234567890123456",
    "+123456789012345",
    "+1234567890123456",
    "C0160038000021180000000000",
    "C016003800002118000000000",
    "0160038000021180000000000C",
    "7000-RE",
    "CA948-11",
    "x" * 31,
    "A" * 21,
]


@pytest.mark.parametrize(("rule", "check"), DATABASE_CHECKS, ids=lambda v: getattr(v, "name", ""))
def test_rules_accept_exactly_what_the_database_accepts(rule, check):
    for value in SAMPLES:
        assert (rule.failure(value) is None) == bool(re.fullmatch(check, value)), value


def test_each_kind_of_failure_has_its_message():
    assert ID_NUMBER.failure(None) is None
    assert CUSTOMER_RULES[0].check(None) == "is required but empty"
    assert ID_NUMBER.check("A" * 21) == "is too long: 21 characters, at most 20 fit"
    assert ID_NUMBER.check("12345") == "is too short: 5 characters, at least 6 are needed"
    assert "'AB#123' is not an identity" in ID_NUMBER.check("AB#123")
    assert PHONE.check("+1234567890123456") == "is too long: 16 digits, at most 15 fit"
    assert PHONE.check("+27821234567") is None
    assert EMAIL.check("someone@example") == "'someone@example' is not an e-mail address"
    channel = CUSTOMER_RULES[4]
    assert channel.check("pigeon") == ("'pigeon' is not one of: sms, email, telephone, post, none")


def test_long_values_are_shortened_in_messages():
    message = EMAIL.check("x" * 100)
    assert "…" in message
    assert len(message) < 100


def test_cleaners():
    assert clean_text("  Mary \n  Jane ") == "Mary Jane"
    assert clean_text("   ") is None
    assert clean_code(" 800101 5009 087 ") == "8001015009087"
    assert clean_code("acc-12") == "ACC-12"
    assert clean_phone("(021) 400-1234") == "0214001234"
    assert clean_phone("+27 82 123 4567") == "+27821234567"
    assert clean_phone(" - ") is None
    assert clean_word(" EMAIL ") == "email"
    assert parse_bool(" Yes ") is True
    assert parse_bool("0") is False
    assert parse_bool("maybe") is None


def test_header_matching():
    names, problems = match_header(
        ["\ufeffFull Name", "ID-Number", "", "phone"], rules.CUSTOMER_COLUMNS, ["full_name"]
    )
    assert names == ["full_name", "id_number", None, "phone"]
    assert problems == []

    names, problems = match_header(
        ["name", "phone", "phone"], rules.CUSTOMER_COLUMNS, ["full_name"]
    )
    assert [(p.line, p.field) for p in problems] == [(1, "name"), (1, "phone"), (1, "full_name")]
    assert "is not a known column; expected: full_name, id_number" in problems[0].message
    assert problems[1].message == "appears twice in the header"
    assert problems[2].message == "required column is missing from the header"


def test_cape_town_field_names_are_recognised():
    parcel_fields = ["sg26_code", "prty_nmbr", "adr_no", "adr_no_sfx", "str_name"]
    parcel_fields += ["str_name_type", "ofc_sbrb_name", "zoning", "address_text"]
    mapping, problems = resolve_fields("parcel", parcel_fields)
    assert problems == []
    assert mapping == {
        "erf_number": "prty_nmbr",
        "sg_code": "sg26_code",
        "land_use": "zoning",
        "street_number": "adr_no",
        "street_number_suffix": "adr_no_sfx",
        "street_name": "str_name",
        "street_type": "str_name_type",
        "suburb_name": "ofc_sbrb_name",
        "address_text": "address_text",
    }
    mapping, problems = resolve_fields("ward", ["OBJECTID", "WARD_NAME", "WARD_YEAR"])
    assert mapping == {"code": "WARD_NAME"}
    assert problems == []


def test_shapefile_names_cut_to_ten_characters_are_recognised():
    mapping, _ = resolve_fields("parcel", ["sg26_code", "str_name_t", "ofc_sbrb_n", "address_te"])
    assert mapping["street_type"] == "str_name_t"
    assert mapping["suburb_name"] == "ofc_sbrb_n"
    assert mapping["address_text"] == "address_te"


def test_a_given_mapping_wins_and_is_checked():
    mapping, problems = resolve_fields("parcel", ["ERF", "prty_nmbr"], {"ERF": "erf_number"})
    assert mapping["erf_number"] == "ERF"
    assert problems == []

    _, problems = resolve_fields("parcel", ["ERF"], {"NOPE": "erf_number", "ERF": "colour"})
    assert [(p.line, p.field) for p in problems] == [(None, "NOPE"), (None, "ERF")]
    assert "is not in the layer; it has: ERF" in problems[0].message
    assert "cannot go to 'colour'" in problems[1].message


def test_a_layer_without_a_ward_code_is_named():
    _, problems = resolve_fields("ward", ["OBJECTID", "AREA"])
    assert len(problems) == 1
    assert "no field of the layer gives the ward code; it has: OBJECTID, AREA" in str(problems[0])


@pytest.mark.parametrize(
    ("code", "erf"),
    [
        ("C0160038000021180000000000", "2118"),
        ("C01600170000700000000000RE", "7000-RE"),
        ("C01600810000000100000000RE", "1-RE"),
        ("C0160000000009480001100000", "CA948-11"),
        ("C01600000000095300038000RE", "CA953-38-RE"),
        ("C0160054000000610000000100", None),  # an extension the City writes as 61-0-1
        ("C016003800002118000000000", None),
        (None, None),
    ],
)
def test_erf_number_from_sg_code(code, erf):
    assert erf_from_sg_code(code) == erf


def test_addresses():
    assert split_address_text("13 PASTORALE , FISANTEKRAAL INDUSTRIAL") == (
        "13",
        "PASTORALE",
        "FISANTEKRAAL INDUSTRIAL",
    )
    assert split_address_text("MAIN ROAD") == (None, "MAIN ROAD", None)
    assert split_address_text(" ") is None
    assert clean_street_number("9.0", "B") == "9B"
    assert clean_street_number("187", " ") == "187"
    assert clean_street_number(None, "A") is None
    assert join_street("CARNATION", "Road") == "CARNATION Road"
    assert join_street(" ", "Road") is None


def test_problems_read_well_and_sort_file_first():
    problems = [
        RowProblem(7, "email", "bad"),
        RowProblem(None, "CRS", "missing"),
        RowProblem(3, "geometry", "invalid", "feature", "FID 2"),
    ]
    ordered, truncated = sort_problems(problems, cap=2)
    assert [p.line for p in ordered] == [None, 3]
    assert truncated
    assert str(ordered[0]) == "File, field 'CRS': missing"
    assert str(ordered[1]) == "Feature 3 (FID 2), field 'geometry': invalid"

    error = ImportRejected("customers.csv", ordered, truncated=True)
    assert str(error).startswith("customers.csv: at least 2 problem(s), nothing was imported.")


def test_rules_module_stays_pure():
    source = Path(rules.__file__).read_text(encoding="utf-8")
    for banned in ("qgis", "PyQt", "psycopg2", "sqlalchemy", "osgeo"):
        assert f"import {banned}" not in source
        assert f"from {banned}" not in source
