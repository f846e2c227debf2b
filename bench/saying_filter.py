"""What the saying filter (``extract/attribution/saying.py``) costs on PolNeAR's own scheme.

The filter leaves out an attribution whose cue reports nothing said: a subject's wants,
votes and support, the first person's own mind, the reader addressed, a state ("It is
gratifying that") and a topic ("spoke about"). PolNeAR annotates many of these as
attributions. This bench applies ``silence`` to every *gold* relation of a split (its source
and cue text, as the filter reads an extracted one) and counts, by reason, the gold relations
the filter would drop were they extracted exactly: a ceiling on the recall the filter can
cost, read without running the extractor. It parses each document with the bundled pipeline
(the filter reads the cue's part-of-speech tags) and runs no encoder.

The filter came with commits f068a85 and d77c397 (2026-11-30), which is where PolNeAR dev
exact source F1 fell from 82.1 to 80.9 (README, "Attribution").

    python bench/saying_filter.py [--split train] [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.brat import parse_ann
from bench.common import DATA, write_result
from bench.eval_attribution import documents
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.attribution.saying import Silence, silence
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span

EXAMPLES = 5  # commonest cues printed per reason (printed only: nothing of the corpus is kept)


def as_raw(
    text: str, source: tuple[tuple[int, int], ...], cue: tuple[tuple[int, int], ...]
) -> RawAttribution:
    """A gold relation in the shape the filter reads (only the speaker's and cue's text count)."""

    def span(fragments: tuple[tuple[int, int], ...]) -> Span:
        words = " ".join(text[a:b] for a, b in fragments)
        return Span(fragments[0][0], fragments[-1][1], words)

    return RawAttribution(span(source), 0, span(cue), span(cue), False, "", 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train", choices=["dev", "train"])
    parser.add_argument("--data", type=Path, default=DATA / "polnear", help="PolNeAR folder")
    args = parser.parse_args()

    started = time.process_time()
    reasons: Counter[Silence] = Counter()
    cues: dict[Silence, Counter[str]] = {r: Counter() for r in Silence}
    judged = 0
    nlp = load_pipeline()
    for _doc, text_path, ann_path in documents(args.data, args.split):
        text = text_path.read_text(encoding="utf-8")
        doc = nlp(text)
        for gold in parse_ann(ann_path.read_text(encoding="utf-8")):
            if not gold.source or not gold.cue:
                continue
            judged += 1
            raw = as_raw(text, gold.source, gold.cue)
            if (why := silence(raw, doc)) is not None:
                reasons[why] += 1
                cues[why][raw.cue.text.lower()] += 1
    dropped = sum(reasons.values())
    print(f"{args.split}: {dropped} of {judged} gold relations with a source and a cue dropped")
    for why, n in reasons.most_common():
        common = ", ".join(c for c, _ in cues[why].most_common(EXAMPLES))
        print(f"  {n:5d} {why.value:<14} {common}")
    figures = {
        "split": args.split,
        "gold_relations_with_source_and_cue": judged,
        "dropped": dropped,
        "dropped_share": round(dropped / judged, 4) if judged else None,
        "by_reason": {str(r): n for r, n in reasons.most_common()},
        "cpu_seconds": round(time.process_time() - started, 2),
    }
    print(f"wrote {write_result(f'saying_filter_{args.split}', figures)}")


if __name__ == "__main__":
    main()
