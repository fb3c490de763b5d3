"""Printable documents made with QGIS print layouts (QgsLayout): the job card."""

from __future__ import annotations

from .job_card import export_job_card_pdf, job_card_layout, load_sheet

__all__ = ["export_job_card_pdf", "job_card_layout", "load_sheet"]
