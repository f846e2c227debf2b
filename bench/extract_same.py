"""Whether a change to the extraction code changed what it extracts: every attribution and
allegation, in full, over the sample corpus's reports and the first 40 ECB+ articles after them
(the texts of ``bench/extract.py``), with the encoder and with ``--fast``; with ``--polnear``,
every PolNeAR dev document as well, with the encoder, as ``bench/eval_attribution.py`` reads it.

Each report's extraction is written as one line of canonical JSON (every field of every
record, certainty included); a run before a change and one after must give the same file.

    python bench/extract_same.py --out /tmp/before.jsonl      # on the code before
    python bench/extract_same.py --out /tmp/after.jsonl --against /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DATA
from bench.eval_attribution import documents
from bench.extract import reports
from corroborate.extract import Extraction, Extractor
from corroborate.ingest import read_file
from corroborate.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
NEWS = 40  # ECB+ articles after the sample corpus


def _record(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def line(mode: str, extraction: Extraction) -> str:
    """One report's extraction as canonical JSON."""
    value = {
        "mode": mode,
        "report_id": extraction.report_id,
        "attributions": [_record(a) for a in extraction.attributions],
        "allegations": [_record(a) for a in extraction.allegations],
        "error": extraction.error,
    }
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sample_count() -> int:
    corpus = sorted((ROOT / "samples" / "corpus").rglob("*"))
    files = [p for p in corpus if p.is_file() and "broken" not in p.parts]
    return sum(len(read_file(p, settings=Settings())) for p in files)


def lines(*, polnear: bool) -> list[str]:
    items = reports(_sample_count() + NEWS)
    found: list[str] = []
    for mode, encoder in (("encoder", True), ("fast", False)):
        extractor = Extractor.load(encoder=encoder)
        found.extend(line(mode, e) for e in extractor.extract_reports(items))
    if polnear:
        extractor = Extractor.load()
        for doc, text, _ in documents(DATA / "polnear", "dev"):
            extraction = extractor.extract(text.read_text(encoding="utf-8"), report_id=doc)
            found.append(line("polnear-dev", extraction))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--against", type=Path, help="a file written before the change")
    parser.add_argument("--polnear", action="store_true", help="PolNeAR dev documents too")
    args = parser.parse_args()
    found = lines(polnear=args.polnear)
    args.out.write_text("\n".join(found) + "\n", encoding="utf-8")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"{len(found)} extractions, {usage.ru_utime + usage.ru_stime:.1f} CPU-s")
    if args.against is None:
        return
    before = args.against.read_text(encoding="utf-8").splitlines()
    differing = [n for n, (a, b) in enumerate(zip(before, found, strict=False)) if a != b]
    if len(before) != len(found) or differing:
        raise SystemExit(f"DIFFERENT: {len(before)} vs {len(found)} lines; differing {differing}")
    print("identical")


if __name__ == "__main__":
    main()
