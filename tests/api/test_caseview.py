"""A case's indexed view (``api/caseview.py``) answers as the plain functions over the run
do: a page over the kept order equals ``casework.select``; lookups equal the scans."""

from __future__ import annotations

import itertools
from typing import cast

from corroborate.api.caseview import CaseView
from corroborate.api.service import Service
from corroborate.export.casework import (
    SORT_KEYS,
    IncidentQuery,
    find_incident,
    report_incidents,
    select,
    visible,
)
from corroborate.export.results import IncidentJSON
from corroborate.store.access import token_principal
from tests.api.conftest import CASE, Seeded

FILTERS = (
    {},
    {"q": "sloviansk"},
    {"type": "torture"},
    {"place": "donetsk"},
    {"grade": "C"},
    {"status": "draft"},
    {"since": "2022-04-11"},
)


def test_a_page_of_the_view_is_a_selection(seeded_sqlite: Seeded) -> None:
    svc = Service.open(seeded_sqlite.settings, seeded_sqlite.store)
    caller = token_principal(seeded_sqlite.store, seeded_sqlite.tokens["analyst"])
    assert caller is not None
    seed = svc.view(svc.member(caller, CASE)).incidents[0]
    view = CaseView(1, 1, 1, [_variant(seed, n) for n in range(23)])
    for published_only in (False, True):
        shown = visible(view.incidents, published_only=published_only)
        for asked, sort, descending, page in itertools.product(
            FILTERS, SORT_KEYS, (True, False), (1, 2)
        ):
            query = IncidentQuery(**asked, sort=sort, descending=descending, page=page, per_page=2)
            expected = select(shown, query)
            assert view.page(query, published_only=published_only) == expected, query


def _variant(incident: IncidentJSON, n: int) -> IncidentJSON:
    """The seeded incident, its id, days, grade, label and status varied (ties included)."""
    grade = {**incident["grade"], "reliability": "ABCDEF"[n % 6], "credibility": 1 + n % 4}
    changed = {
        **incident,
        "id": f"sha256:{n:064x}",
        "label": f"{'Shelling' if n % 3 else 'detention'} {n % 5}",
        "first_day": None if n % 7 == 0 else f"2022-04-{1 + n % 9:02d}",
        "last_day": f"2022-04-{10 + n % 9:02d}",
        "grade": grade,
        "status": ("draft", "reviewed", "published")[n % 3],
        "reports": incident["reports"][: 1 + n % max(1, len(incident["reports"]))],
    }
    return cast(IncidentJSON, changed)


def test_lookups_equal_the_scans(seeded_sqlite: Seeded) -> None:
    svc = Service.open(seeded_sqlite.settings, seeded_sqlite.store)
    caller = token_principal(seeded_sqlite.store, seeded_sqlite.tokens["owner"])
    assert caller is not None
    view = svc.view(svc.member(caller, CASE))
    for published_only in (False, True):
        shown = visible(view.incidents, published_only=published_only)
        for incident in view.incidents:
            found = view.incident(incident["id"], published_only=published_only)
            assert found is find_incident(shown, incident["id"])
            for report in incident["reports"]:
                holding = view.holding(report["id"], published_only=published_only)
                assert holding == report_incidents(shown, report["id"])
                reachable = any(
                    report["blob_id"] == r["blob_id"] for i in shown for r in i["reports"]
                )
                assert view.has_blob(report["blob_id"], published_only=published_only) == reachable
    assert view.incident("sha256:none", published_only=False) is None
