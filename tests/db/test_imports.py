"""Bulk imports on the real PostGIS: Cape Town's wards and parcels, broken layers, CSV files.

Every refused import must leave the database exactly as it was.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import psycopg2
import pytest
from osgeo import ogr, osr

from imis_customer_plugin.db.connection import ConnectionSettings
from imis_customer_plugin.services.imports import (
    ImportCancelled,
    ImportRejected,
    RowProblem,
    import_accounts,
    import_customers,
    import_parcels,
    import_wards,
)

from ..conftest import CAPE_TOWN

pytestmark = pytest.mark.db

TABLES = (
    "ward",
    "suburb",
    "municipal_boundary",
    "parcel",
    "parcel_address",
    "customer",
    "account",
    "audit_log",
)
# Distinct (sg26_code, address) pairs of the parcels file, counted apart from the importer.
CAPE_TOWN_ADDRESSES = 3673


# --- helpers -------------------------------------------------------------------------------


def _rows(settings: ConnectionSettings, query: str, params: object = None) -> list[tuple]:
    connection = psycopg2.connect(settings.dsn())
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        connection.close()


def _counts(settings: ConnectionSettings) -> dict[str, int]:
    union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM imis.{t}" for t in TABLES)
    return dict(_rows(settings, union))


def _rejected(call, *args, **kwargs) -> list[RowProblem]:
    with pytest.raises(ImportRejected) as caught:
        call(*args, **kwargs)
    return list(caught.value.problems)


def _where(problems: Sequence[RowProblem]) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.field) for problem in problems]


def _write_layer(
    path: Path,
    features: Sequence[tuple[str | None, dict[str, str]]],
    epsg: int | None = 32734,
    driver: str = "GPKG",
    fields: Sequence[str] = ("prty_nmbr", "sg26_code", "zoning"),
) -> Path:
    """A small layer: (WKT or None, attributes) per feature, FIDs from 1 in a GeoPackage."""
    dataset = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    srs = None
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    layer = dataset.CreateLayer(path.stem, srs, ogr.wkbUnknown)
    for name in fields:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for wkt, values in features:
        feature = ogr.Feature(layer.GetLayerDefn())
        if wkt is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        for name, value in values.items():
            feature.SetField(name, value)
        layer.CreateFeature(feature)
    # Release in this order (feature, layer, dataset), or GDAL may free memory twice.
    feature = layer = None
    dataset = None  # closes and flushes the file
    return path


def _square(x: float, y: float, size: float = 20.0) -> str:
    """A square in EPSG:32734 near Cape Town (x ~ 260 km, y ~ 6230 km)."""
    x, y = 260000 + x, 6230000 + y
    return f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"


def _write_csv(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded(database_factory, template, capetown):
    """Cape Town's wards, then its parcels, from GeoPackage: shared by read-only tests."""
    settings = database_factory(template=template)
    wards = import_wards(settings, capetown["wards.gpkg"])
    parcels = import_parcels(settings, capetown["parcels.gpkg"])
    return settings, wards, parcels


# --- Cape Town, the real data ----------------------------------------------------------------


def test_cape_town_wards_and_parcels_from_geopackage(loaded):
    settings, wards, parcels = loaded
    assert (wards.rows_read, wards.inserted) == (116, 116)
    assert parcels.rows_read == 3764
    assert parcels.inserted == 3665  # one parcel per SG code
    assert parcels.merged_duplicates == 99
    assert parcels.addresses == CAPE_TOWN_ADDRESSES
    assert parcels.linked == 3664  # all but the Big Bay road reserve, on the coast
    counts = _counts(settings)
    assert (counts["ward"], counts["parcel"], counts["parcel_address"]) == (
        116,
        3665,
        CAPE_TOWN_ADDRESSES,
    )
    notes = "\n".join(map(str, parcels.notes))
    assert "376 feature(s) had no erf number; it was read from the SG code" in notes
    assert "'C0160077000020830000000000': merged (2 different shapes united)" in notes


def test_cape_town_geometries_are_valid_multipolygons_in_the_municipality_srid(loaded):
    settings, _, _ = loaded
    [(srid,)] = _rows(
        settings, "SELECT (value #>> '{}')::int FROM imis.setting WHERE key = 'municipality.srid'"
    )
    for table in ("ward", "parcel"):
        [(invalid, srids, kinds)] = _rows(
            settings,
            f"SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom)), "
            f"array_agg(DISTINCT ST_SRID(geom)), array_agg(DISTINCT GeometryType(geom)) "
            f"FROM imis.{table}",
        )
        assert (invalid, srids, kinds) == (0, [srid], ["MULTIPOLYGON"]), table


def test_cape_town_parcels_land_in_their_wards(loaded):
    settings, _, _ = loaded
    found = dict(
        _rows(
            settings,
            "SELECT p.sg_code, w.code FROM imis.parcel AS p "
            "LEFT JOIN imis.ward AS w ON w.id = p.ward_id WHERE p.sg_code = ANY (%s)",
            (
                [
                    "C0160038000021180000000000",  # Ocean View, erf 2118
                    "C0160007000303080000000000",  # Mowbray, erf 30308
                    "C0160017000123220000000000",  # Fish Hoek, erf 12322
                    "C0160077000020830000000000",  # Klipheuwel (Fisantekraal)
                    "C01600810000000100000000RE",  # Big Bay road reserve, on the coast
                ],
            ),
        )
    )
    assert found == {
        "C0160038000021180000000000": "61",
        "C0160007000303080000000000": "57",
        "C0160017000123220000000000": "69",
        "C0160077000020830000000000": "105",
        "C01600810000000100000000RE": None,
    }


def test_cape_town_repeated_parcels_keep_their_addresses(loaded):
    settings, _, _ = loaded
    rows = _rows(
        settings,
        "SELECT p.sg_code, p.erf_number, array_agg(a.address_text ORDER BY a.address_text), "
        "round(ST_Area(p.geom)) FROM imis.parcel AS p "
        "JOIN imis.parcel_address AS a ON a.parcel_id = p.id WHERE p.sg_code = ANY (%s) "
        "GROUP BY p.id",
        (
            [
                "C0160038000017210000000000",
                "C0160007000303080000000000",
                "C0160077000020830000000000",
                "C0160000000001790000000000",
            ],
        ),
    )
    addresses = {sg: (erf, found) for sg, erf, found, _ in rows}
    assert addresses == {
        "C0160038000017210000000000": ("1721", ["26 ALTAIR Way", "28 ALTAIR Way"]),
        "C0160007000303080000000000": ("30308", ["9B BROAD Street, MOWBRAY"]),
        # No prty_nmbr nor street fields: erf from the SG code, address from address_text.
        "C0160077000020830000000000": (
            "2083",
            ["13 PASTORALE, FISANTEKRAAL INDUSTRIAL", "24 POPPY, FISANTEKRAAL INDUSTRIAL"],
        ),
        # Six identical records of one farm portion: one parcel, one address.
        "C0160000000001790000000000": ("CA179", ["10 LICHTENBURG, FISANTEKRAAL INDUSTRIAL"]),
    }
    # The two halves of erf 2083 were united: about 2 x 1,400 m2.
    [area] = [area for sg, _, _, area in rows if sg == "C0160077000020830000000000"]
    assert 2500 < area < 3200


def test_importing_the_same_wards_again_is_refused(loaded):
    settings, _, _ = loaded
    before = _counts(settings)
    problems = _rejected(import_wards, settings, CAPE_TOWN / "cct_wards_2021.geojson")
    assert len(problems) == 116
    assert str(problems[0]) == "Feature 1, field 'code': '1' is already in the register (id 1)"
    assert _counts(settings) == before


def test_cape_town_from_shapefiles_with_cut_field_names(db, capetown):
    wards = import_wards(db, capetown["wards.shp"])
    parcels = import_parcels(db, capetown["parcels.shp"])
    assert (wards.inserted, parcels.inserted, parcels.addresses) == (
        116,
        3665,
        CAPE_TOWN_ADDRESSES,
    )
    [(address,)] = _rows(
        db,
        "SELECT a.address_text FROM imis.parcel_address AS a JOIN imis.parcel AS p "
        "ON p.id = a.parcel_id WHERE p.sg_code = 'C0160007000303080000000000'",
    )
    assert address == "9B BROAD Street, MOWBRAY"  # str_name_t, ofc_sbrb_n were recognised


def test_wards_imported_after_parcels_place_them(db, capetown):
    import_parcels(db, capetown["parcels.gpkg"])
    assert _rows(db, "SELECT count(*) FROM imis.parcel WHERE ward_id IS NOT NULL") == [(0,)]
    report = import_wards(db, capetown["wards.gpkg"])
    assert report.linked == 3664
    assert _rows(
        db,
        "SELECT w.code FROM imis.parcel AS p JOIN imis.ward AS w ON w.id = p.ward_id "
        "WHERE p.sg_code = 'C0160038000021180000000000'",
    ) == [("61",)]


# --- broken layers -------------------------------------------------------------------------


def test_shapefile_without_prj_is_refused_unless_the_crs_is_given(db, capetown, tmp_path):
    for part in capetown["wards.shp"].parent.glob("wards.*"):
        if part.suffix != ".prj":
            shutil.copy(part, tmp_path / part.name)
    before = _counts(db)
    problems = _rejected(import_wards, db, tmp_path / "wards.shp")
    assert _where(problems) == [(None, "CRS")]
    assert "has no coordinate reference system (is the .prj file missing?)" in str(problems[0])
    assert _counts(db) == before

    report = import_wards(db, tmp_path / "wards.shp", source_epsg=4326)
    assert report.inserted == 116


def test_self_intersecting_polygon_is_named_and_nothing_is_written(db, tmp_path):
    bow_tie = (
        "POLYGON((260000 6230000,260020 6230020,260020 6230000,260000 6230020,260000 6230000))"
    )
    path = _write_layer(
        tmp_path / "parcels.gpkg",
        [
            (_square(0, 0), {"prty_nmbr": "101"}),
            (bow_tie, {"prty_nmbr": "102"}),
            (_square(40, 0), {"prty_nmbr": "103"}),
        ],
    )
    before = _counts(db)
    problems = _rejected(import_parcels, db, path)
    assert [(p.unit, p.line, p.key, p.field) for p in problems] == [
        ("feature", 2, "FID 2", "geometry")
    ]
    assert "is not a valid polygon: Self-intersection" in problems[0].message
    assert "import with repair" in problems[0].message
    assert _counts(db) == before

    report = import_parcels(db, path, repair=True)
    assert (report.inserted, report.repaired) == (3, 1)
    assert "Feature 2 (FID 2), field 'geometry': was not valid (Self-intersection" in str(
        report.notes[0]
    )
    assert _rows(
        db,
        "SELECT ST_IsValid(geom), ST_NumGeometries(geom), round(ST_Area(geom)) "
        "FROM imis.parcel WHERE erf_number = '102'",
    ) == [(True, 2, 200)]  # two triangles of 100 m2


def test_wrong_crs_is_refused(db, tmp_path):
    before = _counts(db)
    # Metres (UTM) in a file that says longitude/latitude.
    metres = _write_layer(
        tmp_path / "metres.gpkg",
        [(_square(0, 0), {"prty_nmbr": "1"}), (_square(40, 0), {"prty_nmbr": "2"})],
        epsg=4326,
    )
    problems = _rejected(import_parcels, db, metres)
    assert _where(problems) == [(None, "CRS"), (1, "geometry"), (2, "geometry")]
    assert problems[0].message.startswith(
        "None of the 2 features lands in the municipality's CRS (EPSG:32734) when taken "
        "from EPSG:4326: the layer's CRS is wrong."
    )
    assert "is the layer's CRS right?" in problems[1].message

    # Degrees in a file that says UTM.
    degrees = _write_layer(
        tmp_path / "degrees.gpkg",
        [("POLYGON((18.4 -34,18.401 -34,18.401 -33.999,18.4 -34))", {"prty_nmbr": "1"})],
        epsg=32734,
    )
    problems = _rejected(import_parcels, db, degrees)
    assert problems[0].line is None
    assert "look like longitude/latitude degrees, but the layer says its CRS is EPSG:32734" in (
        problems[0].message
    )
    assert _counts(db) == before


def test_bad_attributes_and_shapes_name_the_source_field(db, tmp_path):
    sg = "C0160038000021180000000000"
    path = _write_layer(
        tmp_path / "parcels.gpkg",
        [
            (_square(0, 0), {"prty_nmbr": "2118", "sg26_code": sg}),  # fine
            (_square(40, 0), {"zoning": "Agricultural"}),  # no erf, no SG code
            (_square(80, 0), {"prty_nmbr": "7", "sg26_code": sg[:-1]}),  # 25 characters
            (_square(120, 0), {"prty_nmbr": "8", "zoning": "Z" * 501}),  # oversized
            (_square(0, 0), {"prty_nmbr": "9999", "sg26_code": sg}),  # same SG, other erf
            ("LINESTRING(260000 6230000,260010 6230010)", {"prty_nmbr": "10"}),
            (None, {"prty_nmbr": "11"}),
            (_square(160, 0), {"prty_nmbr": "erf #12"}),
        ],
    )
    before = _counts(db)
    problems = _rejected(import_parcels, db, path)
    assert _where(problems) == [
        (1, "sg_code"),
        (2, "prty_nmbr"),
        (3, "sg26_code"),
        (4, "zoning"),
        (6, "geometry"),
        (7, "geometry"),
        (8, "prty_nmbr"),
    ]
    text = "\n".join(map(str, problems))
    assert "SG code C0160038000021180000000000 is repeated on feature(s) 5 with different " in text
    assert "Feature 2 (FID 2), field 'prty_nmbr': is empty, and no erf number can be read" in text
    assert "is too short: 25 characters, at least 26 are needed" in text
    assert "is too long: 501 characters, at most 500 fit" in text
    assert "is a LINESTRING, not a polygon" in text
    assert "Feature 7 (FID 7), field 'geometry': has no geometry" in text
    assert "'erf #12' is not an erf number" in text
    assert _counts(db) == before


def test_unknown_field_in_the_mapping_is_refused(db, tmp_path):
    path = _write_layer(tmp_path / "wards.gpkg", [(_square(0, 0), {"NAME": "1"})], fields=["NAME"])
    problems = _rejected(import_wards, db, path, fields={"WARD_NO": "code"})
    assert str(problems[0]) == "File, field 'WARD_NO': is not in the layer; it has: NAME"
    report = import_wards(db, path, fields={"NAME": "code"})
    assert report.inserted == 1


# --- CSV: customers and accounts -----------------------------------------------------------

CUSTOMERS_HEADER = "full_name,id_number,phone,email,preferred_channel,consent_to_contact\n"


def test_good_customers_import_cleaned(db, tmp_path):
    path = _write_csv(
        tmp_path / "customers.csv",
        "\ufeff" + CUSTOMERS_HEADER + "Thandi  Mokoena,800101 5009 087,082 123-4567,,,yes\n"
        '"Mary\nJane Adams",2001/123456/07,,mary@example.org,,\n'
        "\n"
        "Sipho Dlamini,,(021) 400 1234,sipho@example.org,Telephone,0\n"
        "Anon,,,,,\n",
    )
    report = import_customers(db, path)
    assert (report.rows_read, report.inserted) == (4, 4)
    assert _rows(
        db,
        "SELECT full_name, id_number, phone, email, preferred_channel, consent_to_contact "
        "FROM imis.customer ORDER BY id",
    ) == [
        ("Thandi Mokoena", "8001015009087", "0821234567", None, "sms", True),
        ("Mary Jane Adams", "2001/123456/07", None, "mary@example.org", "email", False),
        ("Sipho Dlamini", None, "0214001234", "sipho@example.org", "telephone", False),
        ("Anon", None, None, None, "none", False),
    ]
    assert _counts(db)["audit_log"] == 4  # the audit trigger saw every row


def test_broken_customer_rows_are_reported_by_line_and_nothing_is_written(db, tmp_path):
    _rows(db, "INSERT INTO imis.customer (full_name, id_number) VALUES ('Known', '7001015009081')")
    lines = [
        CUSTOMERS_HEADER.rstrip("\n"),  # 1
        "Good Person,8001015009087,0821234567,good@example.org,sms,yes",  # 2
        '"Two\nLines",,,,,',  # 3-4: a quoted line break, fine
        ",8201015009089,,,,",  # 5: no name
        "X" * 201 + ",,,,,",  # 6: oversized
        "Short Phone,,12345,,,",  # 7
        "Bad Mail,,,not-an-email,,",  # 8
        "Bad Id,AB#123,,,,",  # 9
        "Pigeon,,0821234567,,pigeon,",  # 10
        "Maybe,,,,,maybe",  # 11
        "Twin,8001015009087,,,,",  # 12: same ID as line 2
        "Known Again,7001015009081,,,,",  # 13: already registered
        '"Smith"x,,,,,',  # 14: broken quoting
        "Too,Many,Values,,,,,x",  # 15
        "No Mail,,,,email,",  # 16
    ]
    text = ("\n".join(lines) + "\n").encode("utf-8")
    text += b"Caf\xe9 Owner,,,,,\n"  # 17: Latin-1, not UTF-8
    text += b'"Never closed,,,,,\nlast,,,,,\n'  # 18: runs to the end of the file
    path = _write_csv(tmp_path / "customers.csv", text)
    before = _counts(db)
    problems = _rejected(import_customers, db, path)
    assert _where(problems) == [
        (5, "full_name"),
        (6, "full_name"),
        (7, "phone"),
        (8, "email"),
        (9, "id_number"),
        (10, "preferred_channel"),
        (11, "consent_to_contact"),
        (12, "id_number"),
        (13, "id_number"),
        (14, ""),
        (15, ""),
        (16, "preferred_channel"),
        (17, "full_name"),
        (18, ""),
    ]
    messages = {problem.line: problem.message for problem in problems}
    assert messages[5] == "is required but empty"
    assert messages[6] == "is too long: 201 characters, at most 200 fit"
    assert messages[7] == "is too short: 5 digits, at least 9 are needed"
    assert messages[12] == "'8001015009087' is already on line 2 of this file"
    assert messages[13].startswith("'7001015009081' is already registered (customer ")
    assert messages[14].startswith('broken quoting: a closing " must be followed by a comma')
    assert messages[15].startswith("has 8 values but the header has 6")
    assert messages[16] == "is 'email' but there is no e-mail address"
    assert messages[17].startswith("is not valid UTF-8 (byte 0xE9); save the file as UTF-8")
    assert messages[18].startswith("a quoted value starting here is never closed")
    assert _counts(db) == before


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fullname,phone\n", [(1, "fullname"), (1, "full_name")]),
        ("full_name,phone,Phone\n", [(1, "Phone")]),
        ("", [(None, "")]),
    ],
)
def test_wrong_customer_headers_are_refused(db, tmp_path, header, expected):
    path = _write_csv(tmp_path / "customers.csv", header + "Someone,0821234567\n" * bool(header))
    problems = _rejected(import_customers, db, path)
    assert _where(problems) == expected
    assert _counts(db)["customer"] == 0


def _parcels_and_customers(settings: ConnectionSettings) -> None:
    _rows(
        settings,
        "INSERT INTO imis.parcel (erf_number, sg_code, geom) VALUES "
        "('2118', 'C0160038000021180000000000', ST_Multi(ST_GeomFromText(%(a)s, 32734))),"
        "('500', NULL, ST_Multi(ST_GeomFromText(%(b)s, 32734))),"
        "('500', NULL, ST_Multi(ST_GeomFromText(%(c)s, 32734))),"
        "('77', NULL, ST_Multi(ST_GeomFromText(%(d)s, 32734)));"
        "INSERT INTO imis.customer (full_name, id_number) VALUES "
        "('Thandi Mokoena', '8001015009087'), ('Johan Botha', '7001015009081');"
        "INSERT INTO imis.account (account_number, customer_id) "
        "SELECT 'ACC-OLD', id FROM imis.customer LIMIT 1",
        {"a": _square(0, 0), "b": _square(40, 0), "c": _square(80, 0), "d": _square(120, 0)},
    )


def test_good_accounts_link_customers_and_parcels(db, tmp_path):
    _parcels_and_customers(db)
    path = _write_csv(
        tmp_path / "accounts.csv",
        "account_number,customer_id_number,erf_number,sg_code,opened_on,status\n"
        "acc-1001,8001015009087,,C0160038000021180000000000,2024-02-29,\n"
        "ACC-1002,7001015009081,77,,,closed\n"
        "ACC-1003,7001015009081,,,2020-01-01,active\n",
    )
    report = import_accounts(db, path)
    assert report.inserted == 3
    assert _rows(
        db,
        "SELECT a.account_number, c.id_number, p.erf_number, a.status, CASE a.opened_on "
        "WHEN current_date THEN 'today' ELSE a.opened_on::text END FROM imis.account AS a "
        "JOIN imis.customer AS c ON c.id = a.customer_id "
        "LEFT JOIN imis.parcel AS p ON p.id = a.parcel_id "
        "WHERE a.account_number <> 'ACC-OLD' ORDER BY a.id",
    ) == [
        ("ACC-1001", "8001015009087", "2118", "active", "2024-02-29"),
        ("ACC-1002", "7001015009081", "77", "closed", "today"),
        ("ACC-1003", "7001015009081", None, "active", "2020-01-01"),
    ]


def test_broken_account_rows_are_reported_by_line_and_nothing_is_written(db, tmp_path):
    _parcels_and_customers(db)
    path = _write_csv(
        tmp_path / "accounts.csv",
        "account_number,customer_id_number,erf_number,sg_code,opened_on,status\n"  # 1
        "ACC-1,8001015009087,,,,\n"  # 2: fine
        "ACC-2,9999999999999,,,,\n"  # 3: unknown customer
        "ACC-3,8001015009087,,C0160038000099990000000000,,\n"  # 4: unknown parcel
        "ACC-4,8001015009087,500,,,\n"  # 5: two parcels are erf 500
        "ACC-5,8001015009087,9,C0160038000021180000000000,,\n"  # 6: SG code is erf 2118
        "ACC-6,8001015009087,,,2023-02-29,\n"  # 7: no such day
        "ACC-7,8001015009087,,,2999-01-01,\n"  # 8: future
        "ACC-8,8001015009087,,,01/02/2024,\n"  # 9: not ISO
        "ACC-1,8001015009087,,,,\n"  # 10: same as line 2
        "ACC-OLD,8001015009087,,,,\n"  # 11: already in the register
        "ACC-9,8001015009087,,,,open\n"  # 12: unknown status
        ",,,,,\n"  # blank: skipped
        "ACC-10,,,,,\n",  # 14: no customer
    )
    before = _counts(db)
    problems = _rejected(import_accounts, db, path)
    assert _where(problems) == [
        (3, "customer_id_number"),
        (4, "sg_code"),
        (5, "erf_number"),
        (6, "erf_number"),
        (7, "opened_on"),
        (8, "opened_on"),
        (9, "opened_on"),
        (10, "account_number"),
        (11, "account_number"),
        (12, "status"),
        (14, "customer_id_number"),
    ]
    messages = {problem.line: problem.message for problem in problems}
    assert messages[3] == (
        "no customer has the id_number '9999999999999'; import the customers first"
    )
    assert messages[5] == "2 parcels have the erf number '500'; give the sg_code instead"
    assert messages[6] == (
        "'9' does not match the parcel of SG code 'C0160038000021180000000000' (erf '2118')"
    )
    assert messages[7] == "'2023-02-29' is not a date in the calendar"
    assert messages[8] == "2999-01-01 lies in the future"
    assert messages[11].startswith("'ACC-OLD' already exists (account ")
    assert _counts(db) == before


class _Cancel:
    def __init__(self) -> None:
        self.progress: list[float] = []

    def setProgress(self, progress: float) -> None:
        self.progress.append(progress)

    def isCanceled(self) -> bool:
        return len(self.progress) > 1


def test_cancelling_writes_nothing(db, tmp_path):
    rows = "".join(f"Customer {i},,,,,\n" for i in range(12000))
    path = _write_csv(tmp_path / "customers.csv", CUSTOMERS_HEADER + rows)
    feedback = _Cancel()
    with pytest.raises(ImportCancelled):
        import_customers(db, path, feedback=feedback)
    assert feedback.progress
    assert _counts(db)["customer"] == 0


@pytest.fixture()
def reader_login(cluster, db) -> Iterator[ConnectionSettings]:
    login = cluster.create_login("reader-password")
    _rows(db, f'GRANT imis_reader TO "{login["user"]}"')
    yield ConnectionSettings(
        {**login, "dbname": db.params["dbname"], "password": "reader-password"}
    )


def test_a_role_without_rights_is_told_so(reader_login, tmp_path):
    path = _write_csv(tmp_path / "customers.csv", CUSTOMERS_HEADER + "Someone,,,,,\n")
    problems = _rejected(import_customers, reader_login, path)
    assert problems[0].line is None
    assert "Your PostgreSQL role may not import this" in problems[0].message
    assert "imis_operator" in problems[0].message


def test_large_customer_file_streams(db, tmp_path):
    count = 20000
    rows = "".join(f"Customer {i},{8000000000000 + i},+2782{i:07d},,,yes\n" for i in range(count))
    path = _write_csv(tmp_path / "customers.csv", CUSTOMERS_HEADER + rows)
    report = import_customers(db, path)
    assert report.inserted == count
    assert _rows(db, "SELECT min(id_number), max(phone) FROM imis.customer") == [
        ("8000000000000", f"+2782{count - 1:07d}")
    ]
