"""Linking with features kept by earlier runs gives what linking without them gives.

Corpora come from the generator of ``bench/link_scale.py`` (the sample corpus's sentences,
wire copies, allegations of one or two types at gazetteer places); an earlier run links some
batches of the reports, and its features go through JSON, as the store keeps them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import link_scale
from corroborate.ids import digest_bytes
from corroborate.link.assemble import Linked, link
from corroborate.link.features import (
    Party,
    ReportFeatures,
    features_version,
    from_json,
    refreshed,
    report_features,
    to_json,
)
from corroborate.link.stored import encode
from corroborate.model import Allegation, Attribution, Report, Span, Speaker
from corroborate.taxonomy.registry import registry
from tests.link.sample_sentences import sample_sentences

Statements = dict[str, tuple[list[Attribution], list[Allegation]]]


@pytest.fixture(autouse=True, scope="module")
def sentences_once() -> Any:
    """The generator takes the sample corpus's sentences (read once), not the real news it
    reads from outside the repository when benchmarking."""
    original = link_scale._sentences
    link_scale._sentences = sample_sentences  # type: ignore[method-assign]
    yield
    link_scale._sentences = original  # type: ignore[method-assign]


def test_the_samples_give_the_generator_enough_sentences() -> None:
    found = sample_sentences()
    assert len(found) >= 50
    assert all(len(s.split()) >= 6 for s in found)


def run(reports: list[Report], statements: Statements, kept: Any = None) -> Linked:
    places = {r.id: {g.place.canonical for g in statements[r.id][1] if g.place} for r in reports}
    return link(reports, {r.id: statements[r.id] for r in reports}, places, kept=kept)


def through_json(features: dict[str, ReportFeatures]) -> dict[str, ReportFeatures]:
    return {rid: from_json(to_json(f)) for rid, f in features.items()}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    size=st.integers(15, 60),
    data=st.data(),
)
def test_linking_in_batches_with_kept_features_equals_linking_at_once(
    seed: int, size: int, data: st.DataObject
) -> None:
    reports, statements = link_scale.corpus(size, seed)
    batch = data.draw(st.lists(st.integers(0, 2), min_size=size, max_size=size))
    kept: dict[str, ReportFeatures] = {}
    for last in range(3):  # each run links every report of its batch and of those before
        linked = [r for r, b in zip(reports, batch, strict=True) if b <= last]
        kept |= through_json(run(linked, statements, kept).features)
    assert set(kept) == {r.id for r in reports}
    once = run(reports, statements)
    again = run(reports, statements, kept)
    assert encode(again) == encode(once)
    assert again.features == once.features
    assert len(once.incidents) > 0


def test_kept_features_read_back_equal() -> None:
    reports, statements = link_scale.corpus(30, 3)
    features = run(reports, statements).features
    assert through_json(features) == features
    assert sum(len(f.mentions) for f in features.values()) == sum(
        len(statements[r.id][1]) for r in reports
    )


def test_mentions_share_their_type_sets_and_the_empty_set_read_or_kept() -> None:
    """Every mention is held for the whole run: two mentions of one type hold one set of
    types, and mentions naming no perpetrator one empty set of actors, read anew or read back
    through JSON (a set each cost 216 bytes a mention)."""
    first = _report("Kyiv was shelled on 3 March.", "2022-03-04")
    second = _report("Kyiv was shelled again on 5 March.", "2022-03-06")
    made = []
    for report in (first, second):
        attribution = _said(report, "Oleh Synehubov")
        allegation = Allegation(attribution.id, ("attack_on_civilians",))
        made.append(report_features(report, [attribution], [allegation]))
    for a, b in (made, [from_json(to_json(f)) for f in made]):
        [m], [n] = a.mentions, b.mentions
        assert m.types == frozenset({"attack_on_civilians"}) and m.types is n.types
        assert m.actors == frozenset() and m.actors is n.actors


def _report(text: str, published: str) -> Report:
    return Report(
        blob_id=digest_bytes(text.encode()),
        item="",
        source_name="r",
        media_type="text/plain",
        text=text,
        published=published,
    )


def _said(report: Report, name: str, role: str | None = None) -> Attribution:
    start = report.text.index("Kyiv")
    content = Span(start, len(report.text), report.text[start:])
    return Attribution(report.id, Speaker(Span(0, 0, ""), name, role), None, content, False)


def test_a_speaker_named_in_full_by_a_later_report_has_his_party_read_again() -> None:
    """ "Halchenko" of an earlier report is the Russian ministry's spokesperson a later report
    names in full: the party kept for her statement (none) is read again (Russia)."""
    old = _report("Halchenko said: Kyiv was shelled on 3 March.", "2022-03-04")
    new = _report("Iryna Halchenko said: Kyiv was shelled on 3 March.", "2022-03-05")
    statements: Statements = {}
    for report, role in ((old, None), (new, "spokesperson of the Russian Ministry of Defence")):
        attribution = _said(report, "Halchenko" if report is old else "Iryna Halchenko", role)
        allegation = Allegation(attribution.id, ("attack_on_civilians",))
        statements[report.id] = ([attribution], [allegation])
    earlier = through_json(run([old], statements).features)
    [kept] = earlier[old.id].parties.values()
    assert (kept.speaker, kept.speaker_party) == (("Halchenko", None, None), None)
    both = run([old, new], statements, earlier)
    [now] = both.features[old.id].parties.values()
    assert now.speaker[0] == "Iryna Halchenko" and now.speaker_party == "Russia"
    assert encode(both) == encode(run([old, new], statements))


def test_refreshed_keeps_a_party_read_for_the_same_speaker() -> None:
    report = _report("Oleh Synehubov said: Kyiv was shelled.", "2022-03-04")
    attribution = _said(report, "Oleh Synehubov")
    features = report_features(report, [attribution], [])
    stale = ReportFeatures(
        features.context, features.mentions, {attribution.id: Party(("x", None, None), "X", None)}
    )
    assert refreshed(features, [attribution]) == features
    assert refreshed(stale, [attribution]).parties[attribution.id].speaker_party is None


def test_the_version_changes_with_the_extraction_and_the_registry() -> None:
    base = registry()
    assert features_version("sha256:a", base) == features_version("sha256:a", base)
    assert features_version("sha256:a", base) != features_version("sha256:b", base)
    fewer = type(base)(parties=base.parties, sources=base.sources[1:], conflicts=base.conflicts)
    assert features_version("sha256:a", fewer) != features_version("sha256:a", base)


def test_the_version_is_the_same_in_every_process() -> None:
    """A later run is another process: a version that followed string hashing (a set in
    the registry) would never find the features an earlier run kept."""
    code = (
        "from corroborate.link.features import features_version;print(features_version('sha256:a'))"
    )
    found = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(found) == 1 and found.pop().startswith("sha256:")
