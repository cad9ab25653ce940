"""The names filter's edits on one article: the dictionary's spellings, lost list commas, then the
article's own majority spellings (see :mod:`normalize.filters.names`).

>>> [e.replacement for e in names_edits("groups linked to al Qaeda and Al Qaeda", None, "")]
['al-Qaeda', 'al-Qaeda']
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

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
    apostrophe = "\u2019" if text.count("\u2019") > text.count("'") else "'"
    groups: dict[Entry, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[mention.entry].append(mention)
    for entry, group in groups.items():
        safe = {id(m) for m in group if any(m.spelled(known) for known in entry.spellings)
                or case_risk(m.spelling, _written(entry.canonical, m, apostrophe), initial=m.initial) is None}
        plain = {straight(m.spelling) for m in group if id(m) in safe and not m.initial}
        used = sorted(plain | {straight(m.spelling) for m in group if id(m) in safe and m.initial
                               and not any(m.spelled(spelling) for spelling in plain)})
        known = [spelling for spelling in used if any(spelling == straight(k) for k in entry.spellings)]
        target = known[0] if len(known) == 1 and not entry.imposed else entry.canonical
        named = any(m.spelled(entry.canonical) for m in group)
        for mention in group:
            wanted = _written(target, mention, apostrophe)
            if mention.spelled(wanted):
                continue
            # A sentence's first word spelled like a plain mention ('Nato' opening a sentence, 'nato'
            # elsewhere) is that spelling: rewritten when it is, or a second run would see two.
            judged = next((p for p in plain if mention.spelled(p)), None) if mention.initial else None
            if id(mention) not in safe:
                if named and mention.spelling.islower():  # 'turkey' in an article naming Turkey
                    yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} is also a common word: "
                               f"left alone, though the article names {entry.canonical} ({entry.kind})", apply=False)
            elif len(used) > 1:
                whose = "the article's" if target != entry.canonical else "the dictionary's"
                yield Edit(mention.start, mention.end, wanted, f"the article spells {entry.canonical} {len(used)} "
                           f"ways ({', '.join(map(repr, used))}): {whose} spelling")
            elif entry.imposed:
                yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} -> {wanted!r}: the spelling your dictionary or house style imposes")
            elif not known and judged not in (None, straight(mention.spelling)):
                if not _title_case_only(judged, target):
                    yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} opens a sentence, spelled "
                               f"{judged!r} elsewhere: no known spelling of {entry.canonical} ({entry.kind})")
            elif not known and not _title_case_only(mention.spelling, wanted):
                yield Edit(mention.start, mention.end, wanted, f"{mention.spelling!r} is no known spelling of {entry.canonical} ({entry.kind})")


def _title_case_only(spelling: str, wanted: str) -> bool:
    """'Cia' for 'CIA' used alone: maybe a house style, maybe another word ('Cia', a company)."""
    return " " not in spelling and not spelling.islower() and case_changes(spelling, wanted)


def _written(canonical: str, mention: Mention, apostrophe: str) -> str:
    """The canonical spelling as this mention should show it: its apostrophe, a sentence's capital."""
    used = [char for char in mention.spelling if char in APOSTROPHES]
    written = canonical.replace("'", used[0] if used else apostrophe)
    return written[:1].upper() + written[1:] if mention.initial else written
