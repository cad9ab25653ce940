"""The names filter's edits on one article: the dictionary's spellings, lost list commas, then the
article's own majority spellings (see :mod:`normalize.filters.names`).

>>> [e.replacement for e in names_edits("groups linked to al Qaeda and Al Qaeda", None, "")]
['al-Qaeda', 'al-Qaeda']
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator, NamedTuple

from normalize.edits import Edit
from normalize.names_dictionary import Entry, Mention, load, straight
from normalize.names_document import case_changes, case_risk, find_mentions, list_commas
from normalize.names_majority import majority_edits

APOSTROPHES = "'\u2019"


def names_edits(text: str, dictionary: str | None, style: str) -> Iterator[Edit]:
    """Yield the dictionary edits, the list commas, then the article's own majority spellings."""
    mentions = find_mentions(text, load(dictionary, style))
    yield from _dictionary_edits(text, mentions)
    yield from list_commas(text, [m for m in mentions if m.spelling[:1].isupper()])
    yield from majority_edits(text, [(m.start, m.end) for m in mentions])


def _dictionary_edits(text: str, mentions: list[Mention]) -> Iterator[Edit]:
    """Entry by entry, how the article spells it (:func:`_entry_spellings`), then the verdict on
    each mention not yet written as it should be (:func:`_mention_verdict`)."""
    apostrophe = "\u2019" if text.count("\u2019") > text.count("'") else "'"
    groups: dict[Entry, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[mention.entry].append(mention)
    for entry, group in groups.items():
        spellings = _entry_spellings(entry, group, apostrophe)
        for mention in group:
            wanted = _written(spellings.target, mention, apostrophe)
            if mention.spelled(wanted):
                continue
            verdict = _mention_verdict(mention, entry, spellings, wanted)
            if verdict is not None:
                reason, apply = verdict
                yield Edit(mention.start, mention.end, wanted, reason, apply=apply)


class EntrySpellings(NamedTuple):
    """How the article spells one dictionary entry, read once for all its mentions (spellings with
    straight apostrophes)."""

    safe: set[int]
    """The ids of the mentions that may be rewritten: a known spelling, or no common word capitalized."""
    plain: set[str]
    """The spellings of the safe mentions inside sentences."""
    used: list[str]
    """The article's spellings, sorted: the plain ones, and a safe sentence opener's unless it is a
    plain one capitalized."""
    known: list[str]
    """Those of ``used`` the dictionary knows."""
    target: str
    """The spelling to write: the one known spelling the article uses, if it uses just one and the
    entry imposes none; else the canonical one."""
    named: bool
    """Some mention is spelled as the canonical name."""


def _entry_spellings(entry: Entry, group: list[Mention], apostrophe: str) -> EntrySpellings:
    safe = {id(m) for m in group if any(m.spelled(known) for known in entry.spellings)
            or case_risk(m.spelling, _written(entry.canonical, m, apostrophe), initial=m.initial) is None}
    plain = {straight(m.spelling) for m in group if id(m) in safe and not m.initial}
    used = sorted(plain | {straight(m.spelling) for m in group if id(m) in safe and m.initial
                           and not any(m.spelled(spelling) for spelling in plain)})
    known = [spelling for spelling in used if any(spelling == straight(k) for k in entry.spellings)]
    target = known[0] if len(known) == 1 and not entry.imposed else entry.canonical
    named = any(m.spelled(entry.canonical) for m in group)
    return EntrySpellings(safe, plain, used, known, target, named)


def _mention_verdict(mention: Mention, entry: Entry, spellings: EntrySpellings, wanted: str) -> tuple[str, bool] | None:
    """Why ``mention`` (not yet spelled ``wanted``) is rewritten as ``wanted``, and whether the edit
    applies (False: only reported); None: left alone, unreported."""
    canonical, kind = entry.canonical, entry.kind
    if id(mention) not in spellings.safe:
        if spellings.named and mention.spelling.islower():  # 'turkey' in an article naming Turkey
            return (f"{mention.spelling!r} is also a common word: left alone, though the article names "
                    f"{canonical} ({kind})"), False
        return None
    if len(spellings.used) > 1:
        whose = "the article's" if spellings.target != canonical else "the dictionary's"
        listed = ", ".join(map(repr, spellings.used))
        return f"the article spells {canonical} {len(spellings.used)} ways ({listed}): {whose} spelling", True
    if entry.imposed:
        return f"{mention.spelling!r} -> {wanted!r}: the spelling your dictionary or house style imposes", True
    if spellings.known:
        return None
    # A sentence's first word spelled like a plain mention ('Nato' opening a sentence, 'nato'
    # elsewhere) is that spelling: rewritten when it is, or a second run would see two.
    judged = next((p for p in spellings.plain if mention.spelled(p)), None) if mention.initial else None
    if judged not in (None, straight(mention.spelling)):
        if _title_case_only(judged, spellings.target):
            return None
        return (f"{mention.spelling!r} opens a sentence, spelled {judged!r} elsewhere: no known spelling of "
                f"{canonical} ({kind})"), True
    if _title_case_only(mention.spelling, wanted):
        return None
    return f"{mention.spelling!r} is no known spelling of {canonical} ({kind})", True


def _title_case_only(spelling: str, wanted: str) -> bool:
    """'Cia' for 'CIA' used alone: maybe a house style, maybe another word ('Cia', a company)."""
    return " " not in spelling and not spelling.islower() and case_changes(spelling, wanted)


def _written(canonical: str, mention: Mention, apostrophe: str) -> str:
    """The canonical spelling as this mention should show it: its apostrophe, a sentence's capital."""
    written = canonical
    if "'" in canonical:  # most names have none: the mention's own apostrophe need not be looked for
        used = [char for char in mention.spelling if char in APOSTROPHES]
        written = canonical.replace("'", used[0] if used else apostrophe)
    return written[:1].upper() + written[1:] if mention.initial else written
