"""A small, hand-made municipality that register tests (db and gui) are seeded with.

Four 100 m x 100 m parcels in a 2 x 2 block (EPSG:32734) inside one ward, one suburb and the
municipal boundary; two departments, categories of every classification, one customer with
an account on parcel erf 1001.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

ORIGIN_X, ORIGIN_Y = 260_000.0, 6_240_000.0
PARCELS = {"1001": (0, 0), "1002": (100, 0), "1003": (0, 100), "1004": (100, 100)}


def _square(x0: float, y0: float, size: float) -> str:
    x1, y1 = x0 + size, y0 + size
    return f"SRID=32734;MULTIPOLYGON((({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0})))"


SEED_SQL = [
    (
        "INSERT INTO imis.municipal_boundary (name, geom) VALUES ('Test City', :geom)",
        {"geom": _square(ORIGIN_X - 1000, ORIGIN_Y - 1000, 3000)},
    ),
    (
        "INSERT INTO imis.ward (code, name, geom) VALUES ('7', 'Ward 7', :geom)",
        {"geom": _square(ORIGIN_X - 500, ORIGIN_Y - 500, 1500)},
    ),
    (
        "INSERT INTO imis.suburb (name, priority, geom) VALUES ('Mowbray', 2, :geom)",
        {"geom": _square(ORIGIN_X - 500, ORIGIN_Y - 500, 1500)},
    ),
    (
        """
        INSERT INTO imis.department (code, name, email) VALUES
          ('WATER', 'Water and Sanitation', 'water@city.example'),
          ('ROADS', 'Roads and Stormwater', 'roads@city.example'),
          ('REVENUE', 'Revenue', 'revenue@city.example');
        INSERT INTO imis.category (code, name, default_classification, department_id,
                                   default_priority)
        SELECT v.code, v.name, v.classification, d.id, v.priority
          FROM (VALUES ('BURST_PIPE', 'Burst pipe', 'complaint', 'WATER', 2),
                       ('POTHOLE', 'Pothole', 'complaint', 'ROADS', 3),
                       ('BILL_QUERY', 'Billing query', 'query', 'REVENUE', 3),
                       ('METER_DISPUTE', 'Meter reading dispute', 'dispute', 'REVENUE', 3),
                       ('COMPLIMENT', 'Compliment', 'compliment', 'WATER', 4))
               AS v (code, name, classification, department, priority)
          JOIN imis.department AS d ON d.code = v.department;
        """,
        {},
    ),
    (
        """
        INSERT INTO imis.customer (full_name, id_number, phone, email, consent_to_contact)
        VALUES ('Thandiwe Mokoena', '8001015009087', '+27821234567', 'thandi@mail.example', true)
        """,
        {},
    ),
]


def seed_reference_data(engine: Engine) -> None:
    with engine.begin() as connection:
        for statement, params in SEED_SQL:
            connection.execute(text(statement), params)
        for erf, (dx, dy) in PARCELS.items():
            parcel_id = connection.execute(
                text(
                    "INSERT INTO imis.parcel (erf_number, land_use, ward_id, suburb_id, geom) "
                    "VALUES (:erf, 'residential', 1, 1, :geom) RETURNING id"
                ),
                {"erf": erf, "geom": _square(ORIGIN_X + dx, ORIGIN_Y + dy, 100)},
            ).scalar()
            connection.execute(
                text(
                    "INSERT INTO imis.parcel_address (parcel_id, street_number, street_name, "
                    "suburb_name) VALUES (:id, :number, 'Main Road', 'Mowbray')"
                ),
                {"id": parcel_id, "number": str(int(erf) - 990)},
            )
        connection.execute(
            text(
                "INSERT INTO imis.account (account_number, customer_id, parcel_id) "
                "SELECT '400123456', c.id, p.id FROM imis.customer AS c, imis.parcel AS p "
                "WHERE p.erf_number = '1001'"
            )
        )
