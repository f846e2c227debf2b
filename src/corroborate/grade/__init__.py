"""4. Grade: independent origins and an explained grade per incident.

``origins.collapse`` turns an incident's supporting claims into origins (wire copies and
re-reports of one statement become one); ``rules.grade`` computes source reliability
(A-F) x information credibility (1-6) and a standard-of-proof label; ``explain`` says why.
"""

from __future__ import annotations

from corroborate.grade.origins import Claim, Denial, OriginGroup, collapse
from corroborate.grade.rules import GradingRules, IncidentGrade, grade, load_rules

__all__ = [
    "Claim",
    "Denial",
    "GradingRules",
    "IncidentGrade",
    "OriginGroup",
    "collapse",
    "grade",
    "load_rules",
]
