"""Where and when the act happened, as against where fire came from, which way it went, where
the speaker was and when they spoke. Sentences written by hand; each one naming two places
has its mirror with the places exchanged, and each one naming a side its mirror with the
sides exchanged, and both must read alike."""

from __future__ import annotations

import pytest

from corroborate.extract.document import allegation_for
from corroborate.extract.facts.places import find_places
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Allegation, Attribution, Span, Speaker

PUBLISHED = "2022-04-12"  # a Tuesday


def allegation(text: str, content: str | None = None, speaker: str = "") -> Allegation | None:
    """What the statement ``content`` of ``text`` (all of it by default) alleges, spoken by
    the words ``speaker`` of the text, if any."""
    doc = load_pipeline()(text)
    body = content or text
    start = text.index(body)
    who = text.index(speaker) if speaker else 0
    attribution = Attribution(
        "report",
        Speaker(Span(who, who + len(speaker), speaker), speaker or "someone"),
        None,
        Span(start, start + len(body), body),
        False,
    )
    return allegation_for(doc, attribution, find_places(text), PUBLISHED)


def place_of(text: str, content: str | None = None, speaker: str = "") -> str | None:
    found = allegation(text, content, speaker)
    assert found is not None, "no allegation read"
    return found.place.canonical if found.place else None


def day_of(text: str, content: str | None = None) -> str | None:
    found = allegation(text, content)
    assert found is not None, "no allegation read"
    return found.time.value if found.time else None


# -- the day of the act, not of the statement --


@pytest.mark.parametrize(
    "text",
    [
        "The governor said on Tuesday that soldiers had detained residents of the town.",
        "On Tuesday the governor said that soldiers had detained residents of the town.",
        "In a statement on 12 April, the ministry said soldiers had detained residents.",
        "The ministry told reporters on Monday that guards had beaten detainees.",
    ],
)
def test_the_day_a_statement_was_made_is_not_the_day_of_the_act(text: str) -> None:
    """Regression: officials' statements dated 12 April (the day they spoke) had that day
    taken for the detentions', which split them from the testimonies dating them 2-5 April."""
    assert day_of(text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The governor said on Tuesday that soldiers detained residents on 3 April.", "2022-04-03"),
        ("Soldiers detained residents on 3 April, the governor said on Tuesday.", "2022-04-03"),
        ("Soldiers shelled a school last week, the mayor said on Monday.", "2022-04-04/2022-04-10"),
        ("Guards have detained residents since early April, the monitor said.", "2022-04"),
    ],
)
def test_a_time_attached_to_the_act_dates_it_whatever_dates_the_statement(
    text: str, day: str
) -> None:
    assert day_of(text) == day


def test_the_day_in_a_dateline_is_when_the_story_was_filed() -> None:
    text = "KHARKIV, April 12 (Wire Service) - Soldiers detained residents, officials said."
    assert day_of(text, "Soldiers detained residents") is None


def test_a_statement_in_a_quoted_content_keeps_the_act_day_over_the_speech_day() -> None:
    text = (
        "The ombudsman said on Monday that on 5 April guards beat detainees, and added "
        "that she said so in a letter on 8 April."
    )
    assert day_of(text) == "2022-04-05"


# -- the place of the act, not of the origin of fire, the speaker or the dateline --


@pytest.mark.parametrize(
    ("origin", "target"),
    [("Izium", "Kramatorsk"), ("Kramatorsk", "Izium"), ("Lyman", "Sloviansk")],
)
@pytest.mark.parametrize(
    "shape",
    [
        "Rockets fired from the direction of {origin} struck the station in {target}.",
        "Rockets fired from {origin} struck a school in {target}.",
        "Rockets launched from positions near {origin} hit a hospital in {target}.",
        "Artillery fired towards {origin} and shelled homes in {target}.",
        "A school in {target} was struck by rockets fired from {origin}.",
        "Soldiers shelled a school in {target} from the direction of {origin}.",
    ],
)
def test_the_place_struck_is_the_place_of_the_act_not_where_fire_came_from(
    shape: str, origin: str, target: str
) -> None:
    """Regression: "rockets fired from the direction of Izium struck Kramatorsk station"
    put the strike at Izium. Tested with the two places exchanged."""
    assert place_of(shape.format(origin=origin, target=target)) == target


@pytest.mark.parametrize(("side", "other"), [("Coalition", "Republic"), ("Republic", "Coalition")])
def test_the_origin_of_fire_is_never_the_place_whoever_fired(side: str, other: str) -> None:
    """A statement naming only where fire came from places the act where the text placed it
    before (the strike's town), never at the origin; the same with the sides exchanged."""
    text = (
        f"{side} rockets struck a school in Kramatorsk on Tuesday. "
        f"The {other} ministry said the rockets were launched from {side} positions "
        "north-east of the city, in the direction of Izium, killing two civilians."
    )
    content = text[text.index("the rockets were launched") :]
    assert place_of(text, content) == "Kramatorsk"


@pytest.mark.parametrize(
    ("speaker_place", "act_place"), [("Kharkiv", "Izium"), ("Izium", "Kharkiv")]
)
def test_where_the_speaker_is_is_not_where_the_act_happened(
    speaker_place: str, act_place: str
) -> None:
    text = f"Officials in {speaker_place} said that soldiers shelled a school in {act_place}."
    assert place_of(text) == act_place
    alone = f"Officials in {speaker_place} said that soldiers detained residents."
    assert place_of(alone) is None
    named = f"The governor of {speaker_place} said that soldiers detained residents."
    assert place_of(named, "that soldiers detained residents", "The governor") is None


@pytest.mark.parametrize("home", ["Lyman", "Izium"])
def test_a_speaker_named_by_where_they_live_places_what_they_tell_when_nothing_else_does(
    home: str,
) -> None:
    """ "A resident of Lyman said": where the speaker lives, not where an official sits."""
    text = f"A resident of {home} said that soldiers detained her husband on 9 April."
    content = "that soldiers detained her husband on 9 April"
    assert place_of(text, content, f"A resident of {home}") == home
    other = "Kharkiv" if home != "Kharkiv" else "Izium"
    text = f"A resident of {home} said that soldiers detained her husband in {other}."
    content = f"that soldiers detained her husband in {other}"
    assert place_of(text, content, f"A resident of {home}") == other
    text = f"An official of {home} said that soldiers detained her husband on 9 April."
    content = "that soldiers detained her husband on 9 April"
    assert place_of(text, content, f"An official of {home}") is None


def test_the_place_in_a_dateline_is_where_the_story_was_filed() -> None:
    text = "KHARKIV - Soldiers detained residents, officials said."
    assert place_of(text, "Soldiers detained residents") is None
    text = "KHARKIV - Soldiers detained residents of Izium, officials said."
    assert place_of(text, "Soldiers detained residents of Izium") == "Izium"


def test_a_place_only_on_the_way_is_not_the_place_of_the_act() -> None:
    """One that left the town for another was not detained in the first."""
    text = "Residents who fled from Lyman said soldiers detained men at a checkpoint in Izium."
    assert place_of(text) == "Izium"
    mirror = "Residents who fled from Izium said soldiers detained men at a checkpoint in Lyman."
    assert place_of(mirror) == "Lyman"


@pytest.mark.parametrize("side", ["Coalition", "Republic"])
def test_what_a_denial_says_is_not_dated_or_placed_by_the_denial(side: str) -> None:
    """The parse hangs the whole sentence on the verb of speech (tagged as an adjective):
    what comes after what was said is part of it, what comes before the verb is the
    speech's. The same with either side denying."""
    from corroborate.extract.facts.anchors import place_role, time_role
    from corroborate.extract.facts.times import find_times

    text = (
        f"The {side}’s Ministry of Defence on Thursday denied firing rockets at Kramatorsk "
        "two days ago."
    )
    doc = load_pipeline()(text)
    roles = {t.span.text: time_role(doc, t) for t in find_times(text, PUBLISHED)}
    assert roles == {"on Thursday": "statement", "two days ago": "plain"}
    [place] = find_places(text)
    assert place_role(doc, place) == "plain"
