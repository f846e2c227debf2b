"""One parsed document's extraction (``extract/document.py``): what is no claim of its own."""

from __future__ import annotations

import pytest

from corroborate.extract import Extractor

RELAYED = (
    "The governor said that residents were tortured in the basement. "
    "The torture claim was reported by TASS."
)


@pytest.mark.parametrize("encoder", [False, True])
def test_an_outlet_relaying_a_claim_is_its_chain_not_a_second_origin(encoder: bool) -> None:
    """PolNeAR marks "The claim was reported by TASS" as TASS's attribution, so its F1 cannot
    see this rule (``bench/ablation.py``); kept, the relay would give TASS an allegation of
    torture of its own: one claim counted as two origins."""
    found = Extractor.load(encoder=encoder).extract(RELAYED)
    assert [(a.speaker.span.text, a.via) for a in found.attributions] == [
        ("The governor", ("TASS",))
    ]
    assert len(found.allegations) == 1


def test_a_sentence_after_a_statement_is_not_the_speaker_s_without_a_cue() -> None:
    """What a report says itself after quoting someone stays its own: "Their size is
    consistent with a 220 mm multiple-launch rocket" is the monitor's assessment of what the
    police showed, not the police's statement (the sample corpus's Kramatorsk site visit)."""
    text = (
        "3. Munition remnants. Police showed the team a rocket motor section and a tail fin "
        "assembly. Their size is consistent with a 220 mm multiple-launch rocket. DMG could "
        "not examine the remnants independently or establish the direction of fire."
    )
    found = Extractor.load().extract(text).attributions
    assert [a.speaker.span.text for a in found] == ["Police"]
    assert "220 mm" not in found[0].content.text
