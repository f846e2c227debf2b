"""The word lists the extraction rules read (``taxonomy/words/*.yaml``, ``taxonomy/words.py``)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from corroborate.taxonomy import words

EXTRACT = Path(__file__).resolve().parents[2] / "src" / "corroborate" / "extract"


def _files() -> list[str]:
    folder = resources.files("corroborate.taxonomy").joinpath("words")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def test_every_topic_file_is_named_and_every_named_topic_has_a_file() -> None:
    assert _files() == sorted(words.TOPICS)


@pytest.mark.parametrize("topic", words.TOPICS)
def test_every_list_loads_says_what_it_is_for_and_is_not_empty(topic: str) -> None:
    lists, abouts = words.topic(topic), words.about(topic)
    assert lists, topic
    for key, listed in lists.items():
        assert listed, f"{topic}/{key} is empty"
        assert all(isinstance(w, str) and w for w in listed), f"{topic}/{key} holds a blank"
        assert len(abouts[key].split()) >= 4, f"{topic}/{key} does not say what it is for"


@pytest.mark.parametrize("topic", words.TOPICS)
def test_words_are_quoted_so_yaml_reads_no_word_as_a_boolean(topic: str) -> None:
    # "on", "no", "yes" are booleans to YAML 1.1 when bare; a list of strings must stay strings
    path = resources.files("corroborate.taxonomy").joinpath(f"words/{topic}.yaml")
    for key, entry in yaml.safe_load(path.read_text("utf-8")).items():
        assert all(isinstance(w, str) for w in entry["words"]), f"{topic}/{key}"


def test_every_list_is_read_by_the_extraction_code() -> None:
    code = "\n".join(p.read_text("utf-8") for p in EXTRACT.rglob("*.py"))
    for topic in words.TOPICS:
        for key in words.topic(topic):
            assert re.search(rf'word_(?:list|set)\(\s*"{topic}",\s*"{key}"\s*\)', code), (
                f"{topic}/{key} is read by no extract module"
            )


def test_order_is_kept_where_the_position_is_the_value() -> None:
    assert words.word_list("numbers", "unit_words")[:3] == ("zero", "one", "two")
    assert words.word_list("numbers", "months")[0] == "january"
    assert words.word_list("numbers", "weekdays")[6] == "sunday"  # date.weekday() == 6


def test_a_set_and_a_list_of_one_key_hold_the_same_words() -> None:
    assert words.word_set("speech", "speech_verbs") == set(
        words.word_list("speech", "speech_verbs")
    )
    assert "say" in words.word_set("speech", "speech_verbs")


def test_an_unknown_list_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        words.word_list("speech", "no_such_list")
