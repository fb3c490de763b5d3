"""The asset register on real PostGIS: search by number, type and group; look-up by number;
attribute edits checked, versioned, and their condition kept in the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.errors import ConflictError, NotFoundError, ValidationError
from imis_customer_plugin.db.connection import create_db_engine
from imis_customer_plugin.services import asset_register, assets, register
from imis_customer_plugin.services.asset_register import AssetChange

from ..municipality import seed_reference_data
from .conftest import ORIGIN_X, ORIGIN_Y

pytestmark = pytest.mark.db


@pytest.fixture()
def engine(database_factory, template: str) -> Iterator[Engine]:
    engine = create_db_engine(database_factory(template=template))
    seed_reference_data(engine)
    with engine.begin() as connection:
        for number, kind, group, dx in (
            ("WV-0001", "water_valve", "Mowbray zone", 10),
            ("WV-0002", "water_valve", "Mowbray zone", 20),
            ("WV-0100", "water_valve", "", 30),
            ("SL-0001", "streetlight", "Main Road lights", 40),
            ("wv_50", "water_valve", "", 50),
        ):
            assets.create_asset(
                connection,
                assets.NewAsset(
                    number, kind, f"POINT({ORIGIN_X + dx} {ORIGIN_Y - 5})", 32734, group,
                    "WATER", dt.date(2001, 5, 1), 3, 2,
                ),
            )  # fmt: skip
    yield engine
    engine.dispose()


def test_search_by_number_prefix_type_and_group(engine: Engine) -> None:
    with engine.connect() as connection:
        numbers = [a.asset_number for a in asset_register.search_assets(connection, "wv-0")]
        valves = asset_register.search_assets(connection, "", asset_type="water_valve")
        zone = asset_register.search_assets(connection, "", asset_group="Mowbray zone")
        literal = asset_register.search_assets(connection, "wv_")
        assert numbers == ["WV-0001", "WV-0002", "WV-0100"]
        assert len(valves) == 4 and {a.asset_number for a in zone} == {"WV-0001", "WV-0002"}
        assert [a.asset_number for a in literal] == ["wv_50"]  # _ is no wildcard
        assert asset_register.asset_types(connection) == ["streetlight", "water_valve"]
        assert asset_register.asset_groups(connection) == ["Main Road lights", "Mowbray zone"]
        first = asset_register.search_assets(connection, "SL")[0]
        assert (first.department, first.geometry_type, first.condition) == ("WATER", "POINT", 3)
        with pytest.raises(ValidationError):
            asset_register.search_assets(connection, "", limit=0)


def test_look_up_by_number(engine: Engine) -> None:
    with engine.connect() as connection:
        assert asset_register.asset_by_number(connection, " WV-0002 ").asset_number == "WV-0002"
        assert asset_register.asset_by_number(connection, "sl-0001").asset_number == "SL-0001"
        with pytest.raises(NotFoundError, match="no asset numbered 'WV-9999'"):
            asset_register.asset_by_number(connection, "WV-9999")
        with pytest.raises(ValidationError, match="type the asset's number"):
            asset_register.asset_by_number(connection, "  ")


def test_an_edit_is_checked_versioned_and_keeps_the_condition_history(engine: Engine) -> None:
    with engine.connect() as connection:
        valve = asset_register.asset_by_number(connection, "WV-0001")
    change = AssetChange("water_valve", "Mowbray zone", "ROADS", dt.date(1999, 1, 1), 5, 1, 90)
    with engine.begin() as connection:
        saved = asset_register.update_asset(connection, valve.id, valve.row_version, change)
    assert (saved.condition, saved.failure_target, saved.failure_window_days) == (5, 1, 90)
    assert saved.row_version == valve.row_version + 1
    with engine.connect() as connection:
        assert [h.condition for h in assets.asset_history(connection, valve.id)] == [3, 5]
        assert asset_register.get_asset_row(connection, valve.id).department == "ROADS"

    # Bad values: every one named, nothing written.
    bad = AssetChange("Water Valve", "", None, dt.date.today() + dt.timedelta(days=3), 9, 0, 0)
    with pytest.raises(ValidationError) as refused, engine.begin() as connection:
        asset_register.update_asset(connection, valve.id, saved.row_version, bad)
    assert {p.field for p in refused.value.problems} == {
        "asset_type", "install_date", "condition", "failure_target", "failure_window_days",
    }  # fmt: skip
    with pytest.raises(ValidationError, match="unknown department 'NOPE'"), engine.begin() as c:
        asset_register.update_asset(
            c, valve.id, saved.row_version, AssetChange("valve", "", "NOPE")
        )
    # A stale version: refused, as it was.
    with pytest.raises(ConflictError), engine.begin() as connection:
        asset_register.update_asset(connection, valve.id, valve.row_version, change)
    with engine.connect() as connection:
        assert assets.get_asset(connection, valve.id) == saved
        assert (
            connection.execute(
                text("SELECT count(*) FROM imis.asset_condition WHERE asset_id = :id"),
                {"id": valve.id},
            ).scalar_one()
            == 2
        )


def test_a_retired_asset_leaves_the_pickers_but_keeps_its_past(engine: Engine) -> None:
    """Retiring is checked; a retired valve is no longer picked on the map nor linked to new
    items, a link made before stays, and the register still lists it with its date."""
    request = NewCorrespondence(category_code="BURST_PIPE", channel="telephone", description="Leak")
    with engine.begin() as connection:
        valve = asset_register.asset_by_number(connection, "WV-0002")
        before = register.log_correspondence(connection, request)
        linked = assets.link_asset(connection, before.id, before.row_version, valve.id)
        later = register.log_correspondence(connection, request)
    click = (ORIGIN_X + 20, ORIGIN_Y - 5, 32734)
    with engine.connect() as connection:
        assert assets.asset_at(connection, *click).asset.asset_number == "WV-0002"

    today = dt.date.today()
    for retired_on, said in (
        (today + dt.timedelta(days=1), "an asset is retired once it is out of service"),
        (dt.date(2000, 1, 1), "not before the install date"),
    ):
        change = AssetChange("water_valve", "Mowbray zone", "WATER", dt.date(2001, 5, 1), 3, 2,
                             365, retired_on)  # fmt: skip
        with pytest.raises(ValidationError, match=said), engine.begin() as connection:
            asset_register.update_asset(connection, valve.id, valve.row_version, change)
    retire = AssetChange("water_valve", "Mowbray zone", "WATER", dt.date(2001, 5, 1), 3, 2, 365,
                         today)  # fmt: skip
    with engine.begin() as connection:
        retired = asset_register.update_asset(connection, valve.id, valve.row_version, retire)
    assert retired.retired_on == today and not retired.in_service(today)

    with engine.connect() as connection:
        nearest = assets.asset_at(connection, *click)
        assert nearest is None or nearest.asset.asset_number != "WV-0002"
        listed = asset_register.search_assets(connection, "WV-0002")
        assert [(a.asset_number, a.retired_on) for a in listed] == [("WV-0002", today)]
    with pytest.raises(ValidationError, match="retired on"), engine.begin() as connection:
        assets.link_asset(connection, later.id, later.row_version, valve.id)
    with engine.begin() as connection:  # the earlier link is kept, and saving it again works
        again = assets.link_asset(connection, before.id, linked.state.row_version, valve.id)
    assert again.asset.id == valve.id


def test_a_search_for_a_picker_leaves_out_retired_assets(engine: Engine) -> None:
    today = dt.date.today()
    with engine.begin() as connection:
        valve = asset_register.asset_by_number(connection, "WV-0002")
        retire = AssetChange("water_valve", "Mowbray zone", "WATER", dt.date(2001, 5, 1), 3, 2,
                             365, today)  # fmt: skip
        asset_register.update_asset(connection, valve.id, valve.row_version, retire)
    with engine.connect() as connection:
        every = asset_register.search_assets(connection, "WV-0")
        in_service = asset_register.search_assets(connection, "WV-0", in_service_only=True)
        also_typed = asset_register.search_assets(
            connection, "", asset_type="water_valve", in_service_only=True
        )
    assert [a.asset_number for a in every] == ["WV-0001", "WV-0002", "WV-0100"]
    assert [a.asset_number for a in in_service] == ["WV-0001", "WV-0100"]
    assert [a.asset_number for a in also_typed] == ["WV-0001", "WV-0100", "wv_50"]


def test_an_edit_checks_the_attributes_as_registering_does() -> None:
    """The same messages for the same fields, the number and the place aside; the retirement
    date is checked against the change's own install date."""
    today = dt.date(2024, 6, 1)
    new = assets.NewAsset("WV 1", "Water Valve", "", 32734, "x" * 101, None,
                          dt.date(2024, 7, 1), 9, 0, 0)  # fmt: skip
    change = AssetChange("Water Valve", "x" * 101, None, dt.date(2024, 7, 1), 9, 0, 0)
    registered = {p.field: p.message for p in new.problems(today)}
    edited = assets.attribute_problems(
        change.asset_type, change.asset_group, change.install_date, change.condition,
        change.failure_target, change.failure_window_days, today,
    )  # fmt: skip
    assert set(registered) == {p.field for p in edited} | {"asset_number", "geometry"}
    assert all(registered[p.field] == p.message for p in edited)

    early = AssetChange("water_valve", install_date=dt.date(2020, 1, 1),
                        retired_on=dt.date(2019, 1, 1))  # fmt: skip
    assert [p.message for p in early.problems(today)] == ["not before the install date"]
    ahead = AssetChange("water_valve", retired_on=dt.date.today() + dt.timedelta(days=1))
    assert [p.field for p in ahead.problems()] == ["retired_on"]  # today unless given
    assert AssetChange("water_valve", retired_on=dt.date.today()).problems() == []
