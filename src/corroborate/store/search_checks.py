"""``verify``'s check of the full-text index against the reports it indexes.

On SQLite, ``reports_fts`` is a separate FTS5 table written beside each report, so it can
drift from the reports (a row deleted, smuggled in, or its words changed, hiding a report
from searches or planting one). Both are read in id order and merged, so memory stays
flat. On PostgreSQL the index is an expression index over the reports table itself, with
nothing stored apart to drift, so there is nothing to compare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import select, text

from corroborate.store import schema
from corroborate.store.core import Store
from corroborate.store.findings import Finding

Row = tuple[str, str, str]  # report id, title ("" when none), text


def check_search(store: Store, tick: Callable[[str], None]) -> list[Finding]:
    if store.dialect != "sqlite":
        return []
    findings: list[Finding] = []
    with store.engine.connect() as conn:
        table = schema.reports
        reports = conn.execute(select(table.c.id, table.c.title, table.c.text).order_by(table.c.id))
        index = conn.execute(text("SELECT report_id, title, text FROM reports_fts ORDER BY 1"))
        wanted = ((r.id, r.title or "", r.text) for r in reports)
        found = ((r.report_id, r.title or "", r.text) for r in index)
        findings.extend(_merge(wanted, found, tick))
    return findings


def _merge(
    wanted: Iterator[Row], found: Iterator[Row], tick: Callable[[str], None]
) -> Iterator[Finding]:
    """Walk both id-ordered streams; a duplicated index row shows as an extra one."""
    want, have = next(wanted, None), next(found, None)
    while want is not None or have is not None:
        tick("search")
        if have is None or (want is not None and want[0] < have[0]):
            assert want is not None
            yield Finding("search-missing", want[0], "report is missing from the search index")
            want = next(wanted, None)
        elif want is None or have[0] < want[0]:
            yield Finding("search-extra", have[0], "search index row for no stored report")
            have = next(found, None)
        else:
            if want[1:] != have[1:]:
                yield Finding("search-altered", want[0], "indexed title or text differs")
            want, have = next(wanted, None), next(found, None)
