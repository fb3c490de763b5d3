"""Bulk imports into the register: map layers with OGR, customers and accounts from CSV.

Every import runs in one transaction: rows are streamed by COPY into a temporary staging
table, checked set-based, and inserted with INSERT ... SELECT. When anything is wrong,
ImportRejected lists every problem found (up to MAX_PROBLEMS) and nothing is written.
"""

from __future__ import annotations

from ...core.import_rules import (
    MAX_PROBLEMS,
    ImportCancelled,
    ImportRejected,
    RowProblem,
)
from ._common import Feedback, ImportReport, Target
from .areas import import_boundary, import_suburbs, import_wards
from .parcels import import_parcels
from .people import import_accounts, import_customers

# By the names a command line or a menu would use.
SPATIAL_IMPORTS = {
    "wards": import_wards,
    "suburbs": import_suburbs,
    "parcels": import_parcels,
    "boundary": import_boundary,
}
CSV_IMPORTS = {"customers": import_customers, "accounts": import_accounts}

__all__ = [
    "CSV_IMPORTS",
    "MAX_PROBLEMS",
    "SPATIAL_IMPORTS",
    "Feedback",
    "ImportCancelled",
    "ImportRejected",
    "ImportReport",
    "RowProblem",
    "Target",
    "import_accounts",
    "import_boundary",
    "import_customers",
    "import_parcels",
    "import_suburbs",
    "import_wards",
]
