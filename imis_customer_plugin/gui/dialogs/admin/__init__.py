"""The administrators' editors: routing rules, teams, SLA policies, templates and assets."""

from __future__ import annotations

from .administration_dialog import AdministrationDialog

__all__ = ["AdministrationDialog"]
