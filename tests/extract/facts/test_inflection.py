"""Inflected Cyrillic place names, Ukrainian and Russian alike, places of every side alike."""

from __future__ import annotations

import pytest

from corroborate.errors import ExtractionError
from corroborate.extract.facts import inflection
from corroborate.extract.facts.places import find_places


def _found(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.span.text if p.span else "", p.canonical, p.country) for p in find_places(text)]


@pytest.mark.parametrize(
    ("sentence", "written", "canonical", "country"),
    [
        # Ukrainian
        ("Уночі окупанти обстріляли квартали у Миколаєві.", "Миколаєві", "Mykolayiv", "UA"),
        ("Евакуація з Миколаєва триває.", "Миколаєва", "Mykolayiv", "UA"),
        ("Бої тривають біля Бахмута.", "Бахмута", "Bakhmut", "UA"),
        ("Зенітники працювали над Харковом.", "Харковом", "Kharkiv", "UA"),
        ("Дрони атакували нафтобазу в Бєлгороді.", "Бєлгороді", "Belgorod", "RU"),
        ("Окупанти затримали волонтерів у Мелітополі.", "Мелітополі", "Melitopol", "UA"),
        ("Вибухи пролунали в Донецьку.", "Донецьку", "Donetsk", "UA"),
        ("Ракета влучила в будинок у Кривому Розі.", "Кривому Розі", "Kryvyy Rih", "UA"),
        ("Обстріл Запорізької області триває.", "Запорізької області", None, "UA"),
        ("Губернатор повідомив про вибухи в Курській області.", "Курській області", None, "RU"),
        # Russian
        ("Взрывы прогремели в Харькове.", "Харькове", "Kharkiv", "UA"),
        ("Тяжёлые бои идут под Изюмом.", "Изюмом", "Izium", "UA"),
        ("Эвакуация из Николаева продолжается.", "Николаева", "Mykolayiv", "UA"),
        ("Беспилотники атаковали нефтебазу в Белгороде.", "Белгороде", "Belgorod", "RU"),
        ("Оккупационные власти Мелитополя задержали журналиста.", "Мелитополя", "Melitopol", "UA"),
        ("В Донецке погибли трое мирных жителей.", "Донецке", "Donetsk", "UA"),
        ("Ракетный удар по Кривому Рогу.", "Кривому Рогу", "Kryvyy Rih", "UA"),
        ("Обстрел Запорожской области продолжается.", "Запорожской области", None, "UA"),
        ("В Брянской области повреждена подстанция.", "Брянской области", None, "RU"),
    ],
)
def test_a_declined_name_is_its_place(
    sentence: str, written: str, canonical: str | None, country: str
) -> None:
    [(span, name, where)] = _found(sentence)
    assert (span, where) == (written, country)
    assert canonical is None or name == canonical


def test_a_region_adjective_before_its_noun_is_one_name() -> None:
    found = _found("Вчора у Бахмуті Донецької області загинули двоє людей.")
    assert [(span, name) for span, name, _ in found] == [
        ("Бахмуті", "Bakhmut"),
        ("Донецької області", "Donetsk Oblast"),
    ]


def test_a_city_genitive_that_spells_a_region_adjective_is_the_city() -> None:
    assert _found("Мешканці Донецька повідомили про вибухи.") == [("Донецька", "Donetsk", "UA")]
    assert _found("Жители Луганска остались без воды.") == [("Луганска", "Luhansk", "UA")]


@pytest.mark.parametrize(
    ("sentence", "written", "country"),
    [
        ("Окупанти вивезли дітей із Херсонщини.", "Херсонщини", "UA"),
        ("Бої тривають на Донеччині.", "Донеччині", "UA"),
        ("Обстріл Вінниччини триває.", "Вінниччини", "UA"),
        ("Вибухи пролунали на Сумщині.", "Сумщині", "UA"),
        ("Дрони атакували Курщину.", "Курщину", "RU"),
        ("Херсонщина потерпає від обстрілів.", "Херсонщина", "UA"),
    ],
)
def test_a_region_named_after_its_centre_is_that_region(
    sentence: str, written: str, country: str
) -> None:
    [place] = find_places(sentence)
    assert place.span is not None and place.span.text == written
    assert place.country == country and place.resolved
    assert "oblast" in place.canonical.lower()


def test_a_declined_city_outweighs_a_village_spelled_alike() -> None:
    # Russian "Луганске" folds as the Ukrainian village Луганське (Luhanske) does
    assert _found("Взрыв прогремел в Луганске.") == [("Луганске", "Luhansk", "UA")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Він розмовляв із Шевченком телефоном.",  # a surname; villages are called Shevchenko
        "Журналісти зустрілися з Олександром у кав'ярні.",  # a first name
        "Подарував Розі квіти.",  # Rosa, a first name declined; Roza is a town too
        "Он долго беседовал с Петровым.",  # a surname declined
        "Поля навколо села заміновані.",  # fields opening a sentence; small places called Pole
        "Полями йшли солдати.",
        "Розы цвели у дороги.",  # roses opening a sentence
        "Поле у деревни заминировано.",
        "Українські дрони атакували склад.",  # an adjective opening a sentence
        "Заява Министерства обороны Республики.",  # a common noun in a body's name
        "Представитель Северной коалиции заявил.",  # an adjective alone
        "Вибух стався на проспекті Перемоги.",  # a street's name
        "Митинг прошёл на площади Свободы.",
        "[Примітка] Мене тримали два дні.",  # a pronoun opening a sentence
    ],
)
def test_names_of_people_and_common_words_are_not_places(sentence: str) -> None:
    assert _found(sentence) == []


def test_both_languages_give_the_same_places_for_either_side() -> None:
    ukrainian = "Дрони атакували Бєлгород, а ракети влучили у Харкові та Бєлгороді."
    russian = "Дроны атаковали Белгород, а ракеты попали в Харькове и Белгороде."
    assert [c for *_, c in _found(ukrainian)] == [c for *_, c in _found(russian)]
    assert [n for _, n, _ in _found(ukrainian)] == [n for _, n, _ in _found(russian)]


def test_only_missed_capitalised_cyrillic_names_are_analysed() -> None:
    inflection.word_nominatives.cache_clear()
    find_places("Shelling in Kharkiv; у Харкові та у Києві, Київ.")
    analysed = inflection.word_nominatives.cache_info().currsize
    # "Харкові" and "Києві", and the words that may follow them in a longer name
    assert 2 <= analysed <= 6


def test_region_names_in_shchyna() -> None:
    assert inflection.region_name("херсонщина") == "херсонська область"
    assert inflection.region_name("донеччина") == "донецька область"
    assert inflection.region_name("щина") is None and inflection.region_name("україна") is None


def test_nominatives_keep_gender_and_drop_person_readings() -> None:
    assert "запорізька" in {n.name for n in inflection.word_nominatives("Запорізької")}
    assert "ріг" in {n.name for n in inflection.word_nominatives("Розі")}
    assert all(n.doubtful for n in inflection.word_nominatives("Шевченком") if n.name == "шевченко")
    assert "николаев" in {
        n.name for n in inflection.word_nominatives("Николаеве") if not n.doubtful
    }


def test_common_words_and_names_are_told_apart() -> None:
    assert inflection.common_word("Жителі") and inflection.common_word("Жители")
    assert not inflection.common_word("Олена") and not inflection.common_word("Kyiv")
    assert inflection.adjective("Донецької") and not inflection.adjective("області")


def test_sentence_start() -> None:
    text = "Поле. Тут «Поле» і поле"
    assert inflection.sentence_initial(text, 0)
    assert inflection.sentence_initial(text, text.index("Тут"))
    assert inflection.sentence_initial(text, text.index("Поле»"))
    assert not inflection.sentence_initial(text, text.index("поле"))


def test_a_missing_dictionary_is_one_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(lang: str) -> object:
        raise ValueError(f"Can't find a dictionary for language {lang!r}")

    monkeypatch.setattr(inflection.pymorphy3, "MorphAnalyzer", missing)
    inflection._analysers.cache_clear()
    try:
        with pytest.raises(ExtractionError) as caught:
            inflection._analysers()
        assert caught.value.code == "E010" and "pymorphy3-dicts-uk" in str(caught.value)
    finally:
        monkeypatch.undo()
        inflection._analysers.cache_clear()


def test_without_the_ukrainian_extra_russian_is_still_read_and_a_warning_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The Ukrainian dictionary (GPL-3.0) is the ``uk`` extra: without it, declined Russian
    names are still found, Ukrainian ones are not, and the run is told why."""
    find_spec = inflection.importlib.util.find_spec
    monkeypatch.setattr(
        inflection.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "pymorphy3_dicts_uk" else find_spec(name, *a),
    )
    _clear_caches()
    try:
        with caplog.at_level("WARNING", logger="corroborate.extract.facts.inflection"):
            assert sorted(inflection._analysers()) == ["ru"]
        assert "corroborate[uk]" in caplog.text
        assert "изюм" in {n.name for n in inflection.word_nominatives("Изюмом")}
        assert inflection.word_nominatives("Миколаєві") == ()
    finally:
        monkeypatch.undo()
        _clear_caches()
    assert "миколаїв" in {n.name for n in inflection.word_nominatives("Миколаєві")}


def _clear_caches() -> None:
    for value in vars(inflection).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()
