"""The printed job card on real QGIS and PostGIS: a one-page A4 PDF with the card's number,
the item's reference, the map and the lines; blank boxes to write in for an open card."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from qgis.core import QgsProject
from sqlalchemy import text
from sqlalchemy.engine import Engine

from imis_customer_plugin.core.correspondence import NewCorrespondence
from imis_customer_plugin.core.job_cards import CompletedCard, CostLine, labour_line
from imis_customer_plugin.db.connection import ConnectionSettings, create_db_engine
from imis_customer_plugin.layers import open_source
from imis_customer_plugin.layouts import export_job_card_pdf, job_card_layout, load_sheet
from imis_customer_plugin.services import assets, job_cards, locate, register

from .. import municipality
from ..municipality import ORIGIN_X, ORIGIN_Y

pytestmark = [pytest.mark.db, pytest.mark.qgis]


def seed_job_card(engine: Engine, *, completed: bool) -> int:
    """A located burst-pipe complaint of a known customer, its repair task, an asset and a
    card with a few lines; completed or left open for printing."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imis.staff (role_name, full_name, department_id, is_artisan, "
                "hourly_rate) SELECT 'sipho', 'Sipho Dlamini', id, true, 385.50 "
                "FROM imis.department WHERE code = 'WATER' ON CONFLICT DO NOTHING"
            )
        )
        state = register.log_correspondence(
            connection,
            NewCorrespondence(
                category_code="BURST_PIPE",
                channel="telephone",
                description="Water streaming from the pavement in front of the house since "
                "this morning; the meter box is flooded and the pressure is low.",
                account_number="400123456",
            ),
        )
        state = locate.locate_at_point(
            connection, state.id, state.row_version, ORIGIN_X + 40, ORIGIN_Y + 60, 32734
        ).state
        number = f"WM-{state.id:04d}"
        main = assets.create_asset(
            connection,
            assets.NewAsset(
                number,
                "water_main",
                f"LINESTRING({ORIGIN_X - 20} {ORIGIN_Y + 100}, {ORIGIN_X + 220} {ORIGIN_Y + 100})",
                32734,
                asset_group="Mowbray reticulation 1987",
                department_code="WATER",
                install_date=dt.date(1987, 3, 1),
                failure_target=3,
            ),
        )
        assets.create_asset(
            connection,
            assets.NewAsset(
                f"V-{state.id:04d}",
                "valve",
                f"POINT({ORIGIN_X + 100} {ORIGIN_Y + 100})",
                32734,
                department_code="WATER",
            ),
        )
        task_id = connection.execute(
            text("SELECT id FROM imis.task WHERE correspondence_id = :id ORDER BY step LIMIT 1"),
            {"id": state.id},
        ).scalar()
        if task_id is None:
            task_id = connection.execute(
                text(
                    "INSERT INTO imis.task (correspondence_id, department_id, kind, priority) "
                    "SELECT id, department_id, 'repair', priority FROM imis.correspondence "
                    "WHERE id = :id RETURNING id"
                ),
                {"id": state.id},
            ).scalar_one()
        artisan = connection.execute(
            text("SELECT id FROM imis.staff WHERE role_name = 'sipho'")
        ).scalar_one()
        card = job_cards.open_job_card(connection, task_id, artisan_staff_id=artisan)
        card = job_cards.set_asset(connection, card.id, card.row_version, main.id)
        if not completed:
            return card.id
        for line in (
            labour_line("2.5", "385.50", "Sipho Dlamini"),
            labour_line("2.5", "210.00", "Assistant"),
            CostLine("material", "110 mm uPVC repair coupling", 2, "each", "189.90"),
            CostLine("material", "110 mm uPVC pipe", "1.5", "m", "96.40"),
            CostLine("equipment", "TLB with operator", "1.5", "h", "650.00"),
            CostLine("contractor", "Pavement reinstatement (Mzansi Civils)", 1, "job", "1850"),
        ):
            card = job_cards.add_line(connection, card.id, card.row_version, line)
        now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
        card = job_cards.complete_job_card(
            connection,
            card.id,
            card.row_version,
            CompletedCard(
                arrived_at=now - dt.timedelta(hours=4, minutes=10),
                completed_at=now - dt.timedelta(hours=1, minutes=5),
                work_performed="Exposed the main at the pavement; a 40 mm split in the 110 mm "
                "uPVC main. Cut out 1.5 m, fitted two repair couplings, pressure tested at "
                "6 bar for 15 minutes. Backfilled and compacted; pavement reinstated.",
                signed_off_by="Sipho Dlamini",
                condition_before=4,
                condition_after=2,
            ),
            captured_from_paper=True,
        )
        return card.id


@pytest.fixture(scope="module")
def settings(database_factory, template: str) -> ConnectionSettings:
    settings = database_factory(template=template)
    engine = create_db_engine(settings)
    municipality.seed_reference_data(engine)
    engine.dispose()
    return settings


@pytest.fixture(scope="module")
def engine(settings):
    engine = create_db_engine(settings)
    yield engine
    engine.dispose()


def _pages(pdf: Path) -> int:
    """The page tree's count (the root /Pages object holds the largest)."""
    return max(int(n) for n in re.findall(rb"/Count\s+(\d+)", pdf.read_bytes()))


def _text(pdf: Path) -> str:
    # poppler-utils comes with scripts/install_system_packages.sh (make test installs it).
    assert shutil.which("pdftotext"), "pdftotext missing: run scripts/install_system_packages.sh"
    shown = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", shown)  # the font's "fi" ligature is two letters


@pytest.mark.parametrize("completed", [True, False], ids=["completed", "blank"])
def test_job_card_pdf_is_one_page_with_number_and_reference(
    qgis_app, settings, engine, tmp_path, completed
) -> None:
    card_id = seed_job_card(engine, completed=completed)
    with engine.connect() as connection:
        card = job_cards.job_card(connection, card_id)
    pdf = export_job_card_pdf(settings, card_id, tmp_path / "cards" / "card.pdf")
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert _pages(pdf) == 1
    shown = _text(pdf)
    assert card.card_number in shown
    assert card.reference in shown
    assert "Thandiwe Mokoena" in shown and "+27821234567" in shown
    assert "WM-" in shown
    if completed:
        assert "4 838.15" in shown  # the card's total, in Rand
        assert "Sipho Dlamini" in shown and "captured from paper" in shown
    else:
        assert "to be filled in on site" in shown
        assert "YYYY - MM - DD" in shown  # a guide to write arrival and completion on


def test_layout_holds_a_map_with_scale_bar_and_north_arrow(qgis_app, settings, engine) -> None:
    from qgis.core import (  # noqa: PLC0415
        QgsLayoutItemMap,
        QgsLayoutItemPicture,
        QgsLayoutItemScaleBar,
    )

    card_id = seed_job_card(engine, completed=False)
    project = QgsProject()
    with engine.connect() as connection:
        sheet = load_sheet(connection, card_id)
    layout = job_card_layout(project, open_source(settings), sheet)
    items = layout.items()
    maps = [i for i in items if isinstance(i, QgsLayoutItemMap)]
    assert len(maps) == 1
    assert {layer.name() for layer in maps[0].layers()} >= {"Reported place", "Parcels"}
    assert maps[0].scale() == pytest.approx(2500)  # street scale: parcels and erf numbers readable
    assert any(isinstance(i, QgsLayoutItemScaleBar) for i in items)
    assert any(isinstance(i, QgsLayoutItemPicture) for i in items)
    assert layout.pageCollection().pageCount() == 1
