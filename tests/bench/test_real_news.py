"""The real-news benchmark's metric definitions, on hand-built results.

Every expected value is counted by hand in the comments from the small ``results`` below.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.real_news import (
    comparable,
    figures,
    from_results,
    incident_figures,
    is_fragment,
    is_pronoun,
    origin_figures,
    share,
)

PARTIES = {"Kremlin": "Russia", "SANA": "Syrian government"}
REGISTERED = {"Reuters", "TASS"}


def known(name: str) -> bool:
    return name in REGISTERED


def report(rid: str, outlet: str | None) -> dict[str, Any]:
    return {"id": rid, "outlet": outlet}


def origin(kind: str, speaker: str | None, party: str | None, ids: list[str]) -> dict[str, Any]:
    return {
        "id": f"o-{speaker}",
        "kind": kind,
        "speaker": speaker,
        "party": party,
        "report_ids": ids,
    }


def incident(
    place: str | None,
    first: str | None,
    last: str | None,
    reports: list[Any],
    origins: list[Any],
    statements: tuple[tuple[str, str], ...] = (),
    published: tuple[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "place": {"canonical": place} if place else None,
        "first_day": first,
        "last_day": last,
        "reports": reports,
        "origins": origins,
        "statements": [{"id": sid, "stance": stance} for sid, stance in statements],
        **({"first_published": published[0], "last_published": published[1]} if published else {}),
    }


INCIDENTS = [
    # place, 10 days; origins: a registered wire's (kind independent), a Kremlin release's
    # own voice without a party (applies, unresolved), a pronoun
    incident(
        "Idlib",
        "2017-04-04",
        "2017-04-14",
        [report("r1", "Reuters"), report("r2", "Kremlin"), report("r3", "CNA")],
        [
            origin("independent", "Reuters", None, ["r1"]),
            origin("unknown", "the Kremlin press service", None, ["r2"]),
            origin("unknown", "he", None, ["r3"]),
        ],
        (("s1", "supports"), ("s2", "denies"), ("s3", "counter_accuses")),
        ("2017-04-05", "2017-06-01"),
    ),
    # no place, 45 days; origins: a party origin with its party from a registered outlet,
    # a fragment from an unregistered outlet with no outlet at all on a second report
    incident(
        None,
        "2022-03-01",
        "2022-04-15",
        [report("r4", "TASS"), report("r5", "SANA"), report("r6", None)],
        [
            origin("party", "Ministry of Defence", "Russia", ["r4"]),
            origin("unknown", "of the ministry", None, ["r5", "r6"]),
        ],
        (("s2", "denies"), ("s4", "neutral")),
        ("2022-04-20", "2022-04-21"),
    ),
    # place, one day only
    incident("Kharkiv", "2022-05-02", None, [report("r7", "Kremlin")], []),
]


def test_share_rounds_and_has_no_value_without_a_whole() -> None:
    assert share(1, 3) == 0.3333
    assert share(0, 0) is None


def test_pronouns_and_fragments() -> None:
    assert is_pronoun("They") and is_pronoun(" she ")
    assert not is_pronoun("Shelter staff")
    for piece in ("of the ministry", "head of", "'s spokesman", "—", "", None, "and officials"):
        assert is_fragment(piece), piece
    for speaker in ("the Ministry of Defence", "officials", "Vladimir Putin", "he", "Etilaf"):
        assert not is_fragment(speaker), speaker


def test_origin_figures() -> None:
    found = origin_figures(INCIDENTS, known, PARTIES)  # type: ignore[arg-type]
    assert found["origins"] == 5
    # registered outlet: Reuters (r1), TASS (r4) -> 2 of 5
    assert found["origins_outlet_registered"] == 0.4
    # kind not unknown: the wire's and the party's -> 2 of 5
    assert found["origins_kind_resolved"] == 0.4
    # applies: the Kremlin release (all reports from a party outlet), the party origin; not
    # the SANA one (r6 has no outlet, so not every report is a party outlet's)
    assert found["origins_party_applies"] == 2
    assert found["origins_party_resolved"] == 0.5
    assert found["origins_pronoun"] == 0.2  # "he"
    assert found["origins_fragment"] == 0.2  # "of the ministry"


def test_incident_figures_through_figures() -> None:
    results = {
        "counts": {"reports": 7, "attributions": 9, "allegations": 4, "incidents": 3},
        "incidents": INCIDENTS,
    }
    found = figures(results, known, PARTIES)  # type: ignore[arg-type]
    assert found["reports"] == 7 and found["files_failed"] == 0
    assert found["incidents_with_place"] == 0.6667  # Idlib, Kharkiv of 3
    assert found["largest_incident_reports"] == 3
    assert found["incidents_dated"] == 2  # the one-day incident has no last day
    assert found["incidents_over_30_days"] == 0.5  # 45 days of the 10 and 45
    assert found["incidents_published_over_30_days"] == 0.5  # 57 days of the 57 and 1
    # s2 denies in two incidents, s3 counter-accuses in one: 2 statements, 3 attachments
    assert (found["denial_statements"], found["denial_attachments"]) == (2, 3)
    assert found["denial_attachments_per_statement"] == 1.5


def test_incidents_of_five_reports_and_their_spans() -> None:
    five = [report(f"r{n}", "Reuters") for n in range(5)]
    long = incident("Kherson", "2022-03-01", "2022-05-01", five, [])  # 61 days
    short = incident("Kherson", "2022-03-01", "2022-03-20", five, [])  # 19 days
    undated = incident("Kherson", None, None, five, [])
    found = incident_figures([long, short, undated, *INCIDENTS])  # type: ignore[list-item]
    assert found["largest_incident_reports"] == 5
    assert found["incidents_5_reports"] == 3  # INCIDENTS hold 3, 3 and 1 reports
    assert found["incidents_5_reports_over_30_days"] == 1
    assert found["incidents_5_reports_published_over_30_days"] == 0  # none gives a day


def test_five_report_incidents_by_publication_days() -> None:
    five = [report(f"r{n}", "Reuters") for n in range(5)]
    told = incident("Kherson", None, None, five, [], published=("2017-10-08", "2022-04-23"))
    found = incident_figures([told])  # type: ignore[list-item]
    assert found["incidents_5_reports_over_30_days"] == 0  # no event day
    assert found["incidents_5_reports_published_over_30_days"] == 1


def _results(ledger: str, witness: str) -> bytes:
    body = {"ledger_head": ledger, "counts": {"reports": 1}, "incidents": [], "note": witness}
    return json.dumps(body).encode()


def test_runs_compare_without_their_ledger_entry_and_pseudonym_keys() -> None:
    a = _results("#3 sha256:aa", "Witness 0A1B2C3D told; Witness 0A1B2C3D again")
    b = _results("#9 sha256:bb", "Witness FFEE0011 told; Witness FFEE0011 again")
    c = _results("#9 sha256:bb", "Witness FFEE0011 told; Witness 12345678 again")
    assert comparable(a) == comparable(b)
    assert comparable(a) != comparable(c)  # two witnesses are not one


def test_figures_from_two_runs_say_whether_they_repeat(tmp_path: Path) -> None:
    paths = [tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"]
    paths[0].write_bytes(_results("#1 sha256:aa", "Witness 0A1B2C3D"))
    paths[1].write_bytes(_results("#2 sha256:bb", "Witness 99999999"))
    paths[2].write_bytes(_results("#2 sha256:bb", "Witness 99999999 and more"))
    assert from_results(paths[:2], known, PARTIES)["repeatable"] is True
    assert from_results([paths[0], paths[2]], known, PARTIES)["repeatable"] is False
    assert from_results(paths[:1], known, PARTIES)["repeatable"] is None
