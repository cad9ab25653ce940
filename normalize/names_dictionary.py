"""The names dictionary: entities with one canonical spelling, and one compiled matcher for all of them.

Rows come from ``names.tsv`` (``canonical<TAB>kind<TAB>variants``, variants ``|``-separated), then
from a user's file in the same format, whose rows replace the shipped rows they overlap: that is how
a user merges ``ISIL`` into ``ISIS``, which the shipped file keeps apart. A house style
(a column of ``names_styles.tsv``) swaps in its own spelling of some canonical names.

Every spelling is reduced to a key (:func:`fold`: letters only, no case, no diacritics), so case,
hyphen or space, apostrophe and diacritic variants need not be listed. All keys are compiled into
one regular expression shaped as a trie (:func:`load`, cached on the options), searched on a copy
of the text with diacritics stripped (:func:`strip_diacritics`, same length, so offsets hold).
Ignoring case makes that search about four times slower, so :func:`matches` runs the same trie
case-sensitively on the lowercased copy whenever that finds exactly the same matches, and tries it
only after a character that is no letter or digit (see :data:`WORD_START`).

>>> names = load(None, "")
>>> text = "Cote d’Ivoire and al Qaeda"
>>> [names.entries[fold(text[start:end])].canonical for start, end in matches(names, text)]
["Côte d'Ivoire", 'al-Qaeda']
>>> fold("Côte d’Ivoire") == fold("cote divoire")
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from normalize import fastpath
from normalize.datafiles import read_table
from normalize.errors import NormalizeError

COLUMNS = ["canonical", "kind", "variants"]
# Between the words of a name: a space, hyphen or apostrophe, or none (the searched copy writes the
# other hyphens and apostrophe as these: see strip_diacritics).
SEPARATOR = "[ \\-']?"
LETTERS = re.compile(r"[^\W_]+")
NOT_LETTERS = re.compile(r"[\W_]+")
ASCII_KEY = re.compile("[a-z0-9\0]*")
NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")


@dataclass(frozen=True)
class Entry:
    """One entity: the spelling to write, its kind, and every spelling some style uses for it."""

    canonical: str
    kind: str
    spellings: frozenset[str]
    imposed: bool
    """Rewrite a known variant even when the article uses it consistently (a user's row or a style)."""


@dataclass(frozen=True)
class Mention:
    """A dictionary name found in a text, as spelled there."""

    start: int
    end: int
    spelling: str
    entry: Entry
    initial: bool
    """It opens a sentence, so its first capital says nothing."""

    def spelled(self, spelling: str) -> bool:
        """Whether this mention is written ``spelling`` (a sentence's first capital and the apostrophe aside)."""
        mine, other = straight(self.spelling), straight(spelling)
        return mine == other or (self.initial and mine[1:] == other[1:] and mine[:1] == other[:1].upper())


def straight(spelling: str) -> str:
    """``spelling`` with a curly apostrophe as a straight one: the two are one spelling."""
    return spelling.replace("\u2019", "'")


@dataclass(frozen=True)
class Names:
    entries: dict[str, Entry]
    """Entry by the key of any of its spellings."""
    pattern: fastpath.Pattern
    """The trie ignoring case, compiled on first use: the fast path needs only ``lowercase_pattern``."""
    lowercase_pattern: re.Pattern[str] | None
    """The same trie matching case-sensitively, for lowercased text after a space (group 1 is the
    name; see :data:`WORD_START`); None when a spelling has a letter outside a-z and 0-9 (no proof
    then that lowercasing finds the same matches)."""


# Outside ASCII, only these characters match a letter of a-z while ignoring case, yet lowercase to
# another character ('ı' dotless i, 'ſ' long s: tests/test_names_fast_path.py checks every code
# point); a character whose lowercase is longer ('İ') shows as a change of length. Looked for with
# ``in``, one character at a time: str's search for a character is much faster than re's for a set.
CASE_ALIASES = "\u0131\u017f"


# The lowercase trie starts by reading the character before a name: a pattern whose first item is
# a class of characters is searched in a tight loop over the text, and this one (no a-z, no digit)
# starts the trie only where a word may begin instead of at every position. The lookbehind keeps the
# rule of ``(?<!\w)``; a match ends with a letter or digit, so the character before the next match
# never belongs to the previous one, and the same matches come out in the same order.
WORD_START = "[^a-z0-9](?<!\\w)"


def matches(names: Names, text: str) -> Iterator[tuple[int, int]]:
    """The spans of the dictionary matches in ``text`` (found on its copy without diacritics);
    without fast paths the trie always ignores case, which is slower and finds the same matches."""
    stripped = strip_diacritics(text)
    if fastpath.enabled() and names.lowercase_pattern is not None:
        lowered = stripped.lower()
        if len(lowered) == len(stripped) and (lowered.isascii() or not any(alias in stripped for alias in CASE_ALIASES)):
            return ((match.start(1) - 1, match.end(1) - 1) for match in names.lowercase_pattern.finditer(" " + lowered))
    return map(re.Match.span, names.pattern.finditer(stripped))


def fold(text: str) -> str:
    """The key of a spelling: its letters and digits, without case or diacritics."""
    if text.isascii():  # most spellings are one word, which needs no regular expression
        return text.lower() if text.isalnum() else NOT_LETTERS.sub("", text).lower()
    return "".join(char for char in unicodedata.normalize("NFKD", text) if char.isalnum()).casefold()


class _StripTable(dict):
    """``str.translate`` table mapping a letter with diacritics to its base letter, filled on demand."""

    def __missing__(self, code: int) -> str:
        base = unicodedata.normalize("NFD", chr(code))[0]
        self[code] = base if base.isascii() and base.isalpha() else chr(code)
        return self[code]


# Compiling a character class that holds a character outside Latin-1 costs re a map of 65,536
# entries, and the trie repeats its separator at every word break: with these written as ASCII in
# the searched copy, its separator is ASCII and the trie compiles in under half the time.
_STRIP = _StripTable({ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2019"): "'"})


def strip_diacritics(text: str) -> str:
    """``text`` with ``é`` as ``e`` and so on, and ``‐ ‑ ’`` as ``- - '``, one character for one,
    so offsets stay valid."""
    return text if text.isascii() else NON_ASCII_RUN.sub(_strip_run, text)  # translating ASCII too is slower


def _strip_run(match: re.Match[str]) -> str:
    return match[0].translate(_STRIP)


@functools.cache
def load(dictionary: str | None, style: str) -> Names:
    """The entries and compiled matcher for a user dictionary path (or None) and a style ("": none)."""
    entries: dict[str, Entry] = {}
    for row in read_table("names.tsv"):
        _add(entries, row, imposed=False)
    if dictionary is not None:
        for row in _read_user_rows(Path(dictionary)):
            for key in {fold(spelling) for spelling in _spellings(row)}:
                old = entries.get(key)
                for old_key in [k for k, entry in entries.items() if entry is old]:
                    del entries[old_key]
            _add(entries, row, imposed=True)
    if style:
        entries = _apply_style(entries, style)
    words = _trie_words(entries)
    trie = _trie(words)
    ascii_only = all(ASCII_KEY.fullmatch(key) for key in words)
    lowercase = re.compile(rf"{WORD_START}({trie})(?!\w)") if ascii_only else None
    return Names(entries, fastpath.LazyPattern(rf"(?<!\w)(?:{trie})(?!\w)", re.IGNORECASE), lowercase)


def styles() -> tuple[str, ...]:
    """The house styles: the columns of ``names_styles.tsv`` after ``canonical``."""
    return tuple(name for name in read_table("names_styles.tsv")[0] if name != "canonical")


def _spellings(row: dict[str, str]) -> list[str]:
    return [row["canonical"], *filter(None, row["variants"].split("|"))]


def _add(entries: dict[str, Entry], row: dict[str, str], *, imposed: bool) -> None:
    spellings = frozenset(_spellings(row))
    entry = Entry(row["canonical"], row["kind"], spellings, imposed)
    for spelling in spellings:
        entries[fold(spelling)] = entry


def _apply_style(entries: dict[str, Entry], style: str) -> dict[str, Entry]:
    swapped = {}
    for row in read_table("names_styles.tsv"):
        if row[style]:
            entry = entries[fold(row["canonical"])]
            swapped[entry] = Entry(row[style], entry.kind, entry.spellings | {row[style]}, True)
    return {key: swapped.get(entry, Entry(entry.canonical, entry.kind, entry.spellings, True))
            for key, entry in entries.items()}


def _read_user_rows(path: Path) -> list[dict[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise NormalizeError(f"{path}: cannot read the names dictionary: {error}") from error
    numbered = [(number, line.split("\t")) for number, line in enumerate(lines, 1)
                if line.strip() and not line.startswith("#")]
    if not numbered or numbered[0][1] != COLUMNS:
        raise NormalizeError(f"{path}: a names dictionary starts with the header line {chr(9).join(COLUMNS)!r}")
    for number, cells in numbered[1:]:
        if len(cells) != len(COLUMNS) or not fold(cells[0]):
            raise NormalizeError(f"{path}:{number}: expected 'canonical<TAB>kind<TAB>variants', got {chr(9).join(cells)!r}")
    return [dict(zip(COLUMNS, cells, strict=True)) for _, cells in numbered[1:]]


def _trie_words(entries: dict[str, Entry]) -> list[str]:
    """Every spelling as the trie spells it: its words, lowercase, without diacritics, a NUL between."""
    spellings = {spelling for entry in entries.values() for spelling in entry.spellings}
    return ["\0".join(LETTERS.findall(strip_diacritics(spelling).lower())) for spelling in spellings]


def _trie(words: list[str]) -> str:
    """One alternation for every spelling (:func:`_trie_words`), factored by common prefixes so matching stays fast."""
    root: dict = {}
    for spelling in words:
        node = root
        for char in spelling:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict) -> str:
    branches = [(SEPARATOR if char == "\0" else char) + _node_pattern(child)  # a letter or digit needs no escape
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
