"""The one place that runs the pipeline, in order:

1. ingest   files -> reports in the evidence store (``ingest``)
2. extract  reports -> attributions and allegations (``extract``)
3. link     copies, incidents, stances (``link``)
4. grade    origins and explained grades per incident (``grade``), once the analysts'
            reviews (``review``, 5a) are laid over the linked incidents, so that grades and
            explanations are recomputed with them

then the results (``export.results.RunResults``) are recorded in the ledger as a ``run``
event (with their digest), with the linked statements of step 3, and returned for the
exporters to write. ``regrade`` does step 4 again over the latest run's linked statements
with every review (no extraction), and records only what changed as an amendment of the run:
a review takes effect at once, at the cost of what it touched.

Runs are incremental: each report's extraction is kept in the store (``extract.cached``), so
a run extracts only the reports no earlier run (or the interrupted part of one) extracted
with the same models and settings; what linking reads of each report alone is kept too
(``link.kept``), and read back, and so are the incidents of each block of mentions (a
country and a period, ``link.blocks``): only the blocks whose members changed are clustered
again. The rest of linking (speakers, copies, denials, stances) and grading run over every
stored report, so the result is the one a run from scratch would give.
"""

from __future__ import annotations

import json
import os
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from corroborate import __version__
from corroborate.export.pseudonyms import for_store
from corroborate.export.results import RunResults
from corroborate.extract import Extraction
from corroborate.extract.cached import extract_with_store
from corroborate.extract.cluster import Cluster, connect
from corroborate.extract.facts.places import find_places
from corroborate.extract.stored import extraction_version
from corroborate.ids import canonical_json, make_id
from corroborate.ingest import Outcome, Summary, ingest_paths
from corroborate.link import (
    LINK_STEPS,
    LinkedIndex,
    decode,
    encode,
    features_version,
    keep_blocks,
    keep_charges,
    keep_features,
    kept_blocks,
    kept_charges,
    kept_features,
    link,
    prune_kept,
)
from corroborate.model import Linked, Report, ReviewEvent
from corroborate.results import (
    build_incidents,
    rebuild_incidents,
    reviews_summary,
    source_label,
    terms,
)
from corroborate.review import Overlay, reviews
from corroborate.review.sources import corrected
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.chain import LedgerRow
from corroborate.store.runs import (
    incidents_digest,
    latest_run,
    record_amendment,
    record_run,
    run_links,
)
from corroborate.taxonomy.registry import layered, registry

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Run:
    results: RunResults
    ingest: Summary
    extract_failed: tuple[str, ...] = ()  # coded one-line errors of reports not extracted
    extracted: int = 0  # reports extracted by this run
    reused: int = 0  # reports whose extraction an earlier run had kept in the store


def run(
    store: Store,
    paths: Sequence[Path],
    *,
    settings: Settings,
    progress: Progress | None = None,
    on_ingest: Callable[..., None] | None = None,
    actor: str = "run",
    exclude: Sequence[Path] = (),
    on_total: Callable[[int], None] | None = None,
) -> Run:
    """Ingest ``paths`` into ``store``, then extract, link and grade everything stored.

    ``progress(stage, done, total)`` is told how far each stage has come: ``extract``
    counts the reports extracted by this run (not those read back from the store),
    ``link`` its steps (``link.assemble.LINK_STEPS``), ``grade`` the incidents graded (a
    hundred at a time) and ``write`` goes from 0 to 1; ``on_total`` is told how many
    files ingest will read, and ``on_ingest`` each file's outcome.

    With ``settings.scheduler``, extraction runs on that Dask cluster; the scheduler is
    reached before anything is ingested, so that a wrong address leaves the store as it was.
    """
    with _cluster(settings.scheduler) as cluster:
        return _run(
            store,
            paths,
            settings=settings,
            tick=progress or (lambda _stage, _done, _total: None),
            on_ingest=on_ingest,
            actor=actor,
            exclude=exclude,
            on_total=on_total,
            cluster=cluster,
        )


@contextmanager
def _cluster(scheduler: str | None) -> Iterator[Cluster | None]:
    if scheduler is None:
        yield None
        return
    with connect(scheduler) as cluster:
        yield cluster


def _run(
    store: Store,
    paths: Sequence[Path],
    *,
    settings: Settings,
    tick: Progress,
    on_ingest: Callable[..., None] | None,
    actor: str,
    exclude: Sequence[Path],
    on_total: Callable[[int], None] | None,
    cluster: Cluster | None,
) -> Run:
    summary = ingest_paths(
        store,
        paths,
        settings=settings,
        actor=actor,
        on_outcome=on_ingest,
        on_total=on_total,
        exclude=exclude,
    )
    reports = list(store.reports())  # in the order they were stored
    extracted = extract_with_store(
        store,
        reports,
        fast=settings.fast,
        workers=settings.workers,
        tick=lambda done, total: tick("extract", done, total),
        cluster=cluster,
    )
    extractions = extracted.extractions
    extract_failed = tuple(e.error for e in extractions if e.error)
    tick("link", 0, LINK_STEPS)
    statements = {e.report_id: (e.attributions, e.allegations) for e in extractions}
    places = {rid: set(found) for rid, found in extracted.places.items()}
    decided = reviews(store)
    sources, corrected_sources = corrected(registry(), decided)
    with layered(sources):  # the registry with the owners' corrections, to link and grade
        version = features_version(extraction_version(fast=settings.fast), sources)
        kept = kept_features(store, reports, version)
        linked = link(
            reports,
            statements,
            places,
            places_in=lambda text: {p.canonical for p in find_places(text)},
            step=lambda done, total: tick("link", done, total),
            kept=kept.features,
            blocks=(memo := kept_blocks(store)),
            charges=(charged := kept_charges(store)),
        )
        keep_features(store, kept, linked.features)
        keep_blocks(store, memo)
        keep_charges(store, charged)
        prune_kept(store, memo, charged)
        del kept
        linked.features.clear()  # kept in the store; grading does not read them
        tick("grade", 0, len(linked.incidents))
        overlay = Overlay(decided)
        overlay.applied |= corrected_sources
        incidents = build_incidents(
            reports, linked, overlay, step=lambda done, total: tick("grade", done, total)
        )
    tick("grade", len(incidents), len(incidents))
    results: RunResults = {
        "generated_at": _generated_at(),
        "version": __version__,
        "ledger_head": "",
        "corpus": _corpus(paths),
        "terms": terms(),
        "counts": _counts(summary, reports, extractions, len(incidents)),
        "failures": _failures(summary, reports, extractions),
        "incidents": incidents,
        "reviews": reviews_summary(overlay),
    }
    tick("write", 0, 1)
    _record(store, results, actor, links=encode(linked))
    tick("write", 1, 1)
    return Run(results, summary, extract_failed, extracted.extracted, extracted.reused)


def regrade(
    store: Store, *, actor: str, review: ReviewEvent, also: Sequence[ReviewEvent] = ()
) -> RunResults | None:
    """Grade the latest run's incidents again with every review, after ``review`` (4 and
    5a over the linked statements the run kept: no extraction, no linking), and record the
    re-grading as an amendment of the run: only the incidents it changed (those ``review``
    and the reviews ``also`` touch, built again, and those whose status changed), not the
    whole run. None when the latest run kept no linked statements (it was recorded before
    they were): its reviews wait for the next run. Re-gradings in one process take turns,
    each with every review made; ``also`` names reviews written while an earlier one ran,
    which this one takes in for them (``api.regrading``)."""
    with _regrading:
        return _regrade(store, actor=actor, reviews_in=(review, *also))


_regrading = threading.Lock()


def _regrade(store: Store, *, actor: str, reviews_in: Sequence[ReviewEvent]) -> RunResults | None:
    head = latest_run(store)
    found = _indexed(store, head.base) if head else None
    if head is None or found is None:
        return None
    linked, index = found
    made = reviews(store)
    sources, corrected_sources = corrected(registry(), made)
    overlay = Overlay(made)
    overlay.applied |= corrected_sources
    before = {i["id"]: i for i in head.results["incidents"]}
    # ``review``'s, and those of reviews since the latest re-grading (one that failed, or a
    # status, whose words the incident's explanation gains)
    touched: set[str] = set().union(*map(_touched, reviews_in))
    for event in made:
        if event.seq > head.seq and event.action != "note":
            touched |= _touched(event)
    with layered(sources):  # graded as a full run grades: with the owners' source corrections
        incidents, built = rebuild_incidents(
            lambda ids: [r for r in map(store.report, sorted(ids)) if r is not None],
            linked,
            overlay,
            before,
            touched - {""},
            index,
        )
    # pseudonymised as a run does it (``_record``): the kept incidents are already
    pseudonyms = for_store(store).with_witnesses(i for i in incidents if i["id"] in built)
    shared = [pseudonyms.apply(i) if i["id"] in built else i for i in incidents]
    changed: dict[str, Any] = {i["id"]: i for i in shared if before.get(i["id"]) != i}
    changed |= dict.fromkeys(before.keys() - {i["id"] for i in shared})
    results = cast(RunResults, {k: v for k, v in head.results.items() if k != "incidents"})
    results["generated_at"] = _generated_at()
    results["counts"] = {**results["counts"], "incidents": len(incidents)}
    results["reviews"] = reviews_summary(overlay)

    def as_shared(row: LedgerRow) -> dict[str, Any]:
        results["ledger_head"] = f"#{row.seq} {row.hash}"
        return dict(results)

    payload = {"counts": results["counts"], "corpus": results["corpus"], "amends": head.base}
    digest = make_id("run-amendment", head.digest, canonical_json(changed))
    record_amendment(
        store,
        actor=actor,
        run=head.base,
        digest=digest,
        payload=payload,
        shared=as_shared,
        incidents=changed,
    )
    results["incidents"] = shared
    return results


def _touched(review: ReviewEvent) -> set[str]:
    """The statements, reports and incidents a review names."""
    named = {review.target, review.get("value"), *review.get("part").split()}
    named |= {*review.get("statements").split(), *review.get("other").split()}
    return named


def run_statements(store: Store) -> Linked | None:
    """The latest run's linked statements, their spans in the stored texts (None: no run,
    or one recorded before runs kept them)."""
    head = latest_run(store)
    found = _indexed(store, head.base) if head else None
    return found[0] if found else None


_links: weakref.WeakKeyDictionary[Store, tuple[int, Linked, LinkedIndex]] = (
    weakref.WeakKeyDictionary()
)


def _indexed(store: Store, seq: int) -> tuple[Linked, LinkedIndex] | None:
    """A run's linked statements and their index, read, decoded and indexed once per store
    handle and run (its re-gradings keep them); None for a run recorded before runs kept
    them."""
    kept = _links.get(store)
    if kept is not None and kept[0] == seq:
        return kept[1], kept[2]
    with _indexing:  # concurrent requests wait for one decoding rather than each decode
        kept = _links.get(store)
        if kept is not None and kept[0] == seq:
            return kept[1], kept[2]
        text = run_links(store, seq)
        if text is None:
            return None
        found = decode(json.loads(text))
        index = LinkedIndex.of(found)
        _links[store] = (seq, found, index)
        return found, index


_indexing = threading.Lock()


def _generated_at() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` where set (the reproducible-builds convention), so that
    a re-run over the same input can be compared byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="seconds")
    return datetime.now(UTC).isoformat(timespec="seconds")


def _corpus(paths: Sequence[Path]) -> str:
    """What was run on, without the paths: those are the machine's, and may name a witness."""
    return f"{len(paths)} input path{'' if len(paths) == 1 else 's'}"


def _failures(summary: Summary, reports: list[Report], extractions: list[Extraction]) -> list[str]:
    """One coded line per file or report that failed, naming it by a neutral label."""

    # in content order (then by name, for files refused before their bytes were read), so
    # that the same files give the same list in any order
    def order(outcome: Outcome) -> tuple[str, str]:
        return (outcome.blob_id or "~", outcome.source)

    failed = sorted(summary.failed, key=order)
    lines = [
        f"[{o.code}] file {n}: {_message(o.error or '', o.source)}"
        for n, o in enumerate(failed, start=1)
    ]
    partial = sorted((o for o in summary.outcomes if o.skipped_items), key=order)
    for n, outcome in enumerate(partial, start=len(summary.failed) + 1):
        for line in outcome.skipped_items:
            code = line[1:5]
            lines.append(f"[{code}] file {n}: {_message(line, outcome.source)}")
    by_id = {r.id: r for r in reports}
    for extraction in extractions:
        report = by_id[extraction.report_id]
        if extraction.error:
            name = f"{report.source_name} {report.item}".strip()
            lines.append(extraction.error.replace(name, source_label(report), 1))
    return lines


def _message(error: str, source: str) -> str:
    """A coded line's message without its code and subject (``[I002] path: message``)."""
    return error.split(f"{source}: ", 1)[-1] if source in error else error.split("] ", 1)[-1]


def _counts(
    summary: Summary, reports: list[Report], extractions: list[Extraction], incidents: int
) -> dict[str, int]:
    return {
        "files_stored": summary.count("stored"),
        "files_duplicate": summary.count("duplicate"),
        "files_failed": summary.count("failed"),
        "files_skipped": summary.count("skipped"),
        "items_skipped": len(summary.skipped_items),
        "reports": len(reports),
        "attributions": sum(len(e.attributions) for e in extractions),
        "allegations": sum(len(e.allegations) for e in extractions),
        "incidents": incidents,
    }


def _record(store: Store, results: RunResults, actor: str, *, links: dict[str, Any]) -> None:
    """The ledger remembers every run: what it counted and the digest of what it said; the
    store keeps the results as shared (witnesses pseudonymised) for exports and the service,
    and the linked statements, for grading again (``regrade``)."""
    pseudonyms = for_store(store)

    def shared(row: LedgerRow) -> dict[str, Any]:
        results["ledger_head"] = f"#{row.seq} {row.hash}"
        return dict(pseudonyms.results(results))

    payload = {"counts": results["counts"], "corpus": results["corpus"]}
    digest = incidents_digest(results["incidents"])
    record_run(store, actor=actor, digest=digest, payload=payload, shared=shared, links=links)
