"""What changed between two versions of a text, line by line and, inside a changed line, word
by word (Python's ``difflib``).

The result is a list of blocks that together hold both texts completely: joining the old side
of every block gives the old text, joining the new side gives the new text (the tests check
this for any two texts). Templates show removed words as ``<del>`` and added words as
``<ins>``, with a sign and a hidden word for screen readers, so the difference never rests on
colour alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"
CONTEXT = 2
"""Unchanged lines shown around a change; longer runs are folded."""

_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    """A run of words inside a changed line: ``op`` is "same", "added" or "removed"."""

    op: str
    text: str


@dataclass
class Block:
    op: str
    """"same", "added", "removed" or "changed"."""
    old: list[str] = field(default_factory=list)
    """Lines on the old side (with their line endings)."""
    new: list[str] = field(default_factory=list)
    old_pieces: list[Piece] = field(default_factory=list)
    """For "changed": the old lines as pieces ("same" and "removed")."""
    new_pieces: list[Piece] = field(default_factory=list)
    """For "changed": the new lines as pieces ("same" and "added")."""
    folded: bool = False
    """For "same": a long unchanged run the page folds away."""

    @property
    def lines(self) -> list[str]:
        """The lines to show for "same", "added" and "removed" blocks (without endings)."""
        return [line.rstrip("\r\n") for line in (self.new if self.op != REMOVED else self.old)]


@dataclass
class Diff:
    blocks: list[Block]

    @property
    def old_text(self) -> str:
        return "".join("".join(block.old) for block in self.blocks)

    @property
    def new_text(self) -> str:
        return "".join("".join(block.new) for block in self.blocks)

    @property
    def changed(self) -> bool:
        return any(block.op != SAME for block in self.blocks)

    @property
    def counts(self) -> dict[str, int]:
        """Lines added, removed and changed, for the one-line summary."""
        counts = {ADDED: 0, REMOVED: 0, CHANGED: 0}
        for block in self.blocks:
            if block.op == ADDED:
                counts[ADDED] += len(block.new)
            elif block.op == REMOVED:
                counts[REMOVED] += len(block.old)
            elif block.op == CHANGED:
                counts[CHANGED] += max(len(block.old), len(block.new))
        return counts


def words(text: str) -> list[str]:
    """Words, runs of white space and single other characters: together exactly ``text``."""
    return _WORDS.findall(text)


def _pieces(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    a, b = words(old), words(new)
    old_pieces, new_pieces = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old_pieces.append(Piece(SAME, "".join(a[i1:i2])))
            new_pieces.append(Piece(SAME, "".join(b[j1:j2])))
            continue
        if i2 > i1:
            old_pieces.append(Piece(REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            new_pieces.append(Piece(ADDED, "".join(b[j1:j2])))
    return _merged(old_pieces), _merged(new_pieces)


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of the same kind as one (fewer, longer ``<ins>``/``<del>``)."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].op == piece.op:
            out[-1] = Piece(piece.op, out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def _fold(blocks: list[Block]) -> list[Block]:
    """Split long unchanged runs into shown context and a folded middle."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if block.op != SAME:
            out.append(block)
            continue
        size = len(block.new)
        keep_start = CONTEXT if index > 0 else 0
        keep_end = CONTEXT if index < len(blocks) - 1 else 0
        if size <= keep_start + keep_end + 1:
            out.append(block)
            continue
        cuts = [
            (0, keep_start, False),
            (keep_start, size - keep_end, True),
            (size - keep_end, size, False),
        ]
        for start, end, folded in cuts:
            if end > start:
                out.append(
                    Block(SAME, old=block.old[start:end], new=block.new[start:end], folded=folded)
                )
    return out


def diff_texts(old: str, new: str) -> Diff:
    """The difference between ``old`` and ``new``: whole lines added or removed, and lines
    replaced by others with the changed words marked."""
    a = (old or "").splitlines(keepends=True)
    b = (new or "").splitlines(keepends=True)
    # Lines are compared without their line ending (a last line without a newline is the same
    # line); both sides keep their own endings, so each text is rebuilt exactly.
    keys_a = [line.rstrip("\r\n") for line in a]
    keys_b = [line.rstrip("\r\n") for line in b]
    blocks: list[Block] = []
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            blocks.append(Block(SAME, old=a[i1:i2], new=b[j1:j2]))
        elif tag == "delete":
            blocks.append(Block(REMOVED, old=a[i1:i2]))
        elif tag == "insert":
            blocks.append(Block(ADDED, new=b[j1:j2]))
        else:
            old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
            old_pieces, new_pieces = _pieces(old_part, new_part)
            blocks.append(
                Block(
                    CHANGED,
                    old=a[i1:i2],
                    new=b[j1:j2],
                    old_pieces=old_pieces,
                    new_pieces=new_pieces,
                )
            )
    return Diff(_fold(blocks))


def pieces_text(pieces: list[Piece]) -> str:
    return "".join(piece.text for piece in pieces)
