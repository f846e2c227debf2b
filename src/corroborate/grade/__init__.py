"""4. Grade: independent origins and an explained grade per incident.

``origins.collapse`` turns an incident's supporting claims into origins (wire copies and
re-reports of one statement become one); ``rules.grade`` computes source reliability
(A-F) x information credibility (1-6) and a standard-of-proof label; ``explain`` says why.
Its records (``Claim``, ``Denial``, ``Origin``, ``Grade``) are ``corroborate.model``'s.
"""

from __future__ import annotations

from corroborate.grade.origins import classify, collapse, party_of
from corroborate.grade.rules import GradingRules, grade, load_rules

__all__ = [
    "GradingRules",
    "classify",
    "collapse",
    "grade",
    "load_rules",
    "party_of",
]
