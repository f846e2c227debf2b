"""BERT's uncased WordPiece tokenisation, with every piece's offsets in the original text.

It reproduces the ``BertNormalizer`` + ``BertPreTokenizer`` + ``WordPiece`` pipeline of the
encoder's ``tokenizer.json`` (clean text, CJK ideographs split apart, accents stripped, lower
case; words split at white space and at every punctuation character; greedy longest-match
pieces with ``##`` continuations, ``[UNK]`` for a word that cannot be covered or is longer
than 100 characters). ``training/encoder/export.py`` checks, on every document it trains on,
that the ids are those of the reference implementation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_WORD = 100


@dataclass(frozen=True, slots=True)
class Piece:
    """One word piece: its vocabulary id, its word's index, its offsets in the text."""

    id: int
    word: int
    start: int
    end: int


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf")


def _is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _normalised(ch: str) -> str:
    """One character as the normaliser leaves it: accents stripped, then lower case."""
    if ch.isascii():
        return ch.lower()
    bare = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
    return bare.lower()


class WordPiece:
    """A vocabulary and the tokenisation that uses it."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.unk = vocab["[UNK]"]
        self._cache: dict[str, list[tuple[int, int, int]]] = {}

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        """``vocab.txt``: one piece a line, the line number its id."""
        lines = path.read_text("utf-8").splitlines()
        return cls({piece: i for i, piece in enumerate(lines)})

    def words(self, text: str) -> list[tuple[str, list[int]]]:
        """The normalised words of ``text``, each with the original offset of every one of
        its characters."""
        out: list[tuple[str, list[int]]] = []
        chars: list[str] = []
        where: list[int] = []

        def close() -> None:
            if chars:
                out.append(("".join(chars), where.copy()))
                chars.clear()
                where.clear()

        for i, ch in enumerate(text):
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or _is_control(ch):
                continue  # removed, without splitting the word ("news\xadpaper")
            if _is_whitespace(ch):
                close()
                continue
            if _is_cjk(cp):
                close()
                out.append((ch, [i]))
                continue
            for n in _normalised(ch):
                if _is_punctuation(n):
                    close()
                    out.append((n, [i]))
                elif _is_whitespace(n) or _is_control(n):
                    close()
                else:
                    chars.append(n)
                    where.append(i)
        close()
        return out

    def _split(self, word: str) -> list[tuple[int, int, int]]:
        """(id, start, end) of each piece of one normalised word, offsets into the word."""
        found = self._cache.get(word)
        if found is not None:
            return found
        pieces: list[tuple[int, int, int]] = []
        if len(word) > MAX_WORD:
            pieces = [(self.unk, 0, len(word))]
        start = 0
        while not pieces or pieces[-1][2] < len(word):
            end, piece = len(word), None
            while start < end:
                candidate = word[start:end] if start == 0 else "##" + word[start:end]
                if candidate in self.vocab:
                    piece = self.vocab[candidate]
                    break
                end -= 1
            if piece is None:
                pieces = [(self.unk, 0, len(word))]
                break
            pieces.append((piece, start, end))
            start = end
        if len(self._cache) < 200_000:
            self._cache[word] = pieces
        return pieces

    def encode(self, text: str) -> list[Piece]:
        """Every piece of ``text`` in order, with offsets into ``text``."""
        out = []
        for n, (word, where) in enumerate(self.words(text)):
            for piece, start, end in self._split(word):
                out.append(Piece(piece, n, where[start], where[end - 1] + 1))
        return out
