"""The analysts' decisions in the case's audit log, over a store of their own: a stance
corrected on a report page is a ``review`` row (who, when, what was decided, the reason,
pseudonymised), filtered by user, action and date like the others, merged newest first
with the audit table's rows across pages; another case's log does not list it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from corroborate.api.service import Service
from corroborate.review import reviews
from corroborate.store import schema
from corroborate.store.access import AuditFilter
from corroborate.store.workspace import Membership, membership
from corroborate.web.decisions import decision_rows, log_page
from tests.api.conftest import Seeded
from tests.cli.test_witness_leaks import PARTS
from tests.web.conftest import without_tokens
from tests.web.own_store import CASE_URL, client_for, hidden, links, own_seeded
from tests.web.test_audit_page import rows

AUDIT = f"{CASE_URL}/audit"
REASON = "Zabelina Oksvetta's brother denies it"


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = own_seeded(tmp_path_factory.mktemp("decisions"))
    analyst = client_for(seeded, "analyst")
    incident = links(analyst.get(CASE_URL).text, "incidents")[0]
    report = links(analyst.get(incident).text, "reports")[0]
    fields = hidden(analyst.get(report).text, '<form class="review"')
    change = {"action": "correct_stance", "stance": "denies", "reason": REASON}
    done = analyst.post(f"{CASE_URL}/reviews", data={**fields, **change}, follow_redirects=False)
    assert done.status_code == 303, done.text
    yield seeded
    seeded.store.close()


def test_a_stance_correction_is_a_row_of_the_log(own: Seeded) -> None:
    page = client_for(own, "owner").get(AUDIT).text
    said = reviews(own.store)[-1]
    assert 'id="count">12 entries<' in page  # the seeded case's 11, and the decision
    assert rows(page)[0] == ("analyst", "review", said.target)
    detail = page.split('<tr class="action-review">')[1].split("</tr>")[0]
    assert "decision: correct stance" in detail and "value: denies" in detail
    assert f"review: {said.seq}" in detail
    assert "brother denies it" in detail
    assert not [
        part for part in PARTS if part in without_tokens(page).lower()
    ]  # the reason pseudonymised
    assert '<option value="review">review</option>' in page


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"action": "review"}, 1),
        ({"action": "member-set"}, 0),
        ({"actor": "analyst"}, 1),
        ({"actor": "test"}, 0),
        ({"since": (datetime.now(UTC) + timedelta(days=2)).date().isoformat()}, 0),
        ({"until": (datetime.now(UTC) - timedelta(days=2)).date().isoformat()}, 0),
        ({"since": (datetime.now(UTC) - timedelta(days=1)).date().isoformat()}, 1),
    ],
)
def test_the_filters_keep_or_drop_the_decision(
    own: Seeded, query: dict[str, str], shown: int
) -> None:
    page = client_for(own, "owner").get(AUDIT, params=query).text
    assert page.count('<tr class="action-review">') == shown


def standing_of(own: Seeded, user: str, case: str) -> Membership:
    with own.store.engine.connect() as conn:
        query = select(schema.users.c.id).where(schema.users.c.name == user)
        user_id = int(conn.execute(query).scalar_one())
    found = membership(own.store, user_id, case)
    assert found is not None
    return found


def test_pages_merge_the_two_records_newest_first(own: Seeded) -> None:
    svc = own_service(own)
    standing = standing_of(own, "owner", "sloviansk")
    total, everything = log_page(svc, standing, AuditFilter(), offset=0, limit=100)
    assert total == len(everything) == 12
    assert [r.at for r in everything] == sorted((r.at for r in everything), reverse=True)
    paged = [
        row
        for start in range(0, 12, 5)
        for row in log_page(svc, standing, AuditFilter(), offset=start, limit=5)[1]
    ]
    assert paged == everything


def test_another_case_does_not_list_the_decision(own: Seeded) -> None:
    assert (
        decision_rows(own_service(own), standing_of(own, "outsider", "other"), AuditFilter()) == []
    )


def own_service(own: Seeded) -> Service:
    return Service(own.settings, own.store)
