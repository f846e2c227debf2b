"""corroborate: who alleges what, against whom, where, when, through which outlets,
how many independent origins back it, who denies it, and what evidence is preserved.

The pipeline, one package per stage (see ``pipeline.py``):

1. ``ingest``  bytes -> Report, stored content-addressed and hash-chained
2. ``extract`` Report -> Attributions and Allegations
3. ``link``    reuse, citation chains, incidents, stance
4. ``grade``   independent origins and explained grades
5. ``review`` / ``export`` / ``cli`` / ``api`` / ``web``
"""

from __future__ import annotations

__version__ = "0.1.0"
