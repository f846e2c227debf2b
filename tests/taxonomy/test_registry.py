"""Looking sources up (by name, alias, host, inside a text) and loading registry files:
each bad entry is one coded error naming its file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.errors import ConfigError
from corroborate.taxonomy.registry import Registry, Source, registry
from corroborate.taxonomy.source_index import fold, host_of


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Guardian", "The Guardian"),
        ("guardian", "The Guardian"),
        ("BBC News", "BBC"),
        ("Al Jazeera English", "Al Jazeera"),
        ("NYT", "The New York Times"),
        ("Fox News", "Fox News"),
        ("BelTA", "BelTA"),
        ("БелТА", "BelTA"),
        ("Moscow Times", "The Moscow Times"),
        ("ТАСС", "TASS"),
        ("Новая газета", "Novaya Gazeta"),
        ("B’Tselem", "B'Tselem"),
        ("U.N.", "United Nations"),
        ("Medecins Sans Frontieres", "Médecins Sans Frontières"),
        ("HRMMU", "UN Human Rights Monitoring Mission in Ukraine"),
    ],
)
def test_a_source_is_found_by_its_name_or_alias_folded(text: str, name: str) -> None:
    found = registry().lookup(text)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("https://www.bbc.co.uk/news/world-europe-1", "BBC"),
        ("https://edition.cnn.com/2024/02/07/europe/x", "CNN"),
        ("tass.ru", "TASS"),
        ("https://eng.belta.by/news", "BelTA"),
        ("http://www.theguardian.com/world/2022/apr/08/x", "The Guardian"),
        ("https://ukraine.un.org/en/report", "UN Human Rights Monitoring Mission in Ukraine"),
        ("https://news.un.org/en/story", "United Nations"),
    ],
)
def test_a_source_is_found_by_its_web_host_or_a_parent_domain(address: str, name: str) -> None:
    found = registry().lookup(address)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    ("text", "name", "party"),
    [
        ("spokesperson of the Russian Defence Ministry", "Russian Ministry of Defence", "Russia"),
        ("head of the UN Human Rights Monitoring Mission in Ukraine",
         "UN Human Rights Monitoring Mission in Ukraine", None),
        ("a researcher at Amnesty International Ukraine", "Amnesty International Ukraine", None),
        ("member of the Commission of Inquiry on Ukraine",
         "Independent International Commission of Inquiry on Ukraine", None),
        ("a correspondent of The Kyiv Independent", "The Kyiv Independent", None),
    ],
)  # fmt: skip
def test_inside_a_text_the_longest_registered_name_wins(
    text: str, name: str, party: str | None
) -> None:
    found = registry().lookup(text)
    assert found is not None and (found.name, found.party) == (name, party)


@pytest.mark.parametrize(
    "text",
    ["at the time of the strike", "an independent observer", "a memorial service", "EU", "Kan"],
)
def test_common_words_name_no_source_inside_a_text(text: str) -> None:
    found = registry().lookup(text)
    assert found is None or text == "EU" or text == "Kan"
    if text in ("EU", "Kan"):  # a short name is a source only as the whole name
        assert found is not None


def test_the_names_of_sources_of_no_party_name_no_party_those_of_a_party_do() -> None:
    monitor = "head of the UN Human Rights Monitoring Mission in Ukraine"
    assert registry().party_in(monitor) is None
    assert registry().party_in(f"{monitor} and of the SBU") == "Ukraine"


@pytest.mark.parametrize(
    ("name", "folded"),
    [("The Guardian", "guardian"), ("B’Tselem", "btselem"), ("U.N.", "un"),
     ("Агентство  «Новости»", "агентство новости"), ("1+1", "1+1"), ("Théâtre", "theatre")],
)  # fmt: skip
def test_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


@pytest.mark.parametrize(
    ("text", "host"),
    [("https://www.bbc.co.uk/news", "bbc.co.uk"), ("edition.cnn.com", "edition.cnn.com"),
     ("Reuters", None), ("not a url at all", None), ("http://[::1", None)],
)  # fmt: skip
def test_host_of(text: str, host: str | None) -> None:
    assert host_of(text) == host


def test_a_registry_built_in_code_is_indexed_too() -> None:
    built = Registry(sources=(Source("Kharkiv Law Clinic", "ngo", hosts=("klc.example",)),))
    assert built.lookup("https://www.klc.example/a") == built.sources[0]
    assert built.lookup("the Kharkiv Law Clinic's lawyer") == built.sources[0]
    assert built.lookup("nothing here") is None and built.lookup(None) is None


def _extension(tmp_path: Path, body: str) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_an_extension_adds_and_replaces_entries(tmp_path: Path) -> None:
    path = _extension(
        tmp_path,
        "sources:\n"
        "  - {name: Kharkiv Law Clinic, kind: ngo, country: UA, hosts: [klc.example]}\n"
        "  - {name: Reuters, kind: wire, country: GB, state_owned: false, hosts: [reuters.com]}\n",
    )
    extended = registry(path)
    assert extended.lookup("klc.example").name == "Kharkiv Law Clinic"  # type: ignore[union-attr]
    assert extended.lookup("Рейтер") is None  # the replaced entry's aliases are gone
    assert extended.lookup("Reuters").name == "Reuters"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("sources:\n  - {name: X Post, kind: blog}\n",
         "entry 1 (X Post): kind must be one of government, intergovernmental, media, "
         "military, ngo, state_media, wire, got 'blog'"),
        ("sources:\n  - {name: X Post, kind: media}\n"
         "  - {name: Y Post, kind: media, country: UK}\n",
         "entry 2 (Y Post): country 'UK' is not ISO 3166-1 alpha-2 or INT"),
        ("sources:\n  - {name: X Post, kind: media, state_owned: maybe}\n",
         "entry 1 (X Post): state_owned must be true, false or null, got 'maybe'"),
        ("sources:\n  - {name: X Post, kind: media, state-owned: true}\n",
         "entry 1 (X Post): unknown field 'state-owned' (fields: aliases, country, exact, "
         "hosts, kind, name, note, party, reference, state_owned)"),
        ("sources:\n  - {name: X Post, kind: media, hosts: ['https://x.example']}\n",
         "entry 1 (X Post): host 'https://x.example' is not a web domain (such as tass.ru)"),
        ("sources:\n  - {name: X Post, kind: media, reference: somewhere}\n",
         "entry 1 (X Post): reference must be a web address, got 'somewhere'"),
        ("sources:\n  - {name: X Post, kind: media, exact: [Post]}\n",
         "entry 1 (X Post): exact name 'Post' is not the entry's name or alias"),
        ("sources:\n  - just a name\n", "entry 1 (?): an entry must be a mapping"),
    ],
)  # fmt: skip
def test_each_bad_entry_is_one_coded_error_naming_file_and_entry(
    tmp_path: Path, body: str, message: str
) -> None:
    path = _extension(tmp_path, body)
    with pytest.raises(ConfigError) as caught:
        registry(path)
    assert str(caught.value) == f"[C022] {path}: {message}"


def test_an_alias_two_sources_claim_is_reported_with_both(tmp_path: Path) -> None:
    path = _extension(tmp_path, "sources:\n  - {name: Acme Press, aliases: [AP], kind: media}\n")
    with pytest.raises(ConfigError) as caught:
        registry(path)
    assert caught.value.code == "C023"
    assert "'ap' is already 'Associated Press' (sources/wires.yaml)" in str(caught.value)


def test_a_host_two_sources_claim_is_reported(tmp_path: Path) -> None:
    path = _extension(tmp_path, "sources:\n  - {name: Acme, kind: media, hosts: [tass.ru]}\n")
    with pytest.raises(ConfigError, match=r"\[C023\].*'host tass.ru' is already 'TASS'"):
        registry(path)


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^\[C020\] .*missing.yaml: cannot read source"):
        registry(str(tmp_path / "missing.yaml"))
    with pytest.raises(ConfigError, match=r"^\[C021\] .*: invalid YAML"):
        registry(_extension(tmp_path, "sources: [\n"))
    with pytest.raises(ConfigError, match=r"^\[C021\] .*: registry must be a mapping"):
        registry(_extension(tmp_path, "- a list\n"))
