"""No extract module spells out a word list: the lists live in ``taxonomy/words/*.yaml``.

A literal collection of more than ``LONGEST`` strings (a set, tuple or list, or a string
split into words) is a vocabulary that grows case by case, so it belongs in data where each
list says what it is for. Up to four items reads as one idea at the point of use
(``("case", "prep")``, ``{"No", "Nos", "no", "nos"}``, the three expletives "it", "this",
"that"); no list of five or more in the code before the move was of that kind. ``Literal[...]``
types (closed sets of names a type checker reads) are no word lists.
"""

from __future__ import annotations

import ast
from pathlib import Path

EXTRACT = Path(__file__).resolve().parents[2] / "src" / "corroborate" / "extract"
LONGEST = 4


def _literal_types(tree: ast.AST) -> set[ast.AST]:
    """Nodes that spell names, not words: ``Literal[...]`` types and a module's ``__all__``."""
    inside: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "Literal":
            inside |= set(ast.walk(node.slice))
        elif isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "__all__" for t in node.targets
        ):
            inside |= set(ast.walk(node.value))
    return inside


def _word_lists(source: str) -> list[tuple[int, int]]:
    """(line, size) of each literal collection of strings longer than ``LONGEST``."""
    tree = ast.parse(source)
    types = _literal_types(tree)
    found = []
    for node in ast.walk(tree):
        if node in types:
            continue
        if isinstance(node, ast.Set | ast.Tuple | ast.List):
            items = node.elts
            if items and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in items
            ):
                found.append((node.lineno, len(items)))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and not node.args
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            found.append((node.lineno, len(node.func.value.value.split())))
    return sorted((line, size) for line, size in found if size > LONGEST)


def test_no_extract_module_spells_out_a_word_list() -> None:
    found = {
        f"{path.relative_to(EXTRACT)}:{line} ({size} items)"
        for path in EXTRACT.rglob("*.py")
        for line, size in _word_lists(path.read_text("utf-8"))
    }
    assert not found, f"word lists to move to taxonomy/words/: {sorted(found)}"


def test_the_check_finds_a_list_a_split_string_and_passes_a_literal_type() -> None:
    source = (
        'A = frozenset({"a", "b", "c", "d", "e"})\n'
        'B = "one two three four five".split()\n'
        'C = ("x", "y")\n'
        'D = Literal["p", "q", "r", "s", "t"]\n'
        "E = [1, 2, 3, 4, 5]\n"
        '__all__ = ["F", "G", "H", "I", "J"]\n'
        'K = ["f", "g", "h", "i", "j"]\n'
    )
    assert _word_lists(source) == [(1, 5), (2, 5), (7, 5)]
