"""The dependency direction of STYLE.md, checked on the import statements.

Vocabulary (model, ids, errors, settings, taxonomy) imports nothing of ours but itself;
``store`` imports the vocabulary; stages import the vocabulary and ``store``, never each
other; ``pipeline`` imports stages; nothing imports the adapters (cli, api, web).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "corroborate"
VOCABULARY = {"model", "ids", "errors", "settings", "taxonomy"}
STAGES = {"ingest", "extract", "link", "grade", "review", "export"}
ADAPTERS = {"cli", "api", "web"}


def layer(module: str) -> str:
    top = module.split(".")[0]
    if top in VOCABULARY:
        return "vocabulary"
    if top in STAGES:
        return f"stage:{top}"
    if top in ADAPTERS:
        return "adapter"
    if top == "results":  # the run's assembly of stage outputs belongs with the pipeline
        return "pipeline"
    return top


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("corroborate.")
        ):
            found.add(node.module.removeprefix("corroborate."))
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("corroborate.")
                for a in node.names
                if a.name.startswith("corroborate.")
            )
    return found


def allowed(source: str, target: str) -> bool:
    mine, theirs = layer(source), layer(target)
    if mine == theirs:
        return True
    if mine == "vocabulary":
        return False
    if mine == "store":
        return theirs == "vocabulary"
    if mine.startswith("stage:"):
        return theirs in {"vocabulary", "store"}
    if mine == "pipeline":
        return theirs != "adapter"
    return mine == "adapter" or mine == "__main__"


def test_dependency_direction() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        source = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for target in imports(path):
            if not allowed(source, target):
                wrong.append(f"{source} imports {target}")
    assert not wrong, wrong
