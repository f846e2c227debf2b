"""ClaimReview: every review expands with PyLD against the shipped schema.org context (no
network) and holds what Google's ClaimReview guidelines require; the rating is the
corroboration standard, never a verdict."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from pyld.jsonld import JsonLdError

from corroborate.export import claimreview
from corroborate.export.context import ExportContext
from corroborate.export.results import RunResults
from corroborate.store import Store

from .conftest import sloviansk

S = "http://schema.org/"
VERDICTS = ("true", "false", "misleading", "fake", "correct", "incorrect", "pants on fire")


def export(results: RunResults, tmp_path: Path) -> list[dict[str, Any]]:
    context = ExportContext(cast(Store, None), results, 26, "0.1.0", "2024-05-02T08:00:00+00:00")
    out = tmp_path / "reviews.jsonl"
    claimreview.write(context, out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def values(node: dict[str, Any], name: str) -> list[Any]:
    return [v.get("@value", v.get("@id")) for v in node.get(S + name, [])]


def test_every_review_expands_and_meets_google_s_required_properties(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    reviews = export(make_results(), tmp_path)
    supporting = [s for s in sloviansk()["statements"] if s["stance"] == "supports"]
    assert len(reviews) == len(supporting) == 3
    for review in reviews:
        expanded = claimreview.expand(review)
        assert claimreview.problems(expanded) == []
        node = expanded[0]
        assert node["@type"] == [S + "ClaimReview"]
        assert values(node, "claimReviewed")[0] in {s["content"] for s in supporting}
        based = [values(n, "identifier") for n in node[S + "isBasedOn"]]
        assert ["#26 sha256:" + "ab" * 32] in based


def test_who_made_the_claim_and_where_it_appeared(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    reviews = {r["itemReviewed"]["author"]["name"]: r for r in export(make_results(), tmp_path)}
    witness = reviews["Former detainee W-17"]["itemReviewed"]
    assert witness["author"]["@type"] == "Person"  # a witness origin
    appearance = witness["appearance"]
    assert appearance["publisher"] == {"@type": "Organization", "name": "Donbas Herald"}
    assert appearance["headline"].startswith("Former detainees describe beatings")
    assert witness["datePublished"] == "2022-04-06"
    mission = reviews["Eastern Monitoring Mission"]["itemReviewed"]["author"]
    assert mission["@type"] == "Organization"  # an outlet of the incident's reports
    body = reviews["Coalition regional administration"]["itemReviewed"]["author"]
    assert "@type" not in body  # neither registered nor an outlet: no guess from the name


def test_the_rating_is_the_standard_and_never_a_verdict(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    for review in export(make_results(), tmp_path):
        rating = review["reviewRating"]
        assert rating["alternateName"] == "reasonable grounds to believe"
        assert rating["ratingExplanation"].startswith("Three independent origins")
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
        words = f" {rating['alternateName']} {rating['name']} ".casefold()
        assert not [v for v in VERDICTS if f" {v} " in words]


def test_the_check_finds_what_a_review_lacks(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    review = export(make_results(), tmp_path)[0]
    del review["url"]
    del review["reviewRating"]["alternateName"]
    found = claimreview.problems(claimreview.expand(review))
    assert found == ["ClaimReview lacks url", "Rating lacks alternateName"]
    assert claimreview.problems(claimreview.expand({"@context": {}, "name": "x"})) == [
        "no ClaimReview"
    ]


def test_no_context_is_fetched(make_results: Callable[..., RunResults], tmp_path: Path) -> None:
    review = export(make_results(), tmp_path)[0]
    with pytest.raises(JsonLdError):
        claimreview.expand({**review, "@context": "https://example.org/other-context"})
