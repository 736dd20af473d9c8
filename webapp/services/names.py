"""Students' names as people read them: two names that look the same are the same name.

A name is normalised before it is looked up or stored: Unicode NFC (an "é" typed as e + accent
equals the precomposed one), invisible format characters removed (zero-width spaces and joiners,
the byte-order mark, and the bidirectional overrides that make "Ada" display as another name;
Unicode category Cf), and runs of spaces collapsed. A new name is then compared with the class's
names by its *skeleton* (Unicode TR39): each character replaced by one representative of the
characters it can be mistaken for, so Cyrillic "а" and Greek "α" count as Latin "a", "l", "I" and
"1" as one another. The look-alike table is Unicode's confusables.txt as shipped by the
``confusable-homoglyphs`` package (kept on PyPI); its pairs are closed transitively here, so
that every character of one look-alike group has the same representative.
"""

from __future__ import annotations

import unicodedata
from functools import cache


def normalise_name(name: str) -> str:
    """NFC, no format characters (Cf), single spaces, no spaces at either end."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(char for char in name if unicodedata.category(char) != "Cf")
    return " ".join(name.split())


@cache
def _representatives() -> dict[str, str]:
    """Every character with a look-alike -> the representative of its group (ASCII first, then
    the lowest code point), from a union-find over the package's pairs of single characters."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.get(char, char) != char:
            parent[char] = parent.get(parent[char], parent[char])
            char = parent[char]
        return char

    def rank(char: str) -> tuple[bool, int]:
        return (not char.isascii(), ord(char))

    for char, homoglyphs in confusables_data.items():
        if len(char) != 1:
            continue
        for homoglyph in homoglyphs:
            other = homoglyph["c"]
            if len(other) != 1:
                continue
            first, second = find(char), find(other)
            if first != second:
                keep, drop = (first, second) if rank(first) <= rank(second) else (second, first)
                parent[drop] = keep
    return {char: find(char) for char in parent}


def skeleton(name: str) -> str:
    """What ``name`` looks like: equal skeletons mean names a reader cannot tell apart."""
    table = _representatives()
    mapped = "".join(table.get(char, char) for char in unicodedata.normalize("NFD", normalise_name(name)))
    mapped = unicodedata.normalize("NFD", mapped.casefold())
    return "".join(table.get(char, char) for char in mapped)
