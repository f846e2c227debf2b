"""The parties table: phrases name parties by meaning, the same rules for every country."""

from __future__ import annotations

import pycountry
import pytest
import yaml

from corroborate.errors import ConfigError
from corroborate.taxonomy.parties import ambiguous, checked, countries, forms, leading_role
from corroborate.taxonomy.registry import Registry, Source, registry

TABLE = {c.name: c for c in countries()}


def named(text: str) -> str | None:
    return registry().party_in(text)


def _unambiguous(phrases: tuple[str, ...]) -> list[str]:
    return [p for p in phrases if p not in ambiguous()]


ADJECTIVES = [(c.name, a) for c in countries() for a in _unambiguous(c.adjectives)]
NAMES = [(c.name, n) for c in countries() for n in _unambiguous(c.names) if forms()[n][1] == "name"]


# -- the table ---------------------------------------------------------------------------


def test_every_country_of_iso_3166_is_in_the_table() -> None:
    codes = {c.code for c in countries()}
    assert {c.alpha_2 for c in pycountry.countries} <= codes


def test_an_unquoted_no_in_the_table_is_a_coded_error() -> None:
    with pytest.raises(ConfigError, match=r"^\[C009\] parties/countries.yaml: .*\[False\]"):
        checked(yaml.safe_load("NO: {adjectives: [Norwegian]}"))
    with pytest.raises(ConfigError, match=r"^\[C009\]"):
        checked(["RU"])


def test_the_table_names_countries_by_their_common_names() -> None:
    assert {"Russia", "Ukraine", "Palestine", "Israel", "United States", "Syria"} <= set(TABLE)
    assert "Moscow" in TABLE["Russia"].names and "Kyiv" in TABLE["Ukraine"].names
    assert "Russian Federation" in TABLE["Russia"].names
    assert TABLE["Ukraine"].adjectives == ("Ukrainian",)


def test_a_phrase_two_countries_share_names_neither() -> None:
    assert ambiguous() == {"Congo", "Congolese", "Dominican"}
    assert named("Congolese army officers") is None
    assert named("the Dominican foreign minister") is None
    assert named("DRC army officers") == "Democratic Republic of the Congo"


def test_jerusalem_names_no_party() -> None:
    assert named("Jerusalem") is None and named("East Jerusalem") is None


# -- every rule has its mirror: generated for every country --------------------------------


@pytest.mark.parametrize(("country", "adjective"), ADJECTIVES)
def test_every_adjective_before_a_state_word_names_its_country(
    country: str, adjective: str
) -> None:
    assert named(f"{adjective} officials") == country
    assert named(f"the {adjective} defence ministry") == country
    assert named(f"a spokesperson for the {adjective} armed forces") == country


@pytest.mark.parametrize(("country", "adjective"), ADJECTIVES)
def test_every_installer_pattern_names_its_country(country: str, adjective: str) -> None:
    assert named(f"{adjective}-installed head of the district") == country
    assert named(f"the {adjective}-backed militia") == country
    assert named(f"pro-{adjective} fighters") == country


@pytest.mark.parametrize(("country", "adjective"), ADJECTIVES)
def test_no_adjective_gives_a_person_a_party(country: str, adjective: str) -> None:
    assert named(f"a {adjective} woman") is None
    assert named(f"{adjective}-speaking residents") is None
    assert named(f"anti-{adjective} protesters") is None


@pytest.mark.parametrize(("country", "name"), NAMES)
def test_every_name_capital_and_metonym_names_its_country(country: str, name: str) -> None:
    assert named(name) == country
    assert named(f"{name}'s defence ministry") == country
    assert named(f"officials of {name}") == country
    assert named(f"{name}-appointed governor") == country


@pytest.mark.parametrize(("country", "name"), NAMES)
def test_no_name_names_a_party_as_a_place_or_a_topic(country: str, name: str) -> None:
    assert named(f"a teacher in {name}") is None
    assert named(f"the Commission of Inquiry on {name}") is None
    assert named(f"a {name}-based analyst") is None
    assert named(f"{name}'s independent newspaper") is None


# -- swapped, by hand: the same sentence with the parties swapped names the other -----------

PAIRS = [
    ("Russia", "Russian", "Ukraine", "Ukrainian"),
    ("Israel", "Israeli", "Palestine", "Palestinian"),
    ("Armenia", "Armenian", "Azerbaijan", "Azerbaijani"),
    ("Sudan", "Sudanese", "South Sudan", "South Sudanese"),
]
SENTENCES = [
    "{a_adj} officials in {b}",
    "{a}'s ambassador to {b}",
    "the {a_adj}-installed head of a district of {b}",
    "a {b_adj} woman quoted by the {a_adj} defence ministry",
    "commander of {a_adj} troops on the border with {b}",
    "pro-{a_adj} fighters",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(("a", "a_adj", "b", "b_adj"), PAIRS)
def test_swapping_the_parties_swaps_the_party(
    sentence: str, a: str, a_adj: str, b: str, b_adj: str
) -> None:
    assert named(sentence.format(a=a, a_adj=a_adj, b=b, b_adj=b_adj)) == a
    assert named(sentence.format(a=b, a_adj=b_adj, b=a, b_adj=a_adj)) == b


def test_capitals_and_seats_of_government_mirror_each_other() -> None:
    assert (named("Moscow"), named("Kyiv"), named("Kiev")) == ("Russia", "Ukraine", "Ukraine")
    assert (named("the Kremlin"), named("Bankova")) == ("Russia", "Ukraine")
    assert (named("Yerevan"), named("Baku")) == ("Armenia", "Azerbaijan")
    assert (named("Khartoum"), named("Juba")) == ("Sudan", "South Sudan")
    assert (named("the White House"), named("Downing Street")) == (
        "United States",
        "United Kingdom",
    )


# -- the cases, each its own ---------------------------------------------------------


def test_ukrainian_officials_is_ukraine_as_ukraine_officials_is() -> None:
    assert named("Ukrainian officials") == "Ukraine"
    assert named("Ukraine officials") == "Ukraine"


def test_the_russian_defence_ministry_is_russia_as_russias_is() -> None:
    assert named("Russia's defence ministry") == "Russia"
    assert named("the Russian defence ministry") == "Russia"
    assert named("Russian Defence Ministry") == "Russia"


def test_moscow_names_russia_as_kyiv_names_ukraine() -> None:
    assert named("Moscow") == "Russia"
    assert named("Kyiv") == "Ukraine"


def test_kyiv_post_is_no_party() -> None:
    assert named("Kyiv Post") is None
    assert named("a reporter for the Kyiv Post") is None
    assert named("The Moscow Times") is None


def test_russias_independent_outlet_meduza_is_no_party() -> None:
    assert named("Russia's independent news outlet Meduza") is None


def test_the_head_of_the_russian_installed_donetsk_authority_is_russia() -> None:
    assert named("head of the Russian-installed authority in Donetsk") == "Russia"
    assert named("the Russian-installed head of Ukraine's Donetsk region") == "Russia"
    assert named("head of the Russian-installed administration in Ukraine's Donetsk") == "Russia"


@pytest.mark.parametrize(
    "body",
    [
        "UN Human Rights Monitoring Mission in Ukraine",
        "Independent International Commission of Inquiry on Ukraine",
        "Commission of Inquiry on Ukraine",
        "Amnesty International Ukraine",
    ],
)
def test_a_body_named_after_the_country_it_monitors_is_not_its_party(body: str) -> None:
    assert named(body) is None
    assert named(f"the head of the {body}") is None
    assert Registry().party_in(body) is None  # by the words alone, unregistered


def test_the_words_around_a_registered_body_describe_it() -> None:
    alone = Registry(sources=(Source("Amnesty International", "ngo"),))
    assert alone.party_in("Amnesty International Ukraine") is None
    assert alone.party_in("Ukraine's Amnesty International") is None


# -- what a party name is not ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("between Russia and Ukraine", None),
        ("a Ukraine war analyst", None),
        ("Kyiv Pechersk Lavra", None),
        ("Russian Orthodox Church", None),
        ("the Russian-Ukrainian war", None),
        ("a resident of Russian-occupied Melitopol", "Russia"),
        ("a shop in Russian-occupied Melitopol", None),
        ("Russia's Vladimir Putin", "Russia"),
        ("Ukraine's human rights commissioner", "Ukraine"),
        ("Russian state media", "Russia"),
        ("Russian media", None),
        ("a bombing in the heart of Kyiv", None),
        ("a reporter who covered the Kremlin", None),
        ("a historian at Kyiv's Institute of History", None),
    ],
)
def test_readings_in_context(text: str, party: str | None) -> None:
    assert named(text) == party


def test_user_parties_are_read_by_their_aliases_as_before() -> None:
    parties = {"Northern Coalition": ("Northern Coalition", "Coalition", "Coalition's")}
    mine = Registry(parties=parties)
    assert mine.party_in("head of the Coalition's centre") == "Northern Coalition"
    assert mine.party_in("fighters of the Northern Coalition") == "Northern Coalition"
    assert named("spokesman for the Republic") == "Republic"
    assert named("the Republic of Moldova's army") == "Moldova"  # the longer name wins
    # a user alias inside a longer proper name is that name's, not the party's
    assert mine.party_in("an organiser with the Harbour Coalition for Justice") is None


def test_the_first_party_named_wins() -> None:
    assert named("Russian troops who detained Ukrainian officials") == "Russia"
    assert named("Ukrainian officials who accused Russian troops") == "Ukraine"


# -- a party's title before a name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Russian President Vladimir Putin", ("Russian President", "Vladimir Putin")),
        ("Ukrainian President Volodymyr Zelensky", ("Ukrainian President", "Volodymyr Zelensky")),
        ("Kremlin spokesman Dmitry Peskov", ("Kremlin spokesman", "Dmitry Peskov")),
        ("Israel's Defence Minister Avi Cohen", ("Israel's Defence Minister", "Avi Cohen")),
        ("Russian defence ministry", None),
        ("Vladimir Putin", None),
        ("Russian Orthodox Church", None),
    ],
)
def test_a_partys_title_before_a_name_is_a_role(text: str, split: tuple[str, str] | None) -> None:
    assert leading_role(text) == split


def test_forms_are_whole_words() -> None:
    assert named("Russians") is None  # a people, not the state
    assert named("Nigerian army") == "Nigeria" and named("Nigerien army") == "Niger"
