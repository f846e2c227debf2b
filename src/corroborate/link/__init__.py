"""3. Link: wire copies and text reuse, citation chains, incidents across reports, stance.

``link`` turns a run's extracted statements into ``Linked`` (``corroborate.model``): the
incidents, each statement's stance toward each incident's allegation, and the wire copies.
``encode`` and ``decode`` keep it as JSON; ``LinkedIndex`` finds the incidents a review
touches. Callers outside this stage import these names from here, never its modules.
"""

from __future__ import annotations

from corroborate.link.assemble import LINK_STEPS, denial_cue, link, report_stances
from corroborate.link.features import features_version
from corroborate.link.incidents import Weights
from corroborate.link.indexed import LinkedIndex
from corroborate.link.kept import (
    keep_blocks,
    keep_charges,
    keep_features,
    kept_blocks,
    kept_charges,
    kept_features,
    prune_kept,
)
from corroborate.link.order import report_order
from corroborate.link.stored import decode, encode

__all__ = [
    "LINK_STEPS",
    "LinkedIndex",
    "Weights",
    "decode",
    "denial_cue",
    "encode",
    "features_version",
    "keep_blocks",
    "keep_charges",
    "keep_features",
    "kept_blocks",
    "kept_charges",
    "kept_features",
    "link",
    "prune_kept",
    "report_order",
    "report_stances",
]
