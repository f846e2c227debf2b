"""Witnesses a news report relays are first-hand origins: the grade rises with them.

A party's allegation alone cannot be judged (D6). An independent outlet that relays what
witnesses and a resident told it adds two first-hand origins, relayed by that outlet. The
same witnesses relayed by a party's own outlet add nothing independent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.export.results import IncidentJSON
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store

STATEMENT = {
    "id": "s-1",
    "title": "Coalition statement",
    "published": "2022-04-21",
    "outlet": "Novy Vestnik State News",
    "text": "Colonel General Arkady Dobrynets said that fighters of the Republic shot and"
    " killed three civilians fleeing Kamianka on 20 April 2022.",
}
NEWS = {
    "id": "n-1",
    "title": "Shooting near Kamianka",
    "published": "2022-04-22",
    "text": "Witnesses said soldiers had shot and killed men fleeing Kamianka on 20 April 2022."
    "\n\nA resident said soldiers killed two of her neighbours in Kamianka on 20 April 2022.",
}


def incidents(tmp_path: Path, items: list[dict[str, str]]) -> list[IncidentJSON]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = "\n".join(json.dumps(item) for item in items) + "\n"
    (folder / "feed.jsonl").write_text(lines, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    settings = Settings(store_url=store.url, workers=1, fast=True)
    return run(store, [folder], settings=settings).results["incidents"]


def test_a_party_allegation_alone_cannot_be_judged(tmp_path: Path) -> None:
    [incident] = incidents(tmp_path, [STATEMENT])
    grade = incident["grade"]
    assert (grade["reliability"], grade["credibility"]) == ("D", 6)


@pytest.mark.parametrize(
    ("outlet", "kinds", "grade"),
    [
        ("Black Sea Observer", ["party", "witness", "witness"], ("C", 2)),
        ("Republic Herald", ["party", "party", "party"], ("D", 6)),
    ],
)
def test_witnesses_relayed_by_the_news_are_first_hand_origins(
    tmp_path: Path, outlet: str, kinds: list[str], grade: tuple[str, int]
) -> None:
    [incident] = incidents(tmp_path, [STATEMENT, {**NEWS, "outlet": outlet}])
    assert [(o["kind"], o["speaker"]) for o in incident["origins"]] == list(
        zip(kinds, ["Arkady Dobrynets", "Witnesses", "resident"], strict=True)
    )
    assert (incident["grade"]["reliability"], incident["grade"]["credibility"]) == grade
