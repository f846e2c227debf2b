"""Photo and agency credits ("Photograph: Alina Smutko/Reuters", "EPA Reuters", "AFP via
Getty Images"): they say who took or sold a picture, never who made a statement, so they
are never an outlet or an origin. Readers leave credit lines out of a report's text where
they can tell them apart (captions of web pages); extraction and grading drop any that
still come through.
"""

from __future__ import annotations

import re

# picture agencies and the wires' photo desks, as they appear in credits
AGENCIES = (
    r"EPA(?:-EFE)?|EFE|Reuters|AFP|AP(?: Photo)?|Getty(?: Images)?|Alamy|Shutterstock|Pool|"
    r"Handout|Anadolu(?: Agency)?|SOPA Images|LightRocket|ZUMA(?: Press| Wire)?|NurPhoto|"
    r"TASS|Sputnik|Xinhua|Ukrinform|Suspilne|Abaca(?:press)?|Sipa(?: USA)?|Rex|PA(?: Images)?|"
    r"DPA|dpa|picture alliance|Bloomberg|UPI|Polaris|Redux|Magnum(?: Photos)?|Panos|VII"
)
LABEL = r"(?:photo(?:graph)?s?|images?|pictures?|illustration|footage|photo credit|credits?|фото)"
LABELLED = re.compile(rf"^\s*{LABEL}\s*:", re.IGNORECASE)
# a caption: a sentence about the picture ending in its credit ("… near Bakhmut. Photograph: X/AP")
CAPTION = re.compile(rf"(?:^|[.!?)]\s+){LABEL}\s*:\s*[^.:\n]{{1,80}}$", re.IGNORECASE)
ONLY_AGENCIES = re.compile(rf"^\s*(?:{AGENCIES})(?:\s*(?:/|via|,|-|–|\||\s)\s*(?:{AGENCIES}))+\s*$")
VIA_AGENCY = re.compile(r"^[^.]{0,60}\bvia (?:Getty Images|Reuters|AP|AFP|Alamy|Shutterstock)\s*$")
# an agency and its photographer: "EPA-EFE/SERGEY DOLZHENKO", "Libkos/AP"
WITH_PHOTOGRAPHER = re.compile(
    rf"^\s*(?:(?:{AGENCIES})\s*/\s*[\w .'’-]{{2,40}}|[\w .'’-]{{2,40}}/\s*(?:{AGENCIES}))\s*$"
)
MAX_CREDIT = 120


def is_credit(text: str | None) -> bool:
    """Whether ``text`` is a picture credit rather than a name or a sentence: a labelled
    line ("Photo: …"), two agencies together ("EPA Reuters", "AFP/Getty"), an agency and
    its photographer ("Libkos/AP") or "… via Getty Images". One agency's name alone
    ("Reuters") is not a credit: it may be the outlet."""
    if not text or len(text) > MAX_CREDIT or "\n" in text.strip():
        return False
    patterns = (LABELLED, ONLY_AGENCIES, VIA_AGENCY, WITH_PHOTOGRAPHER)
    return any(pattern.match(text) for pattern in patterns)


def is_caption_line(line: str) -> bool:
    """Whether a line of a web page's text is a picture's caption or credit."""
    return is_credit(line) or (len(line) <= 400 and CAPTION.search(line.strip()) is not None)
