"""Every grade the rules can give, worked out by hand from ``taxonomy/grading.yaml``.

Reliability is the best letter among the origins' kinds (documentary B, witness C,
independent C, party D, unknown F; F with no origin). Credibility counts independent origins
(witness, documentary, independent): an independent denial makes it 5; 3 or more with one
first-hand 1; 2 or more 2; 1 3; none, with origins and a denial, 4; else 6. The standard:
credibility 1-2 with a first-hand origin reaches reasonable grounds, credibility 3 or better
is credible, anything else uncorroborated. Each row below is one cell, each threshold is
tried at, just below and just above its value, and each row's explanation must end with
the grade sentence written out in full.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corroborate.errors import ConfigError
from corroborate.grade import collapse, grade, load_rules
from corroborate.model import Claim, Denial, Origin
from corroborate.taxonomy.registry import registry

REASONABLE = "corroborated: meets the reasonable-grounds threshold"
CREDIBLE = "partly corroborated: credible allegation, needs corroboration"
UNVERIFIED = "uncorroborated claim"

PARTY_DENIAL = Denial("rd", "Iryna Halchenko", "Republic")
INDEPENDENT_DENIAL = Denial(
    "rd", "Joint Civilian Protection Monitoring Mission", None, independent=True
)
DENIALS = {"none": [], "party": [PARTY_DENIAL], "independent": [INDEPENDENT_DENIAL]}


def origins(*kinds: str) -> list[Origin]:
    """One origin per kind, each with its own speaker and report."""
    return [
        Origin(f"k{n}", kind, f"Speaker {n}", "Republic" if kind == "party" else None, [f"r{n}"])
        for n, kind in enumerate(kinds)
    ]


# (kinds of the origins, denial, reliability, credibility, standard, the grade sentence)
CELLS = [
    # no origin at all: F, and nothing a denial could make doubtful
    ((), "none", "F", 6, UNVERIFIED,
     "Grade F6: source reliability F, credibility 6 (cannot be judged); uncorroborated claim."),
    ((), "party", "F", 6, UNVERIFIED,
     "Grade F6: source reliability F, credibility 6 (cannot be judged); uncorroborated claim."),
    ((), "independent", "F", 5, UNVERIFIED,
     "Grade F5: source reliability F, credibility 5 (improbable); uncorroborated claim."),
    # unnamed sources only: F; they never count as independent
    (("unknown",), "none", "F", 6, UNVERIFIED,
     "Grade F6: source reliability F, credibility 6 (cannot be judged); uncorroborated claim."),
    (("unknown", "unknown", "unknown"), "party", "F", 4, UNVERIFIED,
     "Grade F4: source reliability F, credibility 4 (doubtful); uncorroborated claim."),
    # party only: D6 when nobody denies it, D4 when the other side does
    (("party",), "none", "D", 6, UNVERIFIED,
     "Grade D6: source reliability D, credibility 6 (cannot be judged); uncorroborated claim."),
    (("party", "party", "party"), "none", "D", 6, UNVERIFIED,
     "Grade D6: source reliability D, credibility 6 (cannot be judged); uncorroborated claim."),
    (("party",), "party", "D", 4, UNVERIFIED,
     "Grade D4: source reliability D, credibility 4 (doubtful); uncorroborated claim."),
    (("unknown", "party"), "party", "D", 4, UNVERIFIED,
     "Grade D4: source reliability D, credibility 4 (doubtful); uncorroborated claim."),
    (("party",), "independent", "D", 5, UNVERIFIED,
     "Grade D5: source reliability D, credibility 5 (improbable); uncorroborated claim."),
    # possible_min_independent = 1: one independent origin is possibly true (3), credible
    (("independent",), "none", "C", 3, CREDIBLE,
     "Grade C3: source reliability C, credibility 3 (possibly true); partly corroborated: "
     "credible allegation, needs corroboration."),
    (("witness",), "none", "C", 3, CREDIBLE,
     "Grade C3: source reliability C, credibility 3 (possibly true); partly corroborated: "
     "credible allegation, needs corroboration."),
    (("documentary",), "none", "B", 3, CREDIBLE,
     "Grade B3: source reliability B, credibility 3 (possibly true); partly corroborated: "
     "credible allegation, needs corroboration."),
    (("party", "unknown", "unknown", "witness"), "party", "C", 3, CREDIBLE,
     "Grade C3: source reliability C, credibility 3 (possibly true); partly corroborated: "
     "credible allegation, needs corroboration."),
    (("unknown", "documentary"), "none", "B", 3, CREDIBLE,
     "Grade B3: source reliability B, credibility 3 (possibly true); partly corroborated: "
     "credible allegation, needs corroboration."),
    # an independent denial outweighs any corroboration
    (("witness",), "independent", "C", 5, UNVERIFIED,
     "Grade C5: source reliability C, credibility 5 (improbable); uncorroborated claim."),
    (("documentary", "witness", "independent"), "independent", "B", 5, UNVERIFIED,
     "Grade B5: source reliability B, credibility 5 (improbable); uncorroborated claim."),
    # probable_min_independent = 2: two are probably true; reasonable grounds need first-hand
    (("independent", "independent"), "none", "C", 2, CREDIBLE,
     "Grade C2: source reliability C, credibility 2 (probably true); partly corroborated: "
     "credible allegation, needs corroboration."),
    (("witness", "independent"), "none", "C", 2, REASONABLE,
     "Grade C2: source reliability C, credibility 2 (probably true); corroborated: meets the "
     "reasonable-grounds threshold."),
    (("documentary", "independent"), "none", "B", 2, REASONABLE,
     "Grade B2: source reliability B, credibility 2 (probably true); corroborated: meets the "
     "reasonable-grounds threshold."),
    (("party", "witness", "witness"), "party", "C", 2, REASONABLE,
     "Grade C2: source reliability C, credibility 2 (probably true); corroborated: meets the "
     "reasonable-grounds threshold."),
    # confirmed_min_independent = 3 needs a first-hand origin: without one, still 2
    (("independent", "independent", "independent"), "none", "C", 2, CREDIBLE,
     "Grade C2: source reliability C, credibility 2 (probably true); partly corroborated: "
     "credible allegation, needs corroboration."),
    (("independent",) * 4, "none", "C", 2, CREDIBLE,
     "Grade C2: source reliability C, credibility 2 (probably true); partly corroborated: "
     "credible allegation, needs corroboration."),
    (("witness", "independent", "independent"), "none", "C", 1, REASONABLE,
     "Grade C1: source reliability C, credibility 1 (confirmed by independent origins); "
     "corroborated: meets the reasonable-grounds threshold."),
    (("documentary", "documentary", "documentary"), "party", "B", 1, REASONABLE,
     "Grade B1: source reliability B, credibility 1 (confirmed by independent origins); "
     "corroborated: meets the reasonable-grounds threshold."),
    (("party", "documentary", "witness", "independent", "independent"), "none", "B", 1,
     REASONABLE,
     "Grade B1: source reliability B, credibility 1 (confirmed by independent origins); "
     "corroborated: meets the reasonable-grounds threshold."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kinds", "denial", "reliability", "credibility", "standard", "sentence"), CELLS
)
def test_every_cell_of_the_grading_rules(
    kinds: tuple[str, ...],
    denial: str,
    reliability: str,
    credibility: int,
    standard: str,
    sentence: str,
) -> None:
    found = grade(origins(*kinds), DENIALS[denial], reports=max(1, len(kinds)))
    assert (found.reliability, found.credibility, found.standard) == (
        reliability,
        credibility,
        standard,
    )
    assert found.explanation.endswith(" " + sentence)


@pytest.mark.parametrize(
    ("kinds", "reliability"),
    [
        (("unknown", "party"), "D"),
        (("party", "independent"), "C"),
        (("independent", "witness"), "C"),
        (("witness", "documentary", "party"), "B"),
        (("unknown", "unknown"), "F"),
    ],
)
def test_reliability_is_the_best_letter_among_the_origins(
    kinds: tuple[str, ...], reliability: str
) -> None:
    assert grade(origins(*kinds), [], reports=len(kinds)).reliability == reliability


def rules_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "grading.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_confirmation_without_first_hand_when_the_rules_allow_it(tmp_path: Path) -> None:
    rules = load_rules(rules_file(tmp_path, "credibility:\n  confirmed_needs_first_hand: false\n"))
    three = grade(origins("independent", "independent", "independent"), [], reports=3, rules=rules)
    assert (three.reliability, three.credibility, three.standard) == ("C", 1, CREDIBLE)
    two = grade(origins("independent", "independent"), [], reports=2, rules=rules)
    assert two.credibility == 2


@pytest.mark.parametrize(
    ("count", "credibility"),
    [(0, 6), (1, 6), (2, 3), (3, 3), (4, 2), (5, 1), (6, 1)],
)
def test_moved_thresholds_are_each_met_at_their_value(
    tmp_path: Path, count: int, credibility: int
) -> None:
    """possible 2, probable 4, confirmed 5: at each value the better grade, just below not."""
    rules = load_rules(
        rules_file(
            tmp_path,
            "credibility:\n"
            "  confirmed_min_independent: 5\n"
            "  probable_min_independent: 4\n"
            "  possible_min_independent: 2\n",
        )
    )
    kinds = ("witness",) + ("independent",) * (count - 1) if count else ("party",)
    assert grade(origins(*kinds), [], reports=count, rules=rules).credibility == credibility


def test_reliability_letters_come_from_the_rules(tmp_path: Path) -> None:
    rules = load_rules(rules_file(tmp_path, "reliability:\n  party: E\n  witness: B\n"))
    assert grade(origins("party"), [], reports=1, rules=rules).reliability == "E"
    assert grade(origins("witness", "documentary"), [], reports=2, rules=rules).reliability == "B"
    assert grade(origins("independent"), [], reports=1, rules=rules).reliability == "C"


@pytest.mark.parametrize(
    ("speaker", "role", "denier", "denier_party", "expected"),
    [
        (
            "Arkady Dobrynets",
            "head of the Northern Coalition's centre",
            "Iryna Halchenko",
            "Republic",
            "2 reports, 1 origin: Arkady Dobrynets, an official, body or outlet of a party to the "
            "conflict (Northern Coalition). No independent corroboration. Denied by Iryna "
            "Halchenko (Republic). Grade D4: source reliability D, credibility 4 (doubtful); "
            "uncorroborated claim.",
        ),
        (
            "Iryna Halchenko",
            "spokesperson of the Republic's General Staff",
            "Arkady Dobrynets",
            "Northern Coalition",
            "2 reports, 1 origin: Iryna Halchenko, an official, body or outlet of a party to the "
            "conflict (Republic). No independent corroboration. Denied by Arkady Dobrynets "
            "(Northern Coalition). Grade D4: source reliability D, credibility 4 (doubtful); "
            "uncorroborated claim.",
        ),
    ],
)
def test_either_party_alleging_and_the_other_denying_grades_alike(
    speaker: str, role: str, denier: str, denier_party: str, expected: str
) -> None:
    found = collapse([Claim("r1", speaker=speaker, role=role)], registry())
    graded = grade(found, [Denial("r2", denier, denier_party)], reports=2)
    assert (graded.reliability, graded.credibility, graded.standard) == ("D", 4, UNVERIFIED)
    assert graded.explanation == expected


def test_an_unreadable_rules_file_is_one_coded_line_naming_it(tmp_path: Path) -> None:
    path = rules_file(tmp_path, "credibility: [unclosed\n  second: line\n")
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    assert caught.value.code == "C008" and caught.value.subject == path
    assert str(caught.value).startswith(f"[C008] {path}: cannot read grading rules (")
    assert "\n" not in str(caught.value)


def test_rules_that_are_not_a_mapping_are_refused_by_name(tmp_path: Path) -> None:
    path = rules_file(tmp_path, "- reliability\n- credibility\n")
    with pytest.raises(ConfigError) as caught:
        load_rules(path)
    assert str(caught.value) == f"[C008] {path}: grading rules must be a mapping"


def test_a_rules_file_in_utf8_is_read_whatever_the_locale(tmp_path: Path) -> None:
    """Read under the C locale, where the default encoding is ASCII."""
    path = rules_file(tmp_path, "standard:\n  confirmed: « établi » — reasonable grounds\n")
    code = (
        "import sys; from corroborate.grade import load_rules; "
        "sys.stdout.buffer.write(load_rules(sys.argv[1]).standard['confirmed'].encode())"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-c", code, path], env=env, capture_output=True, check=False
    )
    assert done.stdout.decode() == "« établi » — reasonable grounds", done.stderr.decode()


def test_a_rules_file_in_utf8_is_read_in_this_process_whatever_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, in this process: a file opened without naming its encoding would be read
    in the locale's, made ASCII here."""
    path = rules_file(tmp_path, "standard:\n  credible: « crédible » — needs corroboration\n")
    monkeypatch.setattr(io, "text_encoding", lambda encoding, *_: encoding or "ascii")
    assert load_rules(path).standard["credible"] == "« crédible » — needs corroboration"


def test_an_override_replacing_a_section_by_a_value_is_taken_as_given(tmp_path: Path) -> None:
    """Only mappings on both sides merge key by key; anything else replaces."""
    with pytest.raises(ConfigError, match=r"\[C007\].*grading rules incomplete"):
        load_rules(rules_file(tmp_path, "credibility: 3\n"))


def test_an_origin_kind_the_rules_do_not_name_is_reliability_f(tmp_path: Path) -> None:
    rules = load_rules(rules_file(tmp_path, "reliability:\n  party: E\n"))
    rumour = grade(origins("rumour"), [], reports=1, rules=rules)
    assert rumour.reliability == "F"
    assert rumour.explanation.startswith("1 report, 1 origin: Speaker 0, rumour. ")
    assert grade(origins("rumour", "party"), [], reports=2, rules=rules).reliability == "E"
