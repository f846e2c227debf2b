"""Which files an ingest takes from the paths it is given (``ingest/walk.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corroborate.ingest.walk import Found, discover

WriteFiles = Callable[[dict[str, bytes | str]], Path]


def _relative(root: Path, found: list[Found]) -> list[tuple[str, bool]]:
    return [(str(f.path.relative_to(root)), f.in_folder) for f in found]


def test_a_folder_is_walked_sorted_and_recursively(write_files: WriteFiles) -> None:
    root = write_files(
        {"b.txt": "b", "a.txt": "a", "sub/z.txt": "z", "sub/deeper/c.txt": "c", "aa/y.txt": "y"}
    )
    assert _relative(root, list(discover([root]))) == [
        ("a.txt", True),
        ("b.txt", True),
        ("aa/y.txt", True),
        ("sub/z.txt", True),
        ("sub/deeper/c.txt", True),
    ]


def test_hidden_entries_inside_a_folder_are_left_out(write_files: WriteFiles) -> None:
    root = write_files({".notes.txt": "x", ".git/config": "x", "kept.txt": "k"})
    assert _relative(root, list(discover([root]))) == [("kept.txt", True)]


def test_a_file_named_directly_is_always_taken(write_files: WriteFiles) -> None:
    root = write_files({".hidden.txt": "x", "excluded.txt": "x"})
    named = [root / ".hidden.txt", root / "excluded.txt"]
    found = list(discover(named, exclude=[root / "excluded.txt"]))
    assert found == [Found(named[0], False), Found(named[1], False)]


def test_excluded_files_and_folders_are_left_out_of_a_folder(write_files: WriteFiles) -> None:
    root = write_files({"store.db": "x", "out/report.json": "x", "keep/a.txt": "a"})
    found = discover([root], exclude=[root / "store.db", root / "out"])
    assert _relative(root, list(found)) == [("keep/a.txt", True)]


def test_an_exclusion_matches_the_real_path(write_files: WriteFiles, tmp_path: Path) -> None:
    root = write_files({"store.db": "x", "a.txt": "a"})
    alias = tmp_path / "alias"
    alias.symlink_to(root, target_is_directory=True)
    found = discover([root], exclude=[alias / "store.db"])
    assert _relative(root, list(found)) == [("a.txt", True)]


def test_a_symlinked_folder_is_not_followed(write_files: WriteFiles, tmp_path: Path) -> None:
    root = write_files({"a.txt": "a"})
    elsewhere = write_files({"secret.txt": "s"})
    (root / "link").symlink_to(elsewhere, target_is_directory=True)
    assert _relative(root, list(discover([root]))) == [("a.txt", True)]
