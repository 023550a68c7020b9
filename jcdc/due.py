"""Everything due, from every part of the ledger, in one list (`jcdc due`).

Each source is a function `store -> list[DueItem]` (jcdc.model.DueItem).
"""

from __future__ import annotations

from collections.abc import Callable

from jcdc.model import DueItem
from jcdc.store import Store


def sources() -> list[Callable[[Store], list[DueItem]]]:
    found: list[Callable[[Store], list[DueItem]]] = []
    # --- rectification items and 13710 nodes (issue 6) ---

    # --- case executions (issue 4) ---

    # --- team reports (issue 5) ---
    from jcdc.pools import due_items as report_due
    found.append(report_due)

    return found
