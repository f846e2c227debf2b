"""Spools on disk, so that an export of any size holds a batch, never the whole run.

An export reads the run's incidents a batch at a time (``ExportContext.incidents``), but
the custody formats are written per *report*: a report can belong to several incidents, and
its statements are spread over them. :class:`ReportIndex` reads the incidents once into a
private temporary SQLite database (``sqlite3.connect("")``: on disk, deleted when closed)
and gives back each report once, in the order it was first named, with every incident that
names it and all its statements, a batch at a time. :class:`Spool` keeps keyed text in the
order it was added, grouped by kind (PROV-JSON's records, which its format groups by type).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Self, cast

from corroborate.export.results import IncidentJSON, ReportRefJSON, StatementJSON

BATCH = 500  # reports given back at a time

_REPORTS = """
create table report (n integer primary key, id text unique not null, ref text not null);
create table named (report text not null, incident text not null, n integer primary key);
create table said (report text not null, body text not null, n integer primary key);
create table blob (id text primary key) without rowid;
create index named_report on named (report, n);
create index said_report on said (report, n);
"""


class _Temporary:
    """A private temporary SQLite database on disk (its page cache is the memory it uses)."""

    def __init__(self, script: str) -> None:
        self.db = sqlite3.connect("")
        self.db.executescript(script)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class ChosenReport:
    ref: ReportRefJSON  # as the first incident naming it lists it
    incidents: list[str]  # every chosen incident that names it, in the run's order
    statements: list[StatementJSON]  # its statements, in every incident, in the run's order


class ReportIndex(_Temporary):
    """The reports of some incidents, each once, with their incidents and statements."""

    def __init__(self, incidents: Iterable[IncidentJSON], *, details: bool = True) -> None:
        """``details=False`` keeps the reports' ids alone (``ids``), not ``batches``."""
        super().__init__(_REPORTS)
        with self.db:
            for incident in incidents:
                self._add(incident, details)

    def _add(self, incident: IncidentJSON, details: bool) -> None:
        self.db.executemany(
            "insert or ignore into report (id, ref) values (?, ?)",
            (
                (r["id"], json.dumps(r, ensure_ascii=False) if details else "")
                for r in incident["reports"]
            ),
        )
        if not details:
            return
        self.db.executemany(
            "insert into named (report, incident) values (?, ?)",
            ((r["id"], incident["id"]) for r in incident["reports"]),
        )
        self.db.executemany(
            "insert into said (report, body) values (?, ?)",
            ((s["report_id"], json.dumps(s, ensure_ascii=False)) for s in incident["statements"]),
        )

    def batches(self, size: int = BATCH) -> Iterator[list[ChosenReport]]:
        """Every report once, first named first, ``size`` at a time."""
        for rows in self._rows(size):
            yield [self._chosen(report_id, ref) for _, report_id, ref in rows]

    def ids(self, size: int = BATCH) -> Iterator[list[str]]:
        """Every report's id once, first named first, ``size`` at a time."""
        for rows in self._rows(size):
            yield [report_id for _, report_id, _ in rows]

    def _rows(self, size: int) -> Iterator[list[tuple[int, str, str]]]:
        last = 0
        while rows := self.db.execute(
            "select n, id, ref from report where n > ? order by n limit ?", (last, size)
        ).fetchall():
            last = rows[-1][0]
            yield rows

    def _chosen(self, report_id: str, ref: str) -> ChosenReport:
        named = self.db.execute(
            "select incident from named where report = ? order by n", (report_id,)
        )
        said = self.db.execute("select body from said where report = ? order by n", (report_id,))
        return ChosenReport(
            cast(ReportRefJSON, json.loads(ref)),
            list(dict.fromkeys(incident for (incident,) in named)),
            [cast(StatementJSON, json.loads(body)) for (body,) in said],
        )

    def first_time(self, blob_id: str) -> bool:
        """True the first time a blob is named: a file written once however many reports
        share its bytes."""
        cursor = self.db.execute("insert or ignore into blob (id) values (?)", (blob_id,))
        return cursor.rowcount == 1


class Spool(_Temporary):
    """Keyed text grouped by kind: ``add`` in any order, ``kinds``/``items`` give it back
    grouped, kinds in the order first added, items in the order added."""

    def __init__(self) -> None:
        super().__init__(
            "create table item (kind text not null, key text not null, body text not null,"
            " n integer primary key); create index item_kind on item (kind, n);"
        )
        self._kinds: dict[str, None] = {}

    def add(self, kind: str, key: str, body: str) -> None:
        self._kinds.setdefault(kind)
        self.db.execute("insert into item (kind, key, body) values (?, ?, ?)", (kind, key, body))

    def kinds(self) -> list[str]:
        return list(self._kinds)

    def items(self, kind: str) -> Iterator[tuple[str, str]]:
        rows = self.db.execute("select key, body from item where kind = ? order by n", (kind,))
        yield from cast(Iterator[tuple[str, str]], rows)
