"""Install a trained attribution tagger as package data, keeping numbers only.

A spaCy pipeline saves every string its vocabulary met in training (``vocab/strings.json``):
for PolNeAR that is a word list of its articles, which must not be redistributed. The tagger
does not need it (its embeddings hash the text at run time), so the installed copy keeps only
the labels. The script checks that the stripped copy tags a sample text exactly as the
trained one does before it replaces the installed model.

    python training/attribution/package.py TRAINED_DIR [INSTALL_DIR]
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "src" / "corroborate" / "extract" / "attribution_model"
PROBE = (
    "“We found the cells full,” the monitor said on Tuesday. According to the ministry, "
    "the strike killed two civilians. The mayor vowed to rebuild the school, and residents "
    "told reporters that soldiers had taken their phones."
)


def main() -> None:
    trained = Path(sys.argv[1])
    install = Path(sys.argv[2]) if len(sys.argv) > 2 else INSTALL
    nlp = spacy.load(trained)
    expected = [(e.start_char, e.end_char, e.label_) for e in nlp(PROBE).ents]
    with tempfile.TemporaryDirectory() as scratch:
        staged = Path(scratch) / "model"
        nlp.to_disk(staged)
        config = (staged / "config.cfg").read_text(encoding="utf-8")
        config = re.sub(r"(?m)^(train|dev) = .*$", r"\1 = null", config, count=2)
        (staged / "config.cfg").write_text(config, encoding="utf-8")  # no build paths
        labels = sorted(nlp.get_pipe("ner").labels)
        (staged / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
        meta = json.loads((staged / "meta.json").read_text(encoding="utf-8"))
        meta.update(
            name="corroborate_attribution",
            description="Attribution tagger (SOURCE, CUE, CONTENT) trained on PolNeAR train; "
            "weights only, no text of the corpus.",
            sources=[{"name": "PolNeAR v1.0.0 (train split)", "license": "none stated"}],
            performance={},
        )
        (staged / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        got = [(e.start_char, e.end_char, e.label_) for e in spacy.load(staged)(PROBE).ents]
        if got != expected:
            raise SystemExit(f"stripped model tags differently: {got} != {expected}")
        shutil.rmtree(install, ignore_errors=True)
        shutil.copytree(staged, install)
    print(f"installed {install} ({len(labels)} labels, {len(expected)} spans on the probe)")


if __name__ == "__main__":
    main()
